import { checkKellyResult } from './checkKellyResult.js';
import { inRange, knownKeys } from '../validate.js';
import { modelGrowth } from './growthRate.js';
import type { KellyResult } from './types.js';

export interface FractionalKellyOptions {
  /** Multiple of full Kelly to take, in (0, 1]. Quarter Kelly keeps about 44 % of the growth at a quarter of the volatility. */
  fraction?: number;
  /** Ceiling on the resulting risk fraction (equity lost if the bet loses), in (0, 1]. */
  cap?: number;
}

export const FRACTIONAL_KELLY_DEFAULTS: Readonly<Required<FractionalKellyOptions>> = Object.freeze({
  fraction: 0.25,
  cap: 0.5,
});

/**
 * A fraction of a Kelly sizing, with its risk fraction capped (MacLean, Thorp & Ziemba
 * 2010: fractional Kelly trades growth for a smaller drawdown risk). Exposure and risk
 * fraction shrink by the same factor; growth is recomputed from the result's model.
 *
 * @example fractionalKelly(kellyFromStats({ winRate: 0.55, avgWin: 0.032, avgLoss: 0.018 })).riskFraction // 0.0742
 */
export function fractionalKelly(kelly: KellyResult, options: FractionalKellyOptions = {}): KellyResult {
  knownKeys(options, 'options', ['fraction', 'cap']);
  const { fraction, cap } = { ...FRACTIONAL_KELLY_DEFAULTS, ...options };
  inRange(fraction, 'options.fraction', { min: 0, max: 1, minOpen: true });
  inRange(cap, 'options.cap', { min: 0, max: 1, minOpen: true });
  const { exposure: full, riskFraction: fullRisk, growthRate, edge, kellyMultiple, lossReturn, model } = checkKellyResult(kelly, 'kelly');
  if (full === 0) return { exposure: 0, riskFraction: 0, growthRate, edge, kellyMultiple: kellyMultiple * fraction, lossReturn, model };
  const riskFraction = Math.min(fullRisk * fraction, cap);
  const scale = fullRisk > 0 ? riskFraction / fullRisk : fraction;
  const exposure = full * scale;
  return { exposure, riskFraction, growthRate: modelGrowth(model, exposure), edge, kellyMultiple: kellyMultiple * scale, lossReturn, model };
}
