export type { Trade, TradeByFraction, TradeByPct, TradeDetails, OutputTrade, ReturnFields } from './trade.js';
export { estimateEdge, ESTIMATE_EDGE_DEFAULTS, type EdgeEstimate, type EstimateEdgeOptions } from './estimateEdge.js';
export { wilsonInterval } from './wilsonInterval.js';
