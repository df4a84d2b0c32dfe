// sizewise: the public API. This barrel only re-exports.
export { SizewiseError, type SizewiseErrorCode } from './errors.js';
export { ready, loadWasm, hasWasmSimd, type WasmSource } from './runtime/wasm.js';
export * from './kelly/index.js';
export * from './money/index.js';
export * from './edge/index.js';
export { normalQuantile } from './stats/normalQuantile.js';
export { parseOhlcvCsv, type OhlcvColumns } from './data/parseOhlcvCsv.js';
export { atr } from './volatility/atr.js';
export { volatilityRegime, VOLATILITY_REGIME_DEFAULTS, type VolatilityRegimeOptions, type VolatilityState } from './volatility/volatilityRegime.js';
export * from './sizing/index.js';
export { breakoutTrades, BREAKOUT_DEFAULTS, type BreakoutTrade, type BreakoutOptions } from './strategy/breakoutTrades.js';
export { Xoshiro128 } from './random/xoshiro128.js';
export * from './montecarlo/index.js';
export type { Decimal } from 'decimal.js';
export * from './rl/index.js';
export * from './evaluate/index.js';
export * from './charts/index.js';
