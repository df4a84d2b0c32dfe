import { SizewiseError, describeValue } from '../errors.js';
import { erf } from '../stats/erfc.js';
import { integer, knownKeys, positive } from '../validate.js';
import { discretised } from './discreteSignal.js';
import { checkSides } from './checkSides.js';

export interface BetSizeFromProbabilityOptions {
  /** K, the number of classes the classifier chose among (2 for up / down); an integer ≥ 2. */
  numClasses: number;
  /** The predicted side of each bet (−1, 0 or 1), one per probability; without it the size is unsigned. */
  side?: ArrayLike<number>;
  /** When given (> 0), sizes are rounded to its multiples as discreteSignal does. */
  stepSize?: number;
}

/**
 * The bet size of a classifier's prediction from the probability it gave the predicted class
 * (AFML snippet 10.1, López de Prado 2018, §10.3): the statistic z = (p − 1/K)/√(p(1 − p))
 * tests p against the uninformed 1/K, and m = side·(2Φ(z) − 1) ∈ [−1, 1], computed as
 * side·erf(z/√2) so sizes near zero keep their digits. Probabilities must lie in (0, 1).
 * O(n).
 *
 * @example betSizeFromProbability([0.55, 0.7], { numClasses: 2, side: [1, -1] })
 * // Float64Array [0.08005561918299262, -0.3374794164599424] (openquant prob_dynamic_budget.json: …264, …424)
 */
export function betSizeFromProbability(prob: ArrayLike<number>, options: BetSizeFromProbabilityOptions): Float64Array {
  if (options === undefined || options === null || typeof options !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'options', `options must be an object with numClasses, received ${describeValue(options)}`, options);
  }
  knownKeys(options, 'options', ['numClasses', 'side', 'stepSize']);
  const k = integer(options.numClasses, 'options.numClasses', 2);
  const p = openProbabilities(prob, 'prob');
  const side = options.side === undefined ? undefined : checkSides(options.side, 'options.side', p.length);
  const step = options.stepSize === undefined ? undefined : positive(options.stepSize, 'options.stepSize');
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const z = (p[i] - 1 / k) / Math.sqrt(p[i] * (1 - p[i]));
    out[i] = (side === undefined ? 1 : side[i]) * erf(z / Math.SQRT2) + 0;
  }
  return step === undefined ? out : discretised(out, step);
}

/** Probabilities strictly inside (0, 1): at 0 or 1 the statistic z is infinite. */
function openProbabilities(value: unknown, field: string): Float64Array {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array of probabilities, received ${describeValue(value)}`, value);
  }
  const list = value as ArrayLike<unknown>;
  if (list.length === 0) throw new SizewiseError('EMPTY_INPUT', field, `${field} must not be empty`, value);
  const out = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    const at = `${field}[${i}]`;
    if (typeof x !== 'number') throw new SizewiseError('INVALID_TYPE', at, `${at} must be a number, received ${describeValue(x)}`, x);
    if (!(x > 0 && x < 1)) {
      throw new SizewiseError(
        Number.isNaN(x) ? 'NON_FINITE' : 'INVALID_PROBABILITY',
        at,
        `${at} must be a probability in (0, 1), received ${describeValue(x)}`,
        x,
      );
    }
    out[i] = x;
  }
  return out;
}
