import { inRange, probability } from '../validate.js';
import { chartSpec, SERIES_COLORS, type ChartSpec } from './chartSpec.js';
import { exposureLabel } from './chartLabels.js';
import { keyedByLevel, record, simulationChartOptions, simulationOutcomes, type SimulationChartOptions } from './checkChartInput.js';

/**
 * The distribution of the maximum drawdown of the simulated paths, as its exceedance
 * curve: P(max drawdown ≥ x) at each simulated drawdown level (simulate's drawdownLevels;
 * pass a fine grid such as 0.05, 0.1, …, 0.95 for a smooth curve), one line per exposure,
 * with each exposure's median drawdown marked (where the curve crosses 50 %).
 *
 * @example
 * const levels = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
 * drawdownDistributionSpec(await simulate(model, { exposures: [2, 4], drawdownLevels: levels }));
 */
export function drawdownDistributionSpec(result: unknown, options: SimulationChartOptions = {}): ChartSpec {
  const { outcomes, exposures } = simulationOutcomes(result);
  const { kellyExposure, title } = simulationChartOptions(options, ['kellyExposure', 'title']);
  const labels = exposures.map((x) => exposureLabel(x, kellyExposure));
  const curve: Record<string, number | string>[] = [];
  const medians: Record<string, number | string>[] = [];
  outcomes.forEach((o, i) => {
    const field = `result.outcomes[${i}]`;
    for (const { level, value } of keyedByLevel(o.probabilityOfDrawdown, `${field}.probabilityOfDrawdown`, probability)) {
      curve.push({ series: labels[i], level, probability: value });
    }
    const median = inRange(record(o.maxDrawdown, `${field}.maxDrawdown`, 'the drawdown summary { median, … }').median, `${field}.maxDrawdown.median`, { min: 0, max: 1 });
    medians.push({ series: labels[i], level: median, probability: 0.5 });
  });
  const color = { field: 'series', type: 'nominal', title: null, sort: labels, scale: { range: [...SERIES_COLORS] }, legend: { orient: 'right' } };
  const x = { field: 'level', type: 'quantitative', title: 'Maximum drawdown over the path (fall from the running peak)', scale: { domain: [0, 1] }, axis: { format: '.0%' } };
  const y = { field: 'probability', type: 'quantitative', title: 'P(max drawdown ≥ x)', scale: { domain: [0, 1] }, axis: { format: '.0%' } };
  return chartSpec(
    { text: title ?? 'How deep the drawdowns go', subtitle: 'Share of simulated paths whose maximum drawdown reaches at least x; diamonds mark each median.' },
    {
      width: 560,
      height: 300,
      layer: [
        { data: { values: curve }, mark: { type: 'line', point: true }, encoding: { x, y, color } },
        { data: { values: medians }, mark: { type: 'point', shape: 'diamond', size: 120, filled: true, opacity: 1 }, encoding: { x, y, color } },
      ],
    },
  );
}
