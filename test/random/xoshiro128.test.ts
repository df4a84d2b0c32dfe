import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seedStream, Xoshiro128 } from '../../src/random/xoshiro128.js';
import { loadWasm } from '../../src/runtime/wasm.js';

describe('xoshiro128+', () => {
  it('draws the same words in WASM as its TypeScript twin for the same (seed, stream)', async () => {
    const { exports, arena, scratch } = await loadWasm();
    for (const [seed, stream] of [[0, 0], [42, 7], [0xffffffff, 123456], [2026, 0xfffffffe]]) {
      const out = arena.alloc(4 * 1000);
      exports.fillRandomU32(seed, stream, out, 1000, scratch);
      const twin = new Xoshiro128(seed, stream);
      const expected = Uint32Array.from({ length: 1000 }, () => twin.nextU32());
      expect(arena.u32(out, 1000)).toEqual(expected);
      arena.release(out);
    }
  });

  it('seeds the WASM state exactly as the twin does', async () => {
    const { exports, arena, scratch } = await loadWasm();
    exports.seedStream(99, 5, scratch);
    expect(arena.u32(scratch, 4)).toEqual(seedStream(99, 5));
  });

  it('gives distinct streams for neighbouring path indices', () => {
    const firsts = new Set<number>();
    for (let stream = 0; stream < 10_000; stream++) firsts.add(new Xoshiro128(1, stream).nextU32());
    expect(firsts.size).toBeGreaterThan(9_980); // 10⁴ draws from 2³²: ~0.01 expected collisions
  });

  it('is uniform by a chi-square test on 16 bins (seeded, so it cannot flake)', () => {
    const rng = new Xoshiro128(7);
    const bins = new Array(16).fill(0);
    const n = 160_000;
    for (let i = 0; i < n; i++) bins[rng.nextIndex(16)]++;
    const expected = n / 16;
    const chi2 = bins.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(37.7); // χ²(15) 0.999 quantile (R: qchisq(0.999, 15))
  });
});

/**
 * The reference jump of xoshiro128+ (Blackman & Vigna, xoshiro128plus.c, prng.di.unimi.it):
 * XOR together the states at the set bits of a published polynomial while stepping; JUMP
 * is 2⁶⁴ steps ahead, LONG_JUMP 2⁹⁶.
 */
function referenceJump(rng: Xoshiro128, poly: readonly number[]): Uint32Array {
  const acc = new Uint32Array(4);
  const probe = Xoshiro128.fromState(rng.state());
  for (const word of poly) {
    for (let b = 0; b < 32; b++) {
      if ((word >>> b) & 1) {
        const s = probe.state();
        for (let i = 0; i < 4; i++) acc[i] ^= s[i];
      }
      probe.nextU32();
    }
  }
  return acc;
}
const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];
const LONG_JUMP = [0xb523952e, 0x0b6f099f, 0xccf5a0ef, 0x1c580662];

describe('Xoshiro128 state and advance', () => {
  it('continues exactly from its saved state words', () => {
    const a = new Xoshiro128(9, 4);
    for (let i = 0; i < 37; i++) a.nextU32();
    const b = Xoshiro128.fromState(Array.from(a.state()));
    expect(Array.from({ length: 100 }, () => b.nextU32())).toEqual(Array.from({ length: 100 }, () => a.nextU32()));
  });

  it('advance(n) lands where n draws land', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), fc.integer({ min: 0, max: 3_000 }), (seed, n) => {
        const drawn = new Xoshiro128(seed, 3);
        for (let i = 0; i < n; i++) drawn.nextU32();
        expect(new Xoshiro128(seed, 3).advance(n).state()).toEqual(drawn.state());
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('advance(2⁶⁴) and advance(2⁹⁶) equal the reference jump() and long_jump()', () => {
    for (const seed of [0, 1, 2026]) {
      const rng = new Xoshiro128(seed, 2);
      expect(Xoshiro128.fromState(rng.state()).advance(2n ** 64n).state()).toEqual(referenceJump(rng, JUMP));
      expect(Xoshiro128.fromState(rng.state()).advance(2n ** 96n).state()).toEqual(referenceJump(rng, LONG_JUMP));
    }
  });

  it('advance(a) then advance(b) is advance(a + b), up to 2⁵³', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 52 }), fc.integer({ min: 0, max: 2 ** 52 }), (a, b) => {
        const split = new Xoshiro128(5).advance(a).advance(b);
        expect(new Xoshiro128(5).advance(a + b).state()).toEqual(split.state());
      }),
      { numRuns: 10, seed: 3 },
    );
  });
});

describe('Xoshiro128 input checks', () => {
  const fails = (fn: () => unknown, field: string, code: string) =>
    expect(fn).toThrow(expect.objectContaining({ name: 'SizewiseError', field, code }));

  it('takes a seed and a stream that are integers in [0, 2³²)', () => {
    fails(() => new Xoshiro128(1.5), 'seed', 'OUT_OF_RANGE'); // 1.5 >>> 0 was seed 1 before
    fails(() => new Xoshiro128(-1), 'seed', 'OUT_OF_RANGE');
    fails(() => new Xoshiro128(2 ** 32), 'seed', 'OUT_OF_RANGE');
    fails(() => new Xoshiro128(Number.NaN), 'seed', 'NON_FINITE');
    fails(() => new Xoshiro128('1' as never), 'seed', 'INVALID_TYPE');
    fails(() => new Xoshiro128(1, 0.5), 'stream', 'OUT_OF_RANGE');
    fails(() => new Xoshiro128(1, -3), 'stream', 'OUT_OF_RANGE');
    expect(new Xoshiro128(0xffff_ffff, 0xffff_ffff).nextU32()).toBe(new Xoshiro128(0xffff_ffff, 0xffff_ffff).nextU32());
  });

  it('draws an index only from a range of 1 … 2³² integers', () => {
    const rng = new Xoshiro128(1);
    fails(() => rng.nextIndex(-1), 'n', 'OUT_OF_RANGE'); // returned −1 before
    fails(() => rng.nextIndex(0), 'n', 'OUT_OF_RANGE');
    fails(() => rng.nextIndex(2.5), 'n', 'OUT_OF_RANGE');
    fails(() => rng.nextIndex(2 ** 32 + 1), 'n', 'OUT_OF_RANGE');
    fails(() => rng.nextIndex(Number.NaN), 'n', 'NON_FINITE');
    fails(() => rng.nextIndex(null as never), 'n', 'INVALID_TYPE');
    expect(rng.nextIndex(1)).toBe(0);
    const i = rng.nextIndex(2 ** 32);
    expect(Number.isInteger(i) && i >= 0 && i < 2 ** 32).toBe(true);
  });

  it('restores only four whole, non-zero state words', () => {
    fails(() => Xoshiro128.fromState([1, 2, 3]), 'words', 'LENGTH_MISMATCH');
    fails(() => Xoshiro128.fromState([1, , 3, 4]), 'words[1]', 'INVALID_TYPE');
    fails(() => Xoshiro128.fromState([1, 2, 3, 2 ** 32]), 'words[3]', 'OUT_OF_RANGE');
    fails(() => Xoshiro128.fromState([0, 0, 0, 0]), 'words', 'INVALID_STATE');
    fails(() => Xoshiro128.fromState('abcd', 'saved'), 'saved', 'INVALID_TYPE');
    fails(() => new Xoshiro128(1).advance(-1), 'steps', 'OUT_OF_RANGE');
    fails(() => new Xoshiro128(1).advance(0.5), 'steps', 'OUT_OF_RANGE');
    fails(() => new Xoshiro128(1).advance(-1n), 'steps', 'OUT_OF_RANGE');
  });
});
