import { SizewiseError, describeValue } from '../errors.js';
import { positive, probability } from '../validate.js';
import type { BinaryEdge } from './types.js';

/** Validates a binary edge once at the facade; `field` prefixes the names in errors. */
export function checkBinaryEdge(edge: BinaryEdge, field = 'edge'): BinaryEdge {
  if (edge === null || typeof edge !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be { winProbability, winReturn, lossReturn }, received ${describeValue(edge)}`, edge);
  }
  probability(edge.winProbability, `${field}.winProbability`);
  positive(edge.winReturn, `${field}.winReturn`);
  positive(edge.lossReturn, `${field}.lossReturn`);
  return edge;
}
