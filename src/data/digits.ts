/**
 * The embedded digits data set: the 1,797 8×8 images of the test set of
 * UCI's "Optical Recognition of Handwritten Digits" (E. Alpaydin and
 * C. Kaynak, Bogazici University, 1998; the same images as scikit-learn's
 * `load_digits`). It ships inside the package, so it needs nothing
 * installed and no file path; see `src/data/DIGITS.md` for its description
 * and credit.
 *
 * The data is stored as gzipped CSV in hex and decoded (by the data
 * layer's own gzip decoder, so it needs no Node built-in) only when
 * {@link loadDigits} is called, never at import time.
 *
 * @module
 */
import { either as E, function as F } from 'fp-ts'
import { generate } from '../matrix/construct.js'
import { seed } from '../matrix/Random.js'
import { dataset, split, type Dataset, type TrainTest } from './Dataset.js'
import { DIGITS_CSV_GZ_HEX } from './digitsData.js'
import { gunzipBytes } from './inflate.js'
import { MAX_INFLATION, errorMessage, inflateMessage } from './internal.js'

const { pipe } = F

/** Pixels per digits image (8×8). @category digits */
export const DIGITS_FEATURES: number = 64

/** Largest pixel value of the digits images: each pixel counts the set pixels of a 4×4 block, 0…16. @category digits */
export const DIGITS_MAX_PIXEL: number = 16

/** Number of examples of the embedded digits set. @category digits */
export const DIGITS_COUNT: number = 1797

/** Size of the held-out part of {@link digitsSplit}: 300 of the 1,797 examples (1,497 remain for training). @category digits */
export const DIGITS_TEST_COUNT: number = 300

/** The default seed of {@link digitsSplit}. @category digits */
export const DIGITS_SPLIT_SEED: number = 0

/**
 * Parses digits in the UCI CSV form: one example per line, 64 integers
 * 0…16 (the 8×8 image row by row) and the label 0…9 as the 65th value,
 * comma-separated, no header. Pixels are scaled to [0, 1] (divided by 16)
 * and the examples become the columns of a 64×n matrix, in a data set
 * named `digits` with 10 classes.
 *
 * Any malformed line is a `Left` naming `name`, the line and what is wrong:
 * a wrong number of values, a value that is not an integer, a pixel outside
 * 0…16, a label outside 0…9. An input without any line is a `Left` too.
 *
 * @category digits
 */
export const parseDigitsCsv = (text: string, name: string = 'digits.csv'): E.Either<string, Dataset> => {
  const body = text.trimEnd()
  if (body === '') return E.left(`${name}: no examples`)
  return pipe(
    body.split('\n'),
    E.traverseReadonlyArrayWithIndex((i, line) => parseLine(line, `${name} line ${i + 1}`)),
    E.chain((rows) =>
      dataset({
        name: 'digits',
        x: generate(DIGITS_FEATURES, rows.length, (p, i) => ((rows[i] ?? [])[p] ?? NaN) / DIGITS_MAX_PIXEL),
        labels: rows.map((r) => r[DIGITS_FEATURES] ?? NaN),
        classes: 10,
      }),
    ),
  )
}

/**
 * The embedded digits data set: 1,797 examples, `x` 64×1797 with pixels in
 * [0, 1], labels 0…9 (about 180 per class), named `digits`. Decodes the
 * embedded data on each call (a few milliseconds); a `Left` would mean the
 * embedded data is damaged.
 *
 * @category digits
 */
export const loadDigits = (): E.Either<string, Dataset> =>
  pipe(
    gunzipBytes(fromHex(DIGITS_CSV_GZ_HEX)),
    E.mapLeft((failure) => inflateMessage(failure, 'embedded digits data', `more than ${MAX_INFLATION} bytes`)),
    E.chain((bytes) =>
      E.tryCatch(
        () => new TextDecoder('utf-8', { fatal: true }).decode(bytes),
        (e) => `embedded digits data: not UTF-8 text (${errorMessage(e)})`,
      ),
    ),
    E.chain((text) => parseDigitsCsv(text, 'embedded digits data')),
  )

/**
 * The embedded digits set split into 1,497 training and 300 held-out
 * examples ({@link DIGITS_TEST_COUNT}), drawn by {@link split} from
 * `Random.seed(seed)`: the same seed always gives the same split. The parts
 * are named `digits/train` and `digits/test`.
 *
 * @category digits
 */
export const digitsSplit = (splitSeed: number = DIGITS_SPLIT_SEED): E.Either<string, TrainTest> =>
  pipe(
    loadDigits(),
    E.map((d) => {
      const { train, test } = split(d, { test: DIGITS_TEST_COUNT, rng: seed(splitSeed) })
      return { train, test }
    }),
  )

/** The bytes that lowercase hex text spells (two digits a byte). */
const fromHex = (hex: string): Uint8Array =>
  Uint8Array.from({ length: hex.length >>> 1 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16))

const integer = /^\d+$/

/** A field as a message shows it: its first 40 characters (a field of a bad file may be megabytes long). */
const clip = (s: string): string => (s.length <= 40 ? s : `${s.slice(0, 39)}…`)

const parseLine = (line: string, where: string): E.Either<string, ReadonlyArray<number>> => {
  const fields = line.trim().split(',')
  if (fields.length !== DIGITS_FEATURES + 1) {
    return E.left(
      `${where}: expected ${DIGITS_FEATURES + 1} comma-separated values (64 pixels and a label), got ${fields.length}`,
    )
  }
  return pipe(
    fields,
    E.traverseReadonlyArrayWithIndex((k, field) => {
      const s = field.trim()
      const isLabel = k === DIGITS_FEATURES
      const what = isLabel ? 'the label' : `pixel ${k}`
      const max = isLabel ? 9 : DIGITS_MAX_PIXEL
      if (!integer.test(s)) return E.left(`${where}: ${what} is ${JSON.stringify(clip(s))}, not an integer`)
      const v = Number(s)
      return v <= max ? E.right(v) : E.left(`${where}: ${what} is ${clip(s)}, outside 0…${max}`)
    }),
  )
}
