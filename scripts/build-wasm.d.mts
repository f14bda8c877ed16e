/** The assembled bytes of one .wat file (see build-wasm.mjs). */
export declare const assemble: (path: string) => Promise<Uint8Array>
/** The TypeScript module text that holds the bytes of a kernel. */
export declare const moduleText: (name: string, bytes: Uint8Array) => string
