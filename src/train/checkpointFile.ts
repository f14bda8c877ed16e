/// <reference types="node" />
/**
 * Checkpoint files. Writing is atomic: the checkpoint goes to a temporary
 * file in the same directory, is flushed to disk, and only then renamed
 * over the target, so a crash or a failed write never leaves a half-written
 * file where a good one was. A process killed in the middle of a write
 * leaves its temporary directory behind; its name carries the writer's
 * process id, so that {@link removeStaleTemporaries} can later remove the
 * ones whose writer is gone. Node's file-system modules are loaded only
 * when a file is read or written, so importing nabla loads none of them.
 *
 * @module
 */
import { either as E, taskEither as TE, function as F } from 'fp-ts'
import { messageOf } from '../matrix/json.js'
import { decodeCheckpoint, encodeCheckpoint, type Checkpoint } from './Checkpoint.js'
import { isFiniteTree } from './Train.js'

const { pipe } = F

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

/** The prefix of the temporary directories of writes to `base`: `.<base>.tmp-`. */
const tempPrefix = (base: string): string => `.${base}.tmp-`

/**
 * Writes a file (text as UTF-8, or bytes) atomically: to a fresh temporary
 * directory next to `path` (same file system), named
 * `.<name>.tmp-<pid>-<random>`, flushed with fsync, then renamed over
 * `path`; the temporary directory is removed whatever happens (unless the
 * process is killed). If anything fails, `path` is exactly as it was
 * before (absent, or the old file) and the result is a `Left` naming the
 * file.
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
      const { pid } = await import('node:process')
      const dir = dirname(path)
      const tmpDir = await fs.mkdtemp(join(dir, `${tempPrefix(basename(path))}${String(pid)}-`))
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
 * Removes the temporary directories that writes to `path` (see
 * {@link writeFileAtomic}) left behind when their process was killed: those
 * whose process id is not a live process, and those of an older naming
 * without a process id. The temporary directory of a live writer (this
 * process included) is kept. Removing one can never damage `path`: a
 * write whose temporary directory is gone fails before its rename.
 * `Right` with the directories removed.
 *
 * @category checkpoints
 */
export const removeStaleTemporaries = (path: string): TE.TaskEither<string, ReadonlyArray<string>> =>
  TE.tryCatch(
    async () => {
      const fs = await import('node:fs/promises')
      const { basename, dirname, join } = await import('node:path')
      const process = await import('node:process')
      const dir = dirname(path)
      const prefix = tempPrefix(basename(path))
      const alive = (pid: number): boolean => {
        try {
          process.kill(pid, 0)
          return true
        } catch (e) {
          return (e as { code?: unknown }).code === 'EPERM'
        }
      }
      const stale = (await fs.readdir(dir))
        .filter((name) => name.startsWith(prefix))
        .filter((name) => {
          const pid = /^(\d+)-/.exec(name.slice(prefix.length))?.[1]
          return pid === undefined || (Number(pid) !== process.pid && !alive(Number(pid)))
        })
        .map((name) => join(dir, name))
      await Promise.all(stale.map((d) => fs.rm(d, { recursive: true, force: true })))
      return stale
    },
    (e) => `${path}: cannot remove stale temporary files (${messageOf(e)})`,
  )

/**
 * Where a value is not plain JSON that reads back as it was written (NaN,
 * an infinity or −0, a bigint, a function, a symbol, undefined, a cycle, an
 * object that is not a plain record), as a path like `meta.settings.lr`;
 * undefined if it is.
 */
const notJson = (value: unknown, path: string, ancestors: ReadonlySet<unknown> = new Set()): string | undefined => {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined
  if (typeof value === 'number') {
    // JSON.stringify writes −0 as 0: it would not come back as it was
    return Number.isFinite(value) && !Object.is(value, -0)
      ? undefined
      : `${path} is ${Object.is(value, -0) ? '-0' : String(value)}`
  }
  if (typeof value !== 'object') return `${path} is a ${typeof value}`
  if (ancestors.has(value)) return `${path} refers back to itself (a cycle)`
  const inner = new Set([...ancestors, value])
  if (Array.isArray(value)) {
    return (value as ReadonlyArray<unknown>).reduce<string | undefined>(
      (found, v, i) => found ?? notJson(v, `${path}[${String(i)}]`, inner),
      undefined,
    )
  }
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return `${path} is not a plain object`
  return Object.entries(value).reduce<string | undefined>(
    (found, [k, v]) => found ?? notJson(v, `${path}.${k}`, inner),
    undefined,
  )
}

/**
 * Writes a checkpoint as JSON, atomically (see {@link writeFileAtomic}).
 * Refused with a `Left`, and nothing written: a network with a non-finite
 * weight (a diverged run), and a `meta` that JSON cannot hold as it is
 * (NaN, a bigint, a function, a cycle, …; the message names the value).
 *
 * @category checkpoints
 */
export const writeCheckpointFile = (
  path: string,
  checkpoint: Checkpoint,
  hooks: AtomicWriteHooks = {},
): TE.TaskEither<string, void> => {
  if (!isFiniteTree(checkpoint.state.params)) {
    return TE.left(
      `${path}: not written: the network has non-finite weights (the run diverged; try a smaller learning rate)`,
    )
  }
  const text = pipe(
    E.tryCatch(
      () => notJson(checkpoint.meta, 'meta'),
      () => 'meta is nested too deeply',
    ),
    E.chain((problem) => (problem === undefined ? E.right(undefined) : E.left(problem))),
    E.chain(() => E.tryCatch(() => encodeCheckpoint(checkpoint), messageOf)),
    E.mapLeft((problem) => `${path}: not written: ${problem}, which JSON cannot hold`),
  )
  return E.isLeft(text) ? TE.left(text.left) : writeFileAtomic(path, text.right, hooks)
}

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
