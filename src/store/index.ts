export { openStore, type OpenStoreOptions } from './openStore.js';
export { SizingStore, type TradeQuery, type KellyRecord } from './SizingStore.js';
export type { StoredTrade, TradeRecord } from './storedTrade.js';
export { SCHEMA_VERSION } from './schema.js';
