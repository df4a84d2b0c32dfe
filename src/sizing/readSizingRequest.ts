import type { Decimal } from 'decimal.js';
import { SizewiseError, describeValue } from '../errors.js';
import { approxNumber, Money, toMoney } from '../money/Money.js';
import { finite, inRange, knownKeys, nonNegative, oneOf, positive, probability } from '../validate.js';
import type { BatchPlan } from './batchPlan.js';
import type { SizerConfig } from './sizerConfig.js';
import type { SizingEdge, SizingRequest } from './sizingTypes.js';

/** A request after validation: money read once, layer inputs checked, absent ones undefined. */
export interface SizingInput {
  plan: BatchPlan;
  edge: SizingEdge;
  balance: Decimal;
  price: Decimal;
  /** The amounts as floats: for the fractions (stop ÷ price, ATR ÷ price) and the estimates money settles exactly. */
  balanceNumber: number;
  priceNumber: number;
  lotStepNumber: number;
  stopDistance?: Decimal;
  stopNumber?: number;
  lotStep: Decimal;
  minNotional: Decimal;
  confidence?: number;
  conviction?: string;
  /** The volatility layer's input: an ATR ratio, or ATR ÷ price for volatility targeting. */
  volatility?: number;
  /** The regime sized: the one asked for, or the config's default for an unknown name. */
  regime?: string;
  /** An unknown regime name that was replaced by the default. */
  unknownRegime?: string;
  banditWeight?: number;
  correlation?: number;
  rlMultiplier?: number;
  drawdown?: number;
}

const REQUEST_KEYS = [
  'balance', 'price', 'edge', 'tier', 'stopDistance', 'lotStep', 'minNotional', 'confidence', 'conviction',
  'atrRatio', 'atr', 'atrAverage', 'regime', 'banditWeight', 'correlation', 'rlMultiplier', 'drawdown',
] as const;
const REQUEST_KEY_SET: ReadonlySet<string> = new Set(REQUEST_KEYS);

const LOT_ONE = new Money(1);
const ZERO = new Money(0);

/**
 * Checks a sizing request once, naming fields as the caller spelled them (`request.price`),
 * and reads its money once. `planOf` resolves the tier (and rejects an unknown one).
 */
export function readSizingRequest(request: SizingRequest, config: SizerConfig, planOf: (tier: unknown, field: string) => BatchPlan): SizingInput {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw new SizewiseError('INVALID_TYPE', 'request', `request must be an object, received ${describeValue(request)}`, request);
  }
  for (const key of Object.keys(request)) if (!REQUEST_KEY_SET.has(key)) knownKeys(request, 'request', REQUEST_KEYS); // throws, naming it
  const plan = planOf(request.tier ?? config.defaultTier, 'request.tier');
  const price = toMoney(request.price, 'request.price');
  const priceNumber = approxNumber(request.price, price);
  const balance = toMoney(request.balance, 'request.balance', { allowZero: true });
  const lotStep = request.lotStep === undefined ? LOT_ONE : toMoney(request.lotStep, 'request.lotStep');
  const input: SizingInput = {
    plan,
    edge: request.edge,
    balance,
    price,
    balanceNumber: approxNumber(request.balance, balance),
    priceNumber,
    lotStepNumber: request.lotStep === undefined ? 1 : approxNumber(request.lotStep, lotStep),
    lotStep,
    minNotional: request.minNotional === undefined ? ZERO : toMoney(request.minNotional, 'request.minNotional', { allowZero: true }),
  };
  if (request.stopDistance !== undefined) {
    input.stopDistance = toMoney(request.stopDistance, 'request.stopDistance');
    input.stopNumber = approxNumber(request.stopDistance, input.stopDistance);
  }
  if (request.confidence !== undefined) input.confidence = probability(request.confidence, 'request.confidence');
  const conviction = request.conviction;
  if (conviction !== undefined) {
    input.conviction = typeof conviction === 'string' && Object.hasOwn(config.convictionMultipliers, conviction) ? conviction : oneOf(conviction, 'request.conviction', Object.keys(config.convictionMultipliers));
  }
  input.volatility = volatilityInput(request, plan, priceNumber);
  if (request.regime !== undefined) readRegime(request.regime, config, input);
  if (request.banditWeight !== undefined) input.banditWeight = nonNegative(request.banditWeight, 'request.banditWeight');
  if (request.correlation !== undefined) input.correlation = inRange(request.correlation, 'request.correlation', { min: 0, max: 1 });
  if (request.rlMultiplier !== undefined) input.rlMultiplier = finite(request.rlMultiplier, 'request.rlMultiplier');
  if (request.drawdown !== undefined) input.drawdown = inRange(request.drawdown, 'request.drawdown', { min: 0, max: 1 });
  return input;
}

function readRegime(regime: unknown, config: SizerConfig, input: SizingInput): void {
  const known = config.regimeMultipliers;
  if (typeof regime === 'string' && Object.hasOwn(known, regime)) {
    input.regime = regime;
    return;
  }
  if (typeof regime !== 'string' || config.defaultRegime === null) oneOf(regime, 'request.regime', Object.keys(known));
  input.regime = config.defaultRegime as string;
  input.unknownRegime = regime as string;
}

function volatilityInput(request: SizingRequest, plan: BatchPlan, price: number): number | undefined {
  const { atr, atrAverage, atrRatio } = request;
  if (atr === undefined && atrAverage === undefined && atrRatio === undefined) return undefined;
  if (plan.volMode === 1) {
    if (atr === undefined) {
      throw new SizewiseError('INVALID_TYPE', 'request.atr', 'request.atr is required: volatility targeting reads the current ATR (price units)');
    }
    return nonNegative(atr, 'request.atr') / price;
  }
  if (atrRatio !== undefined) {
    if (atr !== undefined || atrAverage !== undefined) {
      throw new SizewiseError('INVALID_TYPE', 'request.atrRatio', 'give either request.atrRatio or request.atr with request.atrAverage, not both');
    }
    return nonNegative(atrRatio, 'request.atrRatio');
  }
  if (atr === undefined || atrAverage === undefined) {
    const missing = atr === undefined ? 'request.atr' : 'request.atrAverage';
    throw new SizewiseError('INVALID_TYPE', missing, `${missing} is required: the ATR ratio is request.atr ÷ request.atrAverage`);
  }
  return nonNegative(atr, 'request.atr') / positive(atrAverage, 'request.atrAverage');
}
