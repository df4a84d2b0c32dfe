export { toMoney, MONEY_LIMITS, type MoneyInput } from './Money.js';
export { sizeOrder, SIZE_ORDER_DEFAULTS, MAX_MONEY_DECIMALS, type Order, type OrderReason, type OrderRequest } from './sizeOrder.js';
export { floorToLot } from './floorToLot.js';
