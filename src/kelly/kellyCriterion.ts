import { SizewiseError } from '../errors.js';
import { checkBinaryEdge } from './checkBinaryEdge.js';
import { binaryGrowth } from './growthRate.js';
import type { BinaryEdge, KellyResult } from './types.js';

/**
 * Growth-optimal size of a binary bet (Kelly 1956; Thorp 2006, §2): the exposure
 * f* = p/lossReturn − q/winReturn maximises g(f) = p·ln(1 + f·w) + q·ln(1 − f·l).
 * Its risk fraction f*·l = p − q/b with b = w/l is the classic "Kelly %".
 *
 * No edge (p·w − q·l ≤ 0) gives exposure 0 and growth 0, not an error. A bet that
 * cannot lose (p = 1) has no finite Kelly size and throws `NO_LOSSES`.
 *
 * @example kellyCriterion({ winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 })
 * // { exposure: 16.53, riskFraction: 0.2969, … }
 */
export function kellyCriterion(edge: BinaryEdge): KellyResult {
  const e = checkBinaryEdge(edge);
  return binaryKelly(e, 'edge.winProbability');
}

/**
 * Kelly for an edge already validated; `pField` names the probability in the NO_LOSSES error,
 * `lossField` the loss whose smallness would make the exposure overflow.
 */
export function binaryKelly(e: BinaryEdge, pField: string, lossField = pField.replace(/[^.]*$/, 'lossReturn')): KellyResult {
  const p = e.winProbability;
  const q = 1 - p;
  const model = { kind: 'binary' as const, winProbability: p, winReturn: e.winReturn, lossReturn: e.lossReturn };
  const edgeValue = p * e.winReturn - q * e.lossReturn;
  if (edgeValue <= 0) {
    return { exposure: 0, riskFraction: 0, growthRate: 0, edge: edgeValue, kellyMultiple: 1, lossReturn: e.lossReturn, model };
  }
  if (q === 0) {
    throw new SizewiseError(
      'NO_LOSSES',
      pField,
      `${pField} is 1: a bet that cannot lose has no finite Kelly size; give a win probability below 1 or size it with a fixed fraction`,
      p,
    );
  }
  const exposure = p / e.lossReturn - q / e.winReturn;
  if (!Number.isFinite(exposure)) {
    throw new SizewiseError(
      'OUT_OF_RANGE',
      lossField,
      `${lossField} = ${e.lossReturn} is so small that the Kelly exposure p/lossReturn − q/winReturn overflows a double (no finite size); give the average loss as a fraction of the position, e.g. 0.018 for −1.8 %`,
      e.lossReturn,
    );
  }
  return {
    exposure,
    riskFraction: exposure * e.lossReturn,
    growthRate: binaryGrowth(e, exposure),
    edge: edgeValue,
    kellyMultiple: 1,
    lossReturn: e.lossReturn,
    model,
  };
}
