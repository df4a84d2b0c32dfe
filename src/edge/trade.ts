import type { MarketRegime } from '../regime/marketRegime.js';
/** What a closed trade carries besides its return. */
export interface TradeDetails {
  strategyId?: string;
  /** When the trade closed; needed for a rolling window in days. */
  closedAt?: Date | string;
  /** Return in units of the initial risk (entry − stop), when known. */
  rMultiple?: number;
  confidence?: number;
  /** The market regime at entry: one of MARKET_REGIMES, or a name of your own config's. */
  regime?: MarketRegime | (string & {});
}

/** A trade's return under its name, `returnFraction`. */
export interface TradeByFraction extends TradeDetails {
  /** Return of the position on its notional, as a fraction: −0.018 = −1.8 %. */
  returnFraction: number;
  /**
   * @deprecated use returnFraction. Accepted beside it only with the same value, as
   * sizewise's own outputs carry it, so they can be handed back in.
   */
  returnPct?: number;
}

/** A trade's return under the deprecated name `returnPct` (code written before returnFraction). */
export interface TradeByPct extends TradeDetails {
  /** @deprecated use returnFraction: the same quantity, a fraction (−0.018 = −1.8 %) despite its name. */
  returnPct: number;
  returnFraction?: undefined;
}

/**
 * One closed trade of a strategy, as edge estimation reads it: `returnFraction` (or the
 * deprecated `returnPct`), never two different values.
 */
export type Trade = TradeByFraction | TradeByPct;

/** The return fields of everything sizewise hands out: one value under both names. */
export interface ReturnFields {
  /** Return of the position on its notional, as a fraction: −0.018 = −1.8 %. */
  returnFraction: number;
  /** @deprecated use returnFraction (the same value; kept so code reading the old name still works). */
  returnPct: number;
}

/** A trade as sizewise returns it (trades files, the journal, the reference strategy). */
export interface OutputTrade extends TradeDetails, ReturnFields {}
