/**
 * Command-line flags: `node:util` `parseArgs` wrapped in `Either`, with
 * one-line messages, strict number parsing, and help text generated from the
 * same flag table (so `--help` documents every flag there is).
 *
 * @module
 */
import { either as E } from 'fp-ts'
import { parseArgs } from 'node:util'

/** One flag of a command. */
export interface Flag {
  readonly name: string
  /** The placeholder of its value (`N`, `RATE`); absent for a switch like `--help`. */
  readonly value?: string
  readonly help: string
}

/** The parsed flags: a value for each flag given (a switch gives `true`). */
export type Flags = Readonly<Record<string, string | true | undefined>>

const looksNegative = /^-(\d|\.\d)/

/**
 * Parses argv against the flag table. `Left` with one line for an unknown
 * flag, a missing value, a value given to a switch, or a stray argument.
 * `--name -3` is read as `--name=-3`, so that a negative number reaches the
 * value check and gets its own message.
 */
export const parseFlags = (
  command: string,
  flags: ReadonlyArray<Flag>,
  argv: ReadonlyArray<string>,
): E.Either<string, Flags> => {
  const takesValue = new Set(flags.filter((f) => f.value !== undefined).map((f) => `--${f.name}`))
  const args = argv.reduce<ReadonlyArray<string>>((out, a, i) => {
    const prev = argv[i - 1]
    if (prev !== undefined && takesValue.has(prev) && looksNegative.test(a) && out[out.length - 1] === prev) {
      return [...out.slice(0, -1), `${prev}=${a}`]
    }
    return [...out, a]
  }, [])
  const options = Object.fromEntries(
    flags.map((f) => [f.name, f.value === undefined ? { type: 'boolean' as const } : { type: 'string' as const }]),
  )
  return E.tryCatch(
    () => parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values as Flags,
    (e) => explainParseError(command, e),
  )
}

const explainParseError = (command: string, e: unknown): string => {
  const message = e instanceof Error ? e.message : String(e)
  const code = (e as { code?: unknown }).code
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? ''
  const positional = /argument '([^']*)'/.exec(message)?.[1] ?? ''
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option} for ${command}`
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${positional}' (${command} takes only --flags)`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('does not take an argument')
        ? `${option} does not take a value`
        : `${option} needs a value (write ${option}=VALUE for a value that starts with '-')`
    default:
      return message.split('\n')[0] ?? message
  }
}

/** The help text of a command: usage, description, and every flag with its help. */
export const helpText = (usage: string, description: string, flags: ReadonlyArray<Flag>): string => {
  const heads = flags.map((f) => `  --${f.name}${f.value === undefined ? '' : ` ${f.value}`}`)
  const width = Math.max(...heads.map((h) => h.length)) + 2
  const rows = flags.map((f, i) => {
    const head = heads[i] ?? ''
    const [first = '', ...rest] = f.help.split('\n')
    return [head.padEnd(width) + first, ...rest.map((r) => ' '.repeat(width) + r)].join('\n')
  })
  return `Usage: ${usage}\n\n${description}\n\nOptions:\n${rows.join('\n')}\n`
}

const numberSyntax = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i

/** A flag's value as a finite number, `Left` if it is not one. */
export const parseNumber = (name: string, raw: string): E.Either<string, number> =>
  numberSyntax.test(raw.trim()) && Number.isFinite(Number(raw))
    ? E.right(Number(raw))
    : E.left(`--${name} must be a number (got '${raw}')`)

/** A flag's value as a number > 0 (or ≥ 0 with `allowZero`). */
export const parsePositive = (name: string, raw: string, allowZero: boolean = false): E.Either<string, number> =>
  E.chain((x: number) =>
    x > 0 || (allowZero && x === 0)
      ? E.right(x)
      : E.left(`--${name} must be a number ${allowZero ? '≥ 0' : '> 0'} (got ${raw})`),
  )(parseNumber(name, raw))

/** A flag's value as a whole number ≥ min. */
export const parseInteger = (name: string, raw: string, min: number): E.Either<string, number> => {
  const x = Number(raw)
  return numberSyntax.test(raw.trim()) && Number.isSafeInteger(x) && x >= min
    ? E.right(x)
    : E.left(
        `--${name} must be a whole number ≥ ${String(min)} (got ${numberSyntax.test(raw.trim()) ? raw : `'${raw}'`})`,
      )
}

/** A flag's value as one of the given choices (case-insensitive). */
export const parseChoice = <C extends string>(
  name: string,
  raw: string,
  choices: ReadonlyArray<C>,
): E.Either<string, C> => {
  const found = choices.find((c) => c.toLowerCase() === raw.trim().toLowerCase())
  return found === undefined ? E.left(`--${name} must be one of ${choices.join(', ')} (got '${raw}')`) : E.right(found)
}

/** A comma-separated list of layer sizes, each a whole number ≥ 1, at least two of them. */
export const parseLayers = (name: string, raw: string): E.Either<string, ReadonlyArray<number>> => {
  const parts = raw.split(',').map((s) => s.trim())
  const sizes = parts.map(Number)
  if (parts.some((s) => !/^\d+$/.test(s)) || sizes.some((n) => n < 1)) {
    return E.left(`--${name} must be layer sizes separated by commas, like 64,30,10 (got '${raw}')`)
  }
  if (sizes.length < 2) return E.left(`--${name} needs at least an input and an output size, like 64,10 (got '${raw}')`)
  return E.right(sizes)
}

/** The string value of a flag, or undefined. `true` cannot occur for flags with values. */
export const stringFlag = (flags: Flags, name: string): string | undefined => {
  const v = flags[name]
  return typeof v === 'string' ? v : undefined
}

/** Runs a parser on a flag's value if it was given, else gives the default. */
export const optional = <A>(
  flags: Flags,
  name: string,
  parse: (raw: string) => E.Either<string, A>,
  fallback: A,
): E.Either<string, A> => {
  const raw = stringFlag(flags, name)
  return raw === undefined ? E.right(fallback) : parse(raw)
}
