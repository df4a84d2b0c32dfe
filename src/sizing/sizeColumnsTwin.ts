import { checkColumn } from '../runtime/copyColumnIn.js';
import { knownKeys } from '../validate.js';
import { batchPlan, type BatchPlan } from './batchPlan.js';
import { banditMultiplier, boundRisk, correlationMultiplier, drawdownMultiplier, rlClamp, signalMultiplier, volatilityMultiplier } from './layerMath.js';
import { toCode } from './regimeCodes.js';
import { BATCH_STATUS, LAYER_COLUMN_KINDS, LAYER_COLUMNS, type BatchOptions, type SizeBatchColumns, type SizeBatchResult } from './sizeColumns.js';
import type { SizerConfig } from './sizerConfig.js';

const inUnit = (x: number) => x >= 0 && x <= 1;
const finiteNonNegative = (x: number) => x >= 0 && Math.abs(x) < Infinity;

/**
 * The plain TypeScript twin of the `sizeColumns` kernel (assembly/sizeColumns.ts): the
 * same layers, in the same order, with the same status codes, one row at a time. It is
 * the test oracle for the kernel and a benchmark baseline, not part of the public API.
 * Writes `n` rows of `out` and `status`.
 */
export function sizeColumnsTwin(plan: BatchPlan, c: SizeBatchColumns, n: number, out: Float64Array, status: Uint8Array): void {
  for (let i = 0; i < n; i++) {
    const base = c.baseRisk[i];
    let r = base;
    let s = 0;
    if (c.scaling !== undefined && !(c.scaling[i] > 0 && c.scaling[i] <= 1)) s = BATCH_STATUS.SCALING;
    if (c.lossReturn !== undefined && !(c.lossReturn[i] > 0 && Math.abs(c.lossReturn[i]) < Infinity)) s = BATCH_STATUS.LOSS_RETURN;
    if (c.drawdown !== undefined && !inUnit(c.drawdown[i])) s = BATCH_STATUS.DRAWDOWN;
    if (c.rlMultiplier !== undefined && !(Math.abs(c.rlMultiplier[i]) < Infinity)) s = BATCH_STATUS.RL_MULTIPLIER;
    if (c.correlation !== undefined && !inUnit(c.correlation[i])) s = BATCH_STATUS.CORRELATION;
    if (c.banditWeight !== undefined && !finiteNonNegative(c.banditWeight[i])) s = BATCH_STATUS.BANDIT_WEIGHT;
    const regime = c.regime === undefined ? 1 : plan.regimeTable[c.regime[i]];
    if (Number.isNaN(regime)) s = BATCH_STATUS.REGIME;
    if (c.volatility !== undefined && !finiteNonNegative(c.volatility[i])) s = BATCH_STATUS.VOLATILITY;
    const conviction = c.conviction === undefined ? 1 : plan.convictionTable[c.conviction[i]];
    if (Number.isNaN(conviction)) s = BATCH_STATUS.CONVICTION;
    if (c.confidence !== undefined && !inUnit(c.confidence[i])) s = BATCH_STATUS.CONFIDENCE;
    if (!finiteNonNegative(base)) s = BATCH_STATUS.BASE_RISK;

    r = r * (c.confidence === undefined ? 1 : signalMultiplier(plan, c.confidence[i]));
    r = r * conviction;
    r = r * (c.volatility === undefined ? 1 : volatilityMultiplier(plan, c.volatility[i]));
    r = r * regime;
    r = r * (c.scaling === undefined ? 1 : c.scaling[i]);
    r = r * (c.banditWeight === undefined ? 1 : banditMultiplier(plan, c.banditWeight[i]));
    r = r * (c.correlation === undefined ? 1 : correlationMultiplier(plan, c.correlation[i]));
    r = r * (c.rlMultiplier === undefined ? 1 : rlClamp(plan, c.rlMultiplier[i]));
    r = r * (c.drawdown === undefined ? 1 : drawdownMultiplier(plan, c.drawdown[i]));
    r = boundRisk(plan, r, c.lossReturn === undefined ? Infinity : c.lossReturn[i]);

    out[i] = s === 0 ? r : 0;
    status[i] = s;
  }
}

/**
 * `sizer.sizeBatch` in plain TypeScript, for tests and benchmarks: the same columns
 * (typed or plain arrays, or the columns `allocateBatch` hands out), the config's plan for
 * the tier, fresh result arrays. Plain arrays are read as the facade copies them: a code
 * that is not an integer 0–254, or a value that is not a number, fails its row.
 */
export function sizeBatchTwin(config: SizerConfig, columns: Partial<SizeBatchColumns>, options: BatchOptions = {}): SizeBatchResult {
  knownKeys(options, 'options', ['tier']);
  const plan = batchPlan(config, options.tier ?? config.defaultTier, 'options.tier');
  let n: number | undefined;
  const normalized: Partial<Record<keyof SizeBatchColumns, ArrayLike<number>>> = {};
  for (const name of LAYER_COLUMNS) {
    const col = columns[name];
    if (col === undefined) continue;
    n = checkColumn(col, `columns.${name}`, n);
    if (LAYER_COLUMN_KINDS[name] === 'u8') normalized[name] = col instanceof Uint8Array ? col : Uint8Array.from(col, toCode);
    else normalized[name] = ArrayBuffer.isView(col) ? col : Float64Array.from(col as ArrayLike<unknown>, (x) => (typeof x === 'number' ? x : Number.NaN));
  }
  if (normalized.baseRisk === undefined) checkColumn(undefined, 'columns.baseRisk', undefined);
  const out = new Float64Array(n as number);
  const status = new Uint8Array(n as number);
  sizeColumnsTwin(plan, normalized as SizeBatchColumns, n as number, out, status);
  return { riskFraction: out, status };
}
