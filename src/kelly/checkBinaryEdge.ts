import { SizewiseError, describeValue } from '../errors.js';
import { inRange, MAX_TRADE_RETURN, probability } from '../validate.js';
import type { BinaryEdge } from './types.js';

/**
 * Validates a binary edge: winProbability in [0, 1]; winReturn and lossReturn in
 * (0, MAX_TRADE_RETURN] (a loss is given as a positive number). `field` prefixes the paths.
 */
export function checkBinaryEdge(edge: BinaryEdge, field = 'edge'): BinaryEdge {
  if (edge === null || typeof edge !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be { winProbability, winReturn, lossReturn }, received ${describeValue(edge)}`, edge);
  }
  probability(edge.winProbability, `${field}.winProbability`);
  inRange(edge.winReturn, `${field}.winReturn`, { min: 0, minOpen: true, max: MAX_TRADE_RETURN });
  inRange(edge.lossReturn, `${field}.lossReturn`, { min: 0, minOpen: true, max: MAX_TRADE_RETURN });
  return edge;
}
