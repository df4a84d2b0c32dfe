import { SizewiseError, describeValue } from '../errors.js';
import { finite, integer } from '../validate.js';
import type { ExposureOutcome } from './types.js';

/**
 * Median log growth per trade: ln(median W_n / W_0) / n, the growth rate of the typical
 * path (the median of ln W_n is ln of the median of W_n). Read from the outcome's log
 * figures, so it stays exact where the median multiple is beyond the largest double. The
 * CLI's tables and the browser page report this figure.
 *
 * @example
 * medianGrowth({ terminalWealth: { …, log: { median: 1, … } } }, 100); // 0.01
 */
export function medianGrowth(outcome: Pick<ExposureOutcome, 'terminalWealth'>, trades: number): number {
  const log = (outcome as { terminalWealth?: { log?: { median?: unknown } } } | null)?.terminalWealth?.log;
  if (log === null || typeof log !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'outcome.terminalWealth.log', `outcome must be an ExposureOutcome with terminalWealth.log, received ${describeValue(outcome)}`, outcome);
  }
  const median = finite(log.median, 'outcome.terminalWealth.log.median');
  return median / integer(trades, 'trades', 1);
}
