import type { Decimal } from 'decimal.js';
import { SizewiseError, describeValue } from '../errors.js';
import { approxNumber, Money, toMoney } from '../money/Money.js';
import { finite, inRange, knownKeys, nonNegative, oneOf, positive, probability } from '../validate.js';
import type { BatchPlan } from './batchPlan.js';
import type { SizerConfig } from './sizerConfig.js';
import type { SizingEdge, SizingRequest, SizingTracker, TrackedSizingRequest } from './sizingTypes.js';

/** A layer input with the caller's reason for it (the scaling template, the correlation penalty). */
export interface ExplainedInput {
  value: number;
  reason?: string;
}

/** A request after validation: money read once, layer inputs checked, absent ones undefined. */
export interface SizingInput {
  plan: BatchPlan;
  /** The edge as given (checked by the base layer), or the strategy to read from `tracked.tracker`. */
  edge?: SizingEdge;
  tracked?: { strategyId: string; tracker: SizingTracker };
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
  /** Share of the full position entered now, in (0, 1]. */
  scaling?: ExplainedInput;
  banditWeight?: number;
  /** Correlation penalty in [0, 1]. */
  correlation?: ExplainedInput;
  rlMultiplier?: number;
  drawdown?: number;
}

const REQUEST_KEYS = [
  'balance', 'price', 'edge', 'strategyId', 'tracker', 'tier', 'stopDistance', 'lotStep', 'minNotional', 'confidence', 'conviction',
  'atrRatio', 'atr', 'atrAverage', 'regime', 'scaling', 'banditWeight', 'correlation', 'rlMultiplier', 'drawdown',
] as const;
const REQUEST_KEY_SET: ReadonlySet<string> = new Set(REQUEST_KEYS);

const LOT_ONE = new Money(1);
const ZERO = new Money(0);

/**
 * Checks a sizing request once, naming fields as the caller spelled them (`request.price`),
 * and reads its money once. `planOf` resolves the tier (and rejects an unknown one).
 */
export function readSizingRequest(
  request: SizingRequest | TrackedSizingRequest,
  config: SizerConfig,
  planOf: (tier: unknown, field: string) => BatchPlan,
): SizingInput {
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
    ...baseSource(request),
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
  if (request.scaling !== undefined) input.scaling = readScaling(request.scaling, 'request.scaling');
  if (request.correlation !== undefined) input.correlation = readCorrelation(request.correlation, 'request.correlation');
  if (request.rlMultiplier !== undefined) input.rlMultiplier = finite(request.rlMultiplier, 'request.rlMultiplier');
  if (request.drawdown !== undefined) input.drawdown = inRange(request.drawdown, 'request.drawdown', { min: 0, max: 1 });
  return input;
}

/** The base's source: `edge`, or `strategyId` with `tracker` (exactly one of the two). */
function baseSource(request: SizingRequest | TrackedSizingRequest): Pick<SizingInput, 'edge' | 'tracked'> {
  const { strategyId, tracker } = request as Partial<TrackedSizingRequest>;
  if (strategyId === undefined && tracker === undefined) return { edge: request.edge };
  if (request.edge !== undefined) {
    throw new SizewiseError('INVALID_TYPE', 'request.edge', 'give request.edge, or request.strategyId with request.tracker, not both', request.edge);
  }
  if (tracker === undefined) {
    throw new SizewiseError('INVALID_TYPE', 'request.tracker', 'request.tracker is required with request.strategyId: the StrategyTracker that follows the strategy');
  }
  if (tracker === null || typeof tracker !== 'object' || typeof tracker.kelly !== 'function' || typeof tracker.sizingEdge !== 'function') {
    throw new SizewiseError('INVALID_TYPE', 'request.tracker', `request.tracker must be a StrategyTracker (with kelly(id) and sizingEdge(id)), received ${describeValue(tracker)}`, tracker);
  }
  if (strategyId === undefined) {
    throw new SizewiseError('INVALID_TYPE', 'request.strategyId', 'request.strategyId is required with request.tracker: the strategy whose edge sizes the trade');
  }
  if (typeof strategyId !== 'string') {
    throw new SizewiseError('INVALID_TYPE', 'request.strategyId', `request.strategyId must be a string, received ${describeValue(strategyId)}`, strategyId);
  }
  if (strategyId.length === 0) throw new SizewiseError('EMPTY_INPUT', 'request.strategyId', 'request.strategyId must not be empty', strategyId);
  return { tracked: { strategyId, tracker } };
}

/** The scaling layer's input: a share in (0, 1], or `{ value, reason }` (scalingFactor's result). */
function readScaling(scaling: unknown, field: string): ExplainedInput {
  const share = (x: unknown, at: string) => inRange(x, at, { min: 0, max: 1, minOpen: true });
  if (typeof scaling === 'number') return { value: share(scaling, field) };
  const given = explained(scaling, field, 'a share of the full position in (0, 1], or { value, reason } (scalingFactor\'s result)', ['name', 'value', 'reason']);
  if (given.name !== undefined) oneOf(given.name, `${field}.name`, ['scaling']);
  return { value: share(given.value, `${field}.value`), reason: reasonText(given.reason, `${field}.reason`) };
}

/** The correlation layer's input: a penalty in [0, 1], or `{ penalty, reason }` (correlationPenalty's result). */
function readCorrelation(correlation: unknown, field: string): ExplainedInput {
  const penalty = (x: unknown, at: string) => inRange(x, at, { min: 0, max: 1 });
  if (typeof correlation === 'number') return { value: penalty(correlation, field) };
  const given = explained(correlation, field, 'a penalty in [0, 1], or { penalty, reason } (correlationPenalty\'s result)', ['penalty', 'reason', 'jointWeight', 'standaloneWeight']);
  for (const key of ['jointWeight', 'standaloneWeight']) if (given[key] !== undefined) finite(given[key], `${field}.${key}`);
  return { value: penalty(given.penalty, `${field}.penalty`), reason: reasonText(given.reason, `${field}.reason`) };
}

/** An object of known keys standing for a layer input with its reason. */
function explained(value: unknown, field: string, expected: string, keys: readonly string[]): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be ${expected}, received ${describeValue(value)}`, value);
  }
  knownKeys(value, field, keys);
  return value as Record<string, unknown>;
}

/** A reason given with a layer input: a non-empty string. */
function reasonText(value: unknown, field: string): string {
  if (typeof value !== 'string') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be a string saying why, received ${describeValue(value)}`, value);
  }
  if (value.trim().length === 0) throw new SizewiseError('EMPTY_INPUT', field, `${field} must not be empty`, value);
  return value;
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

function volatilityInput(request: SizingRequest | TrackedSizingRequest, plan: BatchPlan, price: number): number | undefined {
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
