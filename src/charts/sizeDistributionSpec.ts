import { SizewiseError } from '../errors.js';
import { finiteArray, inRange, integer, knownKeys, probability } from '../validate.js';
import { chartSpec, SERIES_COLORS, type ChartSpec } from './chartSpec.js';
import { percentLabel, short } from './chartLabels.js';
import { list, record, text } from './checkChartInput.js';

export interface SizeDistributionOptions {
  /** Axis title of the sizes ('Exposure (notional ÷ equity)'). */
  sizeTitle?: string;
  /** Replaces the chart's title. */
  title?: string;
}

/** Most size buckets the win-rate panel draws. */
export const MAX_SIZE_BUCKET_BARS = 100;

/**
 * The monitoring view of a sizing rule: a histogram of the sizes it gave (left) and the
 * trades' win rate in each size bucket (right, from evaluateSizing's `sizeBuckets`), with
 * each bucket's count, so "does it size up the trades that win?" can be read at a glance.
 *
 * @example
 * const e = evaluateSizing(returns, sizes);
 * sizeDistributionSpec(sizes, e.sizeBuckets);
 */
export function sizeDistributionSpec(sizes: ArrayLike<number>, buckets: readonly unknown[], options: SizeDistributionOptions = {}): ChartSpec {
  const s = finiteArray(sizes, 'sizes');
  for (let i = 0; i < s.length; i++) inRange(s[i], `sizes[${i}]`, { min: 0, max: 1e6 });
  const rows = list(buckets, 'buckets', 'size buckets { lower, upper, count, winRate }', MAX_SIZE_BUCKET_BARS).map((b, i) => {
    const bucket = record(b, `buckets[${i}]`, 'a size bucket { lower, upper, count, winRate }');
    const lower = inRange(bucket.lower, `buckets[${i}].lower`, { min: 0, max: 1e6 });
    const upper = inRange(bucket.upper, `buckets[${i}].upper`, { min: lower, max: 1e6 });
    const count = integer(bucket.count, `buckets[${i}].count`, 0, s.length);
    const winRate = bucket.winRate === null ? null : probability(bucket.winRate, `buckets[${i}].winRate`);
    const last = i === buckets.length - 1;
    return { bucket: `[${short(lower)}, ${short(upper)}${last ? ']' : ')'}`, order: i, winRate, labelAt: winRate ?? 0, count: `n = ${count}${winRate === null ? ', none decided' : `, ${percentLabel(winRate)}`}` };
  });
  const o = record(options, 'options', 'an options object');
  knownKeys(o, 'options', ['sizeTitle', 'title']);
  const sizeTitle = o.sizeTitle === undefined ? 'Exposure (notional ÷ equity)' : text(o.sizeTitle, 'options.sizeTitle');
  const title = o.title === undefined ? 'Sizes given and how the trades did by size' : text(o.title, 'options.title');
  if (rows.some((r, i) => i > 0 && r.order <= rows[i - 1].order)) throw new SizewiseError('OUT_OF_RANGE', 'buckets', 'buckets must be in order');
  const values = Array.from(s, (size) => ({ size }));
  return chartSpec(
    { text: title, subtitle: `${s.length} trades. Right: share of each size bucket's trades that won, with the bucket's count.` },
    {
      hconcat: [
        {
          width: 300,
          height: 240,
          data: { values },
          mark: { type: 'bar', color: SERIES_COLORS[0] },
          encoding: {
            x: { field: 'size', type: 'quantitative', bin: { maxbins: 20 }, title: sizeTitle },
            y: { aggregate: 'count', type: 'quantitative', title: 'Trades' },
          },
        },
        {
          width: 300,
          height: 240,
          data: { values: rows },
          layer: [
            {
              mark: { type: 'bar', color: SERIES_COLORS[2] },
              encoding: {
                x: { field: 'bucket', type: 'ordinal', sort: rows.map((r) => r.bucket), title: `Size bucket (${sizeTitle.toLowerCase()})`, axis: { labelAngle: 0 } },
                y: { field: 'winRate', type: 'quantitative', title: 'Win rate', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
              },
            },
            {
              mark: { type: 'text', dy: -6, baseline: 'bottom', fontSize: 11 },
              encoding: {
                x: { field: 'bucket', type: 'ordinal', sort: rows.map((r) => r.bucket) },
                y: { field: 'labelAt', type: 'quantitative' },
                text: { field: 'count' },
              },
            },
          ],
        },
      ],
    },
  );
}
