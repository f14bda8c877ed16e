/**
 * The `nabla` command line: `train`, `gradcheck`, `explain`. `main` takes
 * the arguments and the outside world ({@link Io}) and returns the exit
 * code, so that tests run it in-process. Every problem becomes one line
 * (at most a few of them) and an exit code — 2 for a bad use of the command
 * line, 1 for a run that failed — never a stack trace.
 *
 * @module
 */
import { either as E } from 'fp-ts'
import { messageOf } from '../matrix/json.js'
import { shown } from './args.js'
import { runExplain } from './explain.js'
import { runGradcheck } from './gradcheck/index.js'
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, line, type Failure, type Io, type Outcome } from './io.js'
import { runTrain } from './train/index.js'
import { packageVersion } from './version.js'

/** The top-level help. */
export const mainHelp: string = `Usage: nabla <command> [options]

nabla: functional, immutable gradients for TypeScript — and this small command line.

Commands:
  train      train a network on the embedded digits, Fashion-MNIST or an MNIST-like
             directory; writes a checkpoint, metrics (CSV, JSON) and a plot (SVG)
  gradcheck  check BP1–BP4 and the whole gradient of a random network against
             finite differences
  explain    walk through Matt Mazur's worked example of backpropagation, equation
             by equation

Options:
  -h, --help  show this help ('nabla <command> --help' shows the options of a command)
  --version   print the version of nabla
`

type Command = (argv: ReadonlyArray<string>, io: Io) => Outcome | Promise<Outcome>

const commands: ReadonlyMap<string, Command> = new Map<string, Command>([
  ['train', runTrain],
  ['gradcheck', runGradcheck],
  ['explain', runExplain],
])

/** The most problems printed for one command line (then how many more there are). */
const MAX_PROBLEMS = 8

/**
 * Runs the command line with `argv` (the arguments after the program name)
 * and returns the exit code: 0 on success, 1 when a run fails (a gradient
 * check fails, training diverges, a file cannot be written), 2 for a bad
 * command, flag or value, or unusable data, and 128 + n for a run stopped
 * by signal n (141 when the output was closed).
 */
export const main = async (argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined
    if (topic !== undefined && commands.has(topic)) return main([topic, '--help'], io)
    io.stdout.write(mainHelp)
    return command === undefined ? EXIT_USAGE : EXIT_OK
  }
  if (command === '--version') {
    const version = packageVersion()
    if (E.isLeft(version)) {
      line(io.stderr, `nabla: ${version.left}`)
      return EXIT_FAILURE
    }
    line(io.stdout, `nabla ${version.right}`)
    return EXIT_OK
  }
  const run = commands.get(command)
  if (run === undefined) {
    line(io.stderr, `nabla: unknown command ${shown(command)} (commands: train, gradcheck, explain; see nabla --help)`)
    return EXIT_USAGE
  }
  try {
    const outcome = await run(rest, io)
    return E.isRight(outcome) ? outcome.right : report(io, command, outcome.left)
  } catch (e) {
    line(io.stderr, `nabla ${command}: internal error: ${oneLine(messageOf(e))}`)
    return EXIT_FAILURE
  }
}

/** Prints a failure, one line per problem (bounded), and gives its exit code. */
const report = (io: Io, command: string, failure: Failure): number => {
  if (failure.kind === 'run') {
    if (failure.message !== undefined) line(io.stderr, `nabla ${command}: ${oneLine(failure.message)}`)
    return failure.exit
  }
  const shown = failure.problems.slice(0, MAX_PROBLEMS).map(oneLine)
  const more = failure.problems.length - shown.length
  const lines = more > 0 ? [...shown, `and ${String(more)} more problem${more === 1 ? '' : 's'}`] : shown
  lines.forEach((l, i) => {
    line(io.stderr, `nabla ${command}: ${l}${i === lines.length - 1 ? ` (see nabla ${command} --help)` : ''}`)
  })
  return EXIT_USAGE
}

/**
 * A message on one line: its lines joined with "; " (after a line that ends
 * with a colon, just a space), at most the first three problems of a
 * multi-line report, and how many more there were.
 */
const oneLine = (message: string): string => {
  const lines = message
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  const [head = '', ...rest] = lines
  const shown = rest.slice(0, 3)
  const more = rest.length > shown.length ? `; and ${String(rest.length - shown.length)} more` : ''
  return shown.length === 0 ? head : `${head}${head.endsWith(':') ? ' ' : '; '}${shown.join('; ')}${more}`
}
