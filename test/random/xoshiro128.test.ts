import { describe, expect, it } from 'vitest';
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
