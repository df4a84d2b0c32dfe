import { SizewiseError, describeValue } from '../errors.js';
import { inRange, MAX_TRADE_RETURN, probability } from '../validate.js';
import { binaryKelly } from './kellyCriterion.js';
import type { KellyResult } from './types.js';

/** A strategy's trade statistics: win rate, average win and average loss (positive), as returns. */
export interface TradeStats {
  winRate: number;
  avgWin: number;
  avgLoss: number;
}

/**
 * Kelly from trade statistics — the binary approximation of a strategy: it wins
 * `avgWin` with probability `winRate`, else loses `avgLoss` (Thorp 2006, §2; the
 * "Kelly %" of trading texts is the returned `riskFraction`, W − (1 − W)/R with R = avgWin/avgLoss).
 *
 * `avgLoss` = 0 with losses possible, or `winRate` = 1, has no finite Kelly: `NO_LOSSES`.
 *
 * @example kellyFromStats({ winRate: 0.55, avgWin: 0.032, avgLoss: 0.018 }).riskFraction // 0.296875
 */
export function kellyFromStats(stats: TradeStats): KellyResult {
  if (stats === null || typeof stats !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'stats', `stats must be { winRate, avgWin, avgLoss }, received ${describeValue(stats)}`, stats);
  }
  const winRate = probability(stats.winRate, 'stats.winRate');
  const avgWin = inRange(stats.avgWin, 'stats.avgWin', { min: 0, max: MAX_TRADE_RETURN });
  const avgLoss = inRange(stats.avgLoss, 'stats.avgLoss', { min: 0, max: MAX_TRADE_RETURN });
  if (avgLoss === 0 && winRate < 1) {
    throw new SizewiseError(
      'NO_LOSSES',
      'stats.avgLoss',
      'stats.avgLoss is 0: a strategy whose losses cost nothing has no finite Kelly size; give the average loss as a positive return',
      avgLoss,
    );
  }
  return binaryKelly({ winProbability: winRate, winReturn: avgWin, lossReturn: avgLoss }, 'stats.winRate', 'stats.avgLoss');
}
