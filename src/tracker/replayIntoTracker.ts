import { withFieldPrefix } from '../withFieldPrefix.js';
import type { EdgeEstimate } from '../edge/estimateEdge.js';
import type { Trade } from '../edge/trade.js';
import { SizewiseError, describeValue } from '../errors.js';
import { integer, knownKeys } from '../validate.js';
import { nonEmptyString, type TradeRecord } from '../store/storedTrade.js';
import type { KellyState } from './StrategyTracker.js';
import { StrategyTracker } from './StrategyTracker.js';

export interface ReplayOptions {
  /** Strategy id for trades that carry none. */
  strategyId?: string;
  /** Id of the i-th trade, making a replay idempotent (run it twice, each trade counts once). */
  tradeId?: (trade: Trade, index: number) => string;
  /**
   * Trades per store transaction (tracker.positionsClosed), default 1 (one positionClosed,
   * one durable commit, per trade). Larger batches replay far faster against a file store;
   * the estimates are the same.
   */
  batch?: number;
}

/** One step of a replay: the trade's close and the strategy's Kelly state after it. */
export interface ReplayStep {
  strategyId: string;
  /** When the trade closed (the time its estimate is recorded under). */
  at: Date;
  estimate: EdgeEstimate | undefined;
  kelly: KellyState;
}

/**
 * Feeds closed trades, oldest first as given, through `tracker.positionClosed` and returns
 * the Kelly state after each: the Kelly history of the replay (also recorded in the
 * tracker's store when it has one). Only the `Trade` fields are passed on, so richer trade
 * objects (a BreakoutTrade with its prices and excursions) replay as they are. A bad trade
 * rejects naming its index (`trades[7].returnFraction`); the trades before it stay replayed.
 *
 * @example const history = await replayIntoTracker(breakoutTrades(bars), new StrategyTracker({ store }), { strategyId: 'breakout' });
 */
export async function replayIntoTracker(trades: readonly Trade[], tracker: StrategyTracker, options: ReplayOptions = {}): Promise<ReplayStep[]> {
  if (!Array.isArray(trades)) throw new SizewiseError('INVALID_TYPE', 'trades', `trades must be an array of trades, received ${describeValue(trades)}`, trades);
  if (!(tracker instanceof StrategyTracker)) {
    throw new SizewiseError('INVALID_TYPE', 'tracker', `tracker must be a StrategyTracker, received ${describeValue(tracker)}`, tracker);
  }
  knownKeys(options, 'options', ['strategyId', 'tradeId', 'batch']);
  const batch = options.batch === undefined ? 1 : integer(options.batch, 'options.batch', 1);
  const fallbackId = options.strategyId === undefined ? undefined : nonEmptyString(options.strategyId, 'options.strategyId');
  if (options.tradeId !== undefined && typeof options.tradeId !== 'function') {
    throw new SizewiseError('INVALID_TYPE', 'options.tradeId', `options.tradeId must be a function, received ${describeValue(options.tradeId)}`, options.tradeId);
  }
  const records = trades.map((t, i) => {
    if (t === null || typeof t !== 'object') throw new SizewiseError('INVALID_TYPE', `trades[${i}]`, `trades[${i}] must be a trade object, received ${describeValue(t)}`, t);
    const strategyId = t.strategyId ?? fallbackId;
    if (strategyId === undefined) {
      throw new SizewiseError('INVALID_TYPE', `trades[${i}].strategyId`, `trades[${i}].strategyId is missing and options.strategyId is not set`);
    }
    // The cast: the two optional return names together do not pick a union member statically.
    return {
      strategyId,
      // The return as given (either name): the tracker checks it, naming this trade's index.
      ...(t.returnFraction !== undefined ? { returnFraction: t.returnFraction } : {}),
      ...(t.returnPct !== undefined ? { returnPct: t.returnPct } : {}),
      ...(t.closedAt !== undefined ? { closedAt: t.closedAt } : {}),
      ...(t.rMultiple !== undefined ? { rMultiple: t.rMultiple } : {}),
      ...(t.confidence !== undefined ? { confidence: t.confidence } : {}),
      ...(t.regime !== undefined ? { regime: t.regime } : {}),
      ...(options.tradeId !== undefined ? { id: options.tradeId(t, i) } : {}),
    } as TradeRecord;
  });
  const steps: ReplayStep[] = [];
  for (let start = 0; start < records.length; start += batch) {
    const chunk = records.slice(start, start + batch);
    const states = await renamed(start, () =>
      batch === 1 ? tracker.positionClosed(chunk[0]).then(() => [tracker.kelly(chunk[0].strategyId)!]) : tracker.positionsClosed(chunk),
    );
    for (const kelly of states) steps.push({ strategyId: kelly.strategyId, at: kelly.at, estimate: kelly.estimate, kelly });
  }
  return steps;
}

/** Reports a bad trade with its index in the caller's list (`trades[7].returnFraction`), not in the batch. */
async function renamed<T>(offset: number, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const match = error instanceof SizewiseError ? /^(trades\[(\d+)\]|trade)/.exec(error.field) : null;
    if (match === null) throw error;
    // The trade's own index, wherever the message names its fields (a conflict names two).
    throw withFieldPrefix(error, match[1]!, `trades[${offset + Number(match[2] ?? 0)}]`);
  }
}
