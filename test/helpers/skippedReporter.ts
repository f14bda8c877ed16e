/**
 * A vitest reporter that ends the run with the tests it skipped and why:
 * one line per reason (the note of `ctx.skip(note)`, see `system.ts`), with
 * the files and how many tests of each. The default reporter only counts
 * skipped tests; this says which and what to install.
 */
import type { Reporter, TestModule } from 'vitest/node'

export default class SkippedReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const byReason = new Map<string, Map<string, number>>()
    modules.forEach((module) => {
      Array.from(module.children.allTests()).forEach((test) => {
        const result = test.result()
        if (result.state !== 'skipped') return
        const reason = result.note ?? 'no reason given'
        const files = byReason.get(reason) ?? new Map<string, number>()
        files.set(module.moduleId, (files.get(module.moduleId) ?? 0) + 1)
        byReason.set(reason, files)
      })
    })
    if (byReason.size === 0) return
    const root = `${process.cwd()}/`
    const lines = [...byReason].flatMap(([reason, files]) => [
      `  ${reason}:`,
      ...[...files].map(([file, n]) => `    ${file.replace(root, '')} (${String(n)} test${n === 1 ? '' : 's'})`),
    ])
    const total = [...byReason.values()].reduce((sum, files) => sum + [...files.values()].reduce((a, b) => a + b, 0), 0)
    process.stdout.write(
      `\nSkipped ${String(total)} test${total === 1 ? '' : 's'} (NABLA_REQUIRE_SYSTEM=1 makes a missing package a failure):\n${lines.join('\n')}\n`,
    )
  }
}
