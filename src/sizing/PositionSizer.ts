import type { Decimal } from 'decimal.js';
import { estimateEdge, type EdgeEstimate, type EstimateEdgeOptions } from '../edge/estimateEdge.js';
import type { Trade } from '../edge/trade.js';
import { SizewiseError, describeValue } from '../errors.js';
import { toMoney } from '../money/Money.js';
import { sizeOrder } from '../money/sizeOrder.js';
import { wasmCore, type WasmCore } from '../runtime/wasm.js';
import { finite, inRange, integer, knownKeys, nonNegative, oneOf, positive, probability } from '../validate.js';
import { baseRisk, pct } from './baseRisk.js';
import {
  banditMultiplier,
  batchPlan,
  boundRisk,
  clampRisk,
  matchedStep,
  categoryCodes,
  correlationMultiplier,
  drawdownMultiplier,
  PARAMS_BYTES,
  rlClamp,
  signalMultiplier,
  volatilityMultiplier,
  writeParams,
  COLUMN_SLOTS,
  type BatchPlan,
} from './batchPlan.js';
import { resolveSizerConfig } from './resolveSizerConfig.js';
import type { SizerConfig, SizerConfigInput } from './sizerConfig.js';
import { sizeColumnsTwin, type ScalerColumns } from './sizeColumnsTwin.js';
import type { SizingDecision, SizingFactor, SizingRequest } from './sizingTypes.js';
import { WasmColumnSet, type ColumnKind, type ColumnSpec } from '../runtime/columnSet.js';
import { checkColumn, columnSource, copyColumnIn } from '../runtime/copyColumnIn.js';
import { columnSetOf, exposeColumns } from '../runtime/exposeColumns.js';
import { padRows, ROW_STEP } from './padRows.js';
import { toCode } from './regimeCodes.js';

const REQUEST_KEYS = [
  'balance', 'price', 'edge', 'tier', 'stopDistance', 'lotStep', 'minNotional', 'confidence', 'conviction',
  'atrRatio', 'atr', 'atrAverage', 'regime', 'banditWeight', 'correlation', 'rlMultiplier', 'drawdown',
] as const;

type ColumnName = keyof typeof COLUMN_SLOTS;
const COLUMN_KINDS: Record<ColumnName, ColumnKind> = {
  baseRisk: 'f64',
  confidence: 'f64',
  conviction: 'u8',
  volatility: 'f64',
  regime: 'u8',
  banditWeight: 'f64',
  correlation: 'f64',
  rlMultiplier: 'f64',
  drawdown: 'f64',
  lossReturn: 'f64',
};
const COLUMN_NAMES = Object.keys(COLUMN_KINDS) as ColumnName[];

/** Result of a batch: the final risk fraction per row and its status (BATCH_STATUS; non-zero → risk 0). */
export interface ScalerResult {
  riskFraction: Float64Array;
  status: Uint8Array;
}

/** Batch columns in WASM memory, with the result columns beside them (`sizer.allocateBatch`). */
export type BatchColumns = { [K in ColumnName]: K extends 'conviction' | 'regime' ? Uint8Array : Float64Array } & {
  readonly riskFraction: Float64Array;
  readonly status: Uint8Array;
  readonly length: number;
  release(): void;
};

export interface BatchOptions {
  /** Account tier whose limits apply to every row; default the config's defaultTier. */
  tier?: string;
}

/**
 * Sizes trades through explainable layers: base (fractional Kelly from the edge, or the
 * fixed fallback), signal quality, conviction, volatility, regime, bandit weight,
 * correlation, RL multiplier, drawdown, then bounds, then money. Each layer that has an
 * input becomes a factor with its value and the reason; riskFraction is their product.
 * Build it with `createSizer(config)`.
 */
export class PositionSizer {
  /** The validated config, defaults filled in (frozen). */
  readonly config: Readonly<SizerConfig>;
  /** u8 codes of conviction levels (0 = none) and regimes in batch columns. */
  readonly codes: Readonly<{ conviction: Readonly<Record<string, number>>; regime: Readonly<Record<string, number>> }>;
  private readonly plans = new Map<string, BatchPlan>();
  private readonly tables = new Map<string, { core: WasmCore; ptr: number }>();

  constructor(config: SizerConfigInput = {}) {
    this.config = Object.freeze(resolveSizerConfig(config, 'config'));
    const codes = categoryCodes(this.config);
    this.codes = Object.freeze({ conviction: Object.freeze(codes.conviction), regime: Object.freeze(codes.regime) });
  }

  /**
   * The edge of a strategy as this config reads it: `estimateEdge` over the trades closed in
   * the last `lookbackWindowDays` (by `closedAt`), trusted from `minTradesForCalculation`
   * trades. `options` override either (e.g. `{ windowDays: undefined }` for every trade).
   */
  estimateEdge(trades: readonly Trade[], options: EstimateEdgeOptions = {}): EdgeEstimate {
    return estimateEdge(trades, { minTrades: this.config.minTradesForCalculation, windowDays: this.config.lookbackWindowDays, ...options });
  }

  /** Sizes one signal. Throws SizewiseError naming the request field on bad input. */
  size(request: SizingRequest): SizingDecision {
    if (request === null || typeof request !== 'object') {
      throw new SizewiseError('INVALID_TYPE', 'request', `request must be an object, received ${describeValue(request)}`, request);
    }
    knownKeys(request, 'request', REQUEST_KEYS);
    const c = this.config;
    const plan = this.plan(request.tier ?? c.defaultTier, 'request.tier');
    const balance = toMoney(request.balance, 'request.balance', { allowZero: true });
    const price = toMoney(request.price, 'request.price');
    const stop = request.stopDistance === undefined ? undefined : toMoney(request.stopDistance, 'request.stopDistance');

    const factors: SizingFactor[] = [];
    const warnings: string[] = [];
    const base = baseRisk(request.edge, c, 'request.edge');
    factors.push(base.factor);
    if (base.warning !== undefined) warnings.push(base.warning);
    let r = base.factor.value;
    const apply = (name: string, value: number, reason: string) => {
      factors.push({ name, value, reason });
      r = r * value;
    };

    if (request.confidence !== undefined) {
      const p = probability(request.confidence, 'request.confidence');
      const m = signalMultiplier(plan, p);
      if (plan.signalMode === 1) {
        apply('metaProbability', m, `meta-label probability ${p}: ${plan.metaOffset} + p clamped to [${plan.metaMin}, ${plan.metaMax}] → ×${m}`);
      } else {
        const tier = matchedStep(plan.tiers, p, false);
        apply('confidence', m, tier === undefined ? `confidence ${p} below every tier (lowest ${plan.tiers[0]?.above ?? '—'}): ×${m}` : `confidence ${p} ≥ ${tier.above}: ×${m}`);
      }
    }
    if (request.conviction !== undefined) {
      const level = oneOf(request.conviction, 'request.conviction', Object.keys(c.convictionMultipliers));
      if (plan.tier.allowOverrides) {
        apply('conviction', c.convictionMultipliers[level], `conviction ${level}: ×${c.convictionMultipliers[level]}`);
      } else {
        apply('conviction', 1, `conviction ${level} ignored: tier ${plan.tierName} does not allow overrides`);
        warnings.push(`conviction override ${level} ignored on tier ${plan.tierName}`);
      }
    }
    const vol = this.volatilityInput(request, plan, price);
    if (vol !== undefined) {
      const m = volatilityMultiplier(plan, vol);
      if (plan.volMode === 1) {
        apply('volatility', m, `ATR ${pct(vol)} of price (floor ${pct(plan.volFloor)}) vs target ${pct(plan.volTarget)}: ×${round(m)} (cap ${plan.volMaxMultiplier})`);
      } else {
        const step = matchedStep(plan.volSteps, vol, true);
        apply('volatility', m, step === undefined ? `ATR ratio ${round(vol)} within normal range: ×1` : `ATR ratio ${round(vol)} > ${step.above}: ×${m}`);
      }
    }
    if (request.regime !== undefined) {
      if (typeof request.regime !== 'string') oneOf(request.regime, 'request.regime', Object.keys(c.regimeMultipliers));
      let regime = request.regime;
      if (!Object.hasOwn(c.regimeMultipliers, regime)) {
        if (c.defaultRegime === null) oneOf(regime, 'request.regime', Object.keys(c.regimeMultipliers));
        warnings.push(`unknown regime ${JSON.stringify(regime)}: sized as ${c.defaultRegime}`);
        regime = c.defaultRegime as string;
      }
      apply('regime', c.regimeMultipliers[regime], `regime ${regime}: ×${c.regimeMultipliers[regime]}${regime === request.regime ? '' : ` (default for unknown ${JSON.stringify(request.regime)})`}`);
    }
    if (request.banditWeight !== undefined) {
      const w = nonNegative(request.banditWeight, 'request.banditWeight');
      const m = banditMultiplier(plan, w);
      apply('bandit', m, `bandit weight ${round(w)}${m > w ? ` raised to the floor ${plan.banditFloor}` : ''}: ×${round(m)}`);
    }
    if (request.correlation !== undefined) {
      const k = inRange(request.correlation, 'request.correlation', { min: 0, max: 1 });
      const m = correlationMultiplier(plan, k);
      apply('correlation', m, `correlation penalty ${round(k)}: ×max(${plan.correlationFloor}, 1 − ${round(k)}) = ×${round(m)}`);
    }
    if (request.rlMultiplier !== undefined) {
      const x = finite(request.rlMultiplier, 'request.rlMultiplier');
      const m = rlClamp(plan, x);
      apply('rl', m, `RL agent multiplier ${round(x)}${m !== x ? ` clamped to [${plan.rlMin}, ${plan.rlMax}]` : ''}: ×${round(m)}`);
    }
    if (request.drawdown !== undefined) {
      const d = inRange(request.drawdown, 'request.drawdown', { min: 0, max: 1 });
      const m = drawdownMultiplier(plan, d);
      const step = matchedStep(plan.drawdownSteps, d, true);
      apply('drawdown', m, step === undefined ? `drawdown ${pct(d)} within the schedule's first step: ×1` : `drawdown ${pct(d)} > ${pct(step.above, 0)}: ×${m}`);
    }

    // Bounds: the tier's risk range, then its leverage ceiling.
    const priceNumber = price.toNumber();
    // Float inside: the stop as a fraction of price only converts risk into exposure for the cap.
    const lossReturn = stop === undefined ? base.lossReturn : stop.toNumber() / priceNumber;
    if (!(lossReturn > 0)) {
      throw new SizewiseError(
        'NO_LOSSES',
        'request.stopDistance',
        'request.stopDistance is required: the edge has no average loss to turn a risk fraction into an exposure',
      );
    }
    const unbounded = r;
    const clamped = clampRisk(plan, r);
    const bounded = boundRisk(plan, r, lossReturn);
    r = bounded;
    factors.push({ name: 'bounds', value: unbounded > 0 ? bounded / unbounded : 1, reason: boundsReason(plan, unbounded, clamped, bounded) });

    // sizeOrder validates lotStep and minNotional (same field names) and does the money in Decimal.
    const lot = { lotStep: request.lotStep ?? '1', minNotional: request.minNotional ?? '0' };
    const order = stop === undefined
      ? sizeOrder({ balance, price, ...lot, exposure: r / lossReturn })
      : sizeOrder({ balance, price, ...lot, riskFraction: r, stopDistance: stop });
    return {
      riskFraction: r,
      exposure: r / lossReturn,
      notional: order.notional,
      quantity: order.quantity,
      leftover: order.leftover,
      targetNotional: order.targetNotional,
      riskAmount: order.riskAmount,
      tier: plan.tierName,
      factors,
      warnings,
      usedFallback: base.fallback === true,
      ...(order.reason === undefined ? {} : { orderReason: order.reason }),
    };
  }

  /**
   * Columns for `n` rows of `sizeBatch` in WASM memory (after `await ready()`): fill them in
   * place, no copy. Getters rebuild views after WASM memory grows; `release()` frees them.
   * They start neutral where a neutral value exists — drawdown and correlation 0; banditWeight,
   * rlMultiplier and lossReturn 1, volatility 1 (ratio) or the target (target method); conviction 0 (none); regime NORMAL — and
   * baseRisk and confidence at 0 (confidence 0 is the lowest tier: fill it, or leave the
   * layer out). `columns` chooses which layers the batch has (default all; baseRisk always).
   */
  allocateBatch(n: number, columns: readonly ColumnName[] = COLUMN_NAMES): BatchColumns {
    integer(n, 'n', 1);
    const chosen = new Set<ColumnName>(['baseRisk']);
    columns.forEach((name, i) => chosen.add(oneOf(name, `columns[${i}]`, COLUMN_NAMES)));
    const kinds: Record<string, ColumnKind> = { riskFraction: 'f64', status: 'u8' };
    for (const name of chosen) kinds[name] = COLUMN_KINDS[name];
    const set = new WasmColumnSet(wasmCore(), n, kinds, { padTo: ROW_STEP });
    const v = this.config.volatilityAdjustment;
    const neutral: Partial<Record<ColumnName, number>> = { banditWeight: 1, rlMultiplier: 1, volatility: v.method === 'target' ? v.targetVolatility : 1, lossReturn: 1 };
    for (const name of chosen) set.view(name).fill(neutral[name] ?? 0);
    return exposeColumns({}, set, Object.keys(kinds)) as BatchColumns;
  }

  /**
   * The layer stack over columns in WASM (f64x2 SIMD, branch-free): row i equals
   * `size(...)`'s riskFraction for the same inputs. Columns from `allocateBatch` are read
   * in place and the result is written beside them (returned views are valid until WASM
   * memory grows); other columns (typed or plain arrays) are copied in and out. Rows are
   * validated in the kernel: a bad row gets a BATCH_STATUS code and 0. Needs `await ready()`.
   */
  sizeBatch(columns: Partial<ScalerColumns>, options: BatchOptions = {}): ScalerResult {
    knownKeys(options, 'options', ['tier']);
    const plan = this.plan(options.tier ?? this.config.defaultTier, 'options.tier');
    if (columns === null || typeof columns !== 'object') {
      throw new SizewiseError('INVALID_TYPE', 'columns', 'columns must be an object of columns');
    }
    const core = wasmCore();
    const own = columnSetOf(columns, core, ['baseRisk', 'riskFraction', 'status']);
    if (own !== undefined) {
      this.run(core, plan, own, own.length);
      return { riskFraction: own.view('riskFraction') as Float64Array, status: own.view('status') as Uint8Array };
    }
    knownKeys(columns, 'columns', COLUMN_NAMES);
    const present = COLUMN_NAMES.filter((name) => columns[name] !== undefined);
    if (columns.baseRisk === undefined) checkColumn(undefined, 'columns.baseRisk', undefined);
    let n: number | undefined;
    for (const name of present) n = checkColumn(columns[name], `columns.${name}`, n);
    const length = n as number;
    if (length === 0) return { riskFraction: new Float64Array(0), status: new Uint8Array(0) };
    const kinds: Record<string, ColumnKind> = { riskFraction: 'f64', status: 'u8' };
    for (const name of present) kinds[name] = COLUMN_KINDS[name];
    const sources = present.map((name) => columnSource(core, columns[name] as ArrayLike<unknown>));
    const set = new WasmColumnSet(core, length, kinds, { padTo: ROW_STEP });
    try {
      present.forEach((name, i) => copyColumnIn(core, set.ptr(name), COLUMN_KINDS[name], sources[i], toCode));
      this.run(core, plan, set, length);
      return { riskFraction: (set.view('riskFraction') as Float64Array).slice(), status: (set.view('status') as Uint8Array).slice() };
    } finally {
      set.release();
    }
  }

  /** The same batch in plain TypeScript (the kernel's twin): the test oracle and benchmark baseline. */
  sizeBatchTwin(columns: ScalerColumns, options: BatchOptions = {}): ScalerResult {
    knownKeys(options, 'options', ['tier']);
    const plan = this.plan(options.tier ?? this.config.defaultTier, 'options.tier');
    knownKeys(columns, 'columns', [...COLUMN_NAMES, 'riskFraction', 'status']);
    let n: number | undefined;
    const normalized: Record<string, ArrayLike<number>> = {};
    for (const name of COLUMN_NAMES) {
      const col = columns[name];
      if (col === undefined) {
        if (name === 'baseRisk') checkColumn(undefined, 'columns.baseRisk', undefined);
        continue;
      }
      n = checkColumn(col, `columns.${name}`, n);
      normalized[name] = COLUMN_KINDS[name] === 'u8' && !(col instanceof Uint8Array) ? toCodes(col) : col;
    }
    const out = new Float64Array(n as number);
    const status = new Uint8Array(n as number);
    sizeColumnsTwin(plan, normalized as unknown as ScalerColumns, n as number, out, status);
    return { riskFraction: out, status };
  }

  private run<S extends Record<string, ColumnSpec>>(core: WasmCore, plan: BatchPlan, set: WasmColumnSet<S>, n: number): void {
    const tables = this.tablesFor(core, plan);
    const params = core.scratch; // the scratch block is the caller's while a kernel runs
    const pointers: Record<string, number> = { out: set.ptr('riskFraction'), status: set.ptr('status'), ...tables };
    for (const name of COLUMN_NAMES) if (set.has(name)) pointers[name] = set.ptr(name);
    const buffer = core.exports.memory.buffer;
    writeParams(plan, { u32: new Uint32Array(buffer, params, PARAMS_BYTES / 4), f64: new Float64Array(buffer, params, PARAMS_BYTES / 8) }, 0, pointers);
    core.exports.sizeColumns(params, padRows(n));
  }

  private plan(tier: unknown, field: string): BatchPlan {
    if (typeof tier !== 'string') oneOf(tier, field, Object.keys(this.config.positionBoundaries));
    let plan = this.plans.get(tier as string);
    if (plan === undefined) {
      plan = batchPlan(this.config, tier as string, field);
      this.plans.set(tier as string, plan);
    }
    return plan;
  }

  /** The plan's code tables in WASM memory, written once per tier and core. */
  private tablesFor(core: WasmCore, plan: BatchPlan): { convictionTable: number; regimeTable: number } {
    let entry = this.tables.get(plan.tierName);
    if (entry === undefined || entry.core !== core) {
      const ptr = core.arena.alloc(2 * 256 * 8);
      core.arena.f64(ptr, 256).set(plan.convictionTable);
      core.arena.f64(ptr + 2048, 256).set(plan.regimeTable);
      entry = { core, ptr };
      this.tables.set(plan.tierName, entry);
    }
    return { convictionTable: entry.ptr, regimeTable: entry.ptr + 2048 };
  }

  private volatilityInput(request: SizingRequest, plan: BatchPlan, price: Decimal): number | undefined {
    const { atr, atrAverage, atrRatio } = request;
    if (atr === undefined && atrAverage === undefined && atrRatio === undefined) return undefined;
    if (plan.volMode === 1) {
      if (atr === undefined) {
        throw new SizewiseError('INVALID_TYPE', 'request.atr', 'request.atr is required: volatility targeting reads the current ATR (price units)');
      }
      return nonNegative(atr, 'request.atr') / price.toNumber();
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
}

/**
 * A position sizer for a config: `createSizer()` uses the seeds' defaults (SIZER_DEFAULTS);
 * a partial config is merged over them and validated (unknown keys, wrong types and
 * out-of-range values throw SizewiseError with the key path and value).
 *
 * @example createSizer().size({ balance: '100000', price: '412.37', edge, confidence: 0.88 })
 */
export function createSizer(config: SizerConfigInput = {}): PositionSizer {
  return new PositionSizer(config);
}

function toCodes(values: ArrayLike<number>): Uint8Array {
  return Uint8Array.from(values, toCode);
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function boundsReason(plan: BatchPlan, unbounded: number, clamped: number, bounded: number): string {
  if (unbounded <= 0) return 'no size to bound';
  const range = `tier ${plan.tierName}'s ${pct(plan.minRisk)}–${pct(plan.maxRisk)} risk per trade`;
  if (bounded < clamped) return `capped by tier ${plan.tierName}'s leverage ${plan.maxLeverage}× (risk ${pct(bounded, 3)})`;
  if (clamped > unbounded) return `raised to the floor of ${range}`;
  if (clamped < unbounded) return `capped at the ceiling of ${range}`;
  return `inside ${range}`;
}
