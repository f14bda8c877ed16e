/**
 * TensorFlow.js as a peer: its pure-JS CPU backend and its WebAssembly
 * backend, both in this process. The .wasm binaries are loaded from
 * node_modules (no network); `tf.getBackend()` is checked after each switch,
 * so a silent fallback to another backend cannot pass as a WASM timing.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { getThreadsCount, setWasmPaths, version_wasm } from '@tensorflow/tfjs-backend-wasm'

export { tf }

export type TfBackend = 'cpu' | 'wasm'

export interface TfInfo {
  readonly version: string
  readonly wasmVersion: string
  /** Directory the .wasm binaries were loaded from. */
  readonly wasmDir: string
  readonly wasmSimd: boolean
  readonly wasmThreads: number
  readonly wasmMultithreadSupported: boolean
}

let info: TfInfo | undefined

/** Registers the wasm binaries' location and initialises both backends once. */
export const initTf = async (): Promise<TfInfo> => {
  if (info !== undefined) return info
  const require = createRequire(import.meta.url)
  const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/'
  setWasmPaths(wasmDir)
  await useBackend('cpu')
  // the first kernel prints TF.js's note about tfjs-node: get it out of the way of the tables
  tf.tidy(() => tf.zeros([1]).dataSync())
  await useBackend('wasm')
  const env = tf.env()
  info = {
    version: tf.version.tfjs,
    wasmVersion: version_wasm,
    wasmDir,
    wasmSimd: (await env.getAsync('WASM_HAS_SIMD_SUPPORT')) === true,
    wasmMultithreadSupported: (await env.getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) === true,
    wasmThreads: getThreadsCount(),
  }
  return info
}

/** Makes `name` the active backend and fails loudly if TF.js ends up on another one. */
export const useBackend = async (name: TfBackend): Promise<void> => {
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name)
    await tf.ready()
    if (!ok || tf.getBackend() !== name) {
      throw new Error(`TF.js could not switch to the ${name} backend (active: ${tf.getBackend()})`)
    }
  }
}
