/**
 * The p-quantile of an ascending sample by linear interpolation between order
 * statistics: h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]) (Hyndman & Fan 1996,
 * definition 7; R's and NumPy's default). `map` is applied to the two order statistics
 * before interpolating (e.g. exp, to interpolate wealth from sorted log wealth). O(1).
 *
 * @example quantileSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number, map: (x: number) => number = (x) => x): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = map(sorted[lo]);
  if (lo + 1 >= sorted.length || h === lo) return a;
  return a + (h - lo) * (map(sorted[lo + 1]) - a);
}
