import { estimateEdge, type EdgeEstimate } from '../edge/estimateEdge.js';
import { windowNotes, type WindowCut } from '../edge/windowNotes.js';
import { SizewiseError, describeValue } from '../errors.js';
import { SizingStore } from '../store/SizingStore.js';
import { checkTradeRecord, nonEmptyString, sameTrade, tradeOfRow, type StoredTrade, type TradeRecord, type TradeRow } from '../store/storedTrade.js';
import { inRange, integer, knownKeys, positive } from '../validate.js';
import { adjustChecked, checkPerformanceAdjustmentOptions, type KellyAdjustment, type PerformanceAdjustmentOptions } from './adjustKellyForPerformance.js';

export interface StrategyTrackerOptions {
  /** Where closed trades and each re-estimate are recorded (none: memory only). */
  store?: SizingStore;
  /** estimateEdge's `window`: only the last N trades. */
  window?: number;
  /** estimateEdge's `windowDays`: only trades closed within D days of the latest. */
  windowDays?: number;
  /** estimateEdge's `minTrades`: below it the estimate is unreliable and the fixed fallback risk applies. */
  minTrades?: number;
  /** estimateEdge's `resamples` (bootstrap of the Kelly interval); its default when absent. */
  resamples?: number;
  /** The full-Kelly risk fraction reported while the estimate is unreliable or absent (the sizer's fallbackRiskFraction). */
  fallbackRiskFraction?: number;
  /** The recent-performance and drawdown adjustment (adjustKellyForPerformance). */
  performance?: PerformanceAdjustmentOptions;
}

export const STRATEGY_TRACKER_DEFAULTS = Object.freeze({
  fallbackRiskFraction: 0.01,
});

/** A strategy's current Kelly state: the raw estimate, its adjustment beside it, and the risk to use. */
export interface KellyState {
  strategyId: string;
  /** Trades closed so far (all of them, not only the window). */
  trades: number;
  /** Close time of the trade that last changed this state (restored: the latest close). */
  at: Date;
  /** = edge(strategyId): estimateEdge of the trades so far; absent until the window holds a losing trade. */
  estimate?: EdgeEstimate;
  /** The performance and drawdown adjustment of `estimate.kelly` (absent with the estimate). */
  adjustment?: KellyAdjustment;
  /** True when the estimate is absent or unreliable (fewer than minTrades), so `riskFraction` is the fixed fallback. */
  usedFallback: boolean;
  /** Full-Kelly risk fraction to size from: the adjusted Kelly's when reliable, else fallbackRiskFraction. */
  riskFraction: number;
}

/** The `detail` of an 'edge' event. */
export interface EdgeEventDetail {
  strategyId: string;
  estimate: EdgeEstimate;
  kelly: KellyState;
}

interface Strategy {
  /** Oldest first by closedAt, then by recording order (as the store returns them). */
  trades: StoredTrade[];
  state: KellyState;
}

/**
 * Per-strategy edge that follows closed positions. `positionClosed(trade)` records the trade
 * (in the store, with the re-estimate, in one transaction), re-estimates that strategy's edge
 * with estimateEdge over the configured window, adjusts its Kelly for recent performance and
 * drawdown, and dispatches an 'edge' event (a CustomEvent, detail { strategyId, estimate,
 * kelly }). `edge(id)` equals estimateEdge(that strategy's trades so far, the same window,
 * windowDays, minTrades and resamples, its default seed). Calls are handled one at a time,
 * in call order. An EventTarget, so it works alike in Node and browsers.
 */
export class StrategyTracker extends EventTarget {
  readonly store: SizingStore | undefined;
  readonly #estimateOptions: { window?: number; windowDays?: number; minTrades?: number; resamples?: number };
  readonly #performance: Required<PerformanceAdjustmentOptions>;
  readonly #fallback: number;
  readonly #strategies = new Map<string, Strategy>();
  readonly #ids = new Map<string, TradeRow>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: StrategyTrackerOptions = {}) {
    super();
    knownKeys(options, 'options', ['store', 'window', 'windowDays', 'minTrades', 'resamples', 'fallbackRiskFraction', 'performance']);
    const o = { ...STRATEGY_TRACKER_DEFAULTS, ...options };
    if (o.store !== undefined && !(o.store instanceof SizingStore)) {
      throw new SizewiseError('INVALID_TYPE', 'options.store', `options.store must be a SizingStore (from openStore), received ${describeValue(o.store)}`, o.store);
    }
    this.store = o.store;
    const estimateOptions: { window?: number; windowDays?: number; minTrades?: number; resamples?: number } = {};
    if (o.window !== undefined) estimateOptions.window = integer(o.window, 'options.window', 1);
    if (o.windowDays !== undefined) estimateOptions.windowDays = positive(o.windowDays, 'options.windowDays');
    if (o.minTrades !== undefined) estimateOptions.minTrades = integer(o.minTrades, 'options.minTrades', 1);
    if (o.resamples !== undefined) estimateOptions.resamples = integer(o.resamples, 'options.resamples', 100, 1_000_000);
    this.#estimateOptions = estimateOptions;
    this.#fallback = inRange(o.fallbackRiskFraction, 'options.fallbackRiskFraction', { min: 0, max: 1 });
    this.#performance = checkPerformanceAdjustmentOptions(o.performance, 'options.performance');
  }

  /**
   * A tracker with every strategy of `store` restored from its recorded trades (the state
   * it had when they were recorded), recording new closes into the same store.
   */
  static async fromStore(store: SizingStore, options: Omit<StrategyTrackerOptions, 'store'> = {}): Promise<StrategyTracker> {
    if (!(store instanceof SizingStore)) {
      throw new SizewiseError('INVALID_TYPE', 'store', `store must be a SizingStore (from openStore), received ${describeValue(store)}`, store);
    }
    knownKeys(options, 'options', ['window', 'windowDays', 'minTrades', 'resamples', 'fallbackRiskFraction', 'performance']);
    const tracker = new StrategyTracker({ ...options, store });
    for (const id of await store.strategies()) {
      const trades = await store.trades(id);
      for (const t of trades) tracker.#ids.set(t.id, checkTradeRecord(t, 'trade', 0));
      tracker.#strategies.set(id, { trades, state: tracker.#stateOf(id, trades, trades[trades.length - 1].closedAt) });
    }
    return tracker;
  }

  /**
   * Records a closed trade, re-estimates its strategy and emits 'edge'. Resolves with the
   * new estimate, or undefined while the strategy's window has no losing trade (Kelly is
   * unbounded then; no event). A rejected call records nothing and changes no state.
   */
  async positionClosed(trade: TradeRecord): Promise<EdgeEstimate | undefined> {
    const [state] = await this.#enqueue(() => this.#closeAll([trade], () => 'trade'));
    return state.estimate;
  }

  /**
   * Closes several positions at once, in order: each trade is re-estimated as positionClosed
   * would, and all of them are recorded in one store transaction (one durable commit for
   * the batch, the way a replay or a catch-up should run). Resolves with the Kelly state
   * after each trade; rejects, having recorded and changed nothing, if any trade is refused.
   */
  positionsClosed(trades: readonly TradeRecord[]): Promise<KellyState[]> {
    return this.#enqueue(() => {
      if (!Array.isArray(trades)) throw new SizewiseError('INVALID_TYPE', 'trades', `trades must be an array of trades, received ${describeValue(trades)}`, trades);
      return this.#closeAll(trades, (i) => `trades[${i}]`);
    });
  }

  /** The strategy's current estimate (= estimateEdge of its trades so far), undefined for an unknown strategy or before its first loss. */
  edge(strategyId: string): EdgeEstimate | undefined {
    return this.#strategies.get(nonEmptyString(strategyId, 'strategyId'))?.state.estimate;
  }

  /** The strategy's Kelly state: raw estimate, adjustment, and the risk to use; undefined for an unknown strategy. */
  kelly(strategyId: string): KellyState | undefined {
    return this.#strategies.get(nonEmptyString(strategyId, 'strategyId'))?.state;
  }

  /**
   * The edge to hand to the sizer (`size({ edge })`): the estimate with its Kelly replaced by
   * the adjusted one (the raw estimate stays in edge(id)); undefined like edge(id).
   */
  sizingEdge(strategyId: string): EdgeEstimate | undefined {
    const state = this.kelly(strategyId);
    if (state?.estimate === undefined || state.adjustment === undefined) return undefined;
    return { ...state.estimate, kelly: state.adjustment.kelly };
  }

  /** The strategies seen so far, in first-seen order (restored ones sorted). */
  strategies(): string[] {
    return [...this.#strategies.keys()];
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Works out every close on top of the current state, records them in one transaction, then applies them and emits. */
  async #closeAll(trades: readonly TradeRecord[], fieldOf: (i: number) => string): Promise<KellyState[]> {
    const now = Date.now();
    const rows = trades.map((t, i) => checkTradeRecord(t, fieldOf(i), now));
    const pending = new Map<string, Strategy>();
    const newIds = new Map<string, TradeRow>();
    const states: KellyState[] = [];
    const changed: KellyState[] = [];
    const writes: { trade: TradeRecord; estimate?: EdgeEstimate; adjustment?: KellyAdjustment }[] = [];
    rows.forEach((row, i) => {
      const id = row.strategy_id;
      const current = pending.get(id) ?? this.#strategies.get(id);
      const known = newIds.get(row.id) ?? this.#ids.get(row.id);
      if (known !== undefined) {
        if (!sameTrade(known, row)) {
          throw new SizewiseError('DUPLICATE', `${fieldOf(i)}.id`, `${fieldOf(i)}.id ${JSON.stringify(row.id)} is already recorded with other fields`, row.id);
        }
        states.push(current!.state); // a retry: already counted
        return;
      }
      const stored = tradeOfRow(row);
      const next = insertByClose(current?.trades ?? [], stored);
      const state = this.#stateOf(id, next, stored.closedAt);
      pending.set(id, { trades: next, state });
      newIds.set(row.id, row);
      states.push(state);
      changed.push(state);
      const { id: tradeId, strategyId, closedAt, returnFraction, rMultiple, confidence, regime } = stored;
      writes.push({ trade: { id: tradeId, strategyId, closedAt, returnFraction, rMultiple, confidence, regime }, estimate: state.estimate, adjustment: state.adjustment });
    });
    if (this.store !== undefined && writes.length > 0) {
      if (writes.length === 1) await this.store.recordClose(writes[0].trade, writes[0].estimate, writes[0].adjustment);
      else await this.store.recordCloses(writes);
    }
    for (const [id, strategy] of pending) this.#strategies.set(id, strategy);
    for (const [id, row] of newIds) this.#ids.set(id, row);
    for (const state of changed) {
      if (state.estimate === undefined) continue;
      const detail: EdgeEventDetail = { strategyId: state.strategyId, estimate: state.estimate, kelly: state };
      this.dispatchEvent(new CustomEvent('edge', { detail }));
    }
    return states;
  }

  /**
   * The trades estimateEdge would keep: the list is sorted by close time, so its window is a
   * suffix (after the same windowDays cut, time > latest − D days, and the last `window`).
   * Handing estimateEdge only that suffix gives the identical estimate in O(window) rather
   * than O(all trades) per close.
   */
  #windowOf(trades: readonly StoredTrade[]): { kept: readonly StoredTrade[]; cut: WindowCut } {
    const { window, windowDays } = this.#estimateOptions;
    let fromDays = 0;
    let until: number | undefined;
    if (windowDays !== undefined && trades.length > 0) {
      until = trades[trades.length - 1].closedAt.getTime();
      const cut = until - windowDays * 86_400_000;
      let lo = 0;
      let hi = trades.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (trades[mid].closedAt.getTime() > cut) hi = mid;
        else lo = mid + 1;
      }
      fromDays = lo;
    }
    const from = window === undefined ? fromDays : Math.max(fromDays, trades.length - window);
    const kept = from === 0 ? trades : trades.slice(from);
    return { kept, cut: { total: trades.length, inDays: trades.length - fromDays, kept: kept.length, days: windowDays, until, window } };
  }

  #stateOf(strategyId: string, trades: readonly StoredTrade[], at: Date): KellyState {
    let estimate: EdgeEstimate | undefined;
    try {
      const { kept, cut } = this.#windowOf(trades);
      estimate = estimateEdge(kept, this.#estimateOptions);
      // estimateEdge saw only the window: say what it left out, as it would have.
      estimate.warnings.unshift(...windowNotes(cut));
    } catch (error) {
      // No loss in the window yet: no finite Kelly, so no estimate (and the fallback risk).
      if (!(error instanceof SizewiseError && error.code === 'NO_LOSSES')) throw error;
    }
    if (estimate === undefined) return { strategyId, trades: trades.length, at, usedFallback: true, riskFraction: this.#fallback };
    const window = Math.min(trades.length, this.#performance.window);
    const recent = Float64Array.from(trades.slice(trades.length - window), (t) => t.returnFraction);
    const adjustment = adjustChecked(estimate.kelly, recent, trades.length, this.#performance);
    const usedFallback = !estimate.reliable;
    return { strategyId, trades: trades.length, at, estimate, adjustment, usedFallback, riskFraction: usedFallback ? this.#fallback : adjustment.kelly.riskFraction };
  }
}

/** A new list with `trade` placed after every trade that closed at or before it. */
function insertByClose(trades: readonly StoredTrade[], trade: StoredTrade): StoredTrade[] {
  const time = trade.closedAt.getTime();
  let lo = 0;
  let hi = trades.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (trades[mid].closedAt.getTime() <= time) lo = mid + 1;
    else hi = mid;
  }
  const out = trades.slice();
  out.splice(lo, 0, trade);
  return out;
}
