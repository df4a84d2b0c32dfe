import { SizewiseError, describeValue } from '../errors.js';
import { inRange, integer, knownKeys, positive } from '../validate.js';
import type { SizeTrade } from './backtestSizing.js';
import { MAX_SIZE } from './limits.js';

/** A long trade with a protective stop below its entry. */
export interface StopTrade {
  entryPrice: number;
  /** In [0, entryPrice). */
  stopPrice: number;
}

export interface FlatRiskOptions {
  /** Largest exposure (notional ÷ equity) a trade may get (1: no leverage). */
  maxLeverage?: number;
}

export const FLAT_RISK_DEFAULTS = Object.freeze({ maxLeverage: 1 });

/**
 * The flat-risk baseline: every trade risks the same fraction of equity at its own stop
 * (fixed-fractional sizing; Van Tharp's "percent risk" model). Exposure =
 * min(risk × entryPrice ÷ (entryPrice − stopPrice), maxLeverage); the risk fraction actually
 * taken is exposure × (entryPrice − stopPrice) ÷ entryPrice (below `risk` only where the
 * leverage cap binds). For backtestSizing. Trades are checked once, here.
 *
 * Reference: R. Vince, Portfolio Management Formulas (1990), fixed fractional trading;
 * V. K. Tharp, Trade Your Way to Financial Freedom (1998), on position sizing models.
 *
 * @example flatRisk([{ entryPrice: 100, stopPrice: 95 }], 0.01)(0, 100_000, 100_000)
 * // { exposure: 0.2, riskFraction: 0.01 }: 1 % ÷ a 5 % stop distance
 */
export function flatRisk(trades: readonly StopTrade[], risk: number, options: FlatRiskOptions = {}): SizeTrade {
  if (!Array.isArray(trades)) {
    throw new SizewiseError('INVALID_TYPE', 'trades', `trades must be an array of { entryPrice, stopPrice }, received ${describeValue(trades)}`, trades);
  }
  const r = inRange(risk, 'risk', { min: 0, minOpen: true, max: 1 });
  knownKeys(options, 'options', ['maxLeverage']);
  const cap = inRange(options.maxLeverage ?? FLAT_RISK_DEFAULTS.maxLeverage, 'options.maxLeverage', { min: 0, minOpen: true, max: MAX_SIZE });
  const checked: { entry: number; stop: number }[] = [];
  for (let k = 0; k < trades.length; k++) {
    const t: unknown = trades[k]; // a loop, not map: a hole in a sparse array is a bad trade too
    if (t === null || typeof t !== 'object') {
      throw new SizewiseError('INVALID_TYPE', `trades[${k}]`, `trades[${k}] must be { entryPrice, stopPrice }, received ${describeValue(t)}`, t);
    }
    const trade = t as StopTrade;
    const entry = positive(trade.entryPrice, `trades[${k}].entryPrice`);
    const stop = inRange(trade.stopPrice, `trades[${k}].stopPrice`, { min: 0, max: entry, maxOpen: true });
    checked.push({ entry, stop });
  }
  return (k) => {
    const { entry, stop } = checked[integer(k, 'k', 0, trades.length - 1)];
    const exposure = Math.min((r * entry) / (entry - stop), cap); // entry − stop > 0: distinct doubles never subtract to 0
    return { exposure, riskFraction: (exposure * (entry - stop)) / entry };
  };
}
