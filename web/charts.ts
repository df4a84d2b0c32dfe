// Placeholder Vega-Lite specs with the names of the command line's chart builders, standing
// in until those are in the library: the page then imports them from 'sizewise' instead.
import type { SimulationResult } from 'sizewise';

type Spec = Record<string, unknown>;
const label = (exposure: number, kelly: number) => `${+(exposure / kelly).toPrecision(3)} × Kelly`;

/** Wealth over trades: the 5–95 % band, the 25–75 % band and the median, one panel per exposure. */
export function fanChartSpec(result: SimulationResult, { kellyExposure }: { kellyExposure: number }): Spec {
  const rows = result.outcomes.flatMap((o) =>
    (o.bands ?? []).map((b) => ({ panel: label(o.exposure, kellyExposure), step: b.step, p5: b.percentiles['0.05'], p25: b.percentiles['0.25'], p50: b.percentiles['0.5'], p75: b.percentiles['0.75'], p95: b.percentiles['0.95'] })),
  );
  const x = { field: 'step', type: 'quantitative', title: 'Trade' };
  const y = { type: 'quantitative', scale: { type: 'log' }, title: 'Wealth (× start)' };
  return {
    title: 'Wealth over trades',
    data: { values: rows },
    facet: { field: 'panel', type: 'nominal', title: null },
    spec: {
      width: 240,
      height: 200,
      layer: [
        { mark: { type: 'area', color: '#c6dbef' }, encoding: { x, y: { ...y, field: 'p5' }, y2: { field: 'p95' } } },
        { mark: { type: 'area', color: '#6baed6' }, encoding: { x, y: { ...y, field: 'p25' }, y2: { field: 'p75' } } },
        { mark: { type: 'line', color: '#08306b' }, encoding: { x, y: { ...y, field: 'p50' } } },
      ],
    },
  };
}

/** Median growth per trade against exposure, as a multiple of Kelly. */
export function kellyCurveSpec(result: SimulationResult, { kellyExposure }: { kellyExposure: number; recommended?: number; ruinLevel?: number; drawdownLevels?: readonly number[] }): Spec {
  const rows = result.outcomes.map((o) => ({ x: o.exposure / kellyExposure, growth: Math.log(o.terminalWealth.median) / result.trades, ruin: o.probabilityOfRuin }));
  return {
    title: 'Growth against the size of the bet',
    width: 520,
    height: 220,
    data: { values: rows },
    mark: { type: 'line', point: true },
    encoding: { x: { field: 'x', type: 'quantitative', title: 'Exposure (× Kelly)' }, y: { field: 'growth', type: 'quantitative', title: 'Median growth per trade' } },
  };
}

/** P(max drawdown ≥ x) at each simulated level, one line per exposure. */
export function drawdownDistributionSpec(result: SimulationResult, { kellyExposure }: { kellyExposure: number }): Spec {
  const rows = result.outcomes.flatMap((o) => Object.entries(o.probabilityOfDrawdown).map(([level, p]) => ({ series: label(o.exposure, kellyExposure), level: Number(level), p })));
  return {
    title: 'How deep the drawdowns go',
    width: 520,
    height: 220,
    data: { values: rows },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'level', type: 'quantitative', title: 'Maximum drawdown', axis: { format: '.0%' } },
      y: { field: 'p', type: 'quantitative', title: 'P(max drawdown ≥ x)', axis: { format: '.0%' } },
      color: { field: 'series', type: 'nominal', title: null },
    },
  };
}
