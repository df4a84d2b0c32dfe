import { SizewiseError, describeValue } from '../errors.js';
import { fractionalKelly } from '../kelly/fractionalKelly.js';
import { checkBinaryEdge } from '../kelly/checkBinaryEdge.js';
import { checkKellyResult } from '../kelly/checkKellyResult.js';
import { binaryKelly } from '../kelly/kellyCriterion.js';
import type { KellyResult } from '../kelly/types.js';
import { probabilityKelly } from '../probability/probabilityKelly.js';
import { checkBelief } from '../probability/WinRatePosterior.js';
import { finite, inRange, integer, nonNegative, positive, probability } from '../validate.js';
import { pct, round } from './layerReasons.js';
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
  /** The request field `lossReturn` came from, named when it is too small to size from. */
  lossField: string;
}

/** How an EdgeEstimate's Kelly came to be, when the caller knows better than its fields say (the tracker's adjustment). */
export interface KellySource {
  /** Appended to "from N trades", e.g. ` of strategy "breakout" in the tracker`. */
  of: string;
  /** Replaces the description of the Kelly risk, e.g. `(full Kelly 8.25 % adjusted ×0.78 by the tracker for …)`. */
  kelly?: string;
  /** Why the estimate is unreliable when it says so at or above config.minTradesForCalculation trades (the whole phrase). */
  unreliable?: string;
}

/**
 * The base of a size: fractional Kelly (config.defaultFraction of the Kelly risk, capped at
 * config.maxRiskFraction) from what the caller knows of the strategy's edge:
 * - an `EdgeEstimate` (from estimateEdge, or any object with its trades, reliable,
 *   expectancy, avgLoss and kelly): from fewer than config.minTradesForCalculation trades (or
 *   marked unreliable) the fixed config.fallbackRiskFraction instead, with a warning; a
 *   reliable edge ≤ 0 gets 0. Its kelly is used as given: a shrunk one (probabilityKelly's
 *   `shrinkage`) or a multiple of full Kelly (`kellyMultiple` ≠ 1) is said in the reason;
 * - a `BinaryEdge`: kellyCriterion + fractionalKelly (Kelly 1956; Thorp 2006); with a Beta
 *   posterior as its winProbability, probabilityKelly shrinks it for the uncertainty in p
 *   (Baker & McHale 2013);
 * - a `KellyResult` (e.g. probabilityKelly's): its riskFraction as the full Kelly. Neither a
 *   binary edge nor a Kelly result carries a trade count, so neither falls back.
 * `field` names the edge in errors; `source` says where an EdgeEstimate came from.
 */
export function baseRisk(edge: SizingEdge | undefined, config: SizerConfig, field: string, source?: KellySource): BaseRisk {
  if (edge === null || typeof edge !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an EdgeEstimate, a BinaryEdge or a KellyResult, received ${describeValue(edge)}`, edge);
  }
  if ('kelly' in edge) return estimateBase(edge as SizerEdgeEstimate, config, field, source);
  if ('riskFraction' in edge && 'exposure' in edge) return kellyResultBase(edge, config, field);
  if ('winProbability' in edge) {
    const p: unknown = edge.winProbability;
    return p !== null && typeof p === 'object' ? posteriorBase(edge, config, field) : binaryBase(edge as { winProbability: number; winReturn: number; lossReturn: number }, config, field);
  }
  throw new SizewiseError(
    'INVALID_TYPE',
    field,
    `${field} must be an EdgeEstimate (from estimateEdge), a BinaryEdge { winProbability, winReturn, lossReturn } or a KellyResult (e.g. from probabilityKelly)`,
    edge,
  );
}

/** quarter (say) Kelly of a full-Kelly risk, capped: as fractionalKelly scales, then caps. */
function fractionOf(full: number, config: SizerConfig): { risk: number; capped: string } {
  const risk = Math.min(full * config.defaultFraction, config.maxRiskFraction);
  return { risk, capped: risk < full * config.defaultFraction ? `, capped at ${pct(config.maxRiskFraction)}` : '' };
}

function binaryBase(edge: { winProbability: number; winReturn: number; lossReturn: number }, config: SizerConfig, field: string): BaseRisk {
  const fraction = config.defaultFraction;
  const kelly = binaryKelly(checkBinaryEdge(edge, field), `${field}.winProbability`); // kellyCriterion, with the caller's field names
  const risk = fractionalKelly(kelly, { fraction, cap: config.maxRiskFraction }).riskFraction;
  const reason =
    kelly.riskFraction <= 0
      ? `no edge: p·win − q·loss = ${pct(kelly.edge, 3)} ≤ 0, so no trade`
      : `${fraction} × full Kelly risk ${pct(kelly.riskFraction)} of the binary edge${risk < kelly.riskFraction * fraction ? `, capped at ${pct(config.maxRiskFraction)}` : ''}`;
  return { factor: { name: 'base', value: risk, reason }, lossReturn: edge.lossReturn, lossField: `${field}.lossReturn` };
}

/** A binary edge whose win probability is a Beta posterior: probabilityKelly, shrunk for the uncertainty in p. */
function posteriorBase(edge: { winProbability: unknown; winReturn: number; lossReturn: number }, config: SizerConfig, field: string): BaseRisk {
  const belief = checkBelief(edge.winProbability, `${field}.winProbability`, true);
  const p = belief.alpha / (belief.alpha + belief.beta);
  const { winReturn, lossReturn } = checkBinaryEdge({ winProbability: p, winReturn: edge.winReturn, lossReturn: edge.lossReturn }, field);
  const kelly = probabilityKelly({ probability: belief, winReturn, lossReturn });
  const why = `from a Beta(${round(belief.alpha)}, ${round(belief.beta)}) posterior, p = ${round(p)}, sd ${round(Math.sqrt(kelly.probabilityVariance))}`;
  if (kelly.riskFraction <= 0) {
    return { factor: { name: 'base', value: 0, reason: `no edge (p ${why}): p·win − q·loss = ${pct(kelly.edge, 3)} ≤ 0, so no trade` }, lossReturn, lossField: `${field}.lossReturn` };
  }
  const { risk, capped } = fractionOf(kelly.riskFraction, config);
  const reason = `${config.defaultFraction} × Kelly risk ${pct(kelly.riskFraction)}${kellyNote(kelly.riskFraction, kelly.kellyMultiple, kelly.shrinkage, ` ${why}`)}${capped}`;
  return { factor: { name: 'base', value: risk, reason }, lossReturn, lossField: `${field}.lossReturn` };
}

/** A Kelly result as the full Kelly: no trade count, so no fallback; a shrinkage or a Kelly multiple is said. */
function kellyResultBase(edge: object, config: SizerConfig, field: string): BaseRisk {
  const kelly = checkKellyResult(edge, field);
  const given = edge as { shrinkage?: unknown; winProbability?: unknown; probabilityVariance?: unknown };
  const shrinkage = given.shrinkage === undefined ? undefined : inRange(given.shrinkage, `${field}.shrinkage`, { min: 0, max: 1, minOpen: true });
  const lossField = `${field}.lossReturn`;
  if (kelly.riskFraction <= 0) {
    return { factor: { name: 'base', value: 0, reason: `no edge: the Kelly result's risk is 0 (edge ${pct(kelly.edge, 3)}), so no trade` }, lossReturn: kelly.lossReturn, lossField };
  }
  const { risk, capped } = fractionOf(kelly.riskFraction, config);
  const p = given.winProbability === undefined ? undefined : probability(given.winProbability, `${field}.winProbability`);
  const variance = given.probabilityVariance === undefined ? undefined : inRange(given.probabilityVariance, `${field}.probabilityVariance`, { min: 0, max: 0.25 });
  const at = `${p === undefined ? '' : ` = ${round(p)}`}${variance === undefined ? '' : `, sd ${round(Math.sqrt(variance))}`}`;
  const reason = `${config.defaultFraction} × Kelly risk ${pct(kelly.riskFraction)} of the Kelly result${kellyNote(kelly.riskFraction, kelly.kellyMultiple, shrinkage, at)}${capped}`;
  return { factor: { name: 'base', value: risk, reason }, lossReturn: kelly.lossReturn, lossField };
}

/**
 * What a Kelly risk is a multiple of, in words: '' for full Kelly; ` (already ×m of full
 * Kelly F)` for a fraction of it; ` (full Kelly F shrunk ×k for uncertainty in p<about>)` for
 * probabilityKelly's shrunk bet (its kellyMultiple is the shrinkage; any other multiple is
 * said too). `risk` = multiple × full Kelly.
 */
function kellyNote(risk: number, multiple: number, shrinkage: number | undefined, about: string): string {
  if (shrinkage === undefined) return multiple === 1 ? '' : ` (already ×${round(multiple)} of full Kelly ${pct(risk / multiple)})`;
  const besides = multiple / shrinkage;
  return ` (full Kelly ${pct(risk / multiple)} shrunk ×${round(shrinkage)} for uncertainty in p${about}${Math.abs(besides - 1) > 1e-12 ? `, and ×${round(besides)} besides` : ''})`;
}

function estimateBase(e: SizerEdgeEstimate, config: SizerConfig, field: string, source: KellySource | undefined): BaseRisk {
  const trades = integer(e.trades, `${field}.trades`, 0);
  const avgLoss = nonNegative(e.avgLoss, `${field}.avgLoss`);
  const expectancy = finite(e.expectancy, `${field}.expectancy`);
  if (e.kelly === null || typeof e.kelly !== 'object') {
    throw new SizewiseError('INVALID_TYPE', `${field}.kelly`, `${field}.kelly must be a KellyResult, received ${describeValue(e.kelly)}`, e.kelly);
  }
  const full = nonNegative(e.kelly.riskFraction, `${field}.kelly.riskFraction`);
  const given = e.kelly as Partial<KellyResult> & { shrinkage?: unknown };
  const multiple = given.kellyMultiple === undefined ? 1 : positive(given.kellyMultiple, `${field}.kelly.kellyMultiple`);
  const shrinkage = given.shrinkage === undefined ? undefined : inRange(given.shrinkage, `${field}.kelly.shrinkage`, { min: 0, max: 1, minOpen: true });
  if (typeof e.reliable !== 'boolean') {
    throw new SizewiseError('INVALID_TYPE', `${field}.reliable`, `${field}.reliable must be true or false, received ${describeValue(e.reliable)}`, e.reliable);
  }
  const lossField = `${field}.avgLoss`;
  const of = source?.of ?? '';
  const minTrades = config.minTradesForCalculation;
  if (!e.reliable || trades < minTrades) {
    const risk = config.fallbackRiskFraction;
    const why =
      trades < minTrades
        ? `only ${trades} closed trade${trades === 1 ? '' : 's'}${of} (Kelly needs ${minTrades})`
        : (source?.unreliable ?? `the edge is marked unreliable (reliable: false) at ${trades} trades, though config.minTradesForCalculation is ${minTrades}`);
    return {
      factor: { name: 'base', value: risk, reason: `${why}: fixed ${pct(risk)} risk instead of Kelly` },
      warning: `edge unreliable: ${why}; using the fixed fallback risk ${pct(risk)}`,
      fallback: true,
      lossReturn: avgLoss,
      lossField,
    };
  }
  if (expectancy <= 0 || full <= 0) {
    return { factor: { name: 'base', value: 0, reason: `no edge over ${trades} trades${of} (expectancy ${pct(expectancy, 3)}), so no trade` }, lossReturn: avgLoss, lossField };
  }
  const { risk, capped } = fractionOf(full, config);
  let reason: string;
  if (source?.kelly !== undefined) {
    reason = `${config.defaultFraction} × Kelly risk ${pct(full)} from ${trades} trades${of} ${source.kelly}${capped}`;
  } else if (shrinkage !== undefined) {
    reason = `${config.defaultFraction} × Kelly risk ${pct(full)}${kellyNote(full, multiple, shrinkage, ` from ${trades} trades${of}`)}${capped}`;
  } else if (multiple !== 1) {
    reason = `${config.defaultFraction} × Kelly risk ${pct(full)} from ${trades} trades${of}${kellyNote(full, multiple, undefined, '')}${capped}`;
  } else {
    reason = `${config.defaultFraction} × full Kelly risk ${pct(full)} from ${trades} trades${of}${capped}`;
  }
  return { factor: { name: 'base', value: risk, reason }, lossReturn: avgLoss, lossField };
}
