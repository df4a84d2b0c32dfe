import type { BatchPlan } from './batchPlan.js';
import type { ScheduleStep } from './sizerConfig.js';
import { MAX_STEPS } from './resolveSizerConfig.js';

// The byte layout of the `sizeColumns` kernel's parameter block, declared once: the facade
// writes the block from these offsets, and scripts/genSizeColumnsParams.ts writes the same
// offsets as constants into assembly/sizeColumnsParams.ts, which the kernel reads (a test
// checks that file is current). To change the layout, change the lists below and run
// `npx tsx scripts/genSizeColumnsParams.ts`.

/** The layer columns, in presence-bit order (bit i of `flags` = column i is present). */
export const PARAM_COLUMNS = [
  'baseRisk', 'confidence', 'conviction', 'volatility', 'regime', 'scaling', 'banditWeight', 'correlation', 'rlMultiplier', 'drawdown', 'lossReturn',
] as const;

/** u32 slots after the column pointers: output pointers, flags, modes, step counts, table pointers. */
export const PARAM_U32 = [
  'out', 'status', 'flags', 'signalMode', 'volMode', 'tierCount', 'volStepCount', 'drawdownStepCount', 'convictionTable', 'regimeTable',
] as const;

/** f64 slots: the plan's constants. */
export const PARAM_F64 = [
  'belowTiers', 'metaOffset', 'metaMin', 'metaMax', 'volTarget', 'volMaxMultiplier', 'volFloor',
  'banditFloor', 'correlationFloor', 'rlMin', 'rlMax', 'minRisk', 'maxRisk', 'maxLeverage',
] as const;

/** Step tables: MAX_STEPS × (above, multiplier) f64 pairs each, ascending by `above`. */
export const PARAM_STEPS = ['tiers', 'volSteps', 'drawdownSteps'] as const;

export type ParamColumn = (typeof PARAM_COLUMNS)[number];
export type ParamName = ParamColumn | (typeof PARAM_U32)[number] | (typeof PARAM_F64)[number] | (typeof PARAM_STEPS)[number];

/** The layout: byte offset of every slot, presence bit of every column, total bytes. */
export const SIZE_COLUMNS_PARAMS = layout();

function layout(): Readonly<{ offsets: Readonly<Record<ParamName, number>>; bits: Readonly<Record<ParamColumn, number>>; maxSteps: number; bytes: number }> {
  const offsets = {} as Record<ParamName, number>;
  const bits = {} as Record<ParamColumn, number>;
  let at = 0;
  PARAM_COLUMNS.forEach((name, i) => {
    offsets[name] = at;
    bits[name] = i;
    at += 4;
  });
  for (const name of PARAM_U32) (offsets[name] = at), (at += 4);
  at = Math.ceil(at / 8) * 8; // f64 slots aligned
  for (const name of PARAM_F64) (offsets[name] = at), (at += 8);
  for (const name of PARAM_STEPS) (offsets[name] = at), (at += 16 * MAX_STEPS);
  return Object.freeze({ offsets: Object.freeze(offsets), bits: Object.freeze(bits), maxSteps: MAX_STEPS, bytes: at });
}

/** Byte addresses the block points at: each present column, the outputs and the two code tables. */
export type ParamPointers = Partial<Record<ParamColumn, number>> & { out: number; status: number; convictionTable: number; regimeTable: number };

/**
 * Writes the plan into a parameter block: `u32` and `f64` are views of WASM memory,
 * `params` the block's byte address; a column absent from `pointers` leaves its layer out.
 */
export function writeSizeColumnsParams(plan: BatchPlan, memory: { u32: Uint32Array; f64: Float64Array }, params: number, pointers: ParamPointers): void {
  const { offsets, bits } = SIZE_COLUMNS_PARAMS;
  const u = (name: ParamName, value: number) => (memory.u32[(params + offsets[name]) >>> 2] = value);
  const f = (name: ParamName, value: number) => (memory.f64[(params + offsets[name]) >>> 3] = value);
  let flags = 0;
  for (const name of PARAM_COLUMNS) {
    const ptr = pointers[name];
    u(name, ptr ?? 0);
    if (ptr !== undefined) flags |= 1 << bits[name];
  }
  u('out', pointers.out);
  u('status', pointers.status);
  u('flags', flags);
  u('signalMode', plan.signalMode);
  u('volMode', plan.volMode);
  u('tierCount', plan.tiers.length);
  u('volStepCount', plan.volSteps.length);
  u('drawdownStepCount', plan.drawdownSteps.length);
  u('convictionTable', pointers.convictionTable);
  u('regimeTable', pointers.regimeTable);
  f('belowTiers', plan.belowTiers);
  f('metaOffset', plan.metaOffset);
  f('metaMin', plan.metaMin);
  f('metaMax', plan.metaMax);
  f('volTarget', plan.volTarget);
  f('volMaxMultiplier', plan.volMaxMultiplier);
  f('volFloor', plan.volFloor);
  f('banditFloor', plan.banditFloor);
  f('correlationFloor', plan.correlationFloor);
  f('rlMin', plan.rlMin);
  f('rlMax', plan.rlMax);
  f('minRisk', plan.minRisk);
  f('maxRisk', plan.maxRisk);
  f('maxLeverage', plan.maxLeverage);
  const steps = (name: (typeof PARAM_STEPS)[number], list: readonly ScheduleStep[]) =>
    list.forEach((s, k) => {
      memory.f64[(params + offsets[name] + 16 * k) >>> 3] = s.above;
      memory.f64[(params + offsets[name] + 16 * k + 8) >>> 3] = s.multiplier;
    });
  steps('tiers', plan.tiers);
  steps('volSteps', plan.volSteps);
  steps('drawdownSteps', plan.drawdownSteps);
}
