import { SizewiseError, describeValue } from '../errors.js';

/** A field name given by a caller (the name errors quote for the input): a string. */
export function checkFieldName(field: unknown): string {
  if (typeof field !== 'string') throw new SizewiseError('INVALID_TYPE', 'field', `field must be a string (the name errors give the input), received ${describeValue(field)}`, field);
  return field;
}
