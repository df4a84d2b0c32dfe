import { SizewiseError } from '../errors.js';
import { nonNegative } from '../validate.js';
import { checkBinaryEdge } from './checkBinaryEdge.js';
import type { BinaryEdge, KellyModel } from './types.js';

/**
 * Expected log growth per bet of a binary edge at `exposure` (Kelly 1956):
 * g(f) = p·ln(1 + f·winReturn) + q·ln(1 − f·lossReturn). An exposure at or past the point
 * where one loss wipes out the equity (f ≥ 1/lossReturn, when q > 0) has no finite growth
 * (ln 0): it is refused with OUT_OF_RANGE naming `exposure`.
 *
 * @example growthRate({ winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 }, 4.1) // ≈ 0.0048
 */
export function growthRate(edge: BinaryEdge, exposure: number): number {
  checkBinaryEdge(edge);
  const f = nonNegative(exposure, 'exposure');
  if (f * edge.lossReturn >= 1 && edge.winProbability < 1) {
    throw new SizewiseError(
      'OUT_OF_RANGE',
      'exposure',
      `exposure = ${f} loses ${f * edge.lossReturn} ≥ 100 % of equity on a loss (lossReturn ${edge.lossReturn}): certain ruin, no finite growth; it must stay below 1 / lossReturn = ${1 / edge.lossReturn}`,
      f,
    );
  }
  return binaryGrowth(edge, f);
}

/** g(f) for a validated edge. */
export function binaryGrowth(e: BinaryEdge, f: number): number {
  const q = 1 - e.winProbability;
  const win = e.winProbability === 0 ? 0 : e.winProbability * lnOnePlus(f, e.winReturn);
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
        if (1 + f * r <= 0) return -Infinity;
        sum += lnOnePlus(f, r);
      }
      return sum / model.returns.length;
    }
    case 'gaussian':
      return model.mean * f - (model.variance * f * f) / 2;
    default:
      throw new SizewiseError('UNKNOWN_VALUE', 'model.kind', `unknown Kelly model ${(model as { kind: unknown }).kind}`);
  }
}

/** ln(1 + f·r) for f ≥ 0, also where f·r overflows a double (then ln f + ln r, exact to rounding). */
function lnOnePlus(f: number, r: number): number {
  const x = f * r;
  return Number.isFinite(x) ? Math.log1p(x) : Math.log(f) + Math.log(r);
}
