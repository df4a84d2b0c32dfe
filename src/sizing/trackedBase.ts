import type { KellyAdjustment } from '../tracker/adjustKellyForPerformance.js';
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
  const state = tracker.kelly(strategyId);
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
  return baseRisk(edge, config, 'request.tracker', {
    of: ` of ${name} in the tracker`,
    kelly: adjustmentNote(state.estimate.kelly.riskFraction, state.adjustment),
    unreliable:
      `the tracker marks ${name} unreliable at ${trades} trades (fewer than its minTrades; config.minTradesForCalculation is ` +
      `${config.minTradesForCalculation}: build the tracker with the same minTrades)`,
  });
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
