import type { OhlcvColumns } from '../data/parseOhlcvCsv.js';
import type { BreakoutTrade } from '../strategy/breakoutTrades.js';
import { marketFeatures, type MarketFeatureColumns } from './marketFeatures.js';
import { regimeLabel } from './regimeLabel.js';
import { returnFields } from '../edge/tradeReturn.js';
import type { OutputTradeOutcome } from './seedReward.js';
import type { Regime } from './stateSpec.js';

/** The market state at a trade's signal bar, in the default state spec's feature names. */
export interface MarketState {
  volatility: number;
  trend: number;
  momentum: number;
  confidence: number;
  drawdown: number;
  regime: Regime;
}

/** A trade as training data: where it stood when the signal came, and what came of it. */
export interface TradeSample {
  trade: BreakoutTrade;
  /** The signal bar (entry − 1): the last bar the state may read. */
  signalIndex: number;
  state: MarketState;
  outcome: OutputTradeOutcome;
}

/**
 * Turns the reference strategy's trades into training samples: the market state at
 * each signal bar (features from bars up to that bar only — no look-ahead) and the
 * trade's outcome (return, R-multiple, max adverse excursion).
 * - `confidence`: a breakout has no model probability, so the proxy is the breakout's
 *   strength: 0.5 + 0.5 × min(1, (close − the trade's breakout level) / ATR).
 * - `drawdown`: the drawdown of a constant 1.0× account from its peak, over the trades
 *   closed before the signal bar.
 * Trades whose signal bar precedes the features' warm-up (100 bars) are left out.
 */
export function tradeSamples(bars: OhlcvColumns, trades: readonly BreakoutTrade[], opts: { features?: MarketFeatureColumns } = {}): TradeSample[] {
  const f = opts.features ?? marketFeatures(bars);
  const out: TradeSample[] = [];
  let equity = 1;
  let peak = 1;
  let closed = 0; // trades[0 … closed) have closed before the current signal bar
  for (const trade of trades) {
    const signalIndex = trade.entryIndex - 1;
    while (closed < trades.length && trades[closed].exitIndex <= signalIndex) {
      equity *= 1 + trades[closed].returnFraction;
      peak = Math.max(peak, equity);
      closed++;
    }
    const volatility = f.volatility[signalIndex];
    const trend = f.trend[signalIndex];
    const momentum = f.momentum[signalIndex];
    if (!Number.isFinite(volatility) || !Number.isFinite(trend) || !Number.isFinite(momentum)) continue;
    const strength = (bars.close[signalIndex] - trade.breakoutLevel) / f.atr[signalIndex];
    out.push({
      trade,
      signalIndex,
      state: {
        volatility,
        trend,
        momentum,
        confidence: 0.5 + 0.5 * Math.min(1, Math.max(0, strength)),
        drawdown: 1 - equity / peak,
        regime: regimeLabel({ volatility, trend }),
      },
      outcome: { ...returnFields(trade.returnFraction), rMultiple: trade.rMultiple, maxAdverseExcursion: trade.maxAdverseExcursion },
    });
  }
  return out;
}
