/**
 * The architecture is a checked rule: the lint configuration rejects an
 * import that goes up a layer and an import cycle. Each case lints the text
 * of an existing module with one import added (nothing is written to disk),
 * and must be refused by the rule that guards it — while the module as it
 * is passes.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const eslint = new ESLint({ cwd: root })

/** The rules that fire when `file` has `extra` prepended. */
const violations = async (file: string, extra: string): Promise<ReadonlyArray<string>> => {
  const text = `${extra}\n${readFileSync(`${root}/${file}`, 'utf8')}`
  const [result] = await eslint.lintText(text, { filePath: `${root}/${file}` })
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`)
}

describe('the lint rules keep the layers', () => {
  it('a module as it is passes', async () => {
    expect(await violations('src/matrix/freeze.ts', '')).toEqual([])
  })

  it.each([
    ['src/matrix/freeze.ts', "import { grad } from '../ad/transforms.js'", 'src/matrix may import only itself'],
    ['src/ad/bind.ts', "import { backprop } from '../backprop/backprop.js'", 'src/ad may import only src/matrix'],
    ['src/ad/ops/add.ts', "import { training } from '../../train/Train.js'", 'src/ad may import only src/matrix'],
    ['src/backprop/Cost.ts', "import { checkGrads } from '../numeric/checkGrads.js'", 'src/backprop may import only'],
    ['src/data/Dataset.ts', "import { grad } from '../ad/transforms.js'", 'src/data may import only src/matrix'],
    ['src/train/Schedule.ts', "import { runTrain } from '../cli/train/run.js'", 'src/train may import only'],
    ['src/numeric/tolerance.ts', "import { programs } from '../../laws/ad/program.js'", 'src/ never imports laws/'],
  ])('%s importing upward (%s) is refused', async (file, line, message) => {
    const found = await violations(file, `${line}\nvoid 0`)
    expect(
      found.some((v) => v.startsWith('no-restricted-imports') && v.includes(message)),
      found.join('\n'),
    ).toBe(true)
  })

  it('an import cycle is refused: core.ts importing bind.ts, which imports core.ts', async () => {
    const found = await violations('src/ad/core.ts', "import { bind } from './bind.js'\nexport const probe = bind")
    expect(
      found.some((v) => v.startsWith('import-x/no-cycle')),
      found.join('\n'),
    ).toBe(true)
  })
})
