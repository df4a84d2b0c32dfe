import { SizewiseError } from '../errors.js';
import { medianGrowth } from '../montecarlo/medianGrowth.js';
import type { ExposureOutcome } from '../montecarlo/types.js';
import { finite, finiteArray, inRange, probability } from '../validate.js';
import { chartSpec, SERIES_COLORS, type ChartSpec } from './chartSpec.js';
import { percentLabel, short } from './chartLabels.js';
import { keyedByLevel, MAX_CHART_EXPOSURE, record, simulationChartOptions, simulationOutcomes, type SimulationChartOptions } from './checkChartInput.js';

export interface KellyCurveOptions extends SimulationChartOptions {
  /** The exposure to mark as recommended (e.g. recommendExposure(result, …).exposure). */
  recommended?: number;
  /** The simulation's ruinLevel, for the legend ("P(ruin: wealth ≤ 50 % of the start)"). */
  ruinLevel?: number;
  /** Which of the simulated drawdown levels to draw (default: every one the outcomes report). */
  drawdownLevels?: readonly number[];
}

/** Most drawdown levels one Kelly curve draws: more lines would not be readable. */
export const MAX_KELLY_CURVE_LEVELS = 6;

/**
 * The classic Kelly curve from a sweep of exposures: median growth per trade,
 * ln(median terminal wealth) ÷ trades, above; P(ruin) and P(max drawdown ≥ level) for each
 * simulated level below, on a shared axis of exposure (as a multiple of Kelly when
 * `kellyExposure` is given, with full Kelly dashed), and the recommended exposure marked.
 *
 * @example
 * const r = await simulate(model, { exposures: [1, 2, 4, 6, 8, 12], drawdownLevels: [0.5] });
 * kellyCurveSpec(r, { kellyExposure: 6, recommended: recommendExposure(r, { maxDrawdown: 0.5, probability: 0.1 }).exposure });
 */
export function kellyCurveSpec(result: unknown, options: KellyCurveOptions = {}): ChartSpec {
  const { trades, outcomes, exposures } = simulationOutcomes(result);
  const { kellyExposure, title, raw } = simulationChartOptions(options, ['kellyExposure', 'title', 'recommended', 'ruinLevel', 'drawdownLevels']);
  const wanted = raw.drawdownLevels === undefined ? undefined : new Set(finiteArray(raw.drawdownLevels, 'options.drawdownLevels'));
  const ruinLevel = raw.ruinLevel === undefined ? undefined : inRange(raw.ruinLevel, 'options.ruinLevel', { min: 0, max: 1, minOpen: true, maxOpen: true });
  const ruinName = ruinLevel === undefined ? 'P(ruin)' : `P(ruin: wealth ≤ ${percentLabel(ruinLevel)} of the start)`;
  const recommended = raw.recommended === undefined ? undefined : inRange(raw.recommended, 'options.recommended', { min: 0, max: MAX_CHART_EXPOSURE });
  const scale = kellyExposure ?? 1;
  const growth: Record<string, number | null>[] = [];
  const risk: Record<string, number | string>[] = [];
  outcomes.forEach((o, i) => {
    const field = `result.outcomes[${i}]`;
    const x = exposures[i] / scale;
    const wealth = record(o.terminalWealth, `${field}.terminalWealth`, 'terminal wealth { median, log, … }');
    finite(record(wealth.log, `${field}.terminalWealth.log`, 'log wealth { median, … }').median, `${field}.terminalWealth.log.median`);
    growth.push({ x, growth: medianGrowth(o as Pick<ExposureOutcome, 'terminalWealth'>, trades) });
    risk.push({ x, measure: ruinName, value: probability(o.probabilityOfRuin, `${field}.probabilityOfRuin`) });
    const levels = keyedByLevel(o.probabilityOfDrawdown, `${field}.probabilityOfDrawdown`, probability);
    if (wanted !== undefined) {
      for (const level of wanted) {
        if (!levels.some((l) => l.level === level)) {
          throw new SizewiseError('UNKNOWN_VALUE', 'options.drawdownLevels', `options.drawdownLevels holds ${level}, which ${field}.probabilityOfDrawdown does not report`, level);
        }
      }
    }
    for (const { level, value } of levels.filter((l) => wanted === undefined || wanted.has(l.level))) {
      risk.push({ x, measure: `P(max drawdown ≥ ${percentLabel(level)})`, value });
    }
  });
  const measures = [...new Set(risk.map((r) => String(r.measure)))];
  if (measures.length > MAX_KELLY_CURVE_LEVELS + 1) {
    throw new SizewiseError('OUT_OF_RANGE', 'options.drawdownLevels', `a Kelly curve draws at most ${MAX_KELLY_CURVE_LEVELS} drawdown levels, the outcomes report ${measures.length - 1}: pick some with options.drawdownLevels`);
  }
  if (risk.length !== measures.length * outcomes.length) {
    throw new SizewiseError('LENGTH_MISMATCH', 'result.outcomes', 'every outcome must report the same drawdown levels');
  }
  const xTitle = kellyExposure === undefined ? 'Exposure (notional ÷ equity)' : `Exposure as a multiple of full Kelly (${short(kellyExposure)}×)`;
  const x = { field: 'x', type: 'quantitative', title: xTitle };
  const marks: Record<string, unknown>[] = [];
  if (kellyExposure !== undefined) marks.push({ x: 1, label: 'full Kelly', color: '#777' });
  if (recommended !== undefined) marks.push({ x: recommended / scale, label: `recommended ${short(recommended / scale)}${kellyExposure === undefined ? '×' : ' × Kelly'}`, color: '#d62728' });
  const markLayers = marks.length === 0 ? [] : [
    { data: { values: marks }, mark: { type: 'rule', strokeDash: [5, 4], strokeWidth: 1.5 }, encoding: { x: { field: 'x', type: 'quantitative' }, color: { field: 'color', type: 'nominal', scale: null } } },
  ];
  const labelLayer = marks.length === 0 ? [] : [
    { data: { values: marks }, mark: { type: 'text', align: 'left', dx: 4, dy: -4, baseline: 'bottom', fontSize: 11 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' }, color: { field: 'color', type: 'nominal', scale: null } } },
  ];
  const width = 560;
  return chartSpec(
    { text: title ?? 'Growth and risk against the size of the bet', subtitle: `${trades.toLocaleString('en')} trades per simulated path; median growth = ln(median final wealth) ÷ trades.` },
    {
      vconcat: [
        {
          width,
          height: 200,
          layer: [
            { data: { values: growth }, mark: { type: 'line', point: true, color: SERIES_COLORS[0] }, encoding: { x, y: { field: 'growth', type: 'quantitative', title: 'Median growth per trade', axis: { format: '.2~%' } } } },
            ...markLayers,
            ...labelLayer,
          ],
        },
        {
          width,
          height: 200,
          layer: [
            {
              data: { values: risk },
              mark: { type: 'line', point: true },
              encoding: {
                x,
                y: { field: 'value', type: 'quantitative', title: 'Probability', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
                color: { field: 'measure', type: 'nominal', title: null, sort: measures, scale: { range: SERIES_COLORS.slice(1) }, legend: { orient: 'bottom' } },
              },
            },
            ...markLayers,
          ],
        },
      ],
      resolve: { scale: { x: 'shared', color: 'independent' } },
    },
  );
}
