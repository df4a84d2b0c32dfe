/**
 * A trade or trade outcome under the deprecated name: `returnFraction` given as `returnPct`.
 * The fuzz drives every input that takes a trade's return under both names.
 */
export function withReturnPct<T extends { returnFraction: number }>(item: T): Omit<T, 'returnFraction'> & { returnPct: number } {
  const { returnFraction, ...rest } = item;
  return { ...rest, returnPct: returnFraction };
}
