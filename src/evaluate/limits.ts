import { MAX_TRADE_RETURN } from '../validate.js';

/**
 * The largest size evaluate accepts (an exposure or a multiplier of a unit position):
 * 1,000,000×. Real sizes are a few units at most; beyond this a size is a unit error, and
 * size × return could leave the range where sums of squares stay finite in doubles.
 */
export const MAX_SIZE = 1e6;

/**
 * The largest account return per period evaluate works with: MAX_SIZE × MAX_TRADE_RETURN.
 * Below it, sums and sums of squares over any realistic number of periods stay finite.
 */
export const MAX_PERIOD_RETURN = MAX_SIZE * MAX_TRADE_RETURN;
