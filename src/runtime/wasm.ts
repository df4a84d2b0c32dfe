import { SizewiseError } from '../errors.js';
import { WasmArena } from './arena.js';
import type { SizewiseExports } from './exports.js';

/** Bytes reserved at the heap base for warm-up and small per-call scratch (PRNG state …). */
export const SCRATCH_BYTES = 65_536;

/** Where the module comes from when the default file is not wanted (tests, unusual hosts, workers). */
export type WasmSource = WebAssembly.Module | ArrayBuffer | ArrayBufferView;

/** An instance of the sizewise module with its own memory and arena. */
export interface WasmCore {
  readonly module: WebAssembly.Module;
  readonly exports: SizewiseExports;
  readonly arena: WasmArena;
  /** Start of the SCRATCH_BYTES block; owned by whoever is running a kernel right now (JS is single-threaded). */
  readonly scratch: number;
}

// Resolved next to this file: src/runtime → build/, and dist/src/runtime → dist/build/.
const WASM_URL = new URL('../../build/sizewise.wasm', import.meta.url);

let modulePromise: Promise<WebAssembly.Module> | undefined;
let corePromise: Promise<WasmCore> | undefined;
let core: WasmCore | undefined;

/**
 * Compiles the sizewise module once and caches it. With a `source`, that module is
 * used instead of the bundled file; it must be given before the first load.
 */
export function compileWasm(source?: WasmSource): Promise<WebAssembly.Module> {
  if (source !== undefined) {
    if (modulePromise !== undefined) {
      return Promise.reject(
        new SizewiseError('INVALID_STATE', 'source', 'the WASM module is already loaded; inject a source before the first call'),
      );
    }
    modulePromise = compileSource(source);
  }
  modulePromise ??= compileSource(undefined);
  modulePromise.catch(() => {
    modulePromise = undefined; // a failed load may be retried (e.g. after a network error)
  });
  return modulePromise;
}

/**
 * Loads the shared instance for this thread: compiled once, instantiated once, warmed
 * up once. Later synchronous calls use `wasmCore()`.
 */
export function loadWasm(source?: WasmSource): Promise<WasmCore> {
  if (source !== undefined && corePromise !== undefined) {
    return Promise.reject(
      new SizewiseError('INVALID_STATE', 'source', 'the WASM module is already loaded; inject a source before the first call'),
    );
  }
  corePromise ??= compileWasm(source)
    .then(instantiateWasm)
    .then((c) => (core = c));
  corePromise.catch(() => {
    corePromise = undefined;
  });
  return corePromise;
}

/** Resolves when the WASM core is ready; after that, synchronous variants may be called. */
export async function ready(source?: WasmSource): Promise<void> {
  await loadWasm(source);
}

/** The shared instance, for synchronous calls after `ready()`. */
export function wasmCore(): WasmCore {
  if (core === undefined) {
    throw new SizewiseError('INVALID_STATE', 'wasm', 'the WASM core is not loaded yet: await ready() before synchronous calls');
  }
  return core;
}

/**
 * A new, independent instance (own memory, own arena) of a compiled module. Worker
 * threads receive the compiled module and call this rather than recompiling.
 */
export async function instantiateWasm(module: WebAssembly.Module): Promise<WasmCore> {
  const instance = await WebAssembly.instantiate(module, {});
  const exports = instance.exports as unknown as SizewiseExports;
  const arena = new WasmArena(exports.memory, exports.heapBase());
  const scratch = arena.alloc(SCRATCH_BYTES);
  // One tiny call per kernel, so the first real call does not start on the baseline tier.
  exports.warmup(scratch);
  return { module, exports, arena, scratch };
}

async function compileSource(source: WasmSource | undefined): Promise<WebAssembly.Module> {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.compile !== 'function') {
    throw new SizewiseError('WASM_UNAVAILABLE', 'WebAssembly', 'this host has no WebAssembly; sizewise needs it for its compute core');
  }
  if (source instanceof WebAssembly.Module) return source;
  try {
    if (source !== undefined) return await WebAssembly.compile(toBytes(source));
    if (WASM_URL.protocol === 'file:') {
      const { readLocalFile } = await import('./readLocalFile.js'); // Node only: never reached from http(s)
      return await WebAssembly.compile(await readLocalFile(WASM_URL));
    }
    if (typeof WebAssembly.compileStreaming === 'function') {
      return await WebAssembly.compileStreaming(fetch(WASM_URL));
    }
    const response = await fetch(WASM_URL);
    return await WebAssembly.compile(await response.arrayBuffer());
  } catch (error) {
    if (error instanceof WebAssembly.CompileError && !hasWasmSimd()) {
      throw new SizewiseError(
        'WASM_UNAVAILABLE',
        'WebAssembly.SIMD',
        'this host has WebAssembly without SIMD (128-bit); sizewise needs Node ≥ 16.4 or a browser from 2021 on',
      );
    }
    throw error;
  }
}

function toBytes(source: ArrayBuffer | ArrayBufferView): Uint8Array<ArrayBuffer> {
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  return new Uint8Array(source.buffer as ArrayBuffer, source.byteOffset, source.byteLength);
}

/** A module with one v128 instruction validates only where SIMD is supported. */
export function hasWasmSimd(): boolean {
  // (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt))
  const probe = new Uint8Array([
    0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
  ]);
  return typeof WebAssembly === 'object' && WebAssembly.validate(probe);
}
