/** One closed trade of a strategy, as edge estimation reads it. */
export interface Trade {
  strategyId?: string;
  /** When the trade closed; needed for a rolling window in days. */
  closedAt?: Date | string;
  /** Return of the position on its notional: −0.018 = −1.8 %. */
  returnPct: number;
  /** Return in units of the initial risk (entry − stop), when known. */
  rMultiple?: number;
  confidence?: number;
  regime?: string;
}
