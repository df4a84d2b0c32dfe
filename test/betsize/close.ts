import { expect } from 'vitest';

/** |actual − expected| ≤ rel·|expected|; an expected 0 must come back as 0 (within 1e-15). */
export function expectClose(actual: number, expected: number, rel = 1e-9): void {
  if (expected === 0) {
    expect(Math.abs(actual)).toBeLessThanOrEqual(1e-15);
    return;
  }
  const error = Math.abs(actual - expected) / Math.abs(expected);
  if (!(error <= rel)) expect.fail(`${actual} differs from ${expected} by ${error.toExponential(2)} relative (limit ${rel})`);
}

/** expectClose element by element, after checking the lengths. */
export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rel = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], rel);
}
