import { SizewiseError, describeValue } from '../errors.js';
import { finiteArray, probability } from '../validate.js';

// Input checks shared by the calibrators, the report and the logistic regression: each
// returns a typed copy and names the element that failed as the caller spelled it.

/** Win/loss outcomes: true/false or 1/0, copied into a Uint8Array of 0 and 1. */
export function checkOutcomes(value: unknown, field: string): Uint8Array {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array of outcomes (true/false or 1/0), received ${describeValue(value)}`, value);
  }
  const items = value as ArrayLike<unknown>;
  if (items.length === 0) throw new SizewiseError('EMPTY_INPUT', field, `${field} must not be empty`, value);
  const out = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const y = items[i];
    out[i] = y === 1 || y === true ? 1 : y === 0 || y === false ? 0 : outcome(y, `${field}[${i}]`);
  }
  return out;
}

/** One outcome: true/false or 1/0. */
export function outcome(value: unknown, field: string): 0 | 1 {
  if (value === true || value === 1) return 1;
  if (value === false || value === 0) return 0;
  if (typeof value === 'number') {
    const code = Number.isFinite(value) ? 'OUT_OF_RANGE' : 'NON_FINITE';
    throw new SizewiseError(code, field, `${field} must be an outcome, 1 (win) or 0 (loss), received ${describeValue(value)}`, value);
  }
  throw new SizewiseError('INVALID_TYPE', field, `${field} must be an outcome, true/false or 1/0, received ${describeValue(value)}`, value);
}

/** A non-empty array of probabilities in [0, 1], copied (the element's name is built only for an error). */
export function checkProbabilities(value: unknown, field: string): Float64Array {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) return finiteArray(value, field); // throws the type error
  const items = value as ArrayLike<unknown>;
  if (items.length === 0) return finiteArray(value, field); // throws EMPTY_INPUT
  const p = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    p[i] = typeof x === 'number' && x >= 0 && x <= 1 ? x : probability(x, `${field}[${i}]`);
  }
  return p;
}

/** Throws LENGTH_MISMATCH unless the second array is as long as the first. */
export function sameLength(first: ArrayLike<unknown>, firstField: string, second: ArrayLike<unknown>, secondField: string): void {
  if (first.length !== second.length) {
    throw new SizewiseError(
      'LENGTH_MISMATCH',
      secondField,
      `${secondField} has ${second.length} values but ${firstField} has ${first.length}: give one per ${firstField.replace(/s$/, '')}`,
      second.length,
    );
  }
}

/** Throws ONE_CLASS when the outcomes are all wins or all losses: `what` cannot be fitted. */
export function requireBothClasses(outcomes: Uint8Array, field: string, what: string): { wins: number; losses: number } {
  let wins = 0;
  for (const y of outcomes) wins += y;
  const losses = outcomes.length - wins;
  if (wins === 0 || losses === 0) {
    throw new SizewiseError(
      'ONE_CLASS',
      field,
      `${field} are all ${wins === 0 ? 'losses' : 'wins'} (${outcomes.length} of them): ${what} cannot be fitted without both wins and losses`,
    );
  }
  return { wins, losses };
}

/** Scores and outcomes for fitting a calibrator: finite scores, 0/1 outcomes, same length, both classes. */
export function calibrationData(scores: unknown, outcomes: unknown, what: string): { scores: Float64Array; outcomes: Uint8Array; wins: number; losses: number } {
  const s = finiteArray(scores, 'scores');
  const y = checkOutcomes(outcomes, 'outcomes');
  sameLength(s, 'scores', y, 'outcomes');
  return { scores: s, outcomes: y, ...requireBothClasses(y, 'outcomes', what) };
}
