import { SizewiseError, describeValue } from '../errors.js';
import { fractionalKelly } from '../kelly/fractionalKelly.js';
import { checkBinaryEdge } from '../kelly/checkBinaryEdge.js';
import { binaryKelly } from '../kelly/kellyCriterion.js';
import { finite, integer, nonNegative } from '../validate.js';
import type { SizerConfig } from './sizerConfig.js';
import type { SizerEdgeEstimate, SizingEdge, SizingFactor } from './sizingTypes.js';

/** The base layer's result: the factor, its warning if any, and the loss per unit of exposure. */
export interface BaseRisk {
  factor: SizingFactor;
  warning?: string;
  /** True when the edge was unreliable and the fixed fallback risk was used instead of Kelly. */
  fallback?: boolean;
  /** Average loss per unit of exposure (avgLoss, or the bet's lossReturn): turns risk into exposure. */
  lossReturn: number;
}

export const pct = (x: number, digits = 2): string => `${(x * 100).toFixed(digits)} %`;

/**
 * The base of a size: fractional Kelly (config.defaultFraction of full Kelly, risk capped at
 * config.maxRiskFraction) from the strategy's edge. An `EdgeEstimate` from fewer than
 * config.minTradesForCalculation trades (or marked unreliable) gets the fixed
 * config.fallbackRiskFraction instead, with a warning; a reliable edge ≤ 0 gets 0.
 * A `BinaryEdge` is sized with kellyCriterion + fractionalKelly (Kelly 1956; Thorp 2006).
 */
export function baseRisk(edge: SizingEdge, config: SizerConfig, field: string): BaseRisk {
  if (edge === null || typeof edge !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an EdgeEstimate or a BinaryEdge, received ${describeValue(edge)}`, edge);
  }
  const fraction = config.defaultFraction;
  const cap = config.maxRiskFraction;
  if ('winProbability' in edge) {
    const kelly = binaryKelly(checkBinaryEdge(edge, field), `${field}.winProbability`); // kellyCriterion, with the caller's field names
    const risk = fractionalKelly(kelly, { fraction, cap }).riskFraction;
    const reason =
      kelly.riskFraction <= 0
        ? `no edge: p·win − q·loss = ${pct(kelly.edge, 3)} ≤ 0, so no trade`
        : `${fraction} × full Kelly risk ${pct(kelly.riskFraction)} of the binary edge${risk < kelly.riskFraction * fraction ? `, capped at ${pct(cap)}` : ''}`;
    return { factor: { name: 'base', value: risk, reason }, lossReturn: edge.lossReturn };
  }
  if (!('kelly' in edge)) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an EdgeEstimate (from estimateEdge) or a BinaryEdge { winProbability, winReturn, lossReturn }`, edge);
  }
  const e = edge as SizerEdgeEstimate;
  const trades = integer(e.trades, `${field}.trades`, 0);
  const avgLoss = nonNegative(e.avgLoss, `${field}.avgLoss`);
  const expectancy = finite(e.expectancy, `${field}.expectancy`);
  if (e.kelly === null || typeof e.kelly !== 'object') {
    throw new SizewiseError('INVALID_TYPE', `${field}.kelly`, `${field}.kelly must be a KellyResult, received ${describeValue(e.kelly)}`, e.kelly);
  }
  const full = nonNegative(e.kelly.riskFraction, `${field}.kelly.riskFraction`);
  if (typeof e.reliable !== 'boolean') {
    throw new SizewiseError('INVALID_TYPE', `${field}.reliable`, `${field}.reliable must be true or false, received ${describeValue(e.reliable)}`, e.reliable);
  }
  if (!e.reliable || trades < config.minTradesForCalculation) {
    const risk = config.fallbackRiskFraction;
    const why = `only ${trades} closed trade${trades === 1 ? '' : 's'} (Kelly needs ${config.minTradesForCalculation})`;
    return {
      factor: { name: 'base', value: risk, reason: `${why}: fixed ${pct(risk)} risk instead of Kelly` },
      warning: `edge unreliable: ${why}; using the fixed fallback risk ${pct(risk)}`,
      fallback: true,
      lossReturn: avgLoss,
    };
  }
  if (expectancy <= 0 || full <= 0) {
    return {
      factor: { name: 'base', value: 0, reason: `no edge over ${trades} trades (expectancy ${pct(expectancy, 3)}), so no trade` },
      lossReturn: avgLoss,
    };
  }
  // As fractionalKelly does: scale, then cap the risk fraction.
  const risk = Math.min(full * fraction, cap);
  const reason = `${fraction} × full Kelly risk ${pct(full)} from ${trades} trades${risk < full * fraction ? `, capped at ${pct(cap)}` : ''}`;
  return { factor: { name: 'base', value: risk, reason }, lossReturn: avgLoss };
}
