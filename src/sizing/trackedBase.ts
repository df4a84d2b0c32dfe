import { SizewiseError, describeValue } from '../errors.js';
import type { KellyAdjustment } from '../tracker/adjustKellyForPerformance.js';
import type { KellyState } from '../tracker/StrategyTracker.js';
import { inRange, integer, nonNegative, oneOf, positive } from '../validate.js';
import { baseRisk, type BaseRisk } from './baseRisk.js';
import { pct, round } from './layerReasons.js';
import type { SizerConfig } from './sizerConfig.js';
import type { SizingTracker } from './sizingTypes.js';

/**
 * The base layer from a strategy the tracker follows: `tracker.sizingEdge(strategyId)` (the
 * estimate with its performance-adjusted Kelly) sized as any EdgeEstimate, its reason saying
 * how the tracker adjusted the Kelly and why. An unknown strategy, or one without a losing
 * trade yet (no finite Kelly), gets config.fallbackRiskFraction with a warning. The sizer's
 * own thresholds apply on top of the tracker's: Kelly is trusted from
 * config.minTradesForCalculation trades and only when the tracker marks the estimate
 * reliable (its minTrades), so the stricter of the two decides.
 */
export function trackedBase(tracked: { strategyId: string; tracker: SizingTracker }, config: SizerConfig): BaseRisk {
  const { strategyId, tracker } = tracked;
  const name = `strategy ${JSON.stringify(strategyId)}`;
  const state = checkState(tracker.kelly(strategyId), `request.tracker.kelly(${JSON.stringify(strategyId)})`);
  const fallback = (why: string): BaseRisk => {
    const risk = config.fallbackRiskFraction;
    const theirs = state !== undefined && state.riskFraction !== risk ? ` (the tracker's own fallback is ${pct(state.riskFraction)}; config.fallbackRiskFraction applies)` : '';
    return {
      factor: { name: 'base', value: risk, reason: `${why}: fixed ${pct(risk)} risk instead of Kelly` },
      warning: `edge unreliable: ${why}; using the fixed fallback risk ${pct(risk)}${theirs}`,
      fallback: true,
      lossReturn: 0, // no average loss known: only a stop distance turns this risk into an order
      lossField: 'request.tracker',
    };
  };
  if (state === undefined) return fallback(`${name} is unknown to the tracker (no closed trade)`);
  const edge = tracker.sizingEdge(strategyId);
  if (state.estimate === undefined || state.adjustment === undefined || edge === undefined) {
    return fallback(`${name} has ${state.trades} closed trade${state.trades === 1 ? '' : 's'} in the tracker but no losing one yet, so no finite Kelly`);
  }
  const trades = state.estimate.trades;
  return baseRisk(edge, config, `request.tracker.sizingEdge(${JSON.stringify(strategyId)})`, {
    of: ` of ${name} in the tracker`,
    kelly: adjustmentNote(state.estimate.kelly.riskFraction, state.adjustment),
    unreliable:
      `the tracker marks ${name} unreliable at ${trades} trades (fewer than its minTrades; config.minTradesForCalculation is ` +
      `${config.minTradesForCalculation}: build the tracker with the same minTrades)`,
  });
}

/**
 * The fields of a Kelly state the base reads besides the sizing edge (which the base layer
 * checks): a StrategyTracker's always pass; another object standing in for one is checked.
 */
function checkState(state: KellyState | undefined, field: string): KellyState | undefined {
  if (state === undefined) return undefined;
  if (state === null || typeof state !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be a Kelly state or undefined, received ${describeValue(state)}`, state);
  }
  integer(state.trades, `${field}.trades`, 0);
  inRange(state.riskFraction, `${field}.riskFraction`, { min: 0, max: 1 });
  if (state.estimate === undefined || state.adjustment === undefined) return state;
  nonNegative(state.estimate?.kelly?.riskFraction, `${field}.estimate.kelly.riskFraction`);
  const a = state.adjustment;
  if (a === null || typeof a !== 'object') {
    throw new SizewiseError('INVALID_TYPE', `${field}.adjustment`, `${field}.adjustment must be a KellyAdjustment, received ${describeValue(a)}`, a);
  }
  positive(a.factor, `${field}.adjustment.factor`);
  inRange(a.maxDrawdown, `${field}.adjustment.maxDrawdown`, { min: 0, max: 1 });
  integer(a.trades, `${field}.adjustment.trades`, 0);
  oneOf(a.reason, `${field}.adjustment.reason`, ['too-few-trades', 'drawdown', 'winning-streak', 'none']);
  return state;
}

/** How the tracker's performance and drawdown adjustment changed the raw Kelly risk, in words. */
function adjustmentNote(raw: number, adjustment: KellyAdjustment): string {
  const { factor, reason, maxDrawdown, trades } = adjustment;
  const adjusted = `full Kelly ${pct(raw)} adjusted ×${round(factor)} by the tracker`;
  switch (reason) {
    case 'drawdown':
      return `(${adjusted} for a ${pct(maxDrawdown)} drawdown over its last ${trades} trades)`;
    case 'winning-streak':
      return `(${adjusted} for a winning streak in its last trades)`;
    case 'too-few-trades':
      return `(full Kelly, not adjusted by the tracker: ${trades} trades are too few for its performance window)`;
    default:
      return `(full Kelly, not adjusted by the tracker: its last ${trades} trades fell at most ${pct(maxDrawdown)} and had no winning streak)`;
  }
}
