import { readFileSync } from 'node:fs';

/** One case of test/fixtures/evaluate/empyrical.json (scripts/fixtures/evaluate.py: empyrical 0.5.5 formulas in numpy). */
export interface EmpyricalCase {
  name: string;
  compound: boolean;
  returns: number[];
  sizes: number[];
  options: { periodsPerYear: number; years?: number };
  expected: {
    totalReturn: number;
    meanReturn: number;
    cagr: number | null;
    maxDrawdown: number;
    sharpe: number;
    sortino: number;
    winRate: number;
    winLossRatio: number;
    profitFactor: number;
  };
}

export const EMPYRICAL_CASES: readonly EmpyricalCase[] = (
  JSON.parse(readFileSync(new URL('../fixtures/evaluate/empyrical.json', import.meta.url), 'utf8')) as { cases: EmpyricalCase[] }
).cases;

/** |actual − expected| ≤ tolerance × max(1, |expected|): relative for large values, absolute near 0. */
export function close(actual: number | null, expected: number, tolerance = 1e-10): boolean {
  return actual !== null && Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
}
