import { finite } from '../validate.js';
import { checkInvertibleSize, checkSizeFunction, checkWidth, finitePrice, inverseOf, type SizeFunction } from './sizeFunction.js';

/**
 * The market price at which the bet-size function gives the size m (AFML snippet 10.4,
 * `invPrice`): `sigmoid` f − m·√(w/(1 − m²)) for |m| < 1, `power` f − sign(m)·|m|^(1/w)
 * for |m| ≤ 1. O(1).
 *
 * @example inversePrice(35.19, 9.32, 0.72) // 32.02264156299945 (mlfinlab test_ch10_snippets' inputs)
 */
export function inversePrice(forecastPrice: number, w: number, m: number, func?: SizeFunction): number {
  const f = checkSizeFunction(func, 'func');
  const forecast = finite(forecastPrice, 'forecastPrice');
  const width = checkWidth(w, 'w');
  const price = inverseOf(f, forecast, width, checkInvertibleSize(f, m, 'm'));
  return finitePrice(price, Number.isFinite(inverseOf(f, 0, width, m)) ? 'forecastPrice' : 'w', 'the inverse price');
}
