export { Money, toMoney, type MoneyInput } from './Money.js';
export { sizeOrder, type Order, type OrderRequest } from './sizeOrder.js';
export { floorToLot } from './floorToLot.js';
