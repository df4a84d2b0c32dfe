import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { kellyFromReturns, portfolioKelly, ready, type PortfolioKellyOptions } from '../../src/index.js';
import { Xoshiro128 } from '../../src/random/xoshiro128.js';

// Fixtures: scripts/fixtures/portfolioKelly.py → test/fixtures/kelly/portfolioKelly.json (scipy.optimize
// trust-exact / SLSQP with a Newton polish, numpy.linalg.solve for Σ⁻¹μ; covariance with divisor T).
interface Case {
  name: string;
  symbols: string[];
  method: 'exact' | 'gaussian';
  longOnly: boolean;
  maxLeverage: number | null;
  weights: number[];
  growthRate: number;
  sampleGrowthRate: number | null;
  worstDay: number;
  leverage: number;
  returns?: number[][];
}
const fixture: { dow: Case[]; synthetic: Case[] } = JSON.parse(readFileSync(new URL('../fixtures/kelly/portfolioKelly.json', import.meta.url), 'utf8'));

/** The Dow Jones 30 closes as simple returns per symbol, read here without sizewise. */
function dowReturns(): Map<string, number[]> {
  const lines = readFileSync(new URL('../../data/dowjones30_1991-2000_daily_close.csv', import.meta.url), 'utf8').trim().split('\n');
  const symbols = lines[0].split(',').slice(1);
  const closes = lines.slice(1).map((l) => l.split(',').slice(1).map(Number));
  return new Map(symbols.map((s, j) => [s, closes.slice(1).map((row, t) => row[j] / closes[t][j] - 1)]));
}
const dow = dowReturns();

const optionsOf = (c: Case): PortfolioKellyOptions => ({
  method: c.method,
  longOnly: c.longOnly,
  ...(c.maxLeverage === null ? {} : { maxLeverage: c.maxLeverage }),
});
const label = (c: Case) => `${c.name} ${c.method}${c.longOnly ? ' long-only' : ''}${c.maxLeverage === null ? '' : ` cap ${c.maxLeverage}`}`;

/** KKT conditions of max mean ln(1 + w·r) (or of the Gaussian objective), checked from scratch. */
function expectKkt(returns: number[][], c: Case, w: Float64Array): void {
  const n = returns.length;
  const days = returns[0].length;
  const grad = new Float64Array(n);
  if (c.method === 'exact') {
    for (let t = 0; t < days; t++) {
      let s = 1;
      for (let i = 0; i < n; i++) s += w[i] * returns[i][t];
      for (let i = 0; i < n; i++) grad[i] += returns[i][t] / s / days;
    }
  } else {
    const mean = returns.map((r) => r.reduce((a, b) => a + b, 0) / days);
    for (let i = 0; i < n; i++) {
      grad[i] = mean[i];
      for (let j = 0; j < n; j++) {
        let cov = 0;
        for (let t = 0; t < days; t++) cov += ((returns[i][t] - mean[i]) * (returns[j][t] - mean[j])) / days;
        grad[i] -= cov * w[j];
      }
    }
  }
  const scale = Math.max(...returns.map((r) => r.reduce((a, b) => a + Math.abs(b), 0) / days));
  const tol = 1e-9 * scale;
  const gross = w.reduce((a, b) => a + Math.abs(b), 0);
  const cap = c.maxLeverage ?? Infinity;
  expect(gross).toBeLessThanOrEqual(cap); // never above the cap, not even by a rounding
  if (c.longOnly) for (const x of w) expect(x).toBeGreaterThanOrEqual(0);
  // ν: the cap's multiplier, from the non-zero weights; 0 unless the cap binds (complementary slackness).
  const nonzero = [...w.keys()].filter((i) => w[i] !== 0);
  const binding = gross >= cap * (1 - 1e-12);
  const nu = binding ? nonzero.reduce((a, i) => a + Math.sign(w[i]) * grad[i], 0) / nonzero.length : 0;
  expect(nu).toBeGreaterThanOrEqual(-tol); // dual feasibility
  for (let i = 0; i < n; i++) {
    if (w[i] !== 0) expect(Math.abs(grad[i] - nu * Math.sign(w[i]))).toBeLessThanOrEqual(tol); // stationarity
    else if (c.longOnly) expect(grad[i]).toBeLessThanOrEqual(nu + tol);
    else expect(Math.abs(grad[i])).toBeLessThanOrEqual(nu + tol);
  }
}

function expectMatches(c: Case, returns: number[][]): void {
  const r = portfolioKelly(returns, optionsOf(c));
  const scale = Math.max(...c.weights.map(Math.abs), 1e-12);
  for (let i = 0; i < c.weights.length; i++) expect(Math.abs(r.weights[i] - c.weights[i])).toBeLessThanOrEqual(1e-6 * scale);
  expect(Math.abs(r.growthRate - c.growthRate)).toBeLessThanOrEqual(1e-10 * Math.abs(c.growthRate));
  expect(r.leverage).toBeCloseTo(c.leverage, 5);
  expect(r.worstDay).toBeCloseTo(c.worstDay, 7);
  if (c.sampleGrowthRate === null) expect(r.sampleGrowthRate).toBeUndefined();
  else expect(r.sampleGrowthRate).toBeCloseTo(c.sampleGrowthRate, 9);
  expectKkt(returns, c, r.weights);
}

describe('portfolioKelly', () => {
  beforeAll(() => ready());

  describe.each(fixture.dow.map((c) => [label(c), c] as const))('on the Dow Jones 30 closes: %s', (_, c) => {
    it('matches scipy.optimize (portfolioKelly.json) and satisfies the KKT conditions', () => {
      expectMatches(
        c,
        c.symbols.map((s) => dow.get(s)!),
      );
    });
  });

  it.each(fixture.synthetic.map((c) => [label(c), c] as const))('on synthetic Gaussian returns: %s matches scipy and the KKT conditions', (_, c) => {
    expectMatches(c, c.returns!);
  });

  it('with one asset, equals kellyFromReturns for both methods (long-only)', () => {
    const r = dow.get('KO')!;
    expect(portfolioKelly([r], { longOnly: true }).weights[0]).toBeCloseTo(kellyFromReturns(r).exposure, 9);
    expect(portfolioKelly([r], { method: 'gaussian' }).weights[0]).toBeCloseTo(kellyFromReturns(r, { method: 'gaussian' }).exposure, 9);
  });

  it('fraction scales the weights linearly; the cap gives the constrained optimum, not rescaled weights', () => {
    const returns = ['AA', 'AXP', 'T', 'BA', 'CAT'].map((s) => dow.get(s)!);
    const full = portfolioKelly(returns);
    const half = portfolioKelly(returns, { fraction: 0.5 });
    for (let i = 0; i < 5; i++) expect(half.weights[i]).toBe(full.weights[i] * 0.5);
    expect(half.leverage).toBeCloseTo(full.leverage / 2, 12);
    const capped = portfolioKelly(returns, { maxLeverage: 1.5 });
    const rescaled = portfolioKelly(returns, { fraction: 1.5 / full.leverage });
    expect(capped.leverage).toBeCloseTo(1.5, 12);
    expect(capped.growthRate).toBeGreaterThan(rescaled.growthRate);
  });

  it('never returns a gross leverage above the cap, not even by a rounding (docs/kelly.md, 10 Dow stocks)', () => {
    // The optimiser ends on the cap's face, where Σ|w| came out 1.5000000000000004 for this sample.
    const returns = ['KO', 'XOM', 'GE', 'IBM', 'INTC', 'JNJ', 'MRK', 'MSFT', 'PG', 'WMT'].map((s) => dow.get(s)!);
    for (const method of ['exact', 'gaussian'] as const) {
      for (const cap of [1.5, 1.1, 0.7]) {
        const r = portfolioKelly(returns, { method, maxLeverage: cap });
        expect(r.leverage).toBeLessThanOrEqual(cap);
        expect(r.leverage).toBeCloseTo(cap, 12); // the cap binds for these stocks
        expect(Array.from(r.weights).reduce((a, w) => a + Math.abs(w), 0)).toBeLessThanOrEqual(cap);
      }
    }
  });

  it('gives the same weights before the WASM core loads (TypeScript twin) and after (kernel)', async () => {
    // A fresh module graph has no core loaded: it runs the twin.
    const { vi } = await import('vitest');
    vi.resetModules();
    const fresh = await import('../../src/kelly/portfolioKelly.js');
    const freshRuntime = await import('../../src/runtime/wasm.js');
    expect(() => freshRuntime.wasmCore()).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    const returns = fixture.synthetic[8].returns!;
    const twin = fresh.portfolioKelly(returns, { maxLeverage: 2 });
    const wasm = portfolioKelly(returns, { maxLeverage: 2 });
    for (let i = 0; i < returns.length; i++) expect(Math.abs(twin.weights[i] - wasm.weights[i])).toBeLessThanOrEqual(1e-12);
  });

  it('refuses ragged series, non-finite values, returns ≤ −100 %, fewer than two rows and no assets', () => {
    expect(() => portfolioKelly([[0.01, -0.02, 0.03], [0.01, 0.02]])).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'returns[1]' }));
    expect(() => portfolioKelly([[0.01, Number.NaN]])).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'returns[0][1]' }));
    expect(() => portfolioKelly([[0.01, -0.01], [Infinity, 0.01]])).toThrow(expect.objectContaining({ code: 'NON_FINITE', field: 'returns[1][0]' }));
    expect(() => portfolioKelly([[0.01, -1]])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'returns[0][1]' }));
    expect(() => portfolioKelly([[0.01]])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'returns[0]' }));
    expect(() => portfolioKelly([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'returns' }));
    expect(() => portfolioKelly([[0.01, '0.02' as never]])).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'returns[0][1]' }));
  });

  it('refuses a singular covariance (a duplicated asset) for both methods, and a sample with no loss', () => {
    const a = [0.01, -0.02, 0.015, -0.005, 0.02];
    expect(() => portfolioKelly([a, a], { method: 'gaussian' })).toThrow(expect.objectContaining({ code: 'SINGULAR', field: 'returns' }));
    expect(() => portfolioKelly([a, a])).toThrow(expect.objectContaining({ code: 'SINGULAR', field: 'returns' }));
    // Long a, long (0.01 − a): the pair returns +1 % every day, so growth has no maximum without a cap.
    const hedge = a.map((x) => 0.01 - x);
    expect(() => portfolioKelly([a, hedge])).toThrow(expect.objectContaining({ code: 'NO_LOSSES', field: 'returns' }));
    const capped = portfolioKelly([a, hedge], { maxLeverage: 3 });
    expect(capped.leverage).toBeCloseTo(3, 12);
  });

  it('refuses bad options', () => {
    const r = [
      [0.01, -0.02, 0.03],
      [0.02, 0.01, -0.01],
    ];
    expect(() => portfolioKelly(r, { method: 'median' as never })).toThrow(expect.objectContaining({ code: 'UNKNOWN_VALUE', field: 'options.method' }));
    expect(() => portfolioKelly(r, { maxLeverage: 0 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'options.maxLeverage' }));
    expect(() => portfolioKelly(r, { fraction: 1.5 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'options.fraction' }));
    expect(() => portfolioKelly(r, { longOnly: 'yes' as never })).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'options.longOnly' }));
    expect(() => portfolioKelly(r, { cap: 2 } as never)).toThrow(expect.objectContaining({ code: 'UNKNOWN_KEY', field: 'options.cap' }));
  });

  it('random samples: weights satisfy the KKT conditions under every constraint (property, seeded)', () => {
    const rng = new Xoshiro128(17);
    for (let trial = 0; trial < 12; trial++) {
      const n = 2 + (trial % 5);
      const days = 60 + 40 * trial;
      const returns = Array.from({ length: n }, () => Array.from({ length: days }, () => (rng.nextFloat() - 0.47) * 0.05));
      for (const [longOnly, cap] of [
        [false, null],
        [true, null],
        [false, 1.2],
        [true, 0.8],
      ] as const) {
        const c = { method: 'exact', longOnly, maxLeverage: cap } as Case;
        expectKkt(returns, c, portfolioKelly(returns, optionsOf(c)).weights);
      }
    }
  });
});
