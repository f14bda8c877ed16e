// The docs site, built and opened in a real browser: `npm run docs:build`, then
// `vitepress preview` on a free local port, then Debian's chromium through playwright-core.
// Checks that the pages render without console or page errors, that the math is typeset and the
// code samples are highlighted, and saves screenshots to test-results/ to look at. Without
// chromium the tests are skipped, saying what to install (NABLA_REQUIRE_SYSTEM=1: they fail).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, type Browser } from '../helpers/browser.js'
import { chromium, needs } from '../helpers/system.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const screenshots = join(root, 'test-results')

/** Runs a command in the repository; rejects with the end of its output if it fails. */
const run = (command: string, args: ReadonlyArray<string>): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    const output: string[] = []
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code === 0) resolve()
      else
        reject(new Error(`${command} ${args.join(' ')} exited with ${String(code)}:\n${output.join('').slice(-4000)}`))
    })
  })

/** A TCP port that was free a moment ago. */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port)
        else reject(new Error('no port'))
      })
    })
  })

/** Starts `vitepress preview` and resolves with its URL once it serves the home page. */
const serve = (child: ChildProcess, port: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const output: string[] = []
    const timer = setTimeout(() => {
      reject(new Error(`vitepress preview did not start within 30 s:\n${output.join('')}`))
    }, 30_000)
    const onData = (chunk: Buffer): void => {
      output.push(chunk.toString())
      // vite picks the next port if ours was taken in between: read the one it announces
      const announced = /served at http:\/\/[\w.]+:(\d+)/.exec(output.join(''))
      if (announced !== null) {
        clearTimeout(timer)
        resolve(`http://127.0.0.1:${announced[1] ?? String(port)}`)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`vitepress preview exited with ${String(code)}:\n${output.join('')}`))
    })
  })

/** Stops a child process we started and waits until it is gone. */
const stop = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve()
      return
    }
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000)
    child.on('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill('SIGTERM')
  })

interface Visit {
  readonly page: Page
  readonly problems: ReadonlyArray<string>
}

describe('docs site in a browser', { timeout: 120_000 }, () => {
  const present = needs(chromium)
  let server: ChildProcess | undefined
  let browser: Browser | undefined
  let base = ''

  beforeAll(async () => {
    if (!present) return
    // always build, so the test checks the pages as they are now
    await run('npm', ['run', 'docs:build'])
    const port = await freePort()
    server = spawn(
      process.execPath,
      [
        join(root, 'node_modules/vitepress/bin/vitepress.js'),
        'preview',
        'docs',
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    base = await serve(server, port)
    browser = await launchChromium()
    mkdirSync(screenshots, { recursive: true })
  }, 480_000)

  afterAll(async () => {
    await browser?.close()
    if (server !== undefined) await stop(server)
  })

  const open: Page[] = []
  afterEach(async () => {
    await Promise.all(open.splice(0).map((page) => page.close()))
  })

  /** Opens a page and records every console error, page error and failed request on the way. */
  const visit = async (path: string): Promise<Visit> => {
    const page = await browser!.context.newPage()
    open.push(page)
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`))
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${String(response.status())}: ${response.url()}`)
    })
    const response = await page.goto(`${base}${path}`, { waitUntil: 'networkidle' })
    expect(response?.status()).toBe(200)
    return { page, problems }
  }

  /** The number of typeset formulas whose SVG takes up room on the page. */
  const visibleMath = (page: Page): Promise<number> =>
    page
      .$$eval('mjx-container svg', (svgs) =>
        svgs.filter((svg) => {
          const box = svg.getBoundingClientRect()
          return box.width > 0 && box.height > 0
        }),
      )
      .then((svgs) => svgs.length)

  it('renders the transforms page: math typeset, code highlighted, no errors', async () => {
    const { page, problems } = await visit('/guide/transforms')
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Transforms')
    expect(await page.locator('mjx-container').count()).toBeGreaterThan(0)
    expect(await visibleMath(page)).toBeGreaterThan(10)
    // the included snippets are there, highlighted by shiki (colored spans), not raw text
    expect(await page.locator('div.language-ts pre code').count()).toBeGreaterThanOrEqual(12)
    expect(await page.locator('div.language-ts pre code span[style*="--shiki"]').count()).toBeGreaterThan(100)
    await expect(page.locator('div.language-ts').filter({ hasText: 'perturbation confusion' }).count()).resolves.toBe(1)
    await page.screenshot({ path: join(screenshots, 'docs-transforms.png') })
    await page.locator('#nesting').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(screenshots, 'docs-transforms-nesting.png') })
    await page.screenshot({ path: join(screenshots, 'docs-transforms-full.png'), fullPage: true })
    expect(problems).toEqual([])
  })

  it('the code of the guide pages fits their column: no code block scrolls sideways', async () => {
    const overflowing: string[] = []
    for (const path of [
      '/guide/equations',
      '/guide/transforms',
      '/guide/training',
      '/guide/laws',
      '/guide/overfitting',
    ]) {
      const { page } = await visit(path)
      const wide = await page
        .locator('div[class*="language-"] pre')
        .evaluateAll((pres) =>
          pres
            .filter((pre) => pre.scrollWidth > pre.clientWidth + 1)
            .map(
              (pre) => `${String(pre.scrollWidth)} px in ${String(pre.clientWidth)}: ${pre.textContent.slice(0, 40)}`,
            ),
        )
      overflowing.push(...wide.map((w) => `${path}: ${w}`))
    }
    expect(overflowing).toEqual([])
    const { page } = await visit('/guide/equations')
    await page.locator('div.language-ts').first().scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(screenshots, 'docs-equations-code.png') })
  })

  it('the XOR gallery page shows the three decision-region pictures the docs build draws', async () => {
    const { page, problems } = await visit('/gallery/xor')
    const widths = await page
      .locator('img[src*="/generated/xor-"]')
      .evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth))
    expect(widths).toEqual([240, 240, 240])
    await page.screenshot({ path: join(screenshots, 'docs-gallery-xor-full.png'), fullPage: true })
    expect(problems).toEqual([])
  })

  it('the encoder gallery page shows the picture of the hidden codes the docs build draws', async () => {
    const { page, problems } = await visit('/gallery/encoder')
    const widths = await page
      .locator('img[src*="/generated/encoder-codes.svg"]')
      .evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth))
    expect(widths).toEqual([622])
    await page.screenshot({ path: join(screenshots, 'docs-gallery-encoder-full.png'), fullPage: true })
    expect(problems).toEqual([])
  })

  it('the overfitting page shows the three learning-curve pictures the docs build draws from its snippet', async () => {
    const { page, problems } = await visit('/guide/overfitting')
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Overfitting')
    const widths = await page
      .locator('img[src*="/generated/overfitting-"]')
      .evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth))
    expect(widths).toEqual([960, 960, 640])
    await page.screenshot({ path: join(screenshots, 'docs-overfitting-full.png'), fullPage: true })
    expect(problems).toEqual([])
  })

  it('renders the equations page without errors', async () => {
    const { page, problems } = await visit('/guide/equations')
    await expect(page.locator('h1').first().textContent()).resolves.toContain('The four equations')
    await page.screenshot({ path: join(screenshots, 'docs-equations.png') })
    await page.screenshot({ path: join(screenshots, 'docs-equations-full.png'), fullPage: true })
    expect(problems).toEqual([])
  })

  it.each([
    ['/', 'nabla', 'home'],
    ['/guide/getting-started', 'Getting started', 'getting-started'],
    ['/guide/laws', 'Checking derivatives with laws', 'laws'],
    ['/guide/training', 'Training', 'training'],
    ['/guide/cli', 'The command line', 'cli'],
    ['/guide/history', 'A short history of backpropagation', 'history'],
    ['/gallery/xor', 'XOR', 'gallery-xor'],
    ['/gallery/encoder', 'The 8-3-8 encoder', 'gallery-encoder'],
    ['/gallery/from-scratch', 'From scratch', 'gallery-from-scratch'],
    ['/gallery/regression', 'Test scores', 'gallery-regression'],
    ['/api/nabla/functions/checkGrads', 'checkGrads', 'api-checkGrads'],
  ])('renders %s without errors', async (path, heading, name) => {
    const { page, problems } = await visit(path)
    await expect(page.locator('h1').first().textContent()).resolves.toContain(heading)
    await page.screenshot({ path: join(screenshots, `docs-${name}.png`) })
    expect(problems).toEqual([])
  })

  it("serves the regression page's CSV file as the command line reads it", async () => {
    const { page } = await visit('/gallery/regression')
    const csv = await page.request.get(`${base}/data/test-scores.csv`)
    expect(csv.status()).toBe(200)
    expect(await csv.text()).toBe(readFileSync(join(root, 'docs/public/data/test-scores.csv'), 'utf8'))
  })

  it('the sidebar links every guide page, the benchmarks and the API, and every link resolves', async () => {
    const { page } = await visit('/guide/getting-started')
    const links = await page.locator('.VPSidebar a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
    expect(links).toEqual(
      expect.arrayContaining([
        '/guide/getting-started',
        '/guide/equations',
        '/guide/transforms',
        '/guide/laws',
        '/guide/training',
        '/guide/overfitting',
        '/guide/cli',
        '/guide/history',
        '/gallery/xor',
        '/gallery/encoder',
        '/gallery/from-scratch',
        '/gallery/regression',
        '/architecture',
        '/benchmarks',
        '/api/',
        '/api/nabla/',
        '/api/nabla/matrix/',
        '/api/nabla/train/',
        '/api/nabla/data/',
        '/api/nabla/dataset/',
        '/api/nabla/node/',
        '/api/nabla/extend/',
        '/api/nabla/laws/',
      ]),
    )
    const statuses = await Promise.all(
      links.map(async (link) => [link, (await page.request.get(`${base}${link}`)).status()] as const),
    )
    expect(statuses.filter(([, status]) => status !== 200)).toEqual([])
  })
})
