import { checkDivergence, checkSizeFunction, checkWidth, sizeOf, type SizeFunction } from './sizeFunction.js';

/**
 * The bet size m ∈ [−1, 1] for a price divergence x = forecast price − market price and a
 * width w > 0 (AFML snippet 10.4, `betSize`): `sigmoid` m = x/√(w + x²) (the book's), `power`
 * m = sign(x)·|x|^w for |x| ≤ 1 (mlfinlab's addition). O(1).
 *
 * @example betSize(10.803324099723, 4.5) // 0.8075296286560777 (openquant prob_dynamic_budget.json; the book's x/√(w + x²) rounds to …778)
 */
export function betSize(w: number, x: number, func?: SizeFunction): number {
  const f = checkSizeFunction(func, 'func');
  const width = checkWidth(w, 'w');
  return sizeOf(f, width, checkDivergence(f, x, 'x'));
}
