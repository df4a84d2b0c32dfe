import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SizewiseError } from '../../src/errors.js';
import { fractionalKelly, growthRate, kellyCriterion, kellyFromReturns, kellyFromStats, riskConstrainedKelly } from '../../src/kelly/index.js';
import type { BinaryEdge } from '../../src/kelly/index.js';

/** Independent oracle: maximise g(f) by golden-section search on [0, 1/l) (g is concave). */
function bruteForceKelly(e: BinaryEdge): number {
  let lo = 0;
  let hi = (1 / e.lossReturn) * (1 - 1e-12);
  const g = (f: number) => growthRate(e, f);
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 300; i++) {
    const a = hi - phi * (hi - lo);
    const b = lo + phi * (hi - lo);
    if (g(a) < g(b)) lo = a;
    else hi = b;
  }
  return (lo + hi) / 2;
}

const seedsEdge = { winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 };

const edgeArb = fc.record({
  winProbability: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
  winReturn: fc.double({ min: 0.001, max: 2, noNaN: true }),
  lossReturn: fc.double({ min: 0.001, max: 1, noNaN: true }),
});

describe('kellyCriterion', () => {
  it("gives the seeds' example: 55 %, +3.2 %, −1.8 % → risk fraction 29.6875 %, exposure 16.49×", () => {
    // Closed form (Thorp 2006 §2): riskFraction = p − q/b with b = 0.032/0.018; exposure = p/l − q/w.
    const k = kellyCriterion(seedsEdge);
    expect(k.riskFraction).toBeCloseTo(0.55 - 0.45 / (0.032 / 0.018), 12);
    expect(k.riskFraction).toBeCloseTo(0.296875, 12);
    expect(k.exposure).toBeCloseTo(0.55 / 0.018 - 0.45 / 0.032, 10);
    expect(k.edge).toBeCloseTo(0.55 * 0.032 - 0.45 * 0.018, 15);
  });

  it('gives f* = 2p − 1 for an even-money bet (Kelly 1956)', () => {
    for (const p of [0.51, 0.6, 0.75, 0.9]) {
      const k = kellyCriterion({ winProbability: p, winReturn: 1, lossReturn: 1 });
      expect(k.exposure).toBeCloseTo(2 * p - 1, 14);
      expect(k.growthRate).toBeCloseTo(p * Math.log(2 * p) + (1 - p) * Math.log(2 - 2 * p), 14);
    }
  });

  it('matches a brute-force maximisation of the growth rate', () => {
    for (const e of [seedsEdge, { winProbability: 0.4, winReturn: 0.05, lossReturn: 0.02 }, { winProbability: 0.7, winReturn: 0.5, lossReturn: 0.9 }]) {
      expect(kellyCriterion(e).exposure).toBeCloseTo(bruteForceKelly(e), 6);
    }
  });

  it('grows at least as fast at the Kelly exposure as at any nearby exposure (property)', () => {
    fc.assert(
      fc.property(edgeArb, fc.double({ min: -0.5, max: 0.5, noNaN: true }), (e, delta) => {
        const k = kellyCriterion(e);
        const other = Math.max(0, k.exposure * (1 + delta));
        if (other * e.lossReturn >= 1) return true;
        return k.growthRate >= growthRate(e, other) - 1e-12;
      }),
    );
  });

  it('returns exposure 0 exactly when the edge is ≤ 0 (property)', () => {
    fc.assert(
      fc.property(edgeArb, (e) => {
        const k = kellyCriterion(e);
        const edge = e.winProbability * e.winReturn - (1 - e.winProbability) * e.lossReturn;
        return (k.exposure === 0) === (edge <= 0) && k.exposure >= 0 && k.riskFraction >= 0;
      }),
    );
  });

  it('keeps the risk fraction and scales the exposure inversely when both returns scale (property)', () => {
    fc.assert(
      fc.property(edgeArb, fc.double({ min: 0.1, max: 0.99, noNaN: true }), (e, s) => {
        const a = kellyCriterion(e);
        const b = kellyCriterion({ ...e, winReturn: e.winReturn * s, lossReturn: e.lossReturn * s });
        return Math.abs(a.riskFraction - b.riskFraction) <= 1e-9 * Math.max(1, a.riskFraction) && Math.abs(b.exposure * s - a.exposure) <= 1e-9 * Math.max(1, a.exposure);
      }),
    );
  });

  it('gives growth 0, not an error, for a losing edge', () => {
    const k = kellyCriterion({ winProbability: 0.3, winReturn: 0.01, lossReturn: 0.02 });
    expect(k).toMatchObject({ exposure: 0, riskFraction: 0, growthRate: 0 });
    expect(k.edge).toBeLessThan(0);
  });

  it('refuses a bet that cannot lose instead of returning Infinity', () => {
    expect(() => kellyCriterion({ winProbability: 1, winReturn: 0.02, lossReturn: 0.01 })).toThrow(
      expect.objectContaining({ code: 'NO_LOSSES', field: 'edge.winProbability' }),
    );
  });

  it.each([
    [{ winProbability: Number.NaN, winReturn: 0.1, lossReturn: 0.1 }, 'edge.winProbability', 'NON_FINITE'],
    [{ winProbability: 1.2, winReturn: 0.1, lossReturn: 0.1 }, 'edge.winProbability', 'INVALID_PROBABILITY'],
    [{ winProbability: -0.1, winReturn: 0.1, lossReturn: 0.1 }, 'edge.winProbability', 'INVALID_PROBABILITY'],
    [{ winProbability: 0.5, winReturn: Infinity, lossReturn: 0.1 }, 'edge.winReturn', 'NON_FINITE'],
    [{ winProbability: 0.5, winReturn: 0.1, lossReturn: -0.1 }, 'edge.lossReturn', 'OUT_OF_RANGE'],
    [{ winProbability: 0.5, winReturn: 0.1, lossReturn: 0 }, 'edge.lossReturn', 'OUT_OF_RANGE'],
  ])('rejects %o naming %s', (edge, field, code) => {
    expect(() => kellyCriterion(edge)).toThrow(expect.objectContaining({ name: 'SizewiseError', field, code }));
  });
});

describe('kellyFromStats', () => {
  it('equals kellyCriterion on the same binary edge', () => {
    const a = kellyFromStats({ winRate: 0.55, avgWin: 0.032, avgLoss: 0.018 });
    expect(a.exposure).toBe(kellyCriterion(seedsEdge).exposure);
  });

  it('rejects a zero average loss with losses possible', () => {
    expect(() => kellyFromStats({ winRate: 0.5, avgWin: 0.03, avgLoss: 0 })).toThrow(expect.objectContaining({ code: 'NO_LOSSES', field: 'stats.avgLoss' }));
  });

  it('rejects a win rate outside [0, 1]', () => {
    expect(() => kellyFromStats({ winRate: 55, avgWin: 0.03, avgLoss: 0.01 })).toThrow(expect.objectContaining({ field: 'stats.winRate' }));
  });
});

describe('fractionalKelly', () => {
  it("takes a quarter by default: the seeds' 29.7 % becomes 7.42 % of equity at risk", () => {
    const q = fractionalKelly(kellyCriterion(seedsEdge));
    expect(q.riskFraction).toBeCloseTo(0.296875 / 4, 12);
    expect(q.exposure).toBeCloseTo(kellyCriterion(seedsEdge).exposure / 4, 10);
    expect(q.growthRate).toBeCloseTo(growthRate(seedsEdge, q.exposure), 14);
    expect(q.kellyMultiple).toBe(0.25);
  });

  it('caps the risk fraction', () => {
    const k = kellyCriterion({ winProbability: 0.9, winReturn: 1, lossReturn: 1 }); // f* = 0.8
    const half = fractionalKelly(k, { fraction: 1, cap: 0.5 });
    expect(half.riskFraction).toBe(0.5);
    expect(half.kellyMultiple).toBeCloseTo(0.5 / 0.8, 12);
  });

  it.each([
    [{ fraction: 0 }, 'options.fraction'],
    [{ fraction: 1.5 }, 'options.fraction'],
    [{ cap: -1 }, 'options.cap'],
    [{ fraction: Number.NaN }, 'options.fraction'],
  ])('rejects %o', (options, field) => {
    expect(() => fractionalKelly(kellyCriterion(seedsEdge), options)).toThrow(expect.objectContaining({ field }));
  });

  it('rejects an unknown option key (a typo must not pass silently)', () => {
    expect(() => fractionalKelly(kellyCriterion(seedsEdge), { fracton: 0.5 } as never)).toThrow(SizewiseError);
  });
});

describe('riskConstrainedKelly', () => {
  const lambda = (alpha: number, beta: number) => Math.log(beta) / Math.log(alpha);
  const h = (e: BinaryEdge, f: number, l: number) =>
    e.winProbability * (1 + f * e.winReturn) ** -l + (1 - e.winProbability) * (1 - f * e.lossReturn) ** -l - 1;

  it('sits on the Busseti–Ryu–Boyd constraint boundary when it binds', () => {
    const k = riskConstrainedKelly(seedsEdge, { wealthFloor: 0.7, probability: 0.1 });
    const l = lambda(0.7, 0.1);
    expect(k.exposure).toBeLessThan(kellyCriterion(seedsEdge).exposure);
    expect(Math.abs(h(seedsEdge, k.exposure, l))).toBeLessThan(1e-9);
    expect(h(seedsEdge, k.exposure * 1.01, l)).toBeGreaterThan(0); // a little more breaks the bound
  });

  it('matches a brute-force scan for the largest feasible exposure', () => {
    const e = { winProbability: 0.45, winReturn: 0.06, lossReturn: 0.03 };
    const l = lambda(0.8, 0.05);
    let best = 0;
    for (let f = 0; f < 1 / e.lossReturn; f += 1e-4) if (h(e, f, l) <= 0) best = f;
    const k = riskConstrainedKelly(e, { wealthFloor: 0.8, probability: 0.05 });
    expect(k.exposure).toBeCloseTo(Math.min(best, kellyCriterion(e).exposure), 3);
  });

  it('never exceeds the Kelly exposure (property)', () => {
    fc.assert(
      fc.property(
        edgeArb,
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.double({ min: 0.01, max: 0.95, noNaN: true }),
        (e, alpha, beta) => riskConstrainedKelly(e, { wealthFloor: alpha, probability: beta }).exposure <= kellyCriterion(e).exposure + 1e-12,
      ),
    );
  });

  it('rejects a wealth floor or probability outside (0, 1)', () => {
    expect(() => riskConstrainedKelly(seedsEdge, { wealthFloor: 1, probability: 0.1 })).toThrow(expect.objectContaining({ field: 'constraint.wealthFloor' }));
    expect(() => riskConstrainedKelly(seedsEdge, { wealthFloor: 0.7, probability: 0 })).toThrow(expect.objectContaining({ field: 'constraint.probability' }));
  });
});

describe('growthRate', () => {
  it('is the closed form p·ln(1 + f·w) + q·ln(1 − f·l)', () => {
    expect(growthRate(seedsEdge, 4)).toBeCloseTo(0.55 * Math.log(1 + 4 * 0.032) + 0.45 * Math.log(1 - 4 * 0.018), 15);
  });

  it('refuses an exposure where one loss wipes out the equity (ln 0 has no finite value) instead of returning −Infinity', () => {
    expect(() => growthRate(seedsEdge, 1 / 0.018)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'exposure' }));
    expect(() => growthRate(seedsEdge, 1e300)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'exposure' }));
    // Just inside the domain the growth is finite (and very negative).
    expect(growthRate(seedsEdge, 0.999 / 0.018)).toBeLessThan(-2);
  });

  it('stays finite where f·winReturn overflows a double: ln(1 + f·w) = ln f + ln w to rounding', () => {
    const edge = { winProbability: 0.5, winReturn: 1e6, lossReturn: 1e-306 };
    const f = 1e305; // f·w = 1e311 overflows; f·l = 0.1
    const expected = 0.5 * (Math.log(f) + Math.log(1e6)) + 0.5 * Math.log1p(-0.1); // closed form
    expect(growthRate(edge, f)).toBeCloseTo(expected, 10);
  });

  it('rejects a negative exposure', () => {
    expect(() => growthRate(seedsEdge, -1)).toThrow(expect.objectContaining({ field: 'exposure' }));
  });
});

describe('Kelly at the edges of double range (issue: ±Infinity out of the Kelly functions)', () => {
  // Each of these returned ±Infinity before: exposure p/lossReturn overflowed, or ln(1 + f·w) did.
  it('refuses a loss return so small that the exposure overflows, naming it', () => {
    expect(() => kellyCriterion({ winProbability: 0.55, winReturn: 0.032, lossReturn: 5e-324 })).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'edge.lossReturn' }),
    );
    expect(() => kellyFromStats({ winRate: 0.55, avgWin: 0.032, avgLoss: 5e-324 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'stats.avgLoss' }));
    expect(() => riskConstrainedKelly({ winProbability: 0.55, winReturn: 0.032, lossReturn: 5e-324 }, { wealthFloor: 0.7, probability: 0.1 })).toThrow(
      expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'edge.lossReturn' }),
    );
    expect(() => kellyFromReturns([0.03, -5e-324])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'returns[1]' }));
  });

  it('refuses per-trade returns above MAX_TRADE_RETURN (1e6) as a unit error', () => {
    expect(() => kellyCriterion({ winProbability: 0.55, winReturn: 1e308, lossReturn: 0.018 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'edge.winReturn' }));
    expect(() => kellyFromReturns([1e308, -0.02])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'returns[0]' }));
    expect(() => kellyFromStats({ winRate: 0.5, avgWin: 0.01, avgLoss: 2e6 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'stats.avgLoss' }));
  });

  it('gives finite results at the ceiling itself', () => {
    const k = kellyCriterion({ winProbability: 0.5, winReturn: 1e6, lossReturn: 1e-300 });
    for (const x of [k.exposure, k.riskFraction, k.growthRate, k.edge]) expect(Number.isFinite(x)).toBe(true);
  });
});

describe('fractionalKelly checks the KellyResult it is given', () => {
  const full = () => kellyCriterion({ winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 });

  it('refuses a negative risk fraction (it came back as −0.25 of it before)', () => {
    expect(() => fractionalKelly({ ...full(), riskFraction: -1 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'kelly.riskFraction' }));
  });

  it('refuses null and missing fields with a SizewiseError (NaN or a TypeError before)', () => {
    expect(() => fractionalKelly({ ...full(), exposure: null } as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'kelly.exposure' }));
    expect(() => fractionalKelly({ ...full(), model: null } as never)).toThrow(expect.objectContaining({ code: 'INVALID_TYPE', field: 'kelly.model' }));
    const { growthRate: _, ...noGrowth } = full();
    expect(() => fractionalKelly(noGrowth as never)).toThrow(expect.objectContaining({ field: 'kelly.growthRate' }));
  });

  it('refuses an exposure outside its model (one loss would take everything)', () => {
    expect(() => fractionalKelly({ ...full(), exposure: 100 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'kelly.exposure' }));
  });

  it('returns only the result fields, not whatever else the object carried', () => {
    const half = fractionalKelly({ ...full(), extra: [Number.NaN] } as never, { fraction: 0.5 });
    expect(Object.keys(half).sort()).toEqual(['edge', 'exposure', 'growthRate', 'kellyMultiple', 'lossReturn', 'model', 'riskFraction']);
  });
});
