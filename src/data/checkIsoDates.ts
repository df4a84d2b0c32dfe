import { SizewiseError, describeValue } from '../errors.js';

/**
 * Checks a column of bar dates (`field` names it): an array of ISO dates (YYYY-MM-DD…), each
 * one a real date and none before the one before it, so that dates of several series compare
 * as strings in calendar order. Returns the dates. O(n).
 */
export function checkIsoDates(dates: unknown, field: string): readonly string[] {
  if (!Array.isArray(dates)) throw new SizewiseError('INVALID_TYPE', field, `${field} must be an array of ISO dates, received ${describeValue(dates)}`, dates);
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i] as unknown;
    if (typeof d !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(d) || !Number.isFinite(Date.parse(d)) || (i > 0 && d < dates[i - 1])) {
      throw new SizewiseError('OUT_OF_RANGE', `${field}[${i}]`, `${field}[${i}] must be an ISO date (YYYY-MM-DD) not before the one before it, received ${describeValue(d)}`, d);
    }
  }
  return dates as string[];
}
