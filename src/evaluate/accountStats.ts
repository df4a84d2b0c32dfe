import { SizewiseError } from '../errors.js';
import type { Annualisation } from './annualisation.js';
import { periodReturnStats, type EquityCurveStats, type StatsFields } from './equityCurveStats.js';

/** An account's curve statistics plus its per-trade outcomes. */
export interface AccountStats extends EquityCurveStats {
  /** Compound: index of the trade whose account return was ≤ −100 % (ruin), where the account ends; null if none. */
  ruinedAt: number | null;
  /** Trades with an account return > 0. */
  wins: number;
  /** Trades with an account return < 0 (breakeven and size-0 trades are neither). */
  losses: number;
  /** Hit rate wins ÷ (wins + losses); null when every trade is flat. */
  winRate: number | null;
  /** Average win ÷ average loss (payoff ratio), both as positive numbers; null without a win or without a loss. */
  winLossRatio: number | null;
  /** Gross profit ÷ gross loss; null without a loss (0 with losses only). */
  profitFactor: number | null;
}

/**
 * Statistics of account returns (or additive results) `account`, one per trade, in order:
 * the curve statistics of periodReturnStats and the win/loss counts, hit rate, payoff
 * ratio and profit factor over the same trades (compound: up to and including ruin, whose
 * return counts as −100 %). Inputs trusted. O(n).
 */
export function accountStats(account: ArrayLike<number>, compound: boolean, annualisation: Annualisation, fields: StatsFields): AccountStats {
  const curve = periodReturnStats(account, compound, annualisation, fields);
  const outcomes = periodOutcomes(account, compound, curve.periods, fields.series);
  // Listed, not spread: a spread here cost ~50× in a bootstrap.
  return {
    periods: curve.periods,
    totalReturn: curve.totalReturn,
    meanReturn: curve.meanReturn,
    cagr: curve.cagr,
    maxDrawdown: curve.maxDrawdown,
    sharpe: curve.sharpe,
    sortino: curve.sortino,
    periodsPerYear: curve.periodsPerYear,
    years: curve.years,
    ruinedAt: curve.ruinedAt,
    wins: outcomes.wins,
    losses: outcomes.losses,
    winRate: outcomes.winRate,
    winLossRatio: outcomes.winLossRatio,
    profitFactor: outcomes.profitFactor,
  };
}

/** Per-trade outcomes of account returns. */
export type PeriodOutcomes = Pick<AccountStats, 'wins' | 'losses' | 'winRate' | 'winLossRatio' | 'profitFactor'>;

/** Wins, losses, hit rate, payoff ratio and profit factor over the first `periods` account returns (compound: clamped at −1). */
export function periodOutcomes(account: ArrayLike<number>, compound: boolean, periods: number, field: string): PeriodOutcomes {
  let wins = 0;
  let losses = 0;
  let grossWin = 0;
  let grossLoss = 0;
  for (let i = 0; i < periods; i++) {
    const a = compound && account[i] < -1 ? -1 : account[i];
    if (a > 0) {
      wins++;
      grossWin += a;
    } else if (a < 0) {
      losses++;
      grossLoss -= a;
    }
  }
  return {
    wins,
    losses,
    winRate: wins + losses === 0 ? null : wins / (wins + losses),
    winLossRatio: wins === 0 || losses === 0 ? null : ratio(grossWin / wins, grossLoss / losses, field),
    profitFactor: losses === 0 ? null : ratio(grossWin, grossLoss, field),
  };
}

/** A ÷ b, refused when only subnormal losses make it overflow a double. */
function ratio(a: number, b: number, field: string): number {
  const q = a / b;
  if (!Number.isFinite(q)) {
    throw new SizewiseError('OUT_OF_RANGE', field, `the losses in ${field} are too small (gross ${b}) for a finite win/loss ratio`, b);
  }
  return q;
}
