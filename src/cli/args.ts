/**
 * Command-line flags. A {@link Flag} carries its name, its help, its parser
 * and its default, so that one table gives the help text, the parsing and
 * the defaults. {@link parseCommandLine} reads argv against a table and
 * returns every problem at once (an unknown flag, a missing value, a flag
 * given twice, a stray argument, a bad value), one line each.
 *
 * @module
 */
import { either as E } from 'fp-ts'

/** One flag of a command: `--name VALUE`, or a switch `--name` when `value` is absent. */
export interface Flag<A> {
  /** Its name on the command line, without the dashes (`batch-size`). */
  readonly name: string
  /** The placeholder of its value (`N`, `RATE`); absent for a switch like `--help`. */
  readonly value?: string
  readonly help: string
  /** Reads the value; a `Left` says what is wrong, after the flag's name ("must be a number > 0 (got 0)"). */
  readonly parse: (raw: string) => E.Either<string, A>
  /** The value when the flag is not given, if that does not depend on other flags or on the data. */
  readonly default?: A
  /** The default as the help shows it, when it is not just `String(default)`. */
  readonly defaultText?: string
}

/** A flag with a fixed default. */
export type Defaulted<A> = Flag<A> & { readonly default: A }

/** A command's flags, by the name of the setting each one gives. */
export type FlagTable = Readonly<Record<string, Flag<unknown>>>

/** The value of each flag of a table: the default (or undefined) where it was not given. */
export type Values<T extends FlagTable> = {
  readonly [K in keyof T]: T[K] extends Defaulted<infer A> ? A : T[K] extends Flag<infer A> ? A | undefined : never
}

/** A parsed command line: the values, and which flags were given. */
export interface Parsed<T extends FlagTable> {
  readonly values: Values<T>
  readonly given: ReadonlySet<keyof T>
}

/** A flag (the identity, so that its value type is inferred from its parser). */
export const flag = <A>(f: Flag<A>): Flag<A> => f

/** A flag with a fixed default (the identity, so that its value type is inferred). */
export const defaulted = <A>(f: Defaulted<A>): Defaulted<A> => f

/** A switch: true when given, false otherwise. */
export const switchFlag = (name: string, help: string): Defaulted<boolean> => ({
  name,
  help,
  parse: () => E.right(true),
  default: false,
})

const MAX_SHOWN = 40

/** A value the user typed, quoted and cut to a readable length, with control characters escaped. */
export const shown = (raw: string): string => {
  const cut = raw.length > MAX_SHOWN ? `${raw.slice(0, MAX_SHOWN)}…` : raw
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped here
  return `'${cut.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`
}

const looksNegative = /^-(\d|\.\d)/

/** Whether argv asks for help (`-h` or `--help` anywhere before a `--`). */
export const wantsHelp = (argv: ReadonlyArray<string>): boolean => {
  const end = argv.indexOf('--')
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '-h' || a === '--help')
}

/** The edit distance of two short strings (for "did you mean"). */
const distance = (a: string, b: string): number => {
  // flag names are ASCII: code units are characters
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  const last = Array.from(a).reduce((prev, ca, i) => {
    const next = [i + 1]
    Array.from(b).forEach((cb, j) => {
      next.push(Math.min((prev[j + 1] ?? 0) + 1, (next[j] ?? 0) + 1, (prev[j] ?? 0) + (ca === cb ? 0 : 1)))
    })
    return next
  }, row)
  return last[b.length] ?? 0
}

const suggestion = (name: string, names: ReadonlyArray<string>): string => {
  const close = names.filter((n) => distance(name, n) <= Math.max(1, Math.floor(n.length / 4)))
  return close.length === 0 ? '' : ` (did you mean ${close.map((n) => `--${n}`).join(' or ')}?)`
}

/** One argument as the command line reads it. */
type Token =
  | {
      readonly kind: 'flag'
      readonly name: string
      readonly raw: string
      readonly value: string | undefined
      readonly inline: boolean
    }
  | { readonly kind: 'positional'; readonly value: string }

/**
 * The arguments as flags and positionals: `--name=value`; `--name value`
 * when the flag takes a value and the next argument is not itself a flag (a
 * negative number is a value); `-h`; everything after `--` is positional.
 */
const tokenize = (argv: ReadonlyArray<string>, takesValue: (name: string) => boolean): ReadonlyArray<Token> => {
  const tokens: Array<Token> = []
  let rest = false
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (rest || a === '-' || !a.startsWith('-')) {
      tokens.push({ kind: 'positional', value: a })
    } else if (a === '--') {
      rest = true
    } else if (!a.startsWith('--')) {
      tokens.push({ kind: 'flag', name: a === '-h' ? 'help' : a, raw: a, value: undefined, inline: false })
    } else {
      const eq = a.indexOf('=')
      const name = a.slice(2, eq < 0 ? undefined : eq)
      const next = argv[i + 1]
      const valueNext =
        eq < 0 && takesValue(name) && next !== undefined && (!next.startsWith('-') || looksNegative.test(next))
      tokens.push({
        kind: 'flag',
        name,
        raw: `--${name}`,
        value: eq >= 0 ? a.slice(eq + 1) : valueNext ? next : undefined,
        inline: eq >= 0,
      })
      if (valueNext) i++
    }
  }
  return tokens
}

/** The raw value of every flag given once (`true` for a switch), and every problem of argv. */
export interface RawFlags {
  readonly values: ReadonlyMap<string, string | true>
  readonly problems: ReadonlyArray<string>
}

/**
 * Reads argv against a table: the raw value of every flag given (`true` for
 * a switch), and every problem, one line each: an unknown flag (and not its
 * value too), a missing value, a value given to a switch, a flag given more
 * than once, a stray argument. `--name -3` gives `--name` the value `-3`,
 * so that a negative number reaches the value check and gets its own
 * message.
 */
export const parseFlags = (command: string, table: FlagTable, argv: ReadonlyArray<string>): RawFlags => {
  const byName = new Map(Object.values(table).map((f) => [f.name, f]))
  // an unknown long flag is read as taking a value, so that its value is not reported as a stray argument
  const tokens = tokenize(
    argv,
    (name) => (byName.get(name)?.value ?? (byName.has(name) ? undefined : '?')) !== undefined,
  )
  const problems: Array<string> = []
  const values = new Map<string, string | true>()
  const count = new Map<string, number>()
  tokens.forEach((t) => {
    if (t.kind === 'positional') {
      problems.push(`unexpected argument ${shown(t.value)} (${command} takes only --flags)`)
      return
    }
    const flag = byName.get(t.name)
    if (flag === undefined) {
      problems.push(
        `unknown option ${shown(t.raw).slice(1, -1)} for ${command}${suggestion(t.name, [...byName.keys()])}`,
      )
      return
    }
    const times = (count.get(flag.name) ?? 0) + 1
    count.set(flag.name, times)
    if (times === 2) problems.push(`--${flag.name} is given more than once: give each flag once`)
    if (times > 1) return
    if (flag.value === undefined) {
      if (t.inline) problems.push(`--${flag.name} does not take a value`)
      else values.set(flag.name, true)
    } else if (t.value === undefined) {
      problems.push(`--${flag.name} needs a value (write --${flag.name}=VALUE for a value that starts with '-')`)
    } else {
      values.set(flag.name, t.value)
    }
  })
  return { values, problems }
}

/**
 * Reads the values of a table's flags from parsed flags: each given flag's
 * value through its parser (every bad value is one problem, prefixed with
 * the flag's name), the default for the others.
 */
export const parseValues = <T extends FlagTable>(
  table: T,
  raw: ReadonlyMap<string, string | true>,
): E.Either<ReadonlyArray<string>, Parsed<T>> => {
  const problems: Array<string> = []
  const given = new Set<keyof T>()
  const entries = Object.entries(table).map(([key, flag]) => {
    const r = raw.get(flag.name)
    if (r === undefined) return [key, flag.default] as const
    given.add(key)
    const v = r === true ? E.right(true) : flag.parse(r)
    if (E.isLeft(v)) problems.push(`--${flag.name} ${v.left}`)
    return [key, E.isRight(v) ? v.right : undefined] as const
  })
  // The record has exactly the table's keys, each with its flag's value type.
  return problems.length > 0 ? E.left(problems) : E.right({ values: Object.fromEntries(entries) as Values<T>, given })
}

/** {@link parseFlags}, then {@link parseValues}: every problem of both, or the parsed values. */
export const parseCommandLine = <T extends FlagTable>(
  command: string,
  table: T,
  argv: ReadonlyArray<string>,
): E.Either<ReadonlyArray<string>, Parsed<T>> => {
  const raw = parseFlags(command, table, argv)
  const parsed = parseValues(table, raw.values)
  return raw.problems.length === 0 ? parsed : E.left([...raw.problems, ...(E.isLeft(parsed) ? parsed.left : [])])
}

const defaultShown = (d: unknown): string | undefined =>
  typeof d === 'string' || typeof d === 'number' || typeof d === 'bigint' || typeof d === 'boolean'
    ? String(d)
    : Array.isArray(d)
      ? d.map((x) => defaultShown(x) ?? '').join(',')
      : undefined

/** The help text of a command: usage, description, and every flag with its help and default. */
export const helpText = (usage: string, description: string, table: FlagTable): string => {
  const flags = Object.values(table)
  const heads = flags.map(
    (f) => `  ${f.name === 'help' ? '-h, ' : ''}--${f.name}${f.value === undefined ? '' : ` ${f.value}`}`,
  )
  const width = Math.max(...heads.map((h) => h.length)) + 2
  const rows = flags.map((f, i) => {
    const head = heads[i] ?? ''
    const def = f.defaultText ?? (f.value === undefined ? undefined : defaultShown(f.default))
    const text = def === undefined ? f.help : `${f.help} (default ${def})`
    const [first = '', ...rest] = text.split('\n')
    return [head.padEnd(width) + first, ...rest.map((r) => ' '.repeat(width) + r)].join('\n')
  })
  return `Usage: ${usage}\n\n${description}\n\nOptions:\n${rows.join('\n')}\n`
}
