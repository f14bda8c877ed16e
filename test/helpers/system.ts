/**
 * Tests that need a Debian package beyond Node and npm: a browser for the
 * docs site and the browser bundle, and the Fashion-MNIST data set. Where the
 * package is missing they are skipped, with a note that names the package and
 * the command that installs it (the skipped-tests reporter prints the notes
 * at the end of the run). With NABLA_REQUIRE_SYSTEM=1, as `.ci/run` sets it,
 * a missing package fails those tests instead.
 *
 * The paths can be pointed elsewhere (at a missing file, to see the skip):
 * NABLA_CHROMIUM for the browser, NABLA_FASHION_MNIST_DIR for the data set.
 */
import { existsSync } from 'node:fs'
import { beforeEach } from 'vitest'
import { FASHION_MNIST_DIR } from 'nabla/node'

/** A Debian package a test needs, and the file or directory that shows it is installed. */
export interface SystemPackage {
  readonly debian: string
  readonly path: string
}

export const chromium: SystemPackage = {
  debian: 'chromium',
  path: process.env['NABLA_CHROMIUM'] ?? '/usr/bin/chromium',
}

export const fashionMnist: SystemPackage = {
  debian: 'dataset-fashion-mnist',
  path: process.env['NABLA_FASHION_MNIST_DIR'] ?? FASHION_MNIST_DIR,
}

/** Whether missing packages fail the tests that need them (NABLA_REQUIRE_SYSTEM=1) instead of skipping them. */
export const systemRequired: boolean = process.env['NABLA_REQUIRE_SYSTEM'] === '1'

/** Why a package's tests cannot run: undefined when it is installed. */
export const missing = (pkg: SystemPackage): string | undefined =>
  existsSync(pkg.path)
    ? undefined
    : `${pkg.path} is missing: install Debian's ${pkg.debian} (sudo apt-get install ${pkg.debian})`

/**
 * Makes every test of the enclosing `describe` need the package: skipped
 * with the reason when it is missing, or failed with it when
 * NABLA_REQUIRE_SYSTEM=1. Returns whether the package is there, for a
 * `beforeAll` that should do its (expensive) setup only then.
 */
export const needs = (pkg: SystemPackage): boolean => {
  const reason = missing(pkg)
  beforeEach((context) => {
    if (reason === undefined) return
    if (systemRequired) throw new Error(`NABLA_REQUIRE_SYSTEM=1, but ${reason}`)
    context.skip(reason)
  })
  return reason === undefined
}
