/**
 * The output directory of a run, made ready before any work: created if
 * missing (one directory at a time, so that a path that can never exist,
 * such as one under /proc, fails at once instead of retrying forever),
 * shown to be writable, and locked, so that two runs never write into one
 * directory. The lock is a file created exclusively (`wx`) holding the
 * owner's process id and host; a lock whose process is gone is taken over,
 * a live one is refused.
 *
 * @module
 */
import { either as E } from 'fp-ts'
import { hostname } from 'node:os'
import { link, lstat, mkdir, readFile, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises'
import { join, parse as parsePath, sep } from 'node:path'
import process from 'node:process'
import { messageOf } from '../matrix/json.js'

/** The name of the lock file inside a locked directory. */
export const LOCK_FILE: string = '.nabla-train.lock'

/** A locked output directory; `release` removes the lock (and never throws). */
export interface LockedDir {
  readonly path: string
  readonly release: () => Promise<void>
}

const codeOf = (e: unknown): string =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
    ? (e as { code: string }).code
    : ''

/** The directories from the root down to `dir` (absolute). */
const ancestry = (dir: string): ReadonlyArray<string> => {
  const root = parsePath(dir).root
  const parts = dir
    .slice(root.length)
    .split(sep)
    .filter((p) => p !== '')
  return parts.map((_, i) => root + parts.slice(0, i + 1).join(sep))
}

const kindOf = async (path: string): Promise<'dir' | 'other' | 'missing'> =>
  stat(path).then(
    (s) => (s.isDirectory() ? 'dir' : 'other'),
    (e: unknown) =>
      ['ENOENT', 'ENOTDIR'].includes(codeOf(e))
        ? 'missing'
        : Promise.reject(e instanceof Error ? e : new Error(String(e))),
  )

/**
 * Creates `dir` and its missing parents, one at a time. `Right` with the
 * first directory it created (undefined if `dir` existed), or a `Left`
 * saying which part of the path is wrong.
 */
export const makeDirectory = async (dir: string, label: string): Promise<E.Either<string, string | undefined>> => {
  try {
    const chain = ancestry(dir)
    const kinds = await Promise.all(chain.map(kindOf))
    const blocked = chain.find((_, i) => kinds[i] === 'other')
    if (blocked !== undefined) {
      return E.left(
        blocked === dir
          ? `${label} ${dir} is a file, not a directory`
          : `${label} ${dir}: ${blocked} is a file, not a directory`,
      )
    }
    const missing = chain.filter((_, i) => kinds[i] === 'missing')
    const created = await missing.reduce<Promise<string | undefined>>(async (first, d) => {
      const f = await first
      await mkdir(d).catch(async (e: unknown) => {
        if (codeOf(e) === 'EEXIST' && (await kindOf(d)) === 'dir') return
        throw new Error(`cannot create ${d} (${messageOf(e)})`)
      })
      return f ?? d
    }, Promise.resolve(undefined))
    return E.right(created)
  } catch (e) {
    return E.left(`${label} ${dir}: ${messageOf(e)}`)
  }
}

/** Removes the directories a failed start created (from `first` down to `dir`, if empty). */
export const removeCreated = async (dir: string, first: string | undefined): Promise<void> => {
  if (first === undefined) return
  const chain = ancestry(dir)
  const from = chain.indexOf(first)
  await chain
    .slice(from)
    .reverse()
    .reduce((p, d) => p.then(() => rmdir(d)).catch(() => undefined), Promise.resolve())
}

interface Holder {
  readonly pid: number
  readonly host: string
}

const parseHolder = (text: string): Holder | undefined => {
  const m = /^(\d+)@(.*)\n?$/.exec(text)
  return m === null ? undefined : { pid: Number(m[1]), host: m[2] ?? '' }
}

/** Whether a process of this host is alive (a process of another user counts as alive). */
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return codeOf(e) === 'EPERM'
  }
}

/** Why a lock is held, or undefined if it is stale (its process is gone). */
const heldBecause = async (lock: string, text: string): Promise<string | undefined> => {
  const holder = parseHolder(text)
  if (holder === undefined) {
    // a lock being written at this very moment, or garbage left long ago
    const age = await lstat(lock).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    )
    return age < 10_000 ? 'a lock file that is being written' : undefined
  }
  if (holder.host !== hostname()) return `process ${String(holder.pid)} on host ${holder.host}`
  if (holder.pid === process.pid || isAlive(holder.pid)) return `process ${String(holder.pid)}`
  return undefined
}

/**
 * Locks a directory for this process: `Right` with the lock, or a `Left`
 * naming the live process that holds it (or why the lock cannot be made:
 * a read-only directory, say). A stale lock is taken over: moved aside
 * under a unique name (only one process can move it), checked again, and
 * removed.
 */
export const lockDirectory = async (dir: string, label: string): Promise<E.Either<string, LockedDir>> => {
  const lock = join(dir, LOCK_FILE)
  const mine = `${String(process.pid)}@${hostname()}\n`
  const release = async (): Promise<void> => {
    const text = await readFile(lock, 'utf8').catch(() => '')
    if (text === mine) await unlink(lock).catch(() => undefined)
  }
  const attempt = async (tries: number): Promise<E.Either<string, LockedDir>> => {
    try {
      await writeFile(lock, mine, { flag: 'wx' })
      return E.right({ path: dir, release })
    } catch (e) {
      if (codeOf(e) !== 'EEXIST') return E.left(`${label} ${dir}: cannot write there (${messageOf(e)})`)
    }
    const text = await readFile(lock, 'utf8').catch(() => undefined)
    if (text === undefined) return tries > 0 ? attempt(tries - 1) : busy(dir, label, 'another run')
    const held = await heldBecause(lock, text)
    if (held !== undefined || tries === 0) return busy(dir, label, held ?? 'another run')
    const aside = `${lock}.stale-${String(process.pid)}-${String(Date.now())}`
    const moved = await rename(lock, aside).then(
      () => true,
      () => false,
    )
    if (moved) {
      const movedText = await readFile(aside, 'utf8').catch(() => '')
      if (movedText !== text) {
        // another run took the lock between the check and the move: give it back
        await link(aside, lock).catch(() => undefined)
        await unlink(aside).catch(() => undefined)
        return busy(dir, label, 'another run')
      }
      await unlink(aside).catch(() => undefined)
    }
    return attempt(tries - 1)
  }
  return attempt(2)
}

const busy = (dir: string, label: string, who: string): E.Either<string, LockedDir> =>
  E.left(
    `${label} ${dir} is in use by another nabla train (${who}); wait for it, or choose another ${label} ` +
      `(if no such run is going on, remove ${join(dir, LOCK_FILE)})`,
  )

/** Removes files of an earlier run from a directory (those that exist); `Left` if one cannot be removed. */
export const removeFiles = async (dir: string, names: ReadonlyArray<string>): Promise<E.Either<string, void>> => {
  try {
    await Promise.all(names.map((n) => rm(join(dir, n), { force: true })))
    return E.right(undefined)
  } catch (e) {
    return E.left(`${dir}: cannot remove the earlier run's files (${messageOf(e)})`)
  }
}
