import {
  averageActiveSignals,
  betSize,
  betSizeBudget,
  betSizeDynamic,
  betSizeFromProbability,
  betSizeReserve,
  calibrateWidth,
  discreteSignal,
  inversePrice,
  limitPrice,
  mixtureFromMoments,
  targetPosition,
} from '../../../src/index.js';
import type { FuzzEntry } from '../entry.js';

/** A bet size promises |m| ≤ 1. */
function sizes(values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) if (!(Math.abs(values[i]) <= 1)) throw new Error(`size ${values[i]} outside [−1, 1]`);
}
const unit = (r: unknown) => sizes([r as number]);
const events = () => [
  { start: '2000-01-01', end: '2000-01-03', side: 1 },
  { start: '2000-01-02', end: '2000-01-05', side: -1 },
  { start: '2000-01-03', end: '2000-01-04T12:00Z', side: 1 },
  { start: '2000-01-04', end: '2000-01-06', side: 1 },
];

export const betsizeEntries: FuzzEntry[] = [
  {
    name: 'betSizeFromProbability',
    valid: () => [[0.55, 0.7, 0.95], { numClasses: 2, side: [1, -1, 1], stepSize: 0.1 }],
    call: (p, o) => betSizeFromProbability(p as never, o as never),
    check: (r) => sizes(r as Float64Array),
  },
  {
    name: 'averageActiveSignals',
    valid: () => [
      [
        { start: 0, end: 2, signal: 0.4 },
        { start: 1, end: 3, signal: -0.2 },
      ],
    ],
    call: (s) => averageActiveSignals(s as never),
  },
  { name: 'discreteSignal', valid: () => [[0.08, -0.34, 0.96], 0.1], call: (s, step) => discreteSignal(s as never, step as never), check: (r) => sizes(r as Float64Array) },
  { name: 'betSize', valid: () => [10.8, 4.5, 'sigmoid'], call: (w, x, f) => betSize(w as never, x as never, f as never), check: unit },
  { name: 'calibrateWidth', valid: () => [10, 0.95, 'sigmoid'], call: (x, m, f) => calibrateWidth(x as never, m as never, f as never) },
  {
    name: 'targetPosition',
    valid: () => [10.8, 80, 75.5, 55, 'sigmoid'],
    call: (w, f, m, max, fn) => targetPosition(w as never, f as never, m as never, max as never, fn as never),
    check: (r, args) => {
      const max = args[3] as number;
      if (!Number.isInteger(r) || Math.abs(r as number) > max) throw new Error(`target ${r} not an integer within ±${max}`);
    },
  },
  { name: 'inversePrice', valid: () => [80, 10.8, 0.5, 'sigmoid'], call: (f, w, m, fn) => inversePrice(f as never, w as never, m as never, fn as never) },
  {
    name: 'limitPrice',
    valid: () => [-27, 35, 75, 10.8, 55, 'sigmoid', { path: true }],
    call: (t, p, f, w, max, fn, o) => limitPrice(t as never, p as never, f as never, w as never, max as never, fn as never, o as never),
  },
  {
    name: 'betSizeDynamic',
    valid: () => [
      [
        { position: 25, maxPosition: 55, marketPrice: 75.5, forecastPrice: 80 },
        { position: 35, maxPosition: 55, marketPrice: 76.9, forecastPrice: 75 },
      ],
      { divergence: 10, betSize: 0.95, func: 'sigmoid' },
    ],
    call: (rows, o) => betSizeDynamic(rows as never, o as never),
    check: (r) => sizes((r as { betSize: number }[]).map((x) => x.betSize)),
  },
  { name: 'betSizeBudget', valid: () => [events()], call: (e) => betSizeBudget(e as never), check: (r) => sizes(r as Float64Array) },
  {
    name: 'betSizeReserve',
    valid: () => [events(), { seed: 3, fitRuns: 2 }],
    call: (e, o) => betSizeReserve(e as never, o as never),
    check: (r) => sizes((r as { sizes: Float64Array }).sizes),
    weight: 0.05,
  },
  {
    name: 'mixtureFromMoments',
    valid: () => [[0.7, 2.6, 0.4, 25, -59.8], { seed: 2, runs: 2 }],
    call: (m, o) => mixtureFromMoments(m as never, o as never),
    check: (r) => {
      const m = r as { sigma1: number; sigma2: number; p1: number };
      if (!(m.sigma1 > 0 && m.sigma2 > 0 && m.p1 >= 0 && m.p1 <= 1)) throw new Error('not a mixture');
    },
    weight: 0.05,
  },
];
