import { finite, positive } from '../validate.js';
import { checkDivergence, checkSizeFunction, checkWidth, sizeOf, type SizeFunction } from './sizeFunction.js';

/**
 * The position the bet size asks for (AFML snippet 10.4, `getTPos`): the bet size of the
 * divergence forecastPrice − marketPrice times maxPosition, truncated toward zero as the
 * snippet's int() does (−27.5 → −27). O(1).
 *
 * @example targetPosition(10.803324099723, 80, 75.5, 55) // 44 (openquant prob_dynamic_budget.json)
 */
export function targetPosition(w: number, forecastPrice: number, marketPrice: number, maxPosition: number, func?: SizeFunction): number {
  const f = checkSizeFunction(func, 'func');
  const width = checkWidth(w, 'w');
  const forecast = finite(forecastPrice, 'forecastPrice');
  const market = finite(marketPrice, 'marketPrice');
  const max = positive(maxPosition, 'maxPosition');
  const x = checkDivergence(f, forecast - market, 'forecastPrice', 'forecastPrice − marketPrice');
  return truncated(sizeOf(f, width, x) * max);
}

/** Toward zero, and never −0. */
export function truncated(v: number): number {
  return Math.trunc(v) + 0;
}
