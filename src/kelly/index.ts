export type { BinaryEdge, KellyModel, KellyResult } from './types.js';
export { kellyCriterion } from './kellyCriterion.js';
export { kellyFromStats, type TradeStats } from './kellyFromStats.js';
export { fractionalKelly, FRACTIONAL_KELLY_DEFAULTS, type FractionalKellyOptions } from './fractionalKelly.js';
export { growthRate } from './growthRate.js';
export { kellyFromReturns, type KellyFromReturnsOptions } from './kellyFromReturns.js';
export { riskConstrainedKelly, type RiskConstraint } from './riskConstrainedKelly.js';
export {
  portfolioKelly,
  PORTFOLIO_KELLY_DEFAULTS,
  type PortfolioKellyOptions,
  type PortfolioKellyResult,
} from './portfolioKelly.js';
export { portfolioGrowth, type PortfolioGrowth } from './portfolioGrowth.js';
export { correlationPenalty, type CorrelationPenalty, type CorrelationPenaltyOptions } from './correlationPenalty.js';
