import { SizewiseError, describeValue } from '../errors.js';
import { finite, integer, knownKeys } from '../validate.js';

/** What the strategy features read of a trade: when it opened and closed (bar indices) and its R-multiple. */
export interface StrategyTradeOutcome {
  entryIndex: number;
  exitIndex: number;
  rMultiple: number;
}

export interface StrategyFeatureOptions {
  /** How many of the most recent closed trades the win rate and mean R read. */
  recentTrades: number;
}

export const STRATEGY_FEATURE_DEFAULTS: Readonly<StrategyFeatureOptions> = Object.freeze({ recentTrades: 5 });

/** The strategy's own recent record at each trade's entry, one value per trade. */
export interface StrategyFeatureColumns {
  /** Share of wins (R > 0) among the last `recentTrades` trades closed before the entry (fewer when fewer have closed). */
  recentWinRate: Float64Array;
  /** Mean R-multiple of those trades. */
  recentMeanR: Float64Array;
  /** Consecutive wins (positive) or losses (negative, R ≤ 0) up to the most recent closed trade. */
  streak: Float64Array;
}

export const STRATEGY_FEATURE_NAMES = Object.freeze(['recentWinRate', 'recentMeanR', 'streak'] as const satisfies readonly (keyof StrategyFeatureColumns)[]);

/**
 * The strategy features of the regime classifier: at each trade's entry, from the
 * trades of the same strategy that closed strictly before it (exitIndex < entryIndex),
 * the win rate and mean R of the last `recentTrades` of them and the current streak.
 * NaN while no trade has closed. A trade never reads its own outcome or a later one.
 * O(n²) in the number of trades.
 *
 * @example strategyFeatures(breakoutTrades(bars)).recentWinRate[10]
 */
export function strategyFeatures(trades: readonly StrategyTradeOutcome[], options: Partial<StrategyFeatureOptions> = {}): StrategyFeatureColumns {
  if (!Array.isArray(trades)) throw new SizewiseError('INVALID_TYPE', 'trades', `trades must be an array, received ${describeValue(trades)}`, trades);
  knownKeys(options, 'options', Object.keys(STRATEGY_FEATURE_DEFAULTS));
  const { recentTrades } = { ...STRATEGY_FEATURE_DEFAULTS, ...options };
  integer(recentTrades, 'options.recentTrades', 1);
  const n = trades.length;
  for (let i = 0; i < n; i++) {
    const t = trades[i];
    if (t === null || typeof t !== 'object') throw new SizewiseError('INVALID_TYPE', `trades[${i}]`, `trades[${i}] must be a trade, received ${describeValue(t)}`, t);
    const entry = integer(t.entryIndex, `trades[${i}].entryIndex`, 0);
    integer(t.exitIndex, `trades[${i}].exitIndex`, entry);
    finite(t.rMultiple, `trades[${i}].rMultiple`);
  }
  const byExit = Array.from(trades.keys()).sort((a, b) => trades[a].exitIndex - trades[b].exitIndex || a - b);
  const out: StrategyFeatureColumns = {
    recentWinRate: new Float64Array(n).fill(Number.NaN),
    recentMeanR: new Float64Array(n).fill(Number.NaN),
    streak: new Float64Array(n).fill(Number.NaN),
  };
  for (let i = 0; i < n; i++) {
    const closed = byExit.filter((j) => trades[j].exitIndex < trades[i].entryIndex);
    if (closed.length === 0) continue;
    const recent = closed.slice(-recentTrades);
    let wins = 0;
    let sum = 0;
    for (const j of recent) {
      if (trades[j].rMultiple > 0) wins++;
      sum += trades[j].rMultiple;
    }
    out.recentWinRate[i] = wins / recent.length;
    out.recentMeanR[i] = sum / recent.length;
    const lastWon = trades[closed[closed.length - 1]].rMultiple > 0;
    let streak = 0;
    for (let k = closed.length - 1; k >= 0 && trades[closed[k]].rMultiple > 0 === lastWon; k--) streak++;
    out.streak[i] = lastWon ? streak : -streak;
  }
  return out;
}
