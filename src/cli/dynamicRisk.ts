import {
  kellyFromStats,
  volatilityRegime,
  type PricedTrade,
  type OhlcvColumns,
  type PositionSizer,
  type SizedTrade,
  type SizeTrade,
  type SizingDecision,
  type VolatilityRegimeOptions,
} from '../index.js';

/** Volatility regime → the sizer's regime names (the reference data has no trend label of its own). */
const REGIME_OF = { LOW: 'LOW_VOL', NORMAL: 'NORMAL', HIGH: 'HIGH_VOL' } as const;

/** A sized trade with the sizer's decision behind it. */
export type DecidedTrade = SizedTrade & { decision: SizingDecision };

/** The volatility regime the sizer's config describes (its ATR periods and ratio thresholds). */
export function sizerVolatilityOptions(sizer: PositionSizer): Required<VolatilityRegimeOptions> {
  const v = sizer.config.volatilityAdjustment;
  return { period: v.atrPeriod, averagePeriod: v.averagePeriod, low: v.regimeThresholds.low, high: v.regimeThresholds.high };
}

/**
 * The dynamic rule for backtestSizing: the sizer's layers with only what was known at each
 * signal bar: the edge of the trades closed before it (expanding window, walk-forward), the
 * ATR ratio and volatility regime at the signal bar, and the account's drawdown from its
 * peak. No confidence, bandit, correlation or RL input exists for this strategy, so those
 * layers stay out. (It lives with the CLI because it wires the sizer to the reference
 * strategy; evaluate does not import the sizer.)
 */
export function dynamicRisk(sizer: PositionSizer, bars: OhlcvColumns, trades: readonly PricedTrade[]): (k: number, equity: number, peak: number) => DecidedTrade {
  const options = sizerVolatilityOptions(sizer);
  return (k, equity, peak) => {
    const t = trades[k];
    const past = trades.slice(0, k).filter((p) => p.exitIndex < t.entryIndex);
    const edge = edgeOf(sizer, past);
    const signal = t.entryIndex - 1;
    const warm = signal >= options.period - 1 + options.averagePeriod - 1;
    const v = warm ? volatilityRegime(bars, options, signal) : undefined;
    const decision = sizer.size({
      balance: equity.toFixed(2),
      price: t.entryPrice.toFixed(2),
      stopDistance: (t.entryPrice - t.stopPrice).toFixed(4),
      lotStep: '0.0001',
      edge,
      ...(v === undefined ? {} : { atr: v.atr, atrAverage: v.atrAverage, regime: REGIME_OF[v.regime] }),
      drawdown: Math.max(0, 1 - equity / peak),
    });
    return { riskFraction: decision.riskFraction, exposure: decision.exposure, decision };
  };
}

/** Counts the trades a rule sized with the sizer's fixed fallback, as backtestSizing calls it. */
export function countingFallbacks(rule: (k: number, equity: number, peak: number) => DecidedTrade): { size: SizeTrade; fallbacks: () => number } {
  let fallbacks = 0;
  return {
    size: (k, equity, peak) => {
      const sized = rule(k, equity, peak);
      if (sized.decision.usedFallback) fallbacks++;
      return sized;
    },
    fallbacks: () => fallbacks,
  };
}

function edgeOf(sizer: PositionSizer, past: readonly PricedTrade[]) {
  // No trades yet, or no loss yet (Kelly unbounded): nothing to trust, so the fallback applies.
  const noEdgeYet = { trades: past.length, reliable: false, expectancy: 0, avgLoss: 0, kelly: kellyFromStats({ winRate: 0, avgWin: 0, avgLoss: 1 }) };
  if (!past.some((t) => t.returnFraction < 0)) return noEdgeYet;
  return sizer.estimateEdge(past, { windowDays: undefined, resamples: 200 });
}
