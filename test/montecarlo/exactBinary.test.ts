import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SizewiseError } from '../../src/errors.js';
import { EXACT_BINARY_LIMITS, exactBinary } from '../../src/montecarlo/exactBinary.js';

/**
 * Brute force: every one of the 2ⁿ win/loss sequences, walked trade by trade exactly as
 * the simulator does (running sum of ln steps, running peak, running minimum), weighted
 * by p^wins q^losses. Independent of the lattice recursions it checks.
 */
function bruteForce(p: number, w: number, l: number, f: number, n: number, ruinLevel: number, levels: number[]) {
  const a = Math.log1p(f * w);
  const b = Math.log1p(-f * l);
  // Level comparisons up to the documented tie tolerance 2⁻⁴⁰·n·max|step| (see tieTolerance).
  const tol = 2 ** -40 * n * Math.max(Math.abs(a), Math.abs(b));
  let ruin = 0;
  let loss = 0;
  let mean = 0;
  let growth = 0;
  const dd = levels.map(() => 0);
  const terminal: { x: number; prob: number }[] = [];
  const drawdowns: { x: number; prob: number }[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    let x = 0;
    let peak = 0;
    let worst = 0;
    let low = 0;
    let wins = 0;
    for (let t = 0; t < n; t++) {
      const win = (mask >> t) & 1;
      wins += win;
      x += win ? a : b;
      peak = Math.max(peak, x);
      worst = Math.max(worst, peak - x);
      low = Math.min(low, x);
    }
    const prob = p ** wins * (1 - p) ** (n - wins);
    if (low <= Math.log(ruinLevel) + tol) ruin += prob;
    if (x < -tol) loss += prob;
    mean += prob * Math.exp(x);
    growth += (prob * x) / n;
    levels.forEach((level, k) => {
      if (worst >= -Math.log1p(-level) - tol) dd[k] += prob;
    });
    if (n <= 16) {
      terminal.push({ x: Math.exp(x), prob });
      drawdowns.push({ x: -Math.expm1(-worst), prob });
    }
  }
  /** Lower quantile of a discrete law: the smallest value whose CDF reaches pct. */
  const quantile = (values: { x: number; prob: number }[], pct: number) => {
    const sorted = [...values].sort((u, v) => u.x - v.x);
    let cdf = 0;
    for (const v of sorted) {
      cdf += v.prob;
      if (cdf >= pct * (1 - 1e-12)) return v.x;
    }
    return sorted[sorted.length - 1].x;
  };
  return { ruin, loss, mean, growth, dd, terminal, drawdowns, quantile };
}

const cases = [
  { p: 0.45, w: 0.05, l: 0.03, f: 4, n: 16, ruinLevel: 0.5 },
  { p: 0.55, w: 0.03, l: 0.02, f: 12, n: 18, ruinLevel: 0.7 },
  { p: 0.3, w: 0.12, l: 0.04, f: 6, n: 20, ruinLevel: 0.6 },
  { p: 0.5, w: 0.02, l: 0.02, f: 9, n: 14, ruinLevel: 0.8 },
  // ln 1.25 = −ln 0.8: ties on the lattice (equal wins and losses leave wealth unchanged; 0.64 = 0.8²).
  { p: 0.52, w: 0.025, l: 0.02, f: 10, n: 16, ruinLevel: 0.64 },
  { p: 0.62, w: 0.011, l: 0.017, f: 20, n: 12, ruinLevel: 0.9 },
];

describe('exactBinary', () => {
  for (const c of cases) {
    it(`matches brute-force enumeration of all 2^${c.n} paths (p ${c.p}, +${c.w}/−${c.l}, exposure ${c.f})`, () => {
      const levels = [0.1, 0.2, 0.35, 0.5];
      const percentiles = [0.05, 0.25, 0.5, 0.75, 0.95];
      // Sums of up to 2²⁰ terms: agreement to 1e-10 (rounding of the brute-force sums).
      const truth = bruteForce(c.p, c.w, c.l, c.f, c.n, c.ruinLevel, levels);
      const exact = exactBinary(
        { winProbability: c.p, winReturn: c.w, lossReturn: c.l },
        { exposure: c.f, trades: c.n, ruinLevel: c.ruinLevel, drawdownLevels: levels, percentiles, maxDrawdown: true },
      );
      expect(exact.probabilityOfRuin).toBeCloseTo(truth.ruin, 10);
      expect(exact.probabilityOfLoss).toBeCloseTo(truth.loss, 10);
      expect(exact.terminalWealth.mean).toBeCloseTo(truth.mean, 10);
      expect(exact.growthPerTrade).toBeCloseTo(truth.growth, 10);
      levels.forEach((level, k) => expect(exact.probabilityOfDrawdown[`${level}`]).toBeCloseTo(truth.dd[k], 10));
      if (c.n > 16) return; // quantiles by sorting all 2ⁿ paths: checked on the smaller cases
      expect(exact.terminalWealth.median).toBeCloseTo(truth.quantile(truth.terminal, 0.5), 12);
      for (const pct of percentiles) {
        expect(exact.terminalWealth.percentiles[String(pct)]).toBeCloseTo(truth.quantile(truth.terminal, pct), 12);
        // Drawdown quantiles are lattice values j·|b| − i·a; the brute force adds its steps one by one.
        expect(exact.maxDrawdown.percentiles[String(pct)]).toBeCloseTo(truth.quantile(truth.drawdowns, pct), 12);
      }
    });
  }

  it('matches brute force for random edges, exposures and horizons up to 12 trades (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.double({ min: 0.005, max: 0.2, noNaN: true }),
        fc.double({ min: 0.005, max: 0.2, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }), // exposure as a share of 1 / lossReturn
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0.3, max: 0.95, noNaN: true }),
        (p, w, l, share, n, ruinLevel) => {
          const f = share / l;
          const levels = [0.15, 0.4];
          const truth = bruteForce(p, w, l, f, n, ruinLevel, levels);
          const exact = exactBinary({ winProbability: p, winReturn: w, lossReturn: l }, { exposure: f, trades: n, ruinLevel, drawdownLevels: levels, percentiles: [0.1, 0.5, 0.9], maxDrawdown: true });
          expect(exact.probabilityOfRuin).toBeCloseTo(truth.ruin, 12);
          expect(exact.probabilityOfLoss).toBeCloseTo(truth.loss, 12);
          expect(exact.terminalWealth.mean / truth.mean).toBeCloseTo(1, 12);
          levels.forEach((level, k) => expect(exact.probabilityOfDrawdown[`${level}`]).toBeCloseTo(truth.dd[k], 12));
          for (const pct of [0.1, 0.5, 0.9]) {
            expect(exact.terminalWealth.percentiles[String(pct)] / truth.quantile(truth.terminal, pct)).toBeCloseTo(1, 12);
            expect(exact.maxDrawdown.percentiles[String(pct)]).toBeCloseTo(truth.quantile(truth.drawdowns, pct), 12);
          }
        },
      ),
      { seed: 7, numRuns: 60 },
    );
  });

  it('gives E[W_n] = (1 + f(p·w − q·l))ⁿ and growth p·ln(1 + f·w) + q·ln(1 − f·l) for long horizons', () => {
    const e = { winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 };
    const r = exactBinary(e, { exposure: 5, trades: 500 });
    expect(r.terminalWealth.mean).toBeCloseTo((1 + 5 * (0.55 * 0.03 - 0.45 * 0.02)) ** 500, 6);
    expect(r.growthPerTrade).toBeCloseTo(0.55 * Math.log(1.15) + 0.45 * Math.log(0.9), 14);
  });

  it('gives the gambler’s-ruin answer for a fair ±1 step walk with a far upper side', () => {
    // With w = l and exposure f, ln steps are ±ln(1+fl) only approximately symmetric; use the
    // lattice itself at f where ln(1 − f·l) = −ln(1 + f·w): w = l/(1 − f·l) makes steps ±s exactly.
    // Ruin level e^(−3s) is then hit when losses − wins reaches 3 within n trades; for p = 1/2 the
    // reflection principle gives P(min S_t ≤ −3) = P(S_n ≤ −3) + P(S_n < −3) (S a simple walk).
    const l = 0.02;
    const f = 5;
    const w = l / (1 - f * l);
    const s = Math.log1p(f * w);
    const n = 15;
    const r = exactBinary({ winProbability: 0.5, winReturn: w, lossReturn: l }, { exposure: f, trades: n, ruinLevel: Math.exp(-3 * s) * (1 + 1e-9) });
    let pLe = 0;
    let pLt = 0;
    for (let k = 0; k <= n; k++) {
      const walk = 2 * k - n; // S_n with k up-steps
      const prob = binom(n, k) / 2 ** n;
      if (walk <= -3) pLe += prob;
      if (walk < -3) pLt += prob;
    }
    expect(r.probabilityOfRuin).toBeCloseTo(pLe + pLt, 12);
  });

  it('says a bet that always wins is never ruined and never draws down', () => {
    const r = exactBinary({ winProbability: 1, winReturn: 0.01, lossReturn: 0.5 }, { exposure: 3, trades: 50 });
    expect(r.probabilityOfRuin).toBe(0);
    expect(r.probabilityOfDrawdown['0.2']).toBe(0);
    expect(r.terminalWealth.median).toBeCloseTo(1.03 ** 50, 10);
  });

  it('gives maxDrawdown only when asked, as a plain property, and refuses the search above its own trade limit', () => {
    const edge = { winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 };
    const plain = exactBinary(edge, { exposure: 5, trades: 40 });
    expect(plain).not.toHaveProperty('maxDrawdown');
    const asked = exactBinary(edge, { exposure: 5, trades: 40, maxDrawdown: true });
    expect(Object.getOwnPropertyDescriptor(asked, 'maxDrawdown')).toMatchObject({ enumerable: true, writable: true });
    expect(asked.maxDrawdown.median).toBe(asked.maxDrawdown.percentiles['0.5']);
    expect({ ...asked, maxDrawdown: undefined }).toEqual({ ...plain, maxDrawdown: undefined });
    const over = EXACT_BINARY_LIMITS.maxDrawdownTrades + 1;
    expect(() => exactBinary(edge, { exposure: 5, trades: over, maxDrawdown: true })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'opts.trades' }));
    expect(exactBinary(edge, { exposure: 5, trades: over }).probabilityOfRuin).toBeGreaterThan(0);
  });

  it.each([
    [{ winProbability: 1.2, winReturn: 0.03, lossReturn: 0.02 }, { exposure: 1, trades: 10 }, 'model.winProbability'],
    [{ winProbability: 0.5, winReturn: 0.03, lossReturn: 0.02 }, { exposure: 0, trades: 10 }, 'opts.exposure'],
    [{ winProbability: 0.5, winReturn: 0.03, lossReturn: 0.02 }, { exposure: 50, trades: 10 }, 'opts.exposure'],
    [{ winProbability: 0.5, winReturn: 0.03, lossReturn: 0.02 }, { exposure: 1, trades: 2.5 }, 'opts.trades'],
    [{ winProbability: 0.5, winReturn: 0.03, lossReturn: 0.02 }, { exposure: 1, trades: 1e6 }, 'opts.trades'],
    [{ winProbability: 0.5, winReturn: 0.03, lossReturn: 0.02 }, { exposure: 1, trades: 10, percentiles: [1] }, 'opts.percentiles[0]'],
    [{ winProbability: 0.5, winReturn: 0.03, lossReturn: 0.02 }, { exposure: 1, trades: 10, drawdownLevels: [0.2, 0] }, 'opts.drawdownLevels[1]'],
    [{ kind: 'bootstrap', winProbability: 0.5, winReturn: 0.03, lossReturn: 0.02 }, { exposure: 1, trades: 10 }, 'model.kind'],
  ])('rejects bad input %# naming the field', (model, opts, field) => {
    expect(() => exactBinary(model as never, opts as never)).toThrow(SizewiseError);
    try {
      exactBinary(model as never, opts as never);
    } catch (error) {
      expect((error as SizewiseError).field).toBe(field);
    }
  });
});

function binom(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
}

/**
 * The drawdown tail by the textbook forward chain: for t = 1 … n, the mass on every
 * (wins i, losses j) since the last peak, D = j·c − i·a, absorbed at D ≥ L − tol, back to
 * the peak at D ≤ tol after a win. O(n² · L/c): an independent algorithm to check the
 * excursion-and-renewal one against at horizons brute force cannot reach.
 */
function forwardChainTail(p: number, w: number, l: number, f: number, n: number, level: number): number {
  const a = Math.log1p(f * w);
  const c = -Math.log1p(-f * l);
  const tol = 2 ** -40 * n * Math.max(a, c);
  const L = -Math.log1p(-level) - tol;
  let mass = new Map<string, number>([['0,0', 1]]);
  let absorbed = 0;
  for (let t = 0; t < n; t++) {
    const next = new Map<string, number>();
    const add = (i: number, j: number, m: number) => next.set(`${i},${j}`, (next.get(`${i},${j}`) ?? 0) + m);
    for (const [key, m] of mass) {
      const [i, j] = key.split(',').map(Number);
      const peak = i === 0 && j === 0;
      // Win: at the peak, or back to it when D − a ≤ tol.
      if (peak || j * c - (i + 1) * a <= tol) add(0, 0, m * p);
      else add(i + 1, j, m * p);
      // Loss: absorbed when D + c ≥ L − tol.
      if ((j + 1) * c - i * a >= L) absorbed += m * (1 - p);
      else add(i, j + 1, m * (1 - p));
    }
    mass = next;
  }
  return absorbed;
}

describe('exactBinary drawdown probabilities at longer horizons', () => {
  it.each([
    [0.55, 0.03, 0.02, 5, 300, [0.3, 0.5, 0.7]],
    [0.45, 0.05, 0.03, 4, 250, [0.6, 0.8, 0.9]],
    [0.5, 0.025, 0.02, 10, 200, [0.36, 0.8, 0.9]], // 0.36 = 1 − 0.8²: a lattice tie (ln 1.25 = −ln 0.8)
    [0.3, 0.12, 0.04, 2, 150, [0.2, 0.4, 0.6]],
  ] as const)('equal the forward chain over (time, wins, losses): p %s, +%s/−%s, exposure %s, %s trades', (p, w, l, f, n, levels) => {
    const exact = exactBinary({ winProbability: p, winReturn: w, lossReturn: l }, { exposure: f, trades: n, drawdownLevels: levels });
    for (const level of levels) {
      const chain = forwardChainTail(p, w, l, f, n, level);
      // Both sum the same path probabilities in different orders: agreement to rounding.
      expect(exact.probabilityOfDrawdown[`${level}`]).toBeCloseTo(chain, 12);
    }
    expect(levels.some((level) => exact.probabilityOfDrawdown[`${level}`] > 0.05 && exact.probabilityOfDrawdown[`${level}`] < 0.95)).toBe(true);
  });
});
