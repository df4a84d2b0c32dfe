import { SizewiseError, describeValue } from '../errors.js';
import { finite, integer, knownKeys, positive } from '../validate.js';
import { checkInvertibleSize, checkSizeFunction, checkWidth, finitePrice, inverseOf, type SizeFunction } from './sizeFunction.js';

export interface LimitPriceOptions {
  /**
   * false (default): the snippet as printed. true: the mean inverse price over the signed path
   * position ± 1, position ± 2, …, targetPosition, which prices every unit the order trades,
   * also when it reduces a position, goes short or crosses zero.
   */
  path?: boolean;
}

export const LIMIT_PRICE_DEFAULTS: Readonly<Required<LimitPriceOptions>> = Object.freeze({ path: false });

/** Units an order may span: the limit price averages over every one of them. */
export const MAX_ORDER_UNITS = 10_000_000;

/**
 * The limit price of the order from `position` to `targetPosition` (AFML snippet 10.4,
 * `limitPrice`): the average of the inverse prices of the units it trades, so that the
 * whole order breaks even against the bet-size function.
 *
 * As printed (the default) it sums invPrice(j/maxPosition) for j from |position + sgn| up
 * to |targetPosition + 1| − 1 and divides by |targetPosition − position|. That loop only
 * describes buying up from a long position: when the order reduces a position, goes short
 * or crosses zero it is empty or covers the wrong units, and the result is 0 or a price on
 * the wrong side (openquant issue #163). It is kept as the book prints it, for parity with
 * mlfinlab and openquant; `{ path: true }` averages invPrice(k/maxPosition) over the signed
 * path k = position + sgn, …, targetPosition instead, and agrees with the printed form when
 * 0 ≤ position < targetPosition. Positions are whole units; targetPosition = position is no
 * order and has no limit price (an error, where the snippet divides 0 by 0). O(|target − position|).
 *
 * @example limitPrice(44, 25, 80, 10.803324099723, 55) // 77.16186917361826 (openquant prob_dynamic_budget.json)
 */
export function limitPrice(
  targetPosition: number,
  position: number,
  forecastPrice: number,
  w: number,
  maxPosition: number,
  func?: SizeFunction,
  options: LimitPriceOptions = {},
): number {
  const f = checkSizeFunction(func, 'func');
  knownKeys(options, 'options', ['path']);
  const path = options.path ?? LIMIT_PRICE_DEFAULTS.path;
  if (typeof path !== 'boolean') {
    throw new SizewiseError('INVALID_TYPE', 'options.path', `options.path must be true or false, received ${describeValue(path)}`, path);
  }
  const target = integer(targetPosition, 'targetPosition');
  const from = integer(position, 'position');
  const forecast = finite(forecastPrice, 'forecastPrice');
  const width = checkWidth(w, 'w');
  const max = positive(maxPosition, 'maxPosition');
  return limitPriceChecked({ target, from, forecast, width, max, func: f, path }, { target: 'targetPosition', position: 'position', forecast: 'forecastPrice' });
}

/** The inputs of a limit price, already checked one by one. */
export interface LimitPriceInputs {
  target: number;
  from: number;
  forecast: number;
  width: number;
  max: number;
  func: SizeFunction;
  path: boolean;
}

/** The limit price for checked inputs; checks what depends on several of them, naming `fields`. */
export function limitPriceChecked(p: LimitPriceInputs, fields: { target: string; position: string; forecast: string }): number {
  const { target, from, forecast, width, max, func } = p;
  if (target === from) {
    throw new SizewiseError(
      'OUT_OF_RANGE',
      fields.target,
      `${fields.target} equals ${fields.position} (${describeValue(from)}): no order, so no limit price`,
      target,
    );
  }
  const units = Math.abs(target - from);
  if (units > MAX_ORDER_UNITS) {
    throw new SizewiseError(
      'OUT_OF_RANGE',
      fields.target,
      `${fields.target} − ${fields.position} spans ${units} units, above ${MAX_ORDER_UNITS}: the limit price averages over every unit`,
      target,
    );
  }
  const sgn = target > from ? 1 : -1;
  const size = (k: number, field: string) => checkInvertibleSize(func, k / max, field, `${field} ÷ maxPosition`);
  let sum = 0;
  if (p.path) {
    size(from + sgn, fields.position);
    size(target, fields.target);
    for (let k = from + sgn; k !== target + sgn; k += sgn) sum += inverseOf(func, forecast, width, k / max);
    return finitePrice(sum / units, fields.forecast, 'the limit price');
  }
  const first = Math.abs(from + sgn);
  const end = Math.abs(target + 1);
  if (end > first) size(end - 1, fields.target);
  for (let j = first; j < end; j++) sum += inverseOf(func, forecast, width, j / max);
  return finitePrice(sum / units, fields.forecast, 'the limit price');
}
