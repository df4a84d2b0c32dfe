import { expect } from 'vitest';
import { SizewiseError } from '../../src/errors.js';

/** The SizewiseError `call` throws; fails the test when it throws something else or nothing. */
export function thrownError(call: () => unknown): SizewiseError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(SizewiseError);
    return error as SizewiseError;
  }
  throw new Error('expected a SizewiseError, nothing was thrown');
}
