import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../src/cli/renderChart.js';
import {
  calibrationReport,
  drawdownDistributionSpec,
  equityCurvesSpec,
  fanChartSpec,
  kellyCurveSpec,
  reliabilityDiagramSpec,
  sizeDistributionSpec,
  SizewiseError,
  VEGA_LITE_SCHEMA,
  type ChartSpec,
  type ExposureOutcome,
  type SimulationResult,
} from '../../src/index.js';

/** A hand-made outcome: wealth percentiles w at each of two checkpoints, median terminal wealth `median`. */
function outcome(exposure: number, median: number, ruin: number, drawdown: Record<string, number>): ExposureOutcome {
  const p = (m: number) => ({ '0.05': m / 4, '0.25': m / 2, '0.5': m, '0.75': m * 2, '0.95': m * 4 });
  return {
    exposure,
    terminalWealth: { mean: median, median, percentiles: p(median), log: { mean: Math.log(median), median: Math.log(median), percentiles: {} } },
    growthPerTrade: 0,
    probabilityOfLoss: 0.1,
    probabilityOfRuin: ruin,
    probabilityOfDrawdown: drawdown,
    maxDrawdown: { median: 0.3, percentiles: { '0.5': 0.3 } },
    bands: [
      { step: 50, percentiles: p(Math.sqrt(median)) },
      { step: 100, percentiles: p(median) },
    ],
  };
}

const result: SimulationResult = {
  outcomes: [outcome(2, Math.E, 0.01, { '0.2': 0.5, '0.5': 0.05 }), outcome(4, Math.exp(-2), 0.6, { '0.2': 0.9, '0.5': 0.4 })],
  paths: 1000,
  trades: 100,
  seed: 1,
  elapsedMs: 1,
};

/** The data values of a spec (top level or in a view), as the builders lay them out. */
const valuesOf = (view: Record<string, unknown>) => (view.data as { values: Record<string, unknown>[] }).values;

/** A spec compiles with Vega-Lite and renders: the builders write valid specs. */
async function renders(spec: ChartSpec): Promise<string> {
  expect(spec.$schema).toBe(VEGA_LITE_SCHEMA);
  return renderSvg(spec);
}

describe('fanChartSpec', () => {
  it('puts the outer and inner percentile bands and the median of each checkpoint, from 1 at trade 0, one panel per exposure', async () => {
    // A wealth multiple below the smallest double reads as 0: give the second panel's last median one.
    const withZero = structuredClone(result);
    withZero.outcomes[1].bands![1].percentiles['0.5'] = 0;
    const spec = fanChartSpec(withZero, { kellyExposure: 4 });
    const rows = valuesOf(spec);
    expect(rows[0]).toEqual({ panel: '0.5 × Kelly (2×)', step: 0, outerLow: 1, outerHigh: 1, innerLow: 1, innerHigh: 1, median: 1 });
    expect(rows[2]).toEqual({ panel: '0.5 × Kelly (2×)', step: 100, outerLow: Math.E / 4, outerHigh: Math.E * 4, innerLow: Math.E / 2, innerHigh: Math.E * 2, median: Math.E });
    expect((spec.facet as { sort: string[] }).sort).toEqual(['0.5 × Kelly (2×)', '1 × Kelly (4×)']);
    // A wealth of 0 is drawn at the floor of the log axis, and the subtitle says so.
    expect(rows[5].median).toBe(1e-4);
    expect(JSON.stringify(spec.title)).toContain('drawn at 0.0001');
    expect(await renders(spec)).toContain('Wealth (× starting equity, log scale)');
  });

  it('needs the bands of a simulation run with checkpoints', () => {
    const noBands = { ...result, outcomes: [{ ...result.outcomes[0], bands: undefined }] };
    expect(() => fanChartSpec(noBands)).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'result.outcomes[0].bands' }));
  });
});

describe('kellyCurveSpec', () => {
  it('draws median growth ln(median) ÷ trades and each probability against the multiple of Kelly', async () => {
    const spec = kellyCurveSpec(result, { kellyExposure: 4, recommended: 2, ruinLevel: 0.5, drawdownLevels: [0.5] });
    const [top, bottom] = spec.vconcat as Record<string, unknown>[];
    const growth = valuesOf((top.layer as Record<string, unknown>[])[0]);
    expect(growth).toEqual([{ x: 0.5, growth: 1 / 100 }, { x: 1, growth: -2 / 100 }]); // ln(e) / 100 and ln(e⁻²) / 100 trades
    const risk = valuesOf((bottom.layer as Record<string, unknown>[])[0]);
    expect(risk).toEqual([
      { x: 0.5, measure: 'P(ruin: wealth ≤ 50 % of the start)', value: 0.01 },
      { x: 0.5, measure: 'P(max drawdown ≥ 50 %)', value: 0.05 },
      { x: 1, measure: 'P(ruin: wealth ≤ 50 % of the start)', value: 0.6 },
      { x: 1, measure: 'P(max drawdown ≥ 50 %)', value: 0.4 },
    ]);
    const marks = valuesOf((top.layer as Record<string, unknown>[])[1]);
    expect(marks.map((m) => [m.x, m.label])).toEqual([[1, 'full Kelly'], [0.5, 'recommended 0.5 × Kelly']]);
    expect(await renders(spec)).toContain('Exposure as a multiple of full Kelly (4×)');
  });

  it('refuses a drawdown level the outcomes do not report', () => {
    expect(() => kellyCurveSpec(result, { drawdownLevels: [0.3] })).toThrow(expect.objectContaining({ code: 'UNKNOWN_VALUE', field: 'options.drawdownLevels' }));
  });
});

describe('drawdownDistributionSpec', () => {
  it('draws P(max drawdown ≥ x) at each level and marks each median at 50 %', async () => {
    const spec = drawdownDistributionSpec(result);
    const [curve, medians] = spec.layer as Record<string, unknown>[];
    expect(valuesOf(curve)).toEqual([
      { series: 'exposure 2×', level: 0.2, probability: 0.5 },
      { series: 'exposure 2×', level: 0.5, probability: 0.05 },
      { series: 'exposure 4×', level: 0.2, probability: 0.9 },
      { series: 'exposure 4×', level: 0.5, probability: 0.4 },
    ]);
    expect(valuesOf(medians)).toEqual([{ series: 'exposure 2×', level: 0.3, probability: 0.5 }, { series: 'exposure 4×', level: 0.3, probability: 0.5 }]);
    expect(await renders(spec)).toContain('P(max drawdown ≥ x)');
  });
});

describe('equityCurvesSpec', () => {
  it('carries each curve by bar with its date, and computes the drawdown in the spec', async () => {
    const spec = equityCurvesSpec([{ name: 'flat', equity: [100, 110, 99] }, { name: 'dynamic', equity: new Float64Array([100, 120, 90]) }], { dates: ['2024-01-01', '2024-01-02', '2024-01-03'] });
    expect(valuesOf(spec)[4]).toEqual({ rule: 'dynamic', t: 1, date: '2024-01-02', equity: 120 });
    const svg = await renders(spec);
    for (const title of ['Equity', 'Drawdown', 'Date']) expect(svg).toContain(title);
    // 99 after a peak of 110 is a 10 % drawdown; 90 after 120 is 25 %: the lowest tick reaches −25 %.
    expect(svg).toContain('−25%');
  });

  it('needs curves of one length, named apart, and dates that fit', () => {
    expect(() => equityCurvesSpec([{ name: 'a', equity: [1, 2] }, { name: 'b', equity: [1, 2, 3] }])).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'curves[1].equity' }));
    expect(() => equityCurvesSpec([{ name: 'a', equity: [1, 2] }, { name: 'a', equity: [1, 2] }])).toThrow(SizewiseError);
    expect(() => equityCurvesSpec([{ name: 'a', equity: [1, 2] }], { dates: ['2024-01-01', 'soon'] })).toThrow(expect.objectContaining({ field: 'options.dates[1]' }));
    expect(() => equityCurvesSpec([{ name: 'a', equity: [1, 0] }], { logScale: true })).toThrow(expect.objectContaining({ field: 'options.logScale' }));
  });
});

describe('sizeDistributionSpec', () => {
  it('draws the sizes and the win rate of each bucket with its count', async () => {
    const buckets = [
      { lower: 0, upper: 1, count: 2, share: 0.5, winRate: 0.5, meanReturn: 0, meanAccountReturn: 0 },
      { lower: 1, upper: 2, count: 2, share: 0.5, winRate: null, meanReturn: null, meanAccountReturn: null },
    ];
    const spec = sizeDistributionSpec([0.5, 0.7, 1.2, 2], buckets);
    const [histogram, byBucket] = spec.hconcat as Record<string, unknown>[];
    expect(valuesOf(histogram)).toEqual([{ size: 0.5 }, { size: 0.7 }, { size: 1.2 }, { size: 2 }]);
    expect(valuesOf(byBucket)).toEqual([
      { bucket: '[0, 1)', order: 0, winRate: 0.5, labelAt: 0.5, count: 'n = 2, 50 %' },
      { bucket: '[1, 2]', order: 1, winRate: null, labelAt: 0, count: 'n = 2, none decided' },
    ]);
    expect(await renders(spec)).toContain('Win rate');
  });
});

describe('reliabilityDiagramSpec', () => {
  // Two bins of 5 predictions: none of the first won, all of the second did.
  const report = {
    brier: 0.1,
    logLoss: 0.3,
    ece: 0.25,
    count: 10,
    bins: [
      { lower: 0.2, upper: 0.3, meanPredicted: 0.25, observedRate: 0, count: 5 },
      { lower: 0.7, upper: 0.8, meanPredicted: 0.75, observedRate: 1, count: 5 },
    ],
  };
  // Wilson (1927) at 0 and at n successes of n has the closed forms [0, z²/(n + z²)] and [n/(n + z²), 1].
  // z of a two-sided 95 % interval: scipy.stats.norm.ppf(0.975); sizewise's normalQuantile (Acklam) is within 1.2e-9 of it, hence 8 digits below.
  const z2 = 1.959963984540054 ** 2;

  it('puts each bin at its mean forecast and observed rate, with the Wilson interval of that rate', async () => {
    const spec = reliabilityDiagramSpec(report, { name: 'model' });
    const [top, bottom] = spec.vconcat as Record<string, unknown>[];
    const points = valuesOf((top.layer as Record<string, unknown>[])[3]);
    expect(points.map(({ low: _l, high: _h, ...rest }) => rest)).toEqual([
      { series: 'model', lower: 0.2, upper: 0.3, meanPredicted: 0.25, observedRate: 0, count: 5 },
      { series: 'model', lower: 0.7, upper: 0.8, meanPredicted: 0.75, observedRate: 1, count: 5 },
    ]);
    expect(points[0].low).toBe(0);
    expect(points[0].high).toBeCloseTo(z2 / (5 + z2), 8);
    expect(points[1].low).toBeCloseTo(5 / (5 + z2), 8);
    expect(points[1].high).toBe(1);
    // The diagonal runs from (0, 0) to (1, 1); the counts fill their bins (8 % gaps at each side).
    expect(valuesOf((top.layer as Record<string, unknown>[])[0])).toEqual([{ p: 0 }, { p: 1 }]);
    expect(valuesOf(bottom).map((b) => [b.from, b.to, b.count])).toEqual([
      [expect.closeTo(0.208, 12), expect.closeTo(0.292, 12), 5],
      [expect.closeTo(0.708, 12), expect.closeTo(0.792, 12), 5],
    ]);
    const svg = await renders(spec);
    for (const title of ['Mean predicted probability (per bin)', 'Observed win rate', 'Predicted probability (bins)', 'Predictions', 'perfectly calibrated']) expect(svg).toContain(title);
    expect(svg).toContain('model: 10 predictions, ECE 0.250, Brier 0.1000');
  });

  it('draws a second report beside the first, each count bar in its half of the bin', () => {
    const raw = calibrationReport([0.1, 0.15, 0.9, 0.95], [0, 1, 1, 1], { bins: 10 });
    const spec = reliabilityDiagramSpec(report, { name: 'calibrated', compare: { name: 'raw', report: raw } });
    const bars = valuesOf((spec.vconcat as Record<string, unknown>[])[1]);
    expect(bars.map((b) => [b.series, b.from, b.to, b.count])).toEqual([
      ['calibrated', expect.closeTo(0.204, 12), expect.closeTo(0.246, 12), 5],
      ['calibrated', expect.closeTo(0.704, 12), expect.closeTo(0.746, 12), 5],
      ['raw', expect.closeTo(0.154, 12), expect.closeTo(0.196, 12), 2], // calibrationReport's bins [0.1, 0.2) and [0.9, 1]
      ['raw', expect.closeTo(0.954, 12), expect.closeTo(0.996, 12), 2],
    ]);
    expect(JSON.stringify(spec.title)).toContain('raw: 4 predictions');
  });

  it('refuses bins out of order, wins that are not whole, counts that do not add up and a name used twice', () => {
    const bins = report.bins;
    expect(() => reliabilityDiagramSpec({ ...report, bins: [bins[1], bins[0]] })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'report.bins[1].lower' }));
    expect(() => reliabilityDiagramSpec({ ...report, bins: [{ ...bins[0], observedRate: 0.3 }, bins[1]] })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', field: 'report.bins[0].observedRate' }));
    expect(() => reliabilityDiagramSpec({ ...report, count: 11 })).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH', field: 'report.count' }));
    expect(() => reliabilityDiagramSpec({ ...report, bins: [{ ...bins[0], meanPredicted: 0.5 }, bins[1]] })).toThrow(expect.objectContaining({ field: 'report.bins[0].meanPredicted' }));
    expect(() => reliabilityDiagramSpec(report, { compare: { name: 'predictions', report } })).toThrow(expect.objectContaining({ code: 'UNKNOWN_VALUE', field: 'options.compare.name' }));
    expect(() => reliabilityDiagramSpec(report, { compare: { name: 'raw', report: { ...report, bins: [] } } })).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', field: 'options.compare.report.bins' }));
  });
});
