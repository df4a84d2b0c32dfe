import { SizewiseError, describeValue } from '../errors.js';
import { finite, integer } from '../validate.js';
import { quantileSorted } from '../stats/quantileSorted.js';

/** A number of quantile buckets, or explicit increasing edges. */
export type SizeBucketSpec = number | ArrayLike<number>;

/** The most buckets a spec may ask for. */
export const MAX_SIZE_BUCKETS = 1000;

/** Bucket bounds: bucket b holds lower[b] ≤ s < upper[b], the last one also s = upper. */
export interface BucketBounds {
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * The buckets of `spec` over `sizes`. A count k gives edges at the
 * sizes' quantiles j/k (Hyndman & Fan definition 7), with tied edges merged, so there may be
 * fewer than k buckets (one, [s, s], when every size is s). Explicit edges (at least two,
 * strictly increasing) are taken as given and must cover every size, else OUT_OF_RANGE on
 * `field`. O(n log n) for a count (the sizes are sorted), O(n) for edges.
 */
export function sizeBuckets(spec: unknown, sizes: Float64Array, field: string): BucketBounds {
  let edges: number[];
  if (typeof spec === 'number') {
    const k = integer(spec, field, 1, MAX_SIZE_BUCKETS);
    const sorted = Float64Array.from(sizes).sort();
    edges = [];
    for (let j = 0; j <= k; j++) {
      const q = Math.max(quantileSorted(sorted, j / k), edges.length > 0 ? edges[edges.length - 1] : -Infinity);
      if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q);
    }
    if (edges.length === 1) return { lower: Float64Array.of(edges[0]), upper: Float64Array.of(edges[0]) };
  } else if (Array.isArray(spec) || (ArrayBuffer.isView(spec) && !(spec instanceof DataView))) {
    edges = checkEdges(spec as ArrayLike<unknown>, field);
    let min = Infinity;
    let max = -Infinity;
    for (const x of sizes) {
      if (x < min) min = x;
      if (x > max) max = x;
    }
    if (min < edges[0] || max > edges[edges.length - 1]) {
      const outside = min < edges[0] ? min : max;
      throw new SizewiseError(
        'OUT_OF_RANGE',
        field,
        `${field} spans [${edges[0]}, ${edges[edges.length - 1]}] but a size is ${outside}; the edges must cover every size`,
        spec,
      );
    }
  } else {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be a number of buckets or an array of edges, received ${describeValue(spec)}`, spec);
  }
  return { lower: Float64Array.from(edges.slice(0, -1)), upper: Float64Array.from(edges.slice(1)) };
}

function checkEdges(spec: ArrayLike<unknown>, field: string): number[] {
  if (spec.length < 2 || spec.length > MAX_SIZE_BUCKETS + 1) {
    throw new SizewiseError('OUT_OF_RANGE', field, `${field} must hold 2 to ${MAX_SIZE_BUCKETS + 1} edges, received ${spec.length}`, spec);
  }
  const edges: number[] = [];
  for (let j = 0; j < spec.length; j++) {
    const e = finite(spec[j], `${field}[${j}]`);
    if (j > 0 && !(e > edges[j - 1])) {
      throw new SizewiseError('OUT_OF_RANGE', `${field}[${j}]`, `${field} must be strictly increasing, but ${field}[${j}] = ${describeValue(e)} follows ${edges[j - 1]}`, e);
    }
    edges.push(e);
  }
  return edges;
}

/** The bucket of size `s` (inside the bounds): the last bucket whose lower bound is ≤ s. O(log k). */
export function bucketOf(bounds: BucketBounds, s: number): number {
  let lo = 0;
  let hi = bounds.lower.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds.lower[mid] <= s) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
