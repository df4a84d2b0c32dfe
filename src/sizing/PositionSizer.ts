import { estimateEdge, type EdgeEstimate, type EstimateEdgeOptions } from '../edge/estimateEdge.js';
import type { Trade } from '../edge/trade.js';
import { SizewiseError, describeValue } from '../errors.js';
import { buildOrder } from '../money/buildOrder.js';
import { knownKeys, oneOf } from '../validate.js';
import { baseRisk } from './baseRisk.js';
import { batchPlan, categoryCodes, type BatchPlan } from './batchPlan.js';
import { boundRisk, clampRisk } from './layerMath.js';
import { boundsReason } from './layerReasons.js';
import { readSizingRequest } from './readSizingRequest.js';
import { sizeLayers } from './sizeLayers.js';
import { resolveSizerConfig } from './resolveSizerConfig.js';
import { allocateSizeColumns, LAYER_COLUMNS, sizeColumns, type BatchColumns, type BatchOptions, type LayerColumn, type SizeBatchColumns, type SizeBatchResult } from './sizeColumns.js';
import type { SizerConfig, SizerConfigInput } from './sizerConfig.js';
import { trackedBase } from './trackedBase.js';
import type { ConfiguredSizerNames, DefaultSizerNames, SizerNames, SizingDecision, SizingFactor, SizingRequest, TrackedSizingRequest } from './sizingTypes.js';

/**
 * The smallest loss per unit of exposure (stop ÷ price, or the edge's average loss) a size is
 * made from: the smallest normal double. Below it the ratio has lost its precision, and the
 * leverage cap computed from it would not hold.
 */
const MIN_LOSS_RETURN = 2 ** -1022;

/**
 * Sizes trades through explainable layers: base (fractional Kelly from the edge — an
 * estimate, a binary bet, a posterior, a Kelly result, or a strategy's tracker — or the
 * fixed fallback), signal quality, conviction, volatility, regime, scaling template, bandit
 * weight, correlation, RL multiplier, drawdown, then bounds, then money. Each layer that has
 * an input becomes a factor with its value and the reason; riskFraction is their product.
 * Build it with `createSizer(config)`. N is the tier, conviction and regime names its
 * requests may use (DefaultSizerNames for `createSizer()`, any string for a config).
 */
export class PositionSizer<N extends SizerNames = ConfiguredSizerNames> {
  /** The validated config, defaults filled in (frozen). */
  readonly config: Readonly<SizerConfig>;
  /** u8 codes of conviction levels (0 = none) and regimes in batch columns. */
  readonly codes: Readonly<{ conviction: Readonly<Record<string, number>>; regime: Readonly<Record<string, number>> }>;
  private readonly plans = new Map<string, BatchPlan>();

  constructor(config: SizerConfigInput = {}) {
    this.config = Object.freeze(resolveSizerConfig(config, 'config'));
    const codes = categoryCodes(this.config);
    this.codes = Object.freeze({ conviction: Object.freeze(codes.conviction), regime: Object.freeze(codes.regime) });
  }

  /**
   * The edge of a strategy as this config reads it: `estimateEdge` trusted from
   * `minTradesForCalculation` trades, over the trades closed in the last
   * `lookbackWindowDays` (by `closedAt`) when every trade has a `closedAt`. What the window
   * left out is said in `warnings` (how many trades, and why); trades without dates are all
   * used, with a warning that the window was not applied. `options` override either
   * (e.g. `{ windowDays: undefined }` for every trade).
   */
  estimateEdge(trades: readonly Trade[], options: EstimateEdgeOptions = {}): EdgeEstimate {
    knownKeys(options, 'options', ['minTrades', 'confidence', 'window', 'windowDays', 'asOf', 'seed', 'resamples']);
    const days = this.config.lookbackWindowDays;
    const own = Object.hasOwn(options, 'windowDays');
    const dated = Array.isArray(trades) && trades.every((t) => t !== null && typeof t === 'object' && t.closedAt !== undefined);
    if (own || !dated) {
      const estimate = estimateEdge(trades, { minTrades: this.config.minTradesForCalculation, ...options });
      if (!own) estimate.warnings.push(`config.lookbackWindowDays (${days}) not applied: not every trade has a closedAt, so all ${estimate.trades} trades were used`);
      return estimate;
    }
    try {
      const estimate = estimateEdge(trades, { minTrades: this.config.minTradesForCalculation, windowDays: days, ...options });
      // estimateEdge's own notes say how many trades each window left out and why; this one
      // says where the days came from, since the caller did not pass them.
      if (estimate.trades < trades.length) {
        estimate.warnings.push(`the ${days}-day window is config.lookbackWindowDays; pass { windowDays: undefined } to estimate from every trade`);
      }
      return estimate;
    } catch (error) {
      // The window is the config's, not an option the caller passed: say so.
      if (error instanceof SizewiseError && error.field === 'options.windowDays') {
        throw new SizewiseError(error.code, 'config.lookbackWindowDays', `no trade closed within config.lookbackWindowDays (${days} days) of the latest; pass { windowDays: undefined } to use every trade`, days);
      }
      throw error;
    }
  }

  /**
   * Sizes one signal: from `request.edge`, or from `request.strategyId` and
   * `request.tracker` (the edge the tracker holds for that strategy, with its
   * performance-adjusted Kelly). Throws SizewiseError naming the request field on bad input.
   */
  size(request: SizingRequest<N> | TrackedSizingRequest<N>): SizingDecision {
    const input = readSizingRequest(request, this.config, (tier, field) => this.#plan(tier, field));
    const plan = input.plan;
    const factors: SizingFactor[] = [];
    const warnings: string[] = [];
    const base = input.tracked === undefined ? baseRisk(input.edge, this.config, 'request.edge') : trackedBase(input.tracked, this.config);
    factors.push(base.factor);
    if (base.warning !== undefined) warnings.push(base.warning);
    const unbounded = sizeLayers(input, this.config, base.factor.value, factors, warnings);

    // Bounds: the tier's risk range, then its leverage ceiling. Float inside: the stop as a
    // fraction of price only converts risk into exposure for the cap.
    const stop = input.stopDistance;
    const lossReturn = stop === undefined ? base.lossReturn : (input.stopNumber as number) / input.priceNumber;
    if (!(lossReturn >= MIN_LOSS_RETURN)) {
      if (stop === undefined && lossReturn === 0) {
        throw new SizewiseError('NO_LOSSES', 'request.stopDistance', `request.stopDistance is required: ${base.lossField} has no average loss to turn a risk fraction into an exposure`);
      }
      const field = stop !== undefined ? 'request.stopDistance' : base.lossField;
      throw new SizewiseError(
        'OUT_OF_RANGE',
        field,
        `${field} is too small to size from: the loss per unit of exposure (${describeValue(lossReturn)}) must be at least ${MIN_LOSS_RETURN} (stop ÷ price, or the edge's average loss)`,
        stop === undefined ? lossReturn : request.stopDistance,
      );
    }
    const clamped = clampRisk(plan, unbounded);
    const risk = boundRisk(plan, unbounded, lossReturn);
    factors.push({ name: 'bounds', value: unbounded > 0 ? risk / unbounded : 1, reason: boundsReason(plan, unbounded, clamped, risk) });
    const exposure = Math.min(risk / lossReturn, plan.maxLeverage);

    const order = buildOrder({
      balance: input.balance,
      price: input.price,
      lotStep: input.lotStep,
      minNotional: input.minNotional,
      moneyDecimals: this.config.moneyDecimals,
      ...(stop === undefined ? { exposure } : { riskFraction: risk, stopDistance: stop }),
      // The leverage ceiling again, in money: a float ratio cannot push the order over it.
      maxExposure: plan.maxLeverage,
      approx: { balance: input.balanceNumber, price: input.priceNumber, lotStep: input.lotStepNumber, stopDistance: input.stopNumber },
    });
    const decision: SizingDecision = {
      riskFraction: risk,
      exposure,
      notional: order.notional,
      quantity: order.quantity,
      leftover: order.leftover,
      targetNotional: order.targetNotional,
      riskAmount: order.riskAmount,
      tier: plan.tierName,
      factors,
      warnings,
      usedFallback: base.fallback === true,
    };
    if (order.orderReason !== undefined) decision.orderReason = order.orderReason;
    return decision;
  }

  /**
   * Columns for `n` rows of `sizeBatch` in WASM memory (after `await ready()`): fill them in
   * place, no copy. Getters rebuild views after WASM memory grows; `release()` frees them.
   * They start neutral where a neutral value exists — drawdown and correlation 0; scaling, banditWeight,
   * rlMultiplier and lossReturn 1, volatility 1 (ratio) or the target (target method); conviction 0 (none); regime NORMAL — and
   * baseRisk and confidence at 0 (confidence 0 is the lowest tier: fill it, or leave the
   * layer out). `columns` chooses which layers the batch has (an array of column names,
   * default all; baseRisk always).
   */
  allocateBatch(n: number, columns: readonly LayerColumn[] = LAYER_COLUMNS): BatchColumns {
    const v = this.config.volatilityAdjustment;
    return allocateSizeColumns(n, columns, { scaling: 1, banditWeight: 1, rlMultiplier: 1, volatility: v.method === 'target' ? v.targetVolatility : 1, lossReturn: 1 });
  }

  /**
   * The layer stack over columns in WASM (f64x2 SIMD): row i equals `size(...)`'s
   * riskFraction for the same inputs. Columns from `allocateBatch` are read in place and
   * the result is written beside them (returned views are valid until WASM memory grows);
   * other columns (typed or plain arrays) are copied in and out. Rows are validated in the
   * kernel: a bad row gets a BATCH_STATUS code and 0. Needs `await ready()`.
   */
  sizeBatch(columns: Partial<SizeBatchColumns>, options: BatchOptions<N['tier']> = {}): SizeBatchResult {
    knownKeys(options, 'options', ['tier']);
    const plan = this.#plan(options.tier ?? this.config.defaultTier, 'options.tier');
    return sizeColumns(plan, columns);
  }

  #plan(tier: unknown, field: string): BatchPlan {
    if (typeof tier !== 'string') oneOf(tier, field, Object.keys(this.config.positionBoundaries));
    let plan = this.plans.get(tier as string);
    if (plan === undefined) {
      plan = batchPlan(this.config, tier as string, field);
      this.plans.set(tier as string, plan);
    }
    return plan;
  }
}

/**
 * A position sizer for a config: `createSizer()` uses the seeds' defaults (SIZER_DEFAULTS);
 * a partial config is merged over them and validated (unknown keys, wrong types and
 * out-of-range values throw SizewiseError with the key path and value).
 *
 * Without a config the sizer's tiers, conviction levels and regimes are the defaults', and
 * a request naming another (a typo: `regime: 'TRENDNG'`) does not compile; with a config,
 * which may add names, any string is accepted and checked at run time.
 *
 * @example createSizer().size({ balance: '100000', price: '412.37', edge, confidence: 0.88 })
 */
export function createSizer(): PositionSizer<DefaultSizerNames>;
export function createSizer(config?: SizerConfigInput): PositionSizer;
export function createSizer(config: SizerConfigInput = {}): PositionSizer {
  return new PositionSizer(config);
}
