import { wilsonInterval } from '../edge/wilsonInterval.js';
import { SizewiseError } from '../errors.js';
import { inRange, integer, knownKeys, probability } from '../validate.js';
import { chartSpec, SERIES_COLORS, type ChartSpec } from './chartSpec.js';
import { short } from './chartLabels.js';
import { list, record, text } from './checkChartInput.js';

export interface ReliabilityDiagramOptions {
  /** Legend name of the report's probabilities ('predictions'). */
  name?: string;
  /** A second report drawn beside the first, e.g. the raw scores before calibration on the same outcomes. */
  compare?: { name: string; report: unknown };
  /** Replaces the chart's title. */
  title?: string;
}

/** Most bins one report may bring to a reliability diagram (calibrate's --bins goes up to this). */
export const MAX_RELIABILITY_BINS = 1000;

/** The confidence of the interval drawn around each bin's observed win rate. */
export const RELIABILITY_INTERVAL = 0.95;

/** A bin as the diagram draws it. */
interface BinRow {
  series: string;
  lower: number;
  upper: number;
  meanPredicted: number;
  observedRate: number;
  count: number;
  low: number;
  high: number;
}

/**
 * The reliability diagram of a calibrationReport: each non-empty bin's mean predicted
 * probability (x) against the share of its predictions that won (y), with a 95 % Wilson
 * interval on that share (Wilson 1927) so a small bin's miss reads as the noise it may be,
 * the diagonal a perfectly calibrated model would sit on, and the number of predictions
 * per bin below. A second report (`compare`, e.g. the raw scores) is drawn in its own
 * colour, its count bars beside the first's.
 *
 * @example
 * const calibrated = calibrationReport(calibrator.predictMany(scores), outcomes);
 * reliabilityDiagramSpec(calibrated, { name: 'calibrated', compare: { name: 'raw scores', report: calibrationReport(scores, outcomes) } });
 */
export function reliabilityDiagramSpec(report: unknown, options: ReliabilityDiagramOptions = {}): ChartSpec {
  const o = record(options, 'options', 'an options object');
  knownKeys(o, 'options', ['name', 'compare', 'title']);
  const name = o.name === undefined ? 'predictions' : text(o.name, 'options.name');
  const title = o.title === undefined ? 'Reliability: predicted probability against what happened' : text(o.title, 'options.title');
  const reports = [{ name, ...checkReport(report, 'report', name) }];
  if (o.compare !== undefined) {
    const compare = record(o.compare, 'options.compare', 'a second report { name, report }');
    knownKeys(compare, 'options.compare', ['name', 'report']);
    const other = text(compare.name, 'options.compare.name');
    if (other === name) throw new SizewiseError('UNKNOWN_VALUE', 'options.compare.name', `options.compare.name must differ from the first report's name ${JSON.stringify(name)}`, other);
    reports.push({ name: other, ...checkReport(compare.report, 'options.compare.report', other) });
  }
  const names = reports.map((r) => r.name);
  const points = reports.flatMap((r) => r.bins);
  // Count bars of several reports share a bin's width: each takes its slice, with a gap.
  const bars = reports.flatMap((r, k) =>
    r.bins.map((b) => {
      const width = (b.upper - b.lower) / reports.length;
      return { series: r.name, from: b.lower + width * (k + 0.08), to: b.lower + width * (k + 0.92), count: b.count };
    }),
  );
  const color = { field: 'series', type: 'nominal', title: null, sort: names, scale: { domain: names, range: SERIES_COLORS.slice(0, names.length) }, legend: { orient: 'top', symbolOpacity: 1, symbolType: 'circle' } };
  const unit = { type: 'quantitative', scale: { domain: [0, 1], nice: false }, axis: { format: '.0%', tickCount: 10 } };
  const size = 440;
  return chartSpec(
    {
      text: title,
      subtitle: [
        ...reports.map((r) => `${r.name}: ${r.count.toLocaleString('en')} predictions, ECE ${r.ece.toFixed(3)}, Brier ${r.brier.toFixed(4)}`),
        `Vertical bars: ${short(RELIABILITY_INTERVAL * 100)} % Wilson interval of each bin's win rate.`,
      ],
    },
    {
      vconcat: [
        {
          width: size,
          height: size,
          layer: [
            { data: { values: [{ p: 0 }, { p: 1 }] }, mark: { type: 'line', color: '#888', strokeDash: [5, 4], strokeWidth: 1.2 }, encoding: { x: { field: 'p', ...unit }, y: { field: 'p', type: 'quantitative' } } },
            {
              data: { values: [{ p: 0.78, label: 'perfectly calibrated' }] },
              mark: { type: 'text', angle: -45, dy: -8, color: '#666', fontSize: 11 },
              encoding: { x: { field: 'p', type: 'quantitative' }, y: { field: 'p', type: 'quantitative' }, text: { field: 'label' } },
            },
            {
              data: { values: points },
              mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.6 },
              encoding: { x: { field: 'meanPredicted', type: 'quantitative' }, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, color },
            },
            {
              data: { values: points },
              mark: { type: 'line', point: { filled: true, size: 55 }, strokeWidth: 1.8 },
              encoding: {
                x: { field: 'meanPredicted', ...unit, title: 'Mean predicted probability (per bin)' },
                y: { field: 'observedRate', ...unit, title: 'Observed win rate' },
                color,
                detail: { field: 'series' },
              },
            },
          ],
        },
        {
          width: size,
          height: 110,
          data: { values: bars },
          mark: { type: 'rect' },
          encoding: {
            x: { field: 'from', ...unit, title: 'Predicted probability (bins)' },
            x2: { field: 'to' },
            y: { field: 'count', type: 'quantitative', title: 'Predictions', axis: { tickCount: 4 } },
            color,
          },
        },
      ],
      resolve: { scale: { x: 'shared' } },
    },
  );
}

/** A CalibrationReport's bins and scores, checked: non-empty bins in order, whole wins, counts that add up. */
function checkReport(value: unknown, field: string, series: string): { bins: BinRow[]; count: number; ece: number; brier: number } {
  const r = record(value, field, 'a CalibrationReport from calibrationReport()');
  const items = list(r.bins, `${field}.bins`, 'reliability bins { lower, upper, meanPredicted, observedRate, count }', MAX_RELIABILITY_BINS);
  let total = 0;
  let previousUpper = 0;
  const bins = items.map((item, i) => {
    const at = `${field}.bins[${i}]`;
    const b = record(item, at, 'a reliability bin { lower, upper, meanPredicted, observedRate, count }');
    const lower = inRange(b.lower, `${at}.lower`, { min: previousUpper, max: 1, maxOpen: true });
    const upper = inRange(b.upper, `${at}.upper`, { min: lower, max: 1, minOpen: true });
    // A mean of forecasts in [lower, upper) lies in it, up to the rounding of the sum.
    const meanPredicted = inRange(b.meanPredicted, `${at}.meanPredicted`, { min: Math.max(0, lower - 1e-9), max: Math.min(1, upper + 1e-9) });
    const observedRate = probability(b.observedRate, `${at}.observedRate`);
    const count = integer(b.count, `${at}.count`, 1);
    const wins = Math.round(observedRate * count);
    if (Math.abs(observedRate * count - wins) > 1e-9 * count) {
      throw new SizewiseError('OUT_OF_RANGE', `${at}.observedRate`, `${at}.observedRate × count must be a whole number of wins, received ${observedRate} × ${count}`, observedRate);
    }
    previousUpper = upper;
    total += count;
    const [low, high] = wilsonInterval(wins, count, RELIABILITY_INTERVAL);
    return { series, lower, upper, meanPredicted, observedRate, count, low, high };
  });
  const count = integer(r.count, `${field}.count`, 1);
  if (count !== total) throw new SizewiseError('LENGTH_MISMATCH', `${field}.count`, `${field}.count is ${count}, but its bins hold ${total} predictions`, count);
  return { bins, count, ece: probability(r.ece, `${field}.ece`), brier: probability(r.brier, `${field}.brier`) };
}
