import { SizewiseError, describeValue } from '../errors.js';
import type { OutputTrade, Trade } from '../edge/trade.js';
import { returnFields, tradeReturn } from '../edge/tradeReturn.js';
import { finite, knownKeys, probability, toTime } from '../validate.js';
import type { SqlValue } from './sqlEngine.js';

/** A trade as the journal takes it: a `Trade` of a named strategy, with an optional id. */
export type TradeRecord = Trade & { strategyId: string; id?: string };

/** A trade as the journal returns it: every field it was recorded with, `closedAt` as a Date, and its id. */
export interface StoredTrade extends OutputTrade {
  id: string;
  strategyId: string;
  closedAt: Date;
}

/** One row of the trades table, in column order. */
export interface TradeRow extends Record<string, SqlValue> {
  id: string;
  strategy_id: string;
  closed_at: number;
  return_fraction: number;
  r_multiple: number | null;
  confidence: number | null;
  regime: string | null;
}

const TRADE_KEYS = ['id', 'strategyId', 'closedAt', 'returnFraction', 'returnPct', 'rMultiple', 'confidence', 'regime'] as const;

/**
 * Checks a trade for the journal and returns its row. `id` defaults to a random UUID and
 * `closedAt` to `now` (a trade is recorded when it closes); `returnFraction` (or the
 * deprecated `returnPct`) is a finite fraction ≥ −1, `confidence` a probability, `strategyId`, `id` and `regime` strings.
 * Unknown keys are refused: the journal stores exactly what it is given.
 */
export function checkTradeRecord(trade: unknown, field: string, now: number): TradeRow {
  if (trade === null || typeof trade !== 'object' || Array.isArray(trade)) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be a trade object, received ${describeValue(trade)}`, trade);
  }
  knownKeys(trade, field, TRADE_KEYS);
  const t = trade as TradeRecord;
  const returnFraction = tradeReturn(t, field);
  return {
    id: t.id === undefined ? newId() : nonEmptyString(t.id, `${field}.id`),
    strategy_id: nonEmptyString(t.strategyId, `${field}.strategyId`),
    closed_at: t.closedAt === undefined ? now : toTime(t.closedAt, `${field}.closedAt`),
    return_fraction: returnFraction + 0, // + 0: a −0 return is stored and read back as 0
    r_multiple: t.rMultiple === undefined ? null : finite(t.rMultiple, `${field}.rMultiple`),
    confidence: t.confidence === undefined ? null : probability(t.confidence, `${field}.confidence`),
    regime: t.regime === undefined ? null : nonEmptyString(t.regime, `${field}.regime`),
  };
}

/** The trade a row holds, with the optional fields it was recorded without left out. */
export function tradeOfRow(row: TradeRow): StoredTrade {
  const trade: StoredTrade = { id: row.id, strategyId: row.strategy_id, closedAt: new Date(row.closed_at), ...returnFields(row.return_fraction) };
  if (row.r_multiple !== null) trade.rMultiple = row.r_multiple;
  if (row.confidence !== null) trade.confidence = row.confidence;
  if (row.regime !== null) trade.regime = row.regime;
  return trade;
}

/** Whether two rows hold the same trade (a retried recordTrade with the same id). */
export function sameTrade(a: TradeRow, b: TradeRow): boolean {
  return (
    a.strategy_id === b.strategy_id &&
    a.closed_at === b.closed_at &&
    Object.is(a.return_fraction, b.return_fraction) &&
    a.r_multiple === b.r_multiple &&
    a.confidence === b.confidence &&
    a.regime === b.regime
  );
}

/** A non-empty string, stored verbatim (quotes, SQL and all: every statement is parameterised). */
export function nonEmptyString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new SizewiseError('INVALID_TYPE', field, `${field} must be a string, received ${describeValue(value)}`, value);
  if (value.length === 0) throw new SizewiseError('EMPTY_INPUT', field, `${field} must not be empty`, value);
  return value;
}

function newId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const words = new Uint32Array(4);
  c.getRandomValues(words);
  return Array.from(words, (w) => w.toString(16).padStart(8, '0')).join('-');
}
