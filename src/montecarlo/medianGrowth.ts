import type { ExposureOutcome } from './types.js';

/**
 * Median log growth per trade: ln(median W_n / W_0) / n, the growth rate of the typical
 * path (the median of ln W_n is ln of the median of W_n).
 *
 * @example
 * medianGrowth({ terminalWealth: { median: Math.E, … }, … }, 100); // 0.01
 */
export function medianGrowth(outcome: Pick<ExposureOutcome, 'terminalWealth'>, trades: number): number {
  return Math.log(outcome.terminalWealth.median) / trades;
}
