import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SizewiseError } from '../../src/errors.js';
import { WasmArena } from '../../src/runtime/arena.js';
import { compileWasm, hasWasmSimd, instantiateWasm, loadWasm, SCRATCH_BYTES } from '../../src/runtime/wasm.js';

describe('the WASM loader', () => {
  it('compiles once and hands out the same instance', async () => {
    const a = await loadWasm();
    const b = await loadWasm();
    expect(a).toBe(b);
    expect(await compileWasm()).toBe(a.module);
  });

  it('instantiates an injected module independently, as a worker does', async () => {
    const bytes = await readFile(new URL('../../build/sizewise.wasm', import.meta.url));
    const module = await WebAssembly.compile(bytes);
    const core = await instantiateWasm(module);
    const shared = await loadWasm();
    expect(core.exports.memory).not.toBe(shared.exports.memory);
    expect(core.scratch).toBeGreaterThanOrEqual(core.exports.heapBase());
  });

  it('leaves no imports in the module', async () => {
    const module = await compileWasm();
    expect(WebAssembly.Module.imports(module)).toEqual([]);
  });

  it('detects WASM SIMD on this host', () => {
    expect(hasWasmSimd()).toBe(true);
  });

  it('rejects a second source after the module is loaded', async () => {
    await loadWasm();
    await expect(loadWasm(new Uint8Array([0, 97, 115, 109]))).rejects.toBeInstanceOf(SizewiseError);
  });
});

describe('WasmArena', () => {
  const memory = () => new WebAssembly.Memory({ initial: 1 });

  it('hands out 16-byte aligned, non-overlapping blocks', () => {
    const arena = new WasmArena(memory(), 100);
    const a = arena.alloc(10);
    const b = arena.alloc(33);
    expect(a % 16).toBe(0);
    expect(b % 16).toBe(0);
    expect(b).toBeGreaterThanOrEqual(a + 16);
  });

  it('reuses released blocks and coalesces neighbours', () => {
    const arena = new WasmArena(memory(), 0);
    const a = arena.alloc(64);
    const b = arena.alloc(64);
    const c = arena.alloc(64);
    arena.release(a);
    arena.release(b);
    expect(arena.alloc(128)).toBe(a); // a and b merged into one 128-byte block
    arena.release(c);
    expect(arena.allocatedBytes).toBe(128);
  });

  it('grows the memory and reports a new generation, detaching old views', () => {
    const mem = memory();
    const arena = new WasmArena(mem, 0);
    const first = arena.f64(arena.alloc(8), 1);
    const before = arena.generation;
    const big = arena.alloc(200_000);
    expect(arena.generation).toBe(before + 1);
    expect(first.length).toBe(0); // detached by memory.grow
    expect(arena.f64(big, 25_000).length).toBe(25_000);
  });

  it('refuses to release a block twice', () => {
    const arena = new WasmArena(memory(), 0);
    const a = arena.alloc(16);
    arena.release(a);
    expect(() => arena.release(a)).toThrow(SizewiseError);
  });

  it('reserves the scratch block for kernels', async () => {
    const core = await loadWasm();
    expect(core.arena.allocatedBytes).toBeGreaterThanOrEqual(SCRATCH_BYTES);
  });
});
