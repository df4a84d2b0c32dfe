import { MARKET_REGIMES, type MarketRegime } from '../regime/marketRegime.js';

/**
 * u8 codes of the market regimes in batch columns (`regime: Uint8Array`): MARKET_REGIMES
 * in order, NORMAL 0, TRENDING 1, HIGH_VOL 2, LOW_VOL 3, MEAN_REVERTING 4. A sizer with more
 * regimes in its config numbers them after these, in config order (`sizer.codes.regime`).
 * Code 255 is never a regime: it marks an invalid value.
 */
export const REGIME_CODES: Readonly<Record<MarketRegime, number>> = Object.freeze(
  Object.fromEntries(MARKET_REGIMES.map((name, code) => [name, code])) as Record<MarketRegime, number>,
);

/** The seeds' Module Y regime factors, by regime name; also the sizer's default regimeMultipliers. */
export const REGIME_FACTORS: Readonly<Record<MarketRegime, number>> = Object.freeze({
  NORMAL: 1.0,
  TRENDING: 1.4,
  HIGH_VOL: 0.7,
  LOW_VOL: 1.2,
  MEAN_REVERTING: 1.0,
});

/** The code no name ever gets: copied-in u8 values outside 0–254 become this, and fail their row. */
export const INVALID_CODE = 255;

/** A 256-entry factor table indexed by code: NaN for codes without a factor (or `fallback`), always NaN for INVALID_CODE. */
export function codeTable(codes: Readonly<Record<string, number>>, factors: Readonly<Record<string, number>>, fallback = Number.NaN): Float64Array {
  const table = new Float64Array(256).fill(fallback);
  for (const [name, code] of Object.entries(codes)) table[code] = factors[name];
  table[INVALID_CODE] = Number.NaN; // an invalid value is never an unknown name with a default
  return table;
}

/** A category code as the kernels read it: integers 0–254 as they are, anything else (a string, null, 1.5) INVALID_CODE. */
export function toCode(x: unknown): number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < INVALID_CODE ? x : INVALID_CODE;
}
