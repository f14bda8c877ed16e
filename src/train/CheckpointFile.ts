/// <reference types="node" />
/**
 * Checkpoint files. Writing is atomic: the checkpoint goes to a temporary
 * file in the same directory, is flushed to disk, and only then renamed
 * over the target, so a crash or a failed write never leaves a half-written
 * file where a good one was. Node's file-system modules are loaded only
 * when a file is read or written, so importing nabla loads none of them.
 *
 * @module
 */
import { taskEither as TE } from 'fp-ts'
import { pipe } from 'fp-ts/lib/function.js'
import { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from './Checkpoint.js'
import { isFiniteTree } from './tree.js'

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/**
 * Hooks for tests of {@link writeFileAtomic}: `write` writes the data to the
 * open temporary file (by default, all of it at once).
 *
 * @category checkpoints
 */
export interface AtomicWriteHooks {
  readonly write?: (handle: WritableFile, data: string | Uint8Array) => Promise<void>
}

/**
 * The part of an open file that {@link AtomicWriteHooks} use (Node's
 * `FileHandle` has it); declared here so that nabla's types do not depend
 * on Node's.
 *
 * @category checkpoints
 */
export interface WritableFile {
  readonly writeFile: (data: string | Uint8Array) => Promise<void>
}

const writeAll = async (handle: WritableFile, data: string | Uint8Array): Promise<void> => {
  await handle.writeFile(data)
}

/**
 * Writes a file (text as UTF-8, or bytes) atomically: to a fresh temporary directory next to
 * `path` (same file system), flushed with fsync, then renamed over `path`;
 * the temporary directory is removed whatever happens. If anything fails,
 * `path` is exactly as it was before (absent, or the old file) and the
 * result is a `Left` naming the file.
 *
 * @category checkpoints
 */
export const writeFileAtomic = (
  path: string,
  data: string | Uint8Array,
  hooks: AtomicWriteHooks = {},
): TE.TaskEither<string, void> =>
  TE.tryCatch(
    async () => {
      const fs = await import('node:fs/promises')
      const { basename, dirname, join } = await import('node:path')
      const dir = dirname(path)
      const tmpDir = await fs.mkdtemp(join(dir, `.${basename(path)}.tmp-`))
      try {
        const tmp = join(tmpDir, basename(path))
        const handle = await fs.open(tmp, 'wx')
        try {
          await (hooks.write ?? writeAll)(handle, data)
          await handle.sync()
        } finally {
          await handle.close()
        }
        await fs.rename(tmp, path)
      } finally {
        await fs.rm(tmpDir, { recursive: true, force: true })
      }
    },
    (e) => `${path}: cannot write the file (${messageOf(e)})`,
  )

/**
 * Writes a checkpoint as JSON, atomically (see {@link writeFileAtomic}).
 * A network with a non-finite weight (a diverged run) is refused with a
 * `Left`, since JSON could not hold it.
 *
 * @category checkpoints
 */
export const writeCheckpointFile = (
  path: string,
  checkpoint: Checkpoint,
  hooks: AtomicWriteHooks = {},
): TE.TaskEither<string, void> =>
  isFiniteTree(checkpoint.model.network)
    ? writeFileAtomic(path, encodeCheckpoint(checkpoint), hooks)
    : TE.left(
        `${path}: not written: the network has non-finite weights (the run diverged; try a smaller learning rate)`,
      )

/**
 * Reads a checkpoint file: `Right(checkpoint)`, or a `Left` naming the file
 * and saying what is wrong with it (missing, unreadable, not JSON,
 * truncated, not a valid checkpoint). Never throws.
 *
 * @category checkpoints
 */
export const readCheckpointFile = (path: string): TE.TaskEither<string, Checkpoint> =>
  pipe(
    TE.tryCatch(
      async () => {
        const fs = await import('node:fs/promises')
        return fs.readFile(path, 'utf8')
      },
      (e) => `${path}: cannot read the checkpoint (${messageOf(e)})`,
    ),
    TE.chainEitherK(decodeCheckpoint),
    TE.mapLeft((message) => (message.startsWith(path) ? message : `${path}: ${message}`)),
  )
