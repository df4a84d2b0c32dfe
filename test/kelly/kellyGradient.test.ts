import { describe, expect, it } from 'vitest';
import { createKellyGradient, type KellyGradientInput } from '../../src/kelly/kellyGradient.js';
import { kellyGradientTwin } from '../../src/kelly/kellyGradientTwin.js';
import { Xoshiro128 } from '../../src/random/xoshiro128.js';
import { loadWasm } from '../../src/runtime/wasm.js';

function sample(days: number, assets: number, seed: number): KellyGradientInput {
  const rng = new Xoshiro128(seed);
  const returns = new Float64Array(days * assets);
  for (let i = 0; i < returns.length; i++) returns[i] = (rng.nextFloat() - 0.48) * 0.06;
  return { returns, days, assets };
}

function weightsOf(n: number, seed: number): Float64Array {
  const rng = new Xoshiro128(seed, 1);
  return Float64Array.from({ length: n }, () => (rng.nextFloat() - 0.5) * 2);
}

describe('kellyGradient: the WASM kernel and its TypeScript twin', () => {
  it.each([
    [250, 1],
    [500, 2],
    [300, 7],
    [1000, 30],
    [503, 5],
    [7, 3],
  ])('agree on %i days × %i assets: gradient and Hessian bit for bit, growth to 1e-15', async (days, assets) => {
    const core = await loadWasm();
    const input = sample(days, assets, days + assets);
    const w = weightsOf(assets, assets);
    const wasm = createKellyGradient(input.days, input.assets, (dest) => dest.set(input.returns), core);
    const growth = wasm.evaluate(w, true);
    const g = new Float64Array(assets);
    const h = new Float64Array(assets * assets);
    const twin = kellyGradientTwin(input, w, g, h, true);
    expect(Math.abs(growth - twin)).toBeLessThanOrEqual(1e-15 * Math.abs(twin));
    expect(Array.from(wasm.gradient)).toEqual(Array.from(g));
    expect(Array.from(wasm.hessian)).toEqual(Array.from(h));
    expect(wasm.evaluate(w, false)).toBe(growth);
    wasm.release();
  });

  it('the gradient and Hessian are the derivatives of the growth (central differences)', () => {
    const input = sample(400, 4, 3);
    const w = weightsOf(4, 9);
    const g = new Float64Array(4);
    const h = new Float64Array(16);
    kellyGradientTwin(input, w, g, h, true);
    const at = (v: Float64Array) => kellyGradientTwin(input, v, new Float64Array(4), new Float64Array(16), false);
    const eps = 1e-5;
    for (let i = 0; i < 4; i++) {
      const up = Float64Array.from(w);
      const down = Float64Array.from(w);
      up[i] += eps;
      down[i] -= eps;
      expect((at(up) - at(down)) / (2 * eps)).toBeCloseTo(g[i], 8);
      const gUp = new Float64Array(4);
      const gDown = new Float64Array(4);
      kellyGradientTwin(input, up, gUp, new Float64Array(16), true);
      kellyGradientTwin(input, down, gDown, new Float64Array(16), true);
      for (let j = 0; j < 4; j++) expect((gUp[j] - gDown[j]) / (2 * eps)).toBeCloseTo(h[j * 4 + i], 7);
    }
  });

  it('reports −Infinity, and writes nothing, for weights that a day would ruin', async () => {
    const core = await loadWasm();
    const input: KellyGradientInput = { returns: Float64Array.of(0.1, -0.5, 0.2, 0.1), days: 2, assets: 2 };
    const wasm = createKellyGradient(input.days, input.assets, (dest) => dest.set(input.returns), core);
    wasm.evaluate(Float64Array.of(0.5, 0.5), true);
    const before = Array.from(wasm.gradient);
    expect(wasm.evaluate(Float64Array.of(0, 2), true)).toBe(-Infinity); // day 0: 1 + 2·(−0.5) = 0
    expect(Array.from(wasm.gradient)).toEqual(before);
    expect(kellyGradientTwin(input, Float64Array.of(0, 2), new Float64Array(2), new Float64Array(4), true)).toBe(-Infinity);
    wasm.release();
  });
});
