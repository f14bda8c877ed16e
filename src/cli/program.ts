/**
 * The `nabla` command line: `train`, `gradcheck`, `explain`. `main` takes
 * the arguments and the outside world ({@link Io}) and returns the exit
 * code, so that tests run it in-process. Every error becomes a one-line
 * message and an exit code (2 for a bad use of the command line, 1 for a run
 * that failed), never a stack trace.
 *
 * @module
 */
import { runExplain } from './explain.js'
import { runGradcheck } from './gradcheck.js'
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, line, RunError, UsageError, type Io } from './io.js'
import { runTrain } from './train.js'

/** The top-level help. */
export const mainHelp: string = `Usage: nabla <command> [options]

nabla: functional, immutable gradients for TypeScript — and this small command line.

Commands:
  train      train a network on the embedded digits, Fashion-MNIST or an MNIST-like
             directory; writes a checkpoint, metrics (CSV, JSON) and a plot (SVG, PNG)
  gradcheck  check BP1–BP4 and the whole gradient of a random network against
             finite differences
  explain    walk through Matt Mazur's worked example of backpropagation, equation
             by equation

Run 'nabla <command> --help' for the options of a command.
`

const commands: Readonly<Record<string, (argv: ReadonlyArray<string>, io: Io) => number | Promise<number>>> = {
  train: runTrain,
  gradcheck: runGradcheck,
  explain: runExplain,
}

/**
 * Runs the command line with `argv` (the arguments after the program name)
 * and returns the exit code: 0 on success, 1 when a run fails (a gradient
 * check fails, training diverges, a file cannot be written), 2 for a bad
 * command, flag or value, or missing data.
 */
export const main = async (argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const [command, ...rest] = argv
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(mainHelp)
    return command === undefined ? EXIT_USAGE : EXIT_OK
  }
  const run = Object.hasOwn(commands, command) ? commands[command] : undefined
  if (run === undefined) {
    line(io.stderr, `nabla: unknown command '${command}' (commands: train, gradcheck, explain; see nabla --help)`)
    return EXIT_USAGE
  }
  try {
    return await run(rest, io)
  } catch (e) {
    if (e instanceof UsageError) {
      line(io.stderr, `nabla ${command}: ${firstLine(e.message)} (see nabla ${command} --help)`)
      return EXIT_USAGE
    }
    if (e instanceof RunError) {
      line(io.stderr, `nabla ${command}: ${firstLine(e.message)}`)
      return EXIT_FAILURE
    }
    line(io.stderr, `nabla ${command}: internal error: ${e instanceof Error ? firstLine(e.message) : String(e)}`)
    return EXIT_FAILURE
  }
}

/**
 * A message on one line: its lines joined with "; " (after a line that ends
 * with a colon, just a space), at most the first three problems of a
 * multi-line report, and how many more there were.
 */
const firstLine = (message: string): string => {
  const lines = message
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  const [head = '', ...rest] = lines
  const shown = rest.slice(0, 3)
  const more = rest.length > shown.length ? `; and ${String(rest.length - shown.length)} more` : ''
  return shown.length === 0 ? head : `${head}${head.endsWith(':') ? ' ' : '; '}${shown.join('; ')}${more}`
}
