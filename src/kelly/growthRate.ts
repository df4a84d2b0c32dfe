import { SizewiseError } from '../errors.js';
import { nonNegative } from '../validate.js';
import { checkBinaryEdge } from './checkBinaryEdge.js';
import type { BinaryEdge, KellyModel } from './types.js';

/**
 * Expected log growth per bet of a binary edge at `exposure` (Kelly 1956):
 * g(f) = p·ln(1 + f·winReturn) + q·ln(1 − f·lossReturn). −Infinity at or past the
 * exposure where one loss wipes out the equity (f ≥ 1/lossReturn) when q > 0.
 *
 * @example growthRate({ winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 }, 4.1) // ≈ 0.0048
 */
export function growthRate(edge: BinaryEdge, exposure: number): number {
  checkBinaryEdge(edge);
  nonNegative(exposure, 'exposure');
  return binaryGrowth(edge, exposure);
}

/** g(f) for a validated edge. */
export function binaryGrowth(e: BinaryEdge, f: number): number {
  const q = 1 - e.winProbability;
  const win = e.winProbability === 0 ? 0 : e.winProbability * Math.log1p(f * e.winReturn);
  if (q === 0) return win;
  const lossFactor = 1 - f * e.lossReturn;
  return lossFactor <= 0 ? -Infinity : win + q * Math.log(lossFactor);
}

/** g(f) for any Kelly model: the binary formula, the sample mean of ln(1 + f·r), or μf − σ²f²/2. */
export function modelGrowth(model: KellyModel, f: number): number {
  switch (model.kind) {
    case 'binary':
      return binaryGrowth(model, f);
    case 'sample': {
      let sum = 0;
      for (const r of model.returns) {
        const x = 1 + f * r;
        if (x <= 0) return -Infinity;
        sum += Math.log(x);
      }
      return sum / model.returns.length;
    }
    case 'gaussian':
      return model.mean * f - (model.variance * f * f) / 2;
    default:
      throw new SizewiseError('UNKNOWN_VALUE', 'model.kind', `unknown Kelly model ${(model as { kind: unknown }).kind}`);
  }
}
