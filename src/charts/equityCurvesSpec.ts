import { SizewiseError, describeValue } from '../errors.js';
import { finiteArray, knownKeys } from '../validate.js';
import { chartSpec, SERIES_COLORS, type ChartSpec } from './chartSpec.js';
import { list, MAX_CHART_SERIES, record, text } from './checkChartInput.js';

/** One equity curve: a name for the legend and the equity at each bar (e.g. SizingBacktest.equity). */
export interface EquityCurve {
  name: string;
  equity: ArrayLike<number>;
}

export interface EquityCurvesOptions {
  /** The date of each bar (ISO strings, as OhlcvColumns.date), for a time axis; without it the axis counts bars. */
  dates?: readonly string[];
  /** Draws equity on a log axis (curves that compound over decades). */
  logScale?: boolean;
  /** Replaces the chart's title. */
  title?: string;
}

/** Most bars per curve an equity chart draws. */
export const MAX_EQUITY_BARS = 200_000;

/**
 * Equity curves of sizing rules on the same bars (e.g. flat vs dynamic from backtestSizing)
 * above, and each one's drawdown from its running peak below, on a shared time axis. The
 * drawdown is computed inside the spec (a running-max window), so the spec carries the
 * equity values only.
 *
 * @example
 * equityCurvesSpec([{ name: 'flat 1 %', equity: flat.equity }, { name: 'dynamic', equity: dynamic.equity }], { dates: bars.date });
 */
export function equityCurvesSpec(curves: readonly EquityCurve[], options: EquityCurvesOptions = {}): ChartSpec {
  const items = list(curves, 'curves', 'curves { name, equity }', MAX_CHART_SERIES).map((c, i) => {
    const curve = record(c, `curves[${i}]`, 'a curve { name, equity }');
    const equity = finiteArray(curve.equity, `curves[${i}].equity`);
    if (equity.length < 2 || equity.length > MAX_EQUITY_BARS) {
      throw new SizewiseError('OUT_OF_RANGE', `curves[${i}].equity`, `curves[${i}].equity must hold 2 to ${MAX_EQUITY_BARS} values, received ${equity.length}`, equity.length);
    }
    for (let t = 0; t < equity.length; t++) {
      if (equity[t] < 0) throw new SizewiseError('OUT_OF_RANGE', `curves[${i}].equity[${t}]`, `curves[${i}].equity[${t}] must be ≥ 0, received ${equity[t]}`, equity[t]);
    }
    return { name: text(curve.name, `curves[${i}].name`), equity };
  });
  const bars = items[0].equity.length;
  items.forEach((c, i) => {
    if (c.equity.length !== bars) throw new SizewiseError('LENGTH_MISMATCH', `curves[${i}].equity`, `every curve must have ${bars} values (as curves[0]), curves[${i}] has ${c.equity.length}`);
  });
  const o = record(options, 'options', 'an options object');
  knownKeys(o, 'options', ['dates', 'logScale', 'title']);
  const dates = o.dates === undefined ? undefined : checkDates(o.dates, bars);
  if (o.logScale !== undefined && typeof o.logScale !== 'boolean') {
    throw new SizewiseError('INVALID_TYPE', 'options.logScale', `options.logScale must be true or false, received ${typeof o.logScale}`, o.logScale);
  }
  const logScale = o.logScale === true;
  const title = o.title === undefined ? 'Equity and drawdown of each sizing rule' : text(o.title, 'options.title');
  if (logScale && items.some((c) => c.equity.some((x) => x <= 0))) {
    throw new SizewiseError('OUT_OF_RANGE', 'options.logScale', 'a log axis cannot show equity of 0 (a ruined curve): leave options.logScale off');
  }
  const names = items.map((c) => c.name);
  if (new Set(names).size !== names.length) throw new SizewiseError('UNKNOWN_VALUE', 'curves', 'every curve needs its own name');
  const values: Record<string, number | string>[] = [];
  for (const c of items) {
    for (let t = 0; t < bars; t++) values.push(dates === undefined ? { rule: c.name, t, equity: c.equity[t] } : { rule: c.name, t, date: dates[t], equity: c.equity[t] });
  }
  const x = dates === undefined ? { field: 't', type: 'quantitative', title: 'Bar' } : { field: 'date', type: 'temporal', title: 'Date' };
  const color = { field: 'rule', type: 'nominal', title: null, sort: names, scale: { range: [...SERIES_COLORS] }, legend: { orient: 'top' } };
  const width = 640;
  return chartSpec(
    { text: title, subtitle: 'Marked to market at each close; the lower panel is the fall from each curve’s running peak.' },
    {
      data: { values },
      transform: [
        { window: [{ op: 'max', field: 'equity', as: 'peak' }], groupby: ['rule'], sort: [{ field: 't' }], frame: [null, 0] },
        { calculate: 'datum.peak > 0 ? datum.equity / datum.peak - 1 : 0', as: 'drawdown' },
      ],
      vconcat: [
        {
          width,
          height: 260,
          mark: { type: 'line', strokeWidth: 1.5 },
          encoding: { x: { ...x, axis: { title: null } }, y: { field: 'equity', type: 'quantitative', title: logScale ? 'Equity (log scale)' : 'Equity', scale: logScale ? { type: 'log' } : { zero: false }, axis: { format: '~s' } }, color },
        },
        {
          width,
          height: 130,
          mark: { type: 'line', strokeWidth: 1.2 },
          encoding: { x, y: { field: 'drawdown', type: 'quantitative', title: 'Drawdown', axis: { format: '.0%' } }, color },
        },
      ],
      resolve: { scale: { x: 'shared' } },
    },
  );
}

function checkDates(value: unknown, bars: number): readonly string[] {
  if (!Array.isArray(value)) throw new SizewiseError('INVALID_TYPE', 'options.dates', 'options.dates must be an array of ISO date strings', value);
  if (value.length !== bars) throw new SizewiseError('LENGTH_MISMATCH', 'options.dates', `options.dates must have one date per bar (${bars}), received ${value.length}`);
  value.forEach((d, t) => {
    if (typeof d !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(d) || Number.isNaN(Date.parse(d))) {
      throw new SizewiseError('INVALID_TYPE', `options.dates[${t}]`, `options.dates[${t}] must be an ISO date such as "2020-04-17", received ${describeValue(d)}`, d);
    }
  });
  return value as string[];
}
