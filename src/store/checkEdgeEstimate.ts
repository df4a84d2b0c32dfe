import type { EdgeEstimate } from '../edge/estimateEdge.js';
import { SizewiseError, describeValue } from '../errors.js';
import { finite, integer } from '../validate.js';

const NUMBERS = ['winRate', 'avgWin', 'avgLoss', 'payoffRatio', 'expectancy', 'profitFactor'] as const;
const KELLY = ['exposure', 'riskFraction', 'growthRate', 'edge'] as const;

/**
 * Checks that `value` has the shape of an `EdgeEstimate` (from estimateEdge): counts are
 * integers, statistics and the Kelly result finite numbers, the intervals pairs,
 * `reliable` a boolean and `warnings` strings. Returns it unchanged.
 */
export function checkEdgeEstimate(value: unknown, field: string): EdgeEstimate {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an EdgeEstimate (from estimateEdge), received ${describeValue(value)}`, value);
  }
  const e = value as EdgeEstimate;
  for (const key of ['trades', 'wins', 'losses'] as const) integer(e[key], `${field}.${key}`, 0);
  for (const key of NUMBERS) finite(e[key], `${field}.${key}`);
  checkObject(e.kelly, `${field}.kelly`);
  for (const key of KELLY) finite(e.kelly[key], `${field}.kelly.${key}`);
  checkPair(e.winRateInterval, `${field}.winRateInterval`);
  checkPair(e.kellyInterval, `${field}.kellyInterval`);
  if (typeof e.reliable !== 'boolean') {
    throw new SizewiseError('INVALID_TYPE', `${field}.reliable`, `${field}.reliable must be true or false, received ${describeValue(e.reliable)}`, e.reliable);
  }
  if (!Array.isArray(e.warnings) || e.warnings.some((w) => typeof w !== 'string')) {
    throw new SizewiseError('INVALID_TYPE', `${field}.warnings`, `${field}.warnings must be an array of strings, received ${describeValue(e.warnings)}`, e.warnings);
  }
  return e;
}

function checkObject(value: unknown, field: string): void {
  if (value === null || typeof value !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be an object, received ${describeValue(value)}`, value);
  }
}

function checkPair(value: unknown, field: string): void {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be a [low, high] pair, received ${describeValue(value)}`, value);
  }
  finite(value[0], `${field}[0]`);
  finite(value[1], `${field}[1]`);
}
