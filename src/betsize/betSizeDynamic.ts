import { SizewiseError, describeValue } from '../errors.js';
import { finite, integer, knownKeys, positive } from '../validate.js';
import { widthFor } from './calibrateWidth.js';
import { limitPriceChecked } from './limitPrice.js';
import { checkDivergence, checkSizeFunction, sizeOf, type SizeFunction } from './sizeFunction.js';
import { truncated } from './targetPosition.js';

/** One observation: the position held, its cap, the market price and the forecast price. */
export interface DynamicRow {
  /** Units held now (a whole number; negative = short). */
  position: number;
  /** The largest position in absolute value, > 0. */
  maxPosition: number;
  marketPrice: number;
  forecastPrice: number;
}

export interface BetSizeDynamicOptions {
  /** The divergence (forecast − market) that calibrates the width… */
  divergence?: number;
  /** …by giving this bet size there (AFML snippet 10.4: 10 and 0.95). */
  betSize?: number;
  /** The bet-size function, 'sigmoid' (the book's) or 'power' (needs |divergence| < 1). */
  func?: SizeFunction;
}

export const BET_SIZE_DYNAMIC_DEFAULTS: Readonly<Required<BetSizeDynamicOptions>> = Object.freeze({
  divergence: 10,
  betSize: 0.95,
  func: 'sigmoid',
});

export interface DynamicBet {
  /** m ∈ (−1, 1) for the row's divergence. */
  betSize: number;
  /** trunc(m × maxPosition). */
  targetPosition: number;
  /** The path-form limit price of the order from position to targetPosition. */
  limitPrice: number;
}

/**
 * Dynamic position size and limit price for each row (AFML snippet 10.4; mlfinlab's
 * `bet_size_dynamic`): the width is calibrated once so that `divergence` gives `betSize`,
 * then each row gets its bet size, its target position and the limit price of the order
 * that takes it there. The limit price is the path form (`limitPrice(…, { path: true })`),
 * which prices orders that reduce, go short or cross zero, where the printed snippet gives
 * 0. A row already at its target has no order and no limit price: that row is an error
 * naming it (the snippet returns NaN there). O(rows + units traded).
 *
 * @example betSizeDynamic([{ position: 25, maxPosition: 55, marketPrice: 75.5, forecastPrice: 80 }])
 * // [{ betSize: 0.8075296286560777, targetPosition: 44, limitPrice: 77.16186917361826 }]
 */
export function betSizeDynamic(rows: readonly DynamicRow[], options: BetSizeDynamicOptions = {}): DynamicBet[] {
  knownKeys(options, 'options', ['divergence', 'betSize', 'func']);
  const f = checkSizeFunction(options.func ?? BET_SIZE_DYNAMIC_DEFAULTS.func, 'options.func');
  const divergence = options.divergence ?? BET_SIZE_DYNAMIC_DEFAULTS.divergence;
  const betSize = options.betSize ?? BET_SIZE_DYNAMIC_DEFAULTS.betSize;
  const w = widthFor(divergence, betSize, f, { x: 'options.divergence', m: 'options.betSize' });
  if (!Array.isArray(rows)) {
    throw new SizewiseError('INVALID_TYPE', 'rows', `rows must be an array of { position, maxPosition, marketPrice, forecastPrice }, received ${describeValue(rows)}`, rows);
  }
  if (rows.length === 0) throw new SizewiseError('EMPTY_INPUT', 'rows', 'rows must not be empty', rows);
  const checked: { position: number; max: number; forecast: number; x: number; at: string }[] = [];
  // An index loop, not map: a hole in a sparse array must be an error, not skipped.
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    const at = `rows[${i}]`;
    if (row === null || typeof row !== 'object') {
      throw new SizewiseError('INVALID_TYPE', at, `${at} must be an object, received ${describeValue(row)}`, row);
    }
    knownKeys(row, at, ['position', 'maxPosition', 'marketPrice', 'forecastPrice']);
    const r = row as Record<string, unknown>;
    const position = integer(r.position, `${at}.position`);
    const max = positive(r.maxPosition, `${at}.maxPosition`);
    const market = finite(r.marketPrice, `${at}.marketPrice`);
    const forecast = finite(r.forecastPrice, `${at}.forecastPrice`);
    const x = checkDivergence(f, forecast - market, `${at}.forecastPrice`, `${at}.forecastPrice − ${at}.marketPrice`);
    checked.push({ position, max, forecast, x, at });
  }
  return checked.map(({ position, max, forecast, x, at }) => {
    const m = sizeOf(f, w, x);
    const target = truncated(m * max);
    const limit = limitPriceChecked(
      { target, from: position, forecast, width: w, max, func: f, path: true },
      { target: `${at}.targetPosition`, position: `${at}.position`, forecast: `${at}.forecastPrice` },
    );
    return { betSize: m, targetPosition: target, limitPrice: limit };
  });
}
