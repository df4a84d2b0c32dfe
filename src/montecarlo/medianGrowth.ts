import type { ExposureOutcome } from './types.js';

/**
 * Median log growth per trade: ln(median W_n / W_0) / n, the growth rate of the typical
 * path (the median of ln W_n is ln of the median of W_n). Read from the outcome's log
 * figures, so it stays exact where the median multiple is beyond the largest double.
 *
 * @example
 * medianGrowth({ terminalWealth: { …, log: { median: 1, … } } }, 100); // 0.01
 */
export function medianGrowth(outcome: Pick<ExposureOutcome, 'terminalWealth'>, trades: number): number {
  return outcome.terminalWealth.log.median / trades;
}
