import { afterAll, describe, expect, it } from 'vitest';
import { SizewiseError } from '../../src/errors.js';
import { riskConstrainedKelly } from '../../src/kelly/riskConstrainedKelly.js';
import { exactBinary } from '../../src/montecarlo/exactBinary.js';
import { closePool, simulate } from '../../src/montecarlo/simulate.js';
import { MONTECARLO_LIMITS, prepareSimulation } from '../../src/montecarlo/simulationJob.js';
import type { SimulateOptions, TradeModel } from '../../src/montecarlo/types.js';
import { twinOutcomes } from './twinOutcomes.js';

afterAll(() => closePool());

/**
 * A simulated frequency p̂ from N independent paths has standard error √(p(1 − p)/N)
 * around the exact probability p; we accept |p̂ − p| ≤ 4·√(p(1 − p)/N) (a fixed seed, so
 * the check is deterministic; a correct simulator fails it with probability ≈ 6e-5 per
 * comparison for a fresh seed).
 */
function expectWithin4SE(estimate: number, exact: number, n: number) {
  const se = Math.sqrt((exact * (1 - exact)) / n);
  expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(4 * se + 1e-12);
}

const cases: { name: string; edge: { winProbability: number; winReturn: number; lossReturn: number }; exposures: number[]; trades: number; ruinLevel: number }[] = [
  { name: 'a 55 % edge at 0.4 and 1 Kelly', edge: { winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 }, exposures: [5, 12.5], trades: 200, ruinLevel: 0.5 },
  { name: 'a 40 % hit rate with 3:1 payoff swept over ½, 1, 2 Kelly', edge: { winProbability: 0.4, winReturn: 0.06, lossReturn: 0.02 }, exposures: [5, 10, 20], trades: 100, ruinLevel: 0.6 },
  { name: 'a fair coin at exposure 10', edge: { winProbability: 0.5, winReturn: 0.01, lossReturn: 0.01 }, exposures: [10], trades: 100, ruinLevel: 0.5 },
];

describe('simulate', () => {
  for (const c of cases) {
    it(`agrees with exactBinary within 4 standard errors: ${c.name}`, async () => {
      const paths = 20_000;
      const levels = [0.5, 0.7, 0.9]; // informative levels for these cases (exact values between 0.001 and 0.99)
      const sim = await simulate({ kind: 'binary', ...c.edge }, { exposures: c.exposures, paths, trades: c.trades, ruinLevel: c.ruinLevel, drawdownLevels: levels, seed: 2026, workers: 0 });
      c.exposures.forEach((f, e) => {
        const exact = exactBinary(c.edge, { exposure: f, trades: c.trades, ruinLevel: c.ruinLevel, drawdownLevels: levels });
        const out = sim.outcomes[e];
        expect(out.exposure).toBe(f);
        expectWithin4SE(out.probabilityOfRuin, exact.probabilityOfRuin, paths);
        expectWithin4SE(out.probabilityOfLoss, exact.probabilityOfLoss, paths);
        for (const level of levels) expectWithin4SE(out.probabilityOfDrawdown[String(level)], exact.probabilityOfDrawdown[String(level)], paths);
        // Mean log growth: ln W_n has variance n·p·q·(a − b)², so the per-trade mean has SE √(p·q/(n·N))·(a − b).
        const { winProbability: p, winReturn: w, lossReturn: l } = c.edge;
        const spread = Math.log1p(f * w) - Math.log1p(-f * l);
        const seGrowth = Math.sqrt((p * (1 - p)) / (c.trades * paths)) * spread;
        expect(Math.abs(out.growthPerTrade - exact.growthPerTrade)).toBeLessThanOrEqual(4 * seGrowth);
      });
    });
  }

  it('summarises a bootstrap of {+w, −l} (equal counts) like exactBinary with p = ½, within 4 standard errors', async () => {
    // Drawing uniformly from {+w, −l, +w, −l, …} is a binary bet with p = ½, so the exact
    // lattice is an independent oracle for the bootstrap path and its summary. Probabilities:
    // |p̂ − p| ≤ 4·√(p(1 − p)/N); mean log growth per trade: ≤ 4·√(p·q/(n·N))·(a − b) with
    // a = ln(1 + f·w), b = ln(1 − f·l) (ln W_n has variance n·p·q·(a − b)²).
    const w = 0.03;
    const l = 0.02;
    const paths = 20_000;
    const trades = 200;
    const ruinLevel = 0.7;
    const levels = [0.2, 0.4, 0.6];
    const exposures = [1, 2, 4, 8];
    const returns = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? w : -l));
    const sim = await simulate({ kind: 'bootstrap', returns }, { exposures, paths, trades, ruinLevel, drawdownLevels: levels, seed: 31, workers: 0 });
    const informative: number[] = [];
    exposures.forEach((f, e) => {
      const exact = exactBinary({ winProbability: 0.5, winReturn: w, lossReturn: l }, { exposure: f, trades, ruinLevel, drawdownLevels: levels });
      const out = sim.outcomes[e];
      expectWithin4SE(out.probabilityOfRuin, exact.probabilityOfRuin, paths);
      expectWithin4SE(out.probabilityOfLoss, exact.probabilityOfLoss, paths);
      for (const level of levels) expectWithin4SE(out.probabilityOfDrawdown[String(level)], exact.probabilityOfDrawdown[String(level)], paths);
      const seGrowth = Math.sqrt(0.25 / (trades * paths)) * (Math.log1p(f * w) - Math.log1p(-f * l));
      expect(Math.abs(out.growthPerTrade - exact.growthPerTrade)).toBeLessThanOrEqual(4 * seGrowth);
      informative.push(...[exact.probabilityOfRuin, ...Object.values(exact.probabilityOfDrawdown)].filter((x) => x > 0.05 && x < 0.95));
    });
    // The check has teeth: several exact probabilities are far from 0 and 1 (ruin 0.06–0.6, drawdowns 0.2–0.4).
    expect(informative.length).toBeGreaterThanOrEqual(5);
  });

  const model: TradeModel = { kind: 'binary', winProbability: 0.52, winReturn: 0.025, lossReturn: 0.02 };
  const base: SimulateOptions = { exposures: [2, 6, 11], paths: 3_001, trades: 400, seed: 77, checkpoints: 4, drawdownLevels: [0.1, 0.3] };

  it('gives identical results on the calling thread for 1, 2 and 8 chunks, and equal to its TypeScript twin', async () => {
    const [one, two, eight] = await Promise.all([1, 2, 8].map((chunks) => simulate(model, { ...base, workers: 0, chunks })));
    const expected = twinOutcomes(model, base);
    for (const r of [one, two, eight]) expect(r.outcomes).toEqual(expected);
    // The twin's results summarised over 47 ranges (one per block of 64 paths) agree too.
    expect(twinOutcomes(model, base, 47)).toEqual(expected);
  });

  it('gives the same results on a pool of 2 worker threads (2 and 8 chunks) as on the calling thread', async () => {
    const inline = await simulate(model, { ...base, workers: 0 });
    const pooled = await simulate(model, { ...base, workers: 2 });
    const pooled8 = await simulate(model, { ...base, workers: 2, chunks: 8 });
    expect(pooled.outcomes).toEqual(inline.outcomes);
    expect(pooled8.outcomes).toEqual(inline.outcomes);
  });

  it('gives the same bootstrap results on a pool as on the calling thread', async () => {
    const boot: TradeModel = { kind: 'bootstrap', returns: Float64Array.from({ length: 200 }, (_, i) => 0.03 * Math.sin(i * 1.7) + 0.002) };
    const opts: SimulateOptions = { exposures: [1, 4], paths: 1_000, trades: 300, seed: 5 };
    expect((await simulate(boot, { ...opts, workers: 2 })).outcomes).toEqual((await simulate(boot, { ...opts, workers: 0 })).outcomes);
  });

  it('reports fan-chart bands whose last checkpoint is the terminal wealth and whose percentiles are ordered', async () => {
    const r = await simulate(model, { ...base, workers: 0 });
    for (const o of r.outcomes) {
      expect(o.bands?.map((b) => b.step)).toEqual([100, 200, 300, 400]);
      const last = o.bands![3].percentiles;
      expect(last).toEqual(o.terminalWealth.percentiles);
      for (const band of o.bands!) {
        const values = Object.values(band.percentiles);
        for (let k = 1; k < values.length; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
      }
    }
  });

  it('keeps P(wealth ever ≤ 0.7) ≤ 0.1 at riskConstrainedKelly(edge, { wealthFloor: 0.7, probability: 0.1 })', async () => {
    const edge = { winProbability: 0.55, winReturn: 0.02, lossReturn: 0.02 };
    const rck = riskConstrainedKelly(edge, { wealthFloor: 0.7, probability: 0.1 });
    expect(rck.kellyMultiple).toBeLessThan(1); // the constraint binds: full Kelly would break it (checked below)
    const paths = 4_000;
    const r = await simulate({ kind: 'binary', ...edge }, { exposures: [rck.exposure, rck.exposure / rck.kellyMultiple], paths, trades: 2_000, ruinLevel: 0.7, seed: 9, workers: 0 });
    // The bound holds for any horizon; 2 000 trades is long enough for the floor-touching probability to settle.
    expect(r.outcomes[0].probabilityOfRuin).toBeLessThanOrEqual(0.1 + 4 * Math.sqrt((0.1 * 0.9) / paths));
    expect(r.outcomes[1].probabilityOfRuin).toBeGreaterThan(0.1 + 4 * Math.sqrt((0.1 * 0.9) / paths));
  });

  it.each([0, 2])('reports progress at least every 5 percent of the paths, up to all of them (workers: %i)', async (workers) => {
    const seen: [number, number][] = [];
    const paths = 20_000;
    await simulate(model, { exposures: [3], paths, trades: 500, workers, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.at(-1)).toEqual([paths, paths]);
    let last = 0;
    for (const [done, total] of seen) {
      expect(total).toBe(paths);
      expect(done).toBeGreaterThan(last);
      expect(done - last).toBeLessThanOrEqual(0.05 * paths);
      last = done;
    }
  });

  it.each([0, 2])('rejects with the error an onProgress callback throws (workers: %i)', async (workers) => {
    const boom = new Error('progress bar gone');
    const run = simulate(model, { exposures: [3], paths: 4_000, trades: 200, workers, onProgress: () => { throw boom; } });
    await expect(run).rejects.toBe(boom);
  });

  it('rejects with ABORTED when the signal fires before or during the run', async () => {
    const before = new AbortController();
    before.abort();
    await expect(simulate(model, { exposures: [3], signal: before.signal })).rejects.toMatchObject({ code: 'ABORTED', field: 'opts.signal' });
    const during = new AbortController();
    const run = simulate(model, { exposures: [3], paths: 200_000, trades: 1_000, workers: 0, signal: during.signal, onProgress: (done) => done > 0 && during.abort() });
    await expect(run).rejects.toMatchObject({ code: 'ABORTED' });
    const pooled = new AbortController();
    const runPooled = simulate(model, { exposures: [3], paths: 200_000, trades: 1_000, workers: 2, signal: pooled.signal });
    setTimeout(() => pooled.abort(), 5);
    await expect(runPooled).rejects.toMatchObject({ code: 'ABORTED' });
  });

  /** Every number in an outcome, with its path. */
  function numbers(value: unknown, path = 'outcome'): [string, number][] {
    if (typeof value === 'number') return [[path, value]];
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
  }

  it.each([
    ['4 paths × 100 000 trades of a 55 % edge at exposure 5', { kind: 'binary', winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 }, { exposures: [5], paths: 4, trades: 100_000 }],
    ['a win return of 65 (and a bootstrap with one), 1 000 trades', { kind: 'binary', winProbability: 0.5, winReturn: 65, lossReturn: 0.5 }, { exposures: [1], paths: 8, trades: 1_000, checkpoints: 2 }],
    ['a bootstrap with a return of 65', { kind: 'bootstrap', returns: [65, -0.3, 0.1] }, { exposures: [1, 2], paths: 10, trades: 500, checkpoints: 5 }],
  ] as const)('never reports ±Infinity or NaN, inside its limits: %s (issue 9, item 4)', async (_, model, opts) => {
    const r = await simulate(model as TradeModel, { ...opts, workers: 0 });
    for (const [path, x] of r.outcomes.flatMap((o) => numbers(o))) expect(Number.isFinite(x), path).toBe(true);
    // Wealth beyond the largest double (ln 1.797e308 = 709.78) is Number.MAX_VALUE and its
    // logarithm stays exact; below it, the log is the log of the multiple. ln E[W] ≥ E[ln W]
    // (Jensen), and E[ln W] is growthPerTrade × trades.
    const lnMax = Math.log(Number.MAX_VALUE);
    for (const o of r.outcomes) {
      const w = o.terminalWealth;
      for (const [multiple, ln] of [[w.mean, w.log.mean], [w.median, w.log.median], ...Object.keys(w.percentiles).map((p) => [w.percentiles[p], w.log.percentiles[p]])]) {
        if (ln > lnMax) expect(multiple).toBe(Number.MAX_VALUE);
        else expect(Math.log(multiple)).toBeCloseTo(ln, 9);
      }
      expect(w.log.mean).toBeGreaterThanOrEqual(o.growthPerTrade * r.trades * (1 - 1e-12));
    }
    expect(r.outcomes.some((o) => o.terminalWealth.median === Number.MAX_VALUE)).toBe(true); // the case overflows
  });

  it('keeps the log figures equal to the logarithms of the wealth figures where those are finite', async () => {
    const r = await simulate(model, { ...base, workers: 0 });
    for (const o of r.outcomes) {
      expect(o.terminalWealth.log.mean).toBeCloseTo(Math.log(o.terminalWealth.mean), 12);
      expect(o.terminalWealth.log.median).toBeCloseTo(Math.log(o.terminalWealth.median), 12);
      for (const [p, w] of Object.entries(o.terminalWealth.percentiles)) expect(o.terminalWealth.log.percentiles[p]).toBeCloseTo(Math.log(w), 12);
    }
  });

  it('accepts every limit of MONTECARLO_LIMITS on its own (issue 9, item 16: maxPaths could not be reached)', () => {
    const L = MONTECARLO_LIMITS;
    const m: TradeModel = { kind: 'binary', winProbability: 0.5, winReturn: 0.03, lossReturn: 0.02 };
    expect(() => prepareSimulation(m, { exposures: [1], paths: L.maxPaths, trades: 1 })).not.toThrow();
    expect(() => prepareSimulation(m, { exposures: [1], paths: 1, trades: L.maxTrades })).not.toThrow();
    expect(() => prepareSimulation(m, { exposures: Array.from({ length: L.maxExposures }, () => 1), paths: 100, trades: 10 })).not.toThrow();
    expect(() => prepareSimulation(m, { exposures: [1], paths: 100, trades: L.maxCheckpoints, checkpoints: L.maxCheckpoints })).not.toThrow();
    expect(() => prepareSimulation(m, { exposures: [1], paths: 4 * L.maxChunks, trades: 1, chunks: L.maxChunks, workers: L.maxWorkers })).not.toThrow();
    expect(() => prepareSimulation({ kind: 'bootstrap', returns: new Float64Array(L.maxReturns).fill(0.01) }, { exposures: [1], paths: 10, trades: 10 })).not.toThrow();
    // Each one further is refused.
    expect(() => prepareSimulation(m, { exposures: [1], paths: L.maxPaths + 1, trades: 1 })).toThrow(expect.objectContaining({ field: 'opts.paths' }));
    expect(() => prepareSimulation({ kind: 'bootstrap', returns: new Float64Array(L.maxReturns).fill(0.01) }, { exposures: Array.from({ length: 17 }, () => 1), paths: 10, trades: 10 })).toThrow(
      expect.objectContaining({ code: 'TOO_LARGE', field: 'model.returns' }),
    );
  });

  const binary = { kind: 'binary', winProbability: 0.5, winReturn: 0.03, lossReturn: 0.02 } as const;
  it.each([
    [binary, { exposures: [0] }, 'opts.exposures[0]', 'OUT_OF_RANGE'],
    [binary, { exposures: [1, -2] }, 'opts.exposures[1]', 'OUT_OF_RANGE'],
    [binary, { exposures: [50] }, 'opts.exposures[0]', 'OUT_OF_RANGE'], // 50 × 0.02 = 100 %: certain ruin
    [binary, { exposures: [] }, 'opts.exposures', 'EMPTY_INPUT'],
    [{ kind: 'bootstrap', returns: [0.1, -1] }, { exposures: [1] }, 'model.returns[1]', 'OUT_OF_RANGE'],
    [{ kind: 'bootstrap', returns: [] }, { exposures: [1] }, 'model.returns', 'EMPTY_INPUT'],
    [{ kind: 'bootstrap', returns: [0.1, -0.5] }, { exposures: [2] }, 'opts.exposures[0]', 'OUT_OF_RANGE'],
    [{ kind: 'bootstrap', returns: [0.1, Number.NaN] }, { exposures: [1] }, 'model.returns[1]', 'NON_FINITE'],
    [binary, { exposures: [1], paths: 100.5 }, 'opts.paths', 'OUT_OF_RANGE'],
    [binary, { exposures: [1], paths: 0 }, 'opts.paths', 'OUT_OF_RANGE'],
    [binary, { exposures: [1], trades: 1e9 }, 'opts.trades', 'OUT_OF_RANGE'],
    [binary, { exposures: [1, 2, 3, 4], paths: 2_000_000 }, 'opts.paths', 'TOO_LARGE'], // 4 × 3 × 2 M results > 2²⁴
    [binary, { exposures: [1], paths: 4_194_305 }, 'opts.paths', 'OUT_OF_RANGE'],
    [binary, { exposures: [1], percentiles: [0.5, 1] }, 'opts.percentiles[1]', 'OUT_OF_RANGE'],
    [binary, { exposures: [1], percentiles: [0] }, 'opts.percentiles[0]', 'OUT_OF_RANGE'],
    [binary, { exposures: [1], drawdownLevels: [1.5] }, 'opts.drawdownLevels[0]', 'OUT_OF_RANGE'],
    [binary, { exposures: [1], ruinLevel: 0 }, 'opts.ruinLevel', 'OUT_OF_RANGE'],
    [binary, { exposures: [1], seed: -1 }, 'opts.seed', 'OUT_OF_RANGE'],
    [binary, { exposures: [1], workers: 1.5 }, 'opts.workers', 'OUT_OF_RANGE'],
    [binary, { exposures: [1], workers: 'max' }, 'opts.workers', 'UNKNOWN_VALUE'],
    [binary, { exposures: [1], checkpoints: 2_000, trades: 1_000 }, 'opts.checkpoints', 'OUT_OF_RANGE'],
    [binary, { exposures: [1], pathz: 10 }, 'opts.pathz', 'UNKNOWN_KEY'],
    [{ kind: 'trinary', winProbability: 0.5 }, { exposures: [1] }, 'model.kind', 'UNKNOWN_VALUE'],
    [{ ...binary, winProbability: 2 }, { exposures: [1] }, 'model.winProbability', 'INVALID_PROBABILITY'],
    [{ ...binary, lossReturn: 0 }, { exposures: [1] }, 'model.lossReturn', 'OUT_OF_RANGE'],
    [{ ...binary, winReturn: 1e6, lossReturn: 1e-305 }, { exposures: [1e303] }, 'opts.exposures[0]', 'OUT_OF_RANGE'], // one win gains 1e309: not a double
    [{ ...binary, winReturn: 1e7 }, { exposures: [1] }, 'model.winReturn', 'OUT_OF_RANGE'], // above MAX_TRADE_RETURN
    [{ kind: 'bootstrap', returns: [1e308, -0.1] }, { exposures: [2] }, 'opts.exposures[0]', 'OUT_OF_RANGE'],
    [binary, { exposures: [1], chunks: 0 }, 'opts.chunks', 'OUT_OF_RANGE'],
    [binary, { exposures: [1], signal: {} }, 'opts.signal', 'INVALID_TYPE'],
    [binary, { exposures: [1], signal: { aborted: false } }, 'opts.signal', 'INVALID_TYPE'], // the pools listen for 'abort'
    [binary, { exposures: [1], onProgress: 'log' }, 'opts.onProgress', 'INVALID_TYPE'],
    [binary, null, 'opts', 'INVALID_TYPE'],
    [null, { exposures: [1] }, 'model', 'INVALID_TYPE'],
    [binary, { exposures: 'all' }, 'opts.exposures', 'INVALID_TYPE'],
    [binary, { exposures: [Number.POSITIVE_INFINITY] }, 'opts.exposures[0]', 'NON_FINITE'],
    [{ kind: 'bootstrap', returns: [0.1], extra: 1 }, { exposures: [1] }, 'model.extra', 'UNKNOWN_KEY'],
  ])('rejects bad input %# with a SizewiseError naming the field', async (m, opts, field, code) => {
    const promise = simulate(m as never, opts as never);
    await expect(promise).rejects.toBeInstanceOf(SizewiseError);
    await expect(promise).rejects.toMatchObject({ field, code });
  });
});
