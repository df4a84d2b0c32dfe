import { drawdownDistributionSpec, equityCurvesSpec, fanChartSpec, kellyCurveSpec, reliabilityDiagramSpec, sizeDistributionSpec } from '../../../src/index.js';
import type { FuzzEntry } from '../entry.js';

const percentiles = (m: number) => ({ '0.05': m / 4, '0.25': m / 2, '0.5': m, '0.75': m * 2, '0.95': m * 4 });

/** A small SimulationResult as simulate() shapes it, with bands (checkpoints 2). */
const result = () => ({
  outcomes: [2, 4].map((exposure, i) => ({
    exposure,
    terminalWealth: { mean: 3, median: 2 + i, percentiles: percentiles(2 + i) },
    growthPerTrade: 0.01,
    probabilityOfLoss: 0.2,
    probabilityOfRuin: 0.05 * (i + 1),
    probabilityOfDrawdown: { '0.2': 0.4 + i / 10, '0.5': 0.1 + i / 10 },
    maxDrawdown: { median: 0.25, percentiles: { '0.5': 0.25 } },
    bands: [
      { step: 50, percentiles: percentiles(1.5) },
      { step: 100, percentiles: percentiles(2 + i) },
    ],
  })),
  paths: 1000,
  trades: 100,
  seed: 1,
  elapsedMs: 3,
});

/** A CalibrationReport as calibrationReport() shapes it: two non-empty bins of 4 predictions. */
const calibration = (ece: number) => ({
  brier: 0.2,
  logLoss: 0.6,
  ece,
  count: 8,
  bins: [
    { lower: 0.3, upper: 0.4, meanPredicted: 0.35, observedRate: 0.25, count: 4 },
    { lower: 0.6, upper: 0.7, meanPredicted: 0.65, observedRate: 0.75, count: 4 },
  ],
});

/** A chart spec is a Vega-Lite document: it names its schema. */
function isSpec(spec: unknown): void {
  if (typeof (spec as { $schema?: unknown }).$schema !== 'string') throw new Error('the spec has no $schema');
}

export const chartEntries: FuzzEntry[] = [
  { name: 'fanChartSpec', valid: () => [result(), { kellyExposure: 4, title: 'Fan', wealthFloor: 0.001 }], call: (r, o) => fanChartSpec(r, o as never), check: isSpec },
  { name: 'kellyCurveSpec', valid: () => [result(), { kellyExposure: 4, recommended: 2, ruinLevel: 0.5, drawdownLevels: [0.5] }], call: (r, o) => kellyCurveSpec(r, o as never), check: isSpec },
  { name: 'drawdownDistributionSpec', valid: () => [result(), { kellyExposure: 4, title: 'Drawdowns' }], call: (r, o) => drawdownDistributionSpec(r, o as never), check: isSpec },
  {
    name: 'equityCurvesSpec',
    valid: () => [[{ name: 'flat', equity: [100, 101, 99, 103] }, { name: 'dynamic', equity: [100, 102, 97, 105] }], { dates: ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'], logScale: true, title: 'Equity' }],
    call: (c, o) => equityCurvesSpec(c as never, o as never),
    check: isSpec,
  },
  {
    name: 'sizeDistributionSpec',
    valid: () => [
      [0.5, 0.7, 1.2, 2],
      [
        { lower: 0, upper: 1, count: 2, share: 0.5, winRate: 0.5, meanReturn: 0, meanAccountReturn: 0 },
        { lower: 1, upper: 2, count: 2, share: 0.5, winRate: null, meanReturn: null, meanAccountReturn: null },
      ],
      { sizeTitle: 'Exposure', title: 'Sizes' },
    ],
    call: (s, b, o) => sizeDistributionSpec(s as never, b as never, o as never),
    check: isSpec,
  },
  {
    name: 'reliabilityDiagramSpec',
    valid: () => [calibration(0.1), { name: 'calibrated', compare: { name: 'raw scores', report: calibration(0.2) }, title: 'Reliability' }],
    call: (r, o) => reliabilityDiagramSpec(r, o as never),
    check: isSpec,
  },
];
