export { betSizeFromProbability, type BetSizeFromProbabilityOptions } from './betSizeFromProbability.js';
export { averageActiveSignals, type ActiveSignal } from './averageActiveSignals.js';
export { discreteSignal } from './discreteSignal.js';
export { betSize } from './betSize.js';
export { calibrateWidth } from './calibrateWidth.js';
export { targetPosition } from './targetPosition.js';
export { inversePrice } from './inversePrice.js';
export { limitPrice, LIMIT_PRICE_DEFAULTS, MAX_ORDER_UNITS, type LimitPriceOptions } from './limitPrice.js';
export { betSizeDynamic, BET_SIZE_DYNAMIC_DEFAULTS, type BetSizeDynamicOptions, type DynamicBet, type DynamicRow } from './betSizeDynamic.js';
export { betSizeBudget } from './betSizeBudget.js';
export { betSizeReserve, BET_SIZE_RESERVE_DEFAULTS, type BetSizeReserveOptions, type ReserveBetSizes } from './betSizeReserve.js';
export {
  mixtureFromMoments,
  MIXTURE_FROM_MOMENTS_DEFAULTS,
  MAX_EF3M_STEPS,
  type FittedMixture,
  type MixtureFromMomentsOptions,
} from './mixtureFromMoments.js';
export type { Mixture } from './mixture.js';
export type { BetEvent } from './betEvents.js';
export type { TimeInput } from './timeAxis.js';
export type { SizeFunction } from './sizeFunction.js';
