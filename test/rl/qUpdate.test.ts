import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Xoshiro128 } from '../../src/random/xoshiro128.js';
import { randomTransitionBatch } from '../../src/rl/randomTransitionBatch.js';
import { loadWasm, type WasmCore } from '../../src/runtime/wasm.js';
import { MAX_REWARD } from '../../src/rl/qUpdate.js';
import type { TransitionBatch } from '../../src/rl/qUpdate.js';
import { qCheckTransitionsTwin, qReplayTwin, qUpdateTwin } from '../../src/rl/qUpdateTwin.js';

let core: WasmCore;
beforeAll(async () => {
  core = await loadWasm();
});

function randomBatch(rng: Xoshiro128, n: number, nStates: number, nActions: number): TransitionBatch {
  return randomTransitionBatch(rng, n, { states: nStates, actions: nActions, reward: [-9, 11], doneProbability: 0.3 });
}

/** Copies the batch and a table into WASM memory, runs `run` on their pointers, returns the table. */
function inWasm(q: Float64Array, b: TransitionBatch, run: (ptrs: { q: number; v: number; s: number; a: number; r: number; s2: number; d: number }) => void): Float64Array {
  const { arena } = core;
  const n = b.state.length;
  const ptrs = { q: arena.alloc(q.length * 8), v: arena.alloc(q.length * 4), s: arena.alloc(n * 4), a: arena.alloc(n * 4), r: arena.alloc(n * 8), s2: arena.alloc(n * 4), d: arena.alloc(n) };
  arena.f64(ptrs.q, q.length).set(q);
  arena.u32(ptrs.v, q.length).fill(0);
  arena.i32(ptrs.s, n).set(b.state);
  arena.i32(ptrs.a, n).set(b.action);
  arena.f64(ptrs.r, n).set(b.reward);
  arena.i32(ptrs.s2, n).set(b.nextState);
  arena.u8(ptrs.d, n).set(b.done);
  run(ptrs);
  const out = arena.f64(ptrs.q, q.length).slice();
  for (const p of Object.values(ptrs)) arena.release(p);
  return out;
}

/** The update kernel on pointers (it checks the rows first); returns Σ|ΔQ|, or throws if it refused a row. */
function update(p: { q: number; v: number; s: number; a: number; r: number; s2: number; d: number }, nStates: number, nActions: number, n: number, alpha: number, gamma: number): number {
  const bad = core.exports.qUpdate(p.q, p.v, nStates, nActions, p.s, p.a, p.r, p.s2, p.d, n, alpha, gamma, MAX_REWARD, core.scratch);
  if (bad !== -1) throw new Error(`the kernel refused row ${bad}`);
  return core.arena.f64(core.scratch, 1)[0];
}

/** Bitwise equality of two float arrays (distinguishes −0 and +0, unlike toBeCloseTo). */
function bytes(x: Float64Array): Uint8Array {
  return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
}

describe('the Q-learning update loop', () => {
  it('matches a hand-computed sequence (α = 0.5, γ = 0.9)', () => {
    // 2 states × 2 actions, all zero. By hand:
    // 1. (s0, a0, r 1, s1, not done): max Q[s1] = 0 → Q00 = 0 + 0.5·(1 − 0) = 0.5
    // 2. (s1, a1, r 2, done):                      → Q11 = 0 + 0.5·(2 − 0) = 1
    // 3. (s0, a1, r 0, s1, not done): max Q[s1] = 1 → Q01 = 0.5·0.9 = 0.45
    // 4. (s0, a0, r 1, s0, not done): max Q[s0] = 0.5 (reads update 1) → target 1.45 → Q00 = 0.5 + 0.5·0.95 = 0.975
    const b: TransitionBatch = {
      state: Int32Array.from([0, 1, 0, 0]),
      action: Int32Array.from([0, 1, 1, 0]),
      reward: Float64Array.from([1, 2, 0, 1]),
      nextState: Int32Array.from([1, 1, 1, 0]),
      done: Uint8Array.from([0, 1, 0, 0]),
    };
    const expected = [0.975, 0.45, 0, 1];
    const twin = new Float64Array(4);
    const twinSum = qUpdateTwin(twin, 2, b, 0.5, 0.9);
    let wasmSum = 0;
    const wasm = inWasm(new Float64Array(4), b, (p) => {
      wasmSum = update(p, 2, 2, 4, 0.5, 0.9);
    });
    for (let i = 0; i < 4; i++) {
      expect(twin[i]).toBeCloseTo(expected[i], 14);
      expect(wasm[i]).toBeCloseTo(expected[i], 14);
    }
    // Σ|ΔQ| = 0.5 + 1 + 0.45 + 0.475
    expect(twinSum).toBeCloseTo(2.425, 14);
    expect(wasmSum).toBe(twinSum);
  });

  it('gives bit-identical tables in WASM and in the TypeScript twin, for any action count', () => {
    const rng = new Xoshiro128(11);
    for (const nActions of [1, 2, 3, 4, 5, 6, 7, 16, 17, 150]) {
      for (const gamma of [0, 0.9]) {
        const nStates = 7; // few states: (s, a) pairs repeat, so order matters
        const b = randomBatch(rng, 2_000, nStates, nActions);
        const start = Float64Array.from({ length: nStates * nActions }, () => rng.nextFloat() - 0.5);
        const twin = start.slice();
        const twinSum = qUpdateTwin(twin, nActions, b, 0.3, gamma);
        let wasmSum = 0;
        const wasm = inWasm(start, b, (p) => {
          wasmSum = update(p, nStates, nActions, b.state.length, 0.3, gamma);
        });
        expect(bytes(wasm)).toEqual(bytes(twin));
        expect(wasmSum).toBe(twinSum);
      }
    }
  });

  it('keeps −0 out of the table, so the SIMD pseudo-max equals the twin\'s max', () => {
    // −0 rewards on a zero table: without the + 0 in the kernel, Q could become −0 and the
    // order of a max over {−0, +0} would decide the sign of later targets.
    const n = 64;
    const b: TransitionBatch = {
      state: Int32Array.from({ length: n }, (_, i) => i % 3),
      action: Int32Array.from({ length: n }, (_, i) => (i * 7) % 5),
      reward: new Float64Array(n).fill(-0),
      nextState: Int32Array.from({ length: n }, (_, i) => (i + 1) % 3),
      done: Uint8Array.from({ length: n }, (_, i) => i % 2),
    };
    const twin = new Float64Array(15);
    qUpdateTwin(twin, 5, b, 0.5, 0.9);
    const wasm = inWasm(new Float64Array(15), b, (p) => update(p, 3, 5, n, 0.5, 0.9));
    expect(bytes(wasm)).toEqual(bytes(twin));
    expect(Array.from(wasm).some((x) => Object.is(x, -0))).toBe(false);
  });

  it('depends on the order of the transitions when a pair repeats', () => {
    const b: TransitionBatch = {
      state: Int32Array.from([0, 0]),
      action: Int32Array.from([0, 1]),
      reward: Float64Array.from([1, 0]),
      nextState: Int32Array.from([0, 0]),
      done: Uint8Array.from([0, 0]),
    };
    const forward = new Float64Array(2);
    qUpdateTwin(forward, 2, b, 1, 0.5);
    // Q00 = 1, then Q01 = 0 + 0.5·max(1, 0) = 0.5
    expect(Array.from(forward)).toEqual([1, 0.5]);
  });

  it('replays the same draws in WASM and in the twin for the same seed, and continues the stream across calls', () => {
    const rng = new Xoshiro128(5);
    const nStates = 13;
    const nActions = 16;
    const buffer = randomBatch(rng, 500, nStates, nActions);
    const start = new Float64Array(nStates * nActions);
    const twin = start.slice();
    const twinRng = new Xoshiro128(99, 2);
    let twinSum = qReplayTwin(twin, nActions, buffer, 500, 300, 0.1, 0.95, twinRng);
    twinSum += qReplayTwin(twin, nActions, buffer, 500, 700, 0.1, 0.95, twinRng);
    let wasmSum = 0;
    const wasm = inWasm(start, buffer, (p) => {
      const rngPtr = core.arena.alloc(16);
      core.exports.seedStream(99, 2, rngPtr);
      wasmSum = core.exports.qReplay(p.q, nActions, p.s, p.a, p.r, p.s2, p.d, 500, 300, 0.1, 0.95, rngPtr);
      wasmSum += core.exports.qReplay(p.q, nActions, p.s, p.a, p.r, p.s2, p.d, 500, 700, 0.1, 0.95, rngPtr);
      core.arena.release(rngPtr);
    });
    expect(bytes(wasm)).toEqual(bytes(twin));
    expect(wasmSum).toBe(twinSum);
  });

  it('draws the twin\'s rows from a buffer of MAX_REPLAY (2²⁰) rows: the integer index equals nextIndex', () => {
    // The kernel computes ⌊word·size / 2³²⌋ with an integer multiply, the twin ⌊word·2⁻³²·size⌋ in
    // doubles; they agree while word·size < 2⁵³, i.e. for every buffer up to 2²¹ rows.
    const size = 1 << 20;
    const buffer: TransitionBatch = {
      state: Int32Array.from({ length: size }, (_, i) => i % 1024),
      action: new Int32Array(size),
      reward: Float64Array.from({ length: size }, (_, i) => i),
      nextState: new Int32Array(size),
      done: new Uint8Array(size).fill(1),
    };
    const twin = new Float64Array(1024);
    const twinSum = qReplayTwin(twin, 1, buffer, size, 50_000, 1, 0, new Xoshiro128(8, 2));
    let wasmSum = 0;
    const wasm = inWasm(new Float64Array(1024), buffer, (p) => {
      const rngPtr = core.arena.alloc(16);
      core.exports.seedStream(8, 2, rngPtr);
      wasmSum = core.exports.qReplay(p.q, 1, p.s, p.a, p.r, p.s2, p.d, size, 50_000, 1, 0, rngPtr);
      core.arena.release(rngPtr);
    });
    expect(wasm).toEqual(twin); // α = 1: each cell holds the reward, i.e. the index, of its last draw
    expect(wasmSum).toBe(twinSum);
  });

  it('replay draws each buffer row about equally often (uniform sampling)', () => {
    // 100 rows, each its own state; 100 000 draws → 1 000 per row expected, sd ≈ 31.
    const n = 100;
    const buffer: TransitionBatch = {
      state: Int32Array.from({ length: n }, (_, i) => i),
      action: new Int32Array(n),
      reward: new Float64Array(n).fill(1),
      nextState: Int32Array.from({ length: n }, (_, i) => i),
      done: new Uint8Array(n).fill(1),
    };
    // With α = 1 and reward 1, Q is 1 after the first draw and ΔQ 0 after; count first visits
    // by replaying one draw at a time through the twin and watching which row changed.
    const rng = new Xoshiro128(3, 2);
    const counts = new Array<number>(n).fill(0);
    for (let k = 0; k < 100_000; k++) counts[rng.nextIndex(n)]++;
    const q = new Float64Array(n);
    qReplayTwin(q, 1, buffer, n, 100_000, 1, 0, new Xoshiro128(3, 2));
    expect(Math.min(...counts)).toBeGreaterThan(1_000 - 5 * 32);
    expect(Math.max(...counts)).toBeLessThan(1_000 + 5 * 32);
    expect(Array.from(q)).toEqual(new Array(n).fill(1)); // every row was drawn
  });
});

describe('the check pass of the update kernel', () => {
  it('finds the same first bad row as the twin, for bad values at any position (SIMD steps and tail)', () => {
    const nStates = 9;
    const nActions = 5;
    const badValue = fc.oneof(
      fc.record({ column: fc.constantFrom('state', 'nextState'), value: fc.constantFrom(-1, nStates, 2 ** 31 - 1, -(2 ** 31)) }),
      fc.record({ column: fc.constant('action'), value: fc.constantFrom(-1, nActions, 1 << 20) }),
      fc.record({ column: fc.constant('reward'), value: fc.constantFrom(Number.NaN, Infinity, -Infinity, MAX_REWARD * 2, -MAX_REWARD * 1.000001, 1e308) }),
      fc.record({ column: fc.constant('done'), value: fc.constantFrom(2, 7, 255) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 67 }), fc.array(fc.tuple(fc.nat(), badValue), { maxLength: 3 }), fc.integer(), (n, bad, seed) => {
        const b = randomBatch(new Xoshiro128(seed >>> 0), n, nStates, nActions);
        for (const [at, { column, value }] of bad) (b[column as keyof TransitionBatch] as Float64Array)[at % n] = value;
        const expected = qCheckTransitionsTwin(b, nStates, nActions, MAX_REWARD);
        let found = -2;
        inWasm(new Float64Array(nStates * nActions), b, (p) => {
          found = core.exports.qCheckTransitions(p.s, p.a, p.r, p.s2, p.d, n, nStates, nActions, MAX_REWARD);
        });
        expect(found).toBe(expected);
        if (bad.length === 0) expect(found).toBe(-1);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('accepts the edges: states 0 and nStates − 1, rewards ±MAX_REWARD, −0 and done 0 or 1', () => {
    const b: TransitionBatch = {
      state: Int32Array.of(0, 8, 0, 8, 4),
      action: Int32Array.of(0, 4, 4, 0, 2),
      reward: Float64Array.of(MAX_REWARD, -MAX_REWARD, -0, 5e-324, 0),
      nextState: Int32Array.of(8, 0, 0, 8, 4),
      done: Uint8Array.of(0, 1, 1, 0, 1),
    };
    let found = -2;
    inWasm(new Float64Array(45), b, (p) => {
      found = core.exports.qCheckTransitions(p.s, p.a, p.r, p.s2, p.d, 5, 9, 5, MAX_REWARD);
    });
    expect(found).toBe(-1);
  });

  it('writes nothing when a row is bad: the table and the visit counts stay as they were', () => {
    const b = randomBatch(new Xoshiro128(1), 1000, 7, 4);
    b.reward[777] = Number.NaN;
    const start = Float64Array.from({ length: 28 }, (_, i) => i / 7);
    let status = -2;
    let visits: Uint32Array = new Uint32Array(0);
    const after = inWasm(start, b, (p) => {
      status = core.exports.qUpdate(p.q, p.v, 7, 4, p.s, p.a, p.r, p.s2, p.d, 1000, 0.5, 0.9, MAX_REWARD, core.scratch);
      visits = core.arena.u32(p.v, 28).slice();
    });
    expect(status).toBe(777);
    expect(after).toEqual(start);
    expect(visits.every((v) => v === 0)).toBe(true);
  });

  it('counts each applied transition in the visit counts, as the twin does', () => {
    const b = randomBatch(new Xoshiro128(2), 3000, 11, 6);
    const twinVisits = new Uint32Array(66);
    qUpdateTwin(new Float64Array(66), 6, b, 0.1, 0.5, twinVisits);
    let visits: Uint32Array = new Uint32Array(0);
    inWasm(new Float64Array(66), b, (p) => {
      update(p, 11, 6, 3000, 0.1, 0.5);
      visits = core.arena.u32(p.v, 66).slice();
    });
    expect(visits).toEqual(twinVisits);
    expect(visits.reduce((a, v) => a + v, 0)).toBe(3000);
  });
});

describe('allocateTransitions', () => {
  it('hands out transition columns in WASM memory that update() reads in place', async () => {
    const { allocateTransitions } = await import('../../src/rl/qUpdate.js');
    const { QLearningSizer } = await import('../../src/rl/QLearningSizer.js');
    const cols = await allocateTransitions(3);
    expect(cols.length).toBe(3);
    expect(Object.keys(cols)).toEqual(['state', 'action', 'reward', 'nextState', 'done']);
    cols.state.set([0, 1, 2]);
    cols.action.set([2, 1, 0]);
    cols.reward.set([1.5, -0.5, 0.25]);
    cols.nextState.set([1, 2, 3]);
    cols.done.set([0, 0, 1]);
    const agent = new QLearningSizer({ states: 4, actions: [0.5, 1, 2], alpha: 0.5, gamma: 0.9 });
    agent.update(cols);
    // By hand: Q[0,2] = 0.5 × (1.5 + 0.9 × max Q[1] = 0) = 0.75; Q[1,1] = 0.5 × (−0.5 + 0.9 × 0) = −0.25;
    // Q[2,0] = 0.5 × 0.25 = 0.125 (terminal).
    expect(Array.from(agent.table().subarray(0, 9))).toEqual([0, 0, 0.75, 0, -0.25, 0, 0.125, 0, 0]);
    cols.release();
    agent.dispose();
    await expect(allocateTransitions(0)).rejects.toMatchObject({ name: 'SizewiseError', field: 'n', code: 'OUT_OF_RANGE' });
    await expect(allocateTransitions(1.5)).rejects.toMatchObject({ field: 'n', code: 'OUT_OF_RANGE' });
    await expect(allocateTransitions(2 ** 31)).rejects.toMatchObject({ field: 'n', code: 'OUT_OF_RANGE' });
    await expect(allocateTransitions(2 ** 29)).rejects.toMatchObject({ code: 'TOO_LARGE' }); // 2²⁹ × 21 B > 4 GiB, refused before memory grows
  });
});
