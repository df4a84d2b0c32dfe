import { SizewiseError } from '../errors.js';
import { inRange, integer, nonNegative } from '../validate.js';
import { chartSpec, type ChartSpec } from './chartSpec.js';
import { exposureLabel, percentLabel } from './chartLabels.js';
import { list, record, keyedByLevel, simulationChartOptions, simulationOutcomes, type SimulationChartOptions } from './checkChartInput.js';

export interface FanChartOptions extends SimulationChartOptions {
  /** Wealth below this multiple of the start is drawn at it: a log axis cannot show 0 (1e-4). */
  wealthFloor?: number;
}

export const FAN_CHART_DEFAULTS = Object.freeze({ wealthFloor: 1e-4 });

/** Most checkpoints per outcome a fan chart draws. */
export const MAX_FAN_CHECKPOINTS = 10_000;

const BAND_COLORS = ['#c6dbef', '#6baed6', '#08306b'];

/** Log-axis labels: plain numbers from 0.01 to 1000, powers of ten (1e+6) beyond, so labels stay short. */
export const LOG_LABEL = "datum.value >= 1e4 || datum.value < 0.01 ? format(datum.value, '.0e') : format(datum.value, '~g')";

/**
 * The fan chart of wealth over trades: for each simulated exposure (one panel each), the
 * band between the outermost percentiles of wealth (5–95 % by default), the band between the
 * next ones (25–75 %) and the median path, on a log axis, from a simulate() result run with
 * `checkpoints` > 0 (its `bands`). Wealth is a multiple of the start, which is drawn as a
 * dashed line at 1.
 *
 * @example
 * const r = await simulate(model, { exposures: [2, 4], checkpoints: 50 });
 * fanChartSpec(r, { kellyExposure: 4 }); // panels "0.5 × Kelly (2×)" and "1 × Kelly (4×)"
 */
export function fanChartSpec(result: unknown, options: FanChartOptions = {}): ChartSpec {
  const { trades, outcomes, exposures } = simulationOutcomes(result);
  const { kellyExposure, title, raw } = simulationChartOptions(options, ['kellyExposure', 'title', 'wealthFloor']);
  const floor = raw.wealthFloor === undefined ? FAN_CHART_DEFAULTS.wealthFloor : inRange(raw.wealthFloor, 'options.wealthFloor', { min: 1e-300, max: 1, maxOpen: true });
  const labels = exposures.map((x) => exposureLabel(x, kellyExposure));
  const rows: Record<string, number | string>[] = [];
  let floored = false;
  let bandNames: string[] = [];
  outcomes.forEach((o, i) => {
    const field = `result.outcomes[${i}].bands`;
    if (o.bands === undefined) {
      throw new SizewiseError('EMPTY_INPUT', field, `${field} is missing: run simulate() with checkpoints > 0 to keep the fan-chart bands`);
    }
    const bands = list(o.bands, field, 'bands { step, percentiles }', MAX_FAN_CHECKPOINTS);
    const start = { panel: labels[i], step: 0, outerLow: 1, outerHigh: 1, innerLow: 1, innerHigh: 1, median: 1 };
    rows.push(start);
    bands.forEach((b, k) => {
      const band = record(b, `${field}[${k}]`, 'a band { step, percentiles }');
      const step = integer(band.step, `${field}[${k}].step`, 1, trades);
      const levels = keyedByLevel(band.percentiles, `${field}[${k}].percentiles`, nonNegative);
      const median = levels.find((l) => l.level === 0.5);
      if (median === undefined || levels.length < 3) {
        throw new SizewiseError('EMPTY_INPUT', `${field}[${k}].percentiles`, `${field}[${k}].percentiles must hold the median ("0.5") and a percentile on each side of it`);
      }
      const outer = [levels[0], levels[levels.length - 1]];
      const inner = levels.length >= 5 ? [levels[1], levels[levels.length - 2]] : outer;
      bandNames = [`${percentLabel(outer[0].level)}–${percentLabel(outer[1].level)} of paths`, `${percentLabel(inner[0].level)}–${percentLabel(inner[1].level)} of paths`, 'median path'];
      const shown = (x: number) => {
        if (x >= floor) return x;
        floored = true;
        return floor;
      };
      rows.push({
        panel: labels[i],
        step,
        outerLow: shown(outer[0].value),
        outerHigh: shown(outer[1].value),
        innerLow: shown(inner[0].value),
        innerHigh: shown(inner[1].value),
        median: shown(median.value),
      });
    });
  });
  const color = { scale: { domain: bandNames, range: BAND_COLORS }, legend: { title: 'Wealth', orient: 'bottom', symbolType: 'square' } };
  const x = { field: 'step', type: 'quantitative', title: 'Trade', scale: { domain: [0, trades], nice: false } };
  const y = { type: 'quantitative', scale: { type: 'log' }, axis: { labelExpr: LOG_LABEL }, title: 'Wealth (× starting equity, log scale)' };
  const subtitle = [`${outcomes.length === 1 ? 'One simulated exposure' : 'Each panel one exposure'}; the dashed line is the starting equity.`];
  if (floored) subtitle.push(`Wealth below ${floor} × the start is drawn at ${floor}.`);
  return chartSpec(
    { text: title ?? 'Wealth over trades: percentiles of the simulated paths', subtitle },
    {
      data: { values: rows },
      facet: { field: 'panel', type: 'nominal', title: null, sort: labels, header: { labelFontSize: 12 } },
      columns: Math.min(outcomes.length, 3),
      spec: {
        width: 260,
        height: 220,
        layer: [
          { mark: { type: 'area', opacity: 0.9 }, encoding: { x, y: { ...y, field: 'outerLow' }, y2: { field: 'outerHigh' }, color: { ...color, datum: bandNames[0] } } },
          { mark: { type: 'area', opacity: 0.9 }, encoding: { x, y: { ...y, field: 'innerLow' }, y2: { field: 'innerHigh' }, color: { ...color, datum: bandNames[1] } } },
          { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: { ...y, field: 'median' }, color: { ...color, datum: bandNames[2] } } },
          { mark: { type: 'rule', strokeDash: [4, 4], color: '#444' }, encoding: { y: { datum: 1, type: 'quantitative' } } },
        ],
      },
      resolve: { scale: { y: 'shared' } },
    },
  );
}
