import { Decimal } from 'decimal.js';
import type { EdgeEstimate } from '../edge/estimateEdge.js';
import { SizewiseError, describeValue } from '../errors.js';
import type { SimulationResult } from '../montecarlo/types.js';
import { QLearningSizer } from '../rl/QLearningSizer.js';
import type { SizingDecision } from '../sizing/sizingTypes.js';
import type { KellyAdjustment } from '../tracker/adjustKellyForPerformance.js';
import { finite, integer, knownKeys, toTime } from '../validate.js';
import { checkEdgeEstimate } from './checkEdgeEstimate.js';
import { decodeExact, encodeExact } from './exactJson.js';
import type { SqlEngine, SqlRunner } from './sqlEngine.js';
import { checkTradeRecord, nonEmptyString, sameTrade, tradeOfRow, type StoredTrade, type TradeRecord, type TradeRow } from './storedTrade.js';

export interface TradeQuery {
  /** Only trades closed at or after this time (inclusive). */
  since?: Date | string;
  /** Only the N most recent of them (still returned oldest first). */
  limit?: number;
}

/** One re-estimate of a strategy's edge, as kellyHistory returns it. */
export interface KellyRecord {
  at: Date;
  estimate: EdgeEstimate;
  /** The performance and drawdown adjustment recorded beside it (StrategyTracker records one). */
  adjustment?: KellyAdjustment;
}

/**
 * A trade journal in a SQLite database: trades per strategy, Kelly estimates over time,
 * sizing decisions with exact money, Q-learning agents and simulation results. Made by
 * `openStore`. Every method is async, validates its input before touching the database
 * (a rejected call writes nothing), and resolves a write only once it is committed
 * durably. After `close()` every call rejects with INVALID_STATE.
 */
export class SizingStore {
  #engine: SqlEngine | undefined;
  #closing: Promise<void> | undefined;
  readonly location: string;

  /** Use openStore(). */
  constructor(engine: SqlEngine, location: string) {
    this.#engine = engine;
    this.location = location;
  }

  /** Records one closed trade; resolves once it is durable. Re-recording the same `id` with the same fields is a no-op; with other fields, DUPLICATE. */
  async recordTrade(trade: TradeRecord): Promise<void> {
    const row = checkTradeRecord(trade, 'trade', Date.now());
    await this.#live().write((db) => insertTrade(db, row, 'trade'));
  }

  /** Records several trades in one transaction: all of them or, on any bad trade, none. */
  async recordTrades(trades: readonly TradeRecord[]): Promise<void> {
    if (!Array.isArray(trades)) throw new SizewiseError('INVALID_TYPE', 'trades', `trades must be an array of trades, received ${describeValue(trades)}`, trades);
    const now = Date.now();
    const rows = trades.map((t, i) => checkTradeRecord(t, `trades[${i}]`, now));
    await this.#live().write((db) => rows.forEach((row, i) => insertTrade(db, row, `trades[${i}]`)));
  }

  /** A strategy's trades, oldest first by closedAt (then by recording order); [] for an unknown strategy. */
  async trades(strategyId: string, query: TradeQuery = {}): Promise<StoredTrade[]> {
    const id = nonEmptyString(strategyId, 'strategyId');
    knownKeys(query, 'query', ['since', 'limit']);
    const since = query.since === undefined ? -8.64e15 : toTime(query.since, 'query.since');
    const columns = 'id, strategy_id, closed_at, return_fraction, r_multiple, confidence, regime';
    if (query.limit === undefined) {
      const rows = await this.#live().read((db) =>
        db.all<TradeRow>(`SELECT ${columns} FROM trades WHERE strategy_id = ? AND closed_at >= ? ORDER BY closed_at, seq`, [id, since]),
      );
      return rows.map(tradeOfRow);
    }
    const limit = integer(query.limit, 'query.limit', 0);
    const rows = await this.#live().read((db) =>
      db.all<TradeRow>(`SELECT ${columns} FROM trades WHERE strategy_id = ? AND closed_at >= ? ORDER BY closed_at DESC, seq DESC LIMIT ?`, [id, since, limit]),
    );
    return rows.reverse().map(tradeOfRow);
  }

  /** The ids of every strategy with a recorded trade, sorted. */
  async strategies(): Promise<string[]> {
    const rows = await this.#live().read((db) => db.all<{ strategy_id: string }>('SELECT DISTINCT strategy_id FROM trades ORDER BY strategy_id'));
    return rows.map((r) => r.strategy_id);
  }

  /** Records an edge estimate (the whole EdgeEstimate, numbers exact) at `at` (default now), with an optional adjustment. */
  async recordKelly(strategyId: string, estimate: EdgeEstimate, at?: Date | string, adjustment?: KellyAdjustment): Promise<void> {
    const row = kellyRow(strategyId, estimate, at, adjustment, Date.now());
    await this.#live().write((db) => insertKelly(db, row));
  }

  /** A strategy's recorded estimates, oldest first. */
  async kellyHistory(strategyId: string): Promise<KellyRecord[]> {
    const id = nonEmptyString(strategyId, 'strategyId');
    const rows = await this.#live().read((db) =>
      db.all<{ at: number; estimate: string; adjustment: string | null }>('SELECT at, estimate, adjustment FROM kelly_estimates WHERE strategy_id = ? ORDER BY at, seq', [id]),
    );
    return rows.map((r) => {
      const record: KellyRecord = { at: new Date(r.at), estimate: decodeExact<EdgeEstimate>(r.estimate) };
      if (r.adjustment !== null) record.adjustment = decodeExact<KellyAdjustment>(r.adjustment);
      return record;
    });
  }

  /**
   * Records a closed trade and the strategy's re-estimate in one transaction (what
   * StrategyTracker.positionClosed does): both or neither. The estimate is dated at the trade's close.
   */
  async recordClose(trade: TradeRecord, estimate?: EdgeEstimate, adjustment?: KellyAdjustment): Promise<void> {
    const rows = closeRows(trade, estimate, adjustment, 'trade', Date.now());
    await this.#live().write((db) => insertClose(db, rows, 'trade'));
  }

  /** Records several closes (trade, estimate, adjustment) in one transaction: all or none. */
  async recordCloses(closes: readonly { trade: TradeRecord; estimate?: EdgeEstimate; adjustment?: KellyAdjustment }[]): Promise<void> {
    if (!Array.isArray(closes)) throw new SizewiseError('INVALID_TYPE', 'closes', `closes must be an array, received ${describeValue(closes)}`, closes);
    const now = Date.now();
    const rows = closes.map((c, i) => {
      if (c === null || typeof c !== 'object') throw new SizewiseError('INVALID_TYPE', `closes[${i}]`, `closes[${i}] must be { trade, estimate?, adjustment? }, received ${describeValue(c)}`, c);
      knownKeys(c, `closes[${i}]`, ['trade', 'estimate', 'adjustment']);
      return closeRows(c.trade, c.estimate, c.adjustment, `closes[${i}].trade`, now);
    });
    await this.#live().write((db) => rows.forEach((r, i) => insertClose(db, r, `closes[${i}].trade`)));
  }

  /** Records a sizing decision at `at` (default now); every Decimal in it is kept as its exact decimal string. */
  async recordDecision(strategyId: string, decision: SizingDecision, at?: Date | string): Promise<void> {
    const id = nonEmptyString(strategyId, 'strategyId');
    const time = at === undefined ? Date.now() : toTime(at, 'at');
    if (decision === null || typeof decision !== 'object') {
      throw new SizewiseError('INVALID_TYPE', 'decision', `decision must be a SizingDecision, received ${describeValue(decision)}`, decision);
    }
    const riskFraction = finite(decision.riskFraction, 'decision.riskFraction');
    for (const key of ['notional', 'quantity'] as const) {
      if (!Decimal.isDecimal(decision[key])) {
        throw new SizewiseError('INVALID_TYPE', `decision.${key}`, `decision.${key} must be a Decimal, received ${describeValue(decision[key])}`, decision[key]);
      }
    }
    const json = encodeExact(decision, 'decision'); // also refuses a non-finite Decimal, naming it
    await this.#live().write((db) =>
      db.run('INSERT INTO decisions (strategy_id, at, risk_fraction, notional, quantity, decision) VALUES (?, ?, ?, ?, ?, ?)', [
        id,
        time,
        riskFraction,
        decision.notional.toFixed(),
        decision.quantity.toFixed(),
        json,
      ]),
    );
  }

  /** A strategy's recorded decisions, oldest first, money as sizewise Decimals equal to what was recorded. */
  async decisions(strategyId: string): Promise<{ at: Date; decision: SizingDecision }[]> {
    const id = nonEmptyString(strategyId, 'strategyId');
    const rows = await this.#live().read((db) => db.all<{ at: number; decision: string }>('SELECT at, decision FROM decisions WHERE strategy_id = ? ORDER BY at, seq', [id]));
    return rows.map((r) => ({ at: new Date(r.at), decision: decodeExact<SizingDecision>(r.decision) }));
  }

  /** Saves a Q-learning agent under `name` (its own toJSON), replacing any agent saved under that name. */
  async saveAgent(name: string, agent: QLearningSizer): Promise<void> {
    const key = nonEmptyString(name, 'name');
    if (!(agent instanceof QLearningSizer)) {
      throw new SizewiseError('INVALID_TYPE', 'agent', `agent must be a QLearningSizer, received ${describeValue(agent)}`, agent);
    }
    const json = encodeExact(agent.toJSON(), 'agent');
    await this.#live().write((db) =>
      db.run('INSERT INTO agents (name, saved_at, agent) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET saved_at = excluded.saved_at, agent = excluded.agent', [key, Date.now(), json]),
    );
  }

  /** The agent saved under `name` (through QLearningSizer.fromJSON, with its options), or undefined. */
  async loadAgent(name: string, options: Parameters<typeof QLearningSizer.fromJSON>[1] = {}): Promise<QLearningSizer | undefined> {
    const key = nonEmptyString(name, 'name');
    knownKeys(options, 'options', ['reward', 'expect']);
    const rows = await this.#live().read((db) => db.all<{ agent: string }>('SELECT agent FROM agents WHERE name = ?', [key]));
    if (rows.length === 0) return undefined;
    return QLearningSizer.fromJSON(JSON.parse(rows[0].agent), options);
  }

  /** Records a simulation result (from simulate) under `name` at `at` (default now). */
  async recordSimulation(name: string, result: SimulationResult, at?: Date | string): Promise<void> {
    const key = nonEmptyString(name, 'name');
    const time = at === undefined ? Date.now() : toTime(at, 'at');
    if (result === null || typeof result !== 'object' || !Array.isArray(result.outcomes)) {
      throw new SizewiseError('INVALID_TYPE', 'result', `result must be a SimulationResult (from simulate), received ${describeValue(result)}`, result);
    }
    const json = encodeExact(result, 'result');
    await this.#live().write((db) => db.run('INSERT INTO simulations (name, at, result) VALUES (?, ?, ?)', [key, time, json]));
  }

  /** The simulation results recorded under `name`, oldest first. */
  async simulations(name: string): Promise<{ at: Date; result: SimulationResult }[]> {
    const key = nonEmptyString(name, 'name');
    const rows = await this.#live().read((db) => db.all<{ at: number; result: string }>('SELECT at, result FROM simulations WHERE name = ? ORDER BY at, seq', [key]));
    return rows.map((r) => ({ at: new Date(r.at), result: decodeExact<SimulationResult>(r.result) }));
  }

  /** Closes the database and releases its writer lock; later calls reject. Closing twice is harmless. */
  close(): Promise<void> {
    if (this.#closing === undefined) {
      const engine = this.#engine;
      this.#engine = undefined;
      this.#closing = engine === undefined ? Promise.resolve() : engine.close();
    }
    return this.#closing;
  }

  /** True once close() has been called. */
  get closed(): boolean {
    return this.#engine === undefined;
  }

  #live(): SqlEngine {
    if (this.#engine === undefined) throw new SizewiseError('INVALID_STATE', 'store', `the store ${JSON.stringify(this.location)} is closed`);
    return this.#engine;
  }
}

interface KellyRow {
  strategyId: string;
  at: number;
  estimate: EdgeEstimate;
  json: string;
  adjustment: string | null;
}

function kellyRow(strategyId: string, estimate: EdgeEstimate, at: Date | string | undefined, adjustment: KellyAdjustment | undefined, now: number): KellyRow {
  const id = nonEmptyString(strategyId, 'strategyId');
  const e = checkEdgeEstimate(estimate, 'estimate');
  const time = at === undefined ? now : toTime(at, 'at');
  let adjusted: string | null = null;
  if (adjustment !== undefined) {
    if (adjustment === null || typeof adjustment !== 'object') {
      throw new SizewiseError('INVALID_TYPE', 'adjustment', `adjustment must be a KellyAdjustment, received ${describeValue(adjustment)}`, adjustment);
    }
    finite(adjustment.factor, 'adjustment.factor');
    adjusted = encodeExact(adjustment, 'adjustment');
  }
  return { strategyId: id, at: time, estimate: e, json: encodeExact(e, 'estimate'), adjustment: adjusted };
}

function closeRows(trade: TradeRecord, estimate: EdgeEstimate | undefined, adjustment: KellyAdjustment | undefined, field: string, now: number): { trade: TradeRow; kelly?: KellyRow } {
  const row = checkTradeRecord(trade, field, now);
  if (estimate === undefined) return { trade: row };
  return { trade: row, kelly: kellyRow(row.strategy_id, estimate, new Date(row.closed_at), adjustment, now) };
}

function insertClose(db: SqlRunner, rows: { trade: TradeRow; kelly?: KellyRow }, field: string): void {
  insertTrade(db, rows.trade, field);
  if (rows.kelly !== undefined) insertKelly(db, rows.kelly);
}

function insertKelly(db: SqlRunner, k: KellyRow): void {
  db.run('INSERT INTO kelly_estimates (strategy_id, at, trades, exposure, risk_fraction, reliable, estimate, adjustment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    k.strategyId,
    k.at,
    k.estimate.trades,
    k.estimate.kelly.exposure,
    k.estimate.kelly.riskFraction,
    k.estimate.reliable ? 1 : 0,
    k.json,
    k.adjustment,
  ]);
}

function insertTrade(db: SqlRunner, row: TradeRow, field: string): void {
  const existing = db.all<TradeRow>('SELECT id, strategy_id, closed_at, return_fraction, r_multiple, confidence, regime FROM trades WHERE id = ?', [row.id]);
  if (existing.length > 0) {
    if (sameTrade(existing[0], row)) return; // a retry of a write that was committed: exactly once
    throw new SizewiseError('DUPLICATE', `${field}.id`, `${field}.id ${JSON.stringify(row.id)} is already recorded with other fields`, row.id);
  }
  db.run('INSERT INTO trades (id, strategy_id, closed_at, return_fraction, r_multiple, confidence, regime) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    row.id,
    row.strategy_id,
    row.closed_at,
    row.return_fraction,
    row.r_multiple,
    row.confidence,
    row.regime,
  ]);
}
