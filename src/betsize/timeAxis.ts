import { SizewiseError, describeValue } from '../errors.js';

/** A point in time as callers give it: a Date, an ISO 8601 string, or a plain number (e.g. a bar index). */
export type TimeInput = Date | string | number;

// 2000-01-01, 2000-01-01T09:30, 2000-01-01 09:30:00.123456, …Z, …+01:00
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads the times of one call onto one numeric axis: Dates and ISO strings become epoch
 * milliseconds (fractions kept, so microsecond timestamps stay ordered), plain numbers stay
 * as they are. A call may not mix plain numbers with dates: 5 and 2000-01-01 have no order.
 * An ISO date-time without an offset is read as UTC, so results do not depend on the host's
 * time zone.
 */
export class TimeAxis {
  private kind: 'number' | 'date' | undefined;
  private firstField = '';

  read(value: unknown, field: string): number {
    let kind: 'number' | 'date';
    let ms: number;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        throw new SizewiseError('NON_FINITE', field, `${field} must be a finite number, received ${describeValue(value)}`, value);
      }
      kind = 'number';
      ms = value;
    } else if (value instanceof Date) {
      ms = value.getTime();
      if (Number.isNaN(ms)) throw new SizewiseError('INVALID_TYPE', field, `${field} is an invalid Date`, value);
      kind = 'date';
    } else if (typeof value === 'string') {
      ms = parseIso(value, field);
      kind = 'date';
    } else {
      throw new SizewiseError(
        'INVALID_TYPE',
        field,
        `${field} must be a Date, an ISO 8601 string or a number, received ${describeValue(value)}`,
        value,
      );
    }
    if (this.kind === undefined) {
      this.kind = kind;
      this.firstField = field;
    } else if (kind !== this.kind) {
      throw new SizewiseError(
        'INVALID_TYPE',
        field,
        `${field} is a ${kind === 'number' ? 'plain number' : 'date'} but ${this.firstField} is a ${this.kind === 'number' ? 'plain number' : 'date'}: give every time of one call the same way`,
        value,
      );
    }
    return ms;
  }
}

function parseIso(text: string, field: string): number {
  const m = ISO.exec(text);
  const bad = () =>
    new SizewiseError('INVALID_TYPE', field, `${field} must be an ISO 8601 date or date-time (e.g. 2000-01-31T09:30:00Z), received ${describeValue(text)}`, text);
  if (m === null) throw bad();
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => (m[i] === undefined ? 0 : Number(m[i])));
  const whole = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(whole);
  // Date.UTC rolls 2001-02-30 over into March: refuse what does not read back the same.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    throw bad();
  }
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`) * 1000;
  const zone = m[8];
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2));
    if (hours > 23 || minutes > 59) throw bad();
    offsetMinutes = sign * (hours * 60 + minutes);
  }
  return whole + fraction - offsetMinutes * 60_000;
}
