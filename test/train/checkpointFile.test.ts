import { fc, test } from '@fast-check/vitest'
import { either as E } from 'fp-ts'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Matrix } from 'nabla'
import { encodeCheckpoint, type Checkpoint } from '../../src/train/namespaces/Checkpoint.js'
import { initTrainState } from '../../src/train/namespaces/Train.js'
import { optimizerFromSpec, type OptimizerSpec } from '../../src/train/namespaces/Optim.js'
import { readCheckpointFile, removeStaleTemporaries, writeCheckpointFile, writeFileAtomic } from '../../src/node.js'
import { CHECKPOINT_V1 } from './checkpointV1.js'
import { cost, smallNetwork } from './fixtures.js'

const dirs: Array<string> = []
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'nabla-ckfile-'))
  dirs.push(d)
  return d
}
afterAll(() => {
  dirs.forEach((d) => {
    rmSync(d, { recursive: true, force: true })
  })
})

const spec: OptimizerSpec = { kind: 'sgd', schedule: { kind: 'constant', lr: 0.1 }, weightDecay: { lambda: 0, n: 1 } }
const [network, rng] = smallNetwork(3)
const state = initTrainState(network, optimizerFromSpec(spec), rng)
const withMeta = (meta: unknown): Checkpoint => ({
  model: { cost },
  optimizer: spec,
  batchSize: 8,
  meta: meta as Checkpoint['meta'],
  state,
})

/** Whether a JSON-like value holds −0 somewhere (JSON.stringify writes it as 0). */
const hasNegativeZero = (v: unknown): boolean =>
  Object.is(v, -0) ||
  (typeof v === 'object' && v !== null && Object.values(v as Record<string, unknown>).some(hasNegativeZero))

const cycle: Record<string, unknown> = { a: 1 }
cycle['self'] = { back: cycle }

describe('writeCheckpointFile and a meta JSON cannot hold', () => {
  it.each([
    ['NaN', { lr: Number.NaN }, /meta\.lr is NaN/],
    ['Infinity', { lr: Infinity }, /meta\.lr is Infinity/],
    ['-Infinity', { x: [1, -Infinity] }, /meta\.x\[1\] is -Infinity/],
    ['-0', { x: -0 }, /meta\.x is -0/],
    ['a bigint', { seed: 2n ** 64n }, /meta\.seed is a bigint/],
    ['a function', { f: () => 1 }, /meta\.f is a function/],
    ['a symbol', { s: Symbol('s') }, /meta\.s is a symbol/],
    ['undefined', { u: undefined }, /meta\.u is a undefined/],
    ['a cycle', { c: cycle }, /meta\.c\.self\.back refers back to itself/],
    ['a Date', { d: new Date(0) }, /meta\.d is not a plain object/],
    ['a Map', { m: new Map() }, /meta\.m is not a plain object/],
  ])('%s is a Left naming the value, and nothing is written', async (_, meta, message) => {
    const dir = tempDir()
    const path = join(dir, 'checkpoint.json')
    const r = await writeCheckpointFile(path, withMeta(meta))()
    expect(E.isLeft(r) && r.left).toMatch(message)
    expect(E.isLeft(r) && r.left).toMatch(/checkpoint\.json: not written: .*which JSON cannot hold/)
    expect(readdirSync(dir)).toEqual([])
  })

  it('a meta nested deeper than the stack is a Left, not a crash', async () => {
    const deep = Array.from({ length: 100_000 }).reduce<unknown>((inner) => ({ inner }), 0)
    const r = await writeCheckpointFile(join(tempDir(), 'c.json'), withMeta({ deep }))()
    expect(E.isLeft(r)).toBe(true)
  })

  test.prop([fc.jsonValue({ maxDepth: 3 })], { numRuns: 40 })(
    'any JSON value in meta is written and read back as it was (−0 is refused)',
    async (value) => {
      const path = join(tempDir(), 'c.json')
      const r = await writeCheckpointFile(path, withMeta({ value }))()
      if (hasNegativeZero(value)) {
        expect(E.isLeft(r)).toBe(true)
        return
      }
      expect(E.isRight(r)).toBe(true)
      const back = await readCheckpointFile(path)()
      expect(E.isRight(back) && back.right.meta).toEqual({ value })
    },
  )

  test.prop(
    [
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom<unknown>(Number.NaN, Infinity, 7n, () => 0, undefined, Symbol('x')),
      fc.array(fc.constantFrom('a', 'b', 0), { maxLength: 3 }),
    ],
    { numRuns: 40 },
  )('a value JSON cannot hold anywhere in meta is a Left, never a throw', async (good, bad, where) => {
    const poisoned = where.reduceRight<unknown>((inner, k) => (k === 0 ? [good, inner] : { [k]: inner, good }), bad)
    const r = await writeCheckpointFile(join(tempDir(), 'c.json'), withMeta({ poisoned }))()
    expect(E.isLeft(r)).toBe(true)
  })
})

describe('checkpoint files', () => {
  it('write then read gives the checkpoint back', async () => {
    const dir = tempDir()
    const cp = withMeta({ note: 'test' })
    const path = join(dir, 'checkpoint.json')
    expect(E.isRight(await writeCheckpointFile(path, cp)())).toBe(true)
    const back = await readCheckpointFile(path)()
    if (E.isLeft(back)) throw new Error(back.left)
    expect(encodeCheckpoint(back.right)).toBe(encodeCheckpoint(cp))
    expect(readdirSync(dir)).toEqual(['checkpoint.json'])
  })

  it('a failed write leaves the old file intact and no temporary file behind', async () => {
    const dir = tempDir()
    const path = join(dir, 'checkpoint.json')
    writeFileSync(path, 'the good old checkpoint')
    const failing = await writeFileAtomic(path, 'x'.repeat(100_000), {
      write: async (handle, data) => {
        await handle.writeFile(String(data).slice(0, 50_000)) // half of it, then the disk "fails"
        throw new Error('ENOSPC: no space left on device')
      },
    })()
    expect(E.isLeft(failing) && failing.left).toMatch(/checkpoint\.json: cannot write the file \(ENOSPC/)
    expect(readFileSync(path, 'utf8')).toBe('the good old checkpoint')
    expect(readdirSync(dir)).toEqual(['checkpoint.json'])
  })

  it('a write into a missing directory fails with a Left, nothing thrown', async () => {
    const r = await writeFileAtomic(join(tempDir(), 'no', 'such', 'dir', 'c.json'), '{}')()
    expect(E.isLeft(r)).toBe(true)
  })

  it('refuses to write a diverged network (non-finite weights)', async () => {
    const dir = tempDir()
    const w = Matrix.fill(8, 64, Number.NaN)
    const params = { layers: [{ ...network.layers[0]!, w }, network.layers[1]!] }
    const r = await writeCheckpointFile(join(dir, 'c.json'), { ...withMeta({}), state: { ...state, params } })()
    expect(E.isLeft(r) && r.left).toMatch(/c\.json: not written: the network has non-finite weights/)
    expect(readdirSync(dir)).toEqual([])
  })

  it('a version 1 checkpoint file is a Left naming the file and the version', async () => {
    const path = join(tempDir(), 'old.json')
    writeFileSync(path, CHECKPOINT_V1)
    const r = await readCheckpointFile(path)()
    expect(E.isLeft(r) && r.left).toMatch(
      /old\.json: invalid Checkpoint:\n {2}version: a version 1 checkpoint: this nabla reads only version 2/,
    )
  })

  it('reading a missing or truncated file is a Left naming the file', async () => {
    const dir = tempDir()
    const missing = await readCheckpointFile(join(dir, 'nope.json'))()
    expect(E.isLeft(missing) && missing.left).toMatch(/nope\.json: cannot read the checkpoint/)
    const path = join(dir, 'cut.json')
    writeFileSync(path, encodeCheckpoint(withMeta({})).slice(0, 200))
    const cut = await readCheckpointFile(path)()
    expect(E.isLeft(cut) && cut.left).toMatch(/cut\.json: invalid Checkpoint: not JSON .*truncated/)
  })
})

describe('temporary files of interrupted writes', () => {
  /** The id of a process that has exited (its id is free). */
  const deadPid = (): number => {
    const r = spawnSync(process.execPath, ['-e', ''])
    expect(r.status).toBe(0)
    return r.pid
  }

  it("a write's temporary directory carries the writer's process id", async () => {
    const dir = tempDir()
    const seen: Array<ReadonlyArray<string>> = []
    const r = await writeFileAtomic(join(dir, 'c.json'), 'text', {
      write: async (handle, data) => {
        seen.push(readdirSync(dir))
        await handle.writeFile(data)
      },
    })()
    expect(E.isRight(r)).toBe(true)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toHaveLength(1)
    expect(seen[0]![0]).toMatch(new RegExp(`^\\.c\\.json\\.tmp-${String(process.pid)}-\\w+$`))
    expect(readdirSync(dir)).toEqual(['c.json'])
  })

  it('removeStaleTemporaries removes those of dead writers (and of the old naming), keeps live ones and everything else', async () => {
    const dir = tempDir()
    const dead = deadPid()
    const names = {
      dead: `.c.json.tmp-${String(dead)}-aB3xYz`,
      oldNaming: '.c.json.tmp-Qw9eRt',
      mine: `.c.json.tmp-${String(process.pid)}-zzzzzz`,
      live: '.c.json.tmp-1-abcdef', // process 1 is always alive
      otherFile: `.d.json.tmp-${String(dead)}-abcdef`,
    }
    Object.values(names).forEach((n) => {
      mkdirSync(join(dir, n))
      writeFileSync(join(dir, n, 'c.json'), 'half a checkp')
    })
    writeFileSync(join(dir, 'c.json'), 'the good one')
    const r = await removeStaleTemporaries(join(dir, 'c.json'))()
    expect(E.isRight(r) && [...r.right].sort()).toEqual([join(dir, names.dead), join(dir, names.oldNaming)].sort())
    expect(readdirSync(dir).sort()).toEqual(['c.json', names.live, names.mine, names.otherFile].sort())
  })

  it('a missing directory is a Left, not a throw', async () => {
    const r = await removeStaleTemporaries(join(tempDir(), 'no', 'c.json'))()
    expect(E.isLeft(r)).toBe(true)
  })
})
