import { beforeAll, describe, expect, it } from 'vitest';
import { SizewiseError } from '../../src/errors.js';
import { WasmColumnSet } from '../../src/runtime/columnSet.js';
import { ready, wasmCore } from '../../src/runtime/wasm.js';
import { allocateScaleColumnsSync, scalePositionsSync } from '../../src/sizing/scalePositions.js';
import { SCALE_STATUS } from '../../src/sizing/scalePositions.js';

describe('WasmColumnSet (one block per request)', () => {
  beforeAll(() => ready());

  it('lays out row columns (padded) and sized columns in one 16-byte-aligned block', () => {
    const core = wasmCore();
    const before = core.arena.allocatedBytes;
    const set = new WasmColumnSet(core, 5, { a: 'f64', b: 'u8', c: 'i32', table: { kind: 'f64', length: 256 } }, { padTo: 8 });
    try {
      // a: 8 padded rows × 8 B = 64; b: 8 × 1 = 8 → 16; c: 8 × 4 = 32; table: 2048.
      expect(set.bytes).toBe(64 + 16 + 32 + 2048);
      expect(core.arena.allocatedBytes - before).toBe(set.bytes);
      for (const name of ['a', 'b', 'c', 'table'] as const) expect(set.ptr(name) % 16).toBe(0);
      expect(set.ptr('b') - set.ptr('a')).toBe(64);
      expect(set.view('a')).toBeInstanceOf(Float64Array);
      expect(set.view('a').length).toBe(5); // a row column shows its rows, not the padding
      expect(set.view('c')).toBeInstanceOf(Int32Array);
      expect(set.view('table').length).toBe(256);
    } finally {
      set.release();
    }
    expect(core.arena.allocatedBytes).toBe(before);
    expect(() => set.view('a')).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    set.release(); // twice is harmless
  });

  it('never hands out a column it does not have (a kernel would write at address 0)', () => {
    const set = new WasmColumnSet(wasmCore(), 4, { a: 'f64' });
    try {
      expect(() => set.ptr('b' as never)).toThrow(expect.objectContaining({ code: 'INVALID_STATE', field: 'columns.b' }));
    } finally {
      set.release();
    }
  });

  it('refuses a request too large for WASM memory before the memory grows', () => {
    const memory = wasmCore().exports.memory;
    const bytes = memory.buffer.byteLength;
    // 2²⁷ rows of Module Y columns need 2²⁷ × 42 B ≈ 5.6 GB, above the 4 GiB of wasm32. Before
    // the columns shared one block, the first four columns grew the memory to about 4 GiB and
    // stayed there after the fifth was refused.
    expect(() => allocateScaleColumnsSync(2 ** 27)).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
    expect(memory.buffer.byteLength).toBe(bytes);
  });
});

describe('copying caller columns into WASM memory', () => {
  beforeAll(() => ready());

  it('copies a caller view into WASM memory even when the copy grows the memory', () => {
    const n = 2_000_000;
    const cols = allocateScaleColumnsSync(n);
    try {
      cols.position.fill(1);
      cols.metaProbability.fill(0.5);
      cols.banditWeight.fill(1);
      cols.regime.fill(0);
      cols.correlationPenalty.fill(0);
      // Plain views into WASM memory (not our columns object): the copy path allocates a second
      // set of 2M rows, which grows the memory and detached these views (a TypeError before).
      const views = { position: cols.position, metaProbability: cols.metaProbability, banditWeight: cols.banditWeight, regime: cols.regime, correlationPenalty: cols.correlationPenalty };
      const generation = wasmCore().arena.generation;
      const { scaled, status } = scalePositionsSync(views);
      expect(wasmCore().arena.generation).not.toBe(generation); // the memory did grow
      expect(status.every((s) => s === SCALE_STATUS.OK)).toBe(true);
      expect(scaled[n - 1]).toBe(1); // 1 × (0.5 + 0.5) × 1 × NORMAL 1.0 × 1
    } finally {
      cols.release();
    }
  });

  it('fails the row of a value that is not a number instead of coercing it', () => {
    const n = 5;
    const rows = {
      position: [1, '2', null, true, [3]] as unknown as number[],
      metaProbability: [0.5, 0.5, 0.5, 0.5, 0.5],
      banditWeight: [1, 1, 1, 1, 1],
      regime: [0, 0, 0, 0, 0],
      correlationPenalty: [0, 0, 0, 0, 0],
    };
    const { scaled, status } = scalePositionsSync(rows as never);
    // Before, '2' became 2, null 0, true 1 and [3] 3, each with status OK.
    expect(Array.from(status)).toEqual([SCALE_STATUS.OK, SCALE_STATUS.POSITION, SCALE_STATUS.POSITION, SCALE_STATUS.POSITION, SCALE_STATUS.POSITION]);
    expect(Array.from(scaled)).toEqual([1, 0, 0, 0, 0]);
    expect(n).toBe(rows.position.length);
  });

  it('refuses a BigInt column with a SizewiseError, not a TypeError', () => {
    const rows = {
      position: new BigInt64Array(2),
      metaProbability: new Float64Array(2),
      banditWeight: new Float64Array(2),
      regime: new Uint8Array(2),
      correlationPenalty: new Float64Array(2),
    };
    expect(() => scalePositionsSync(rows as never)).toThrow(SizewiseError);
    expect(() => scalePositionsSync(rows as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'columns.position' }));
  });
});
