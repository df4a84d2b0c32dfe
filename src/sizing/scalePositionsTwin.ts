import { SCALE_STATUS, type ScaleColumns } from './scalePositions.js';

/** The twin reads any numeric arrays (the facade's ScaleColumns or plain arrays). */
export type ScaleColumnsLike = { [K in keyof ScaleColumns]: ArrayLike<number> };

/**
 * The plain TypeScript twin of the `scalePositions` kernel (assembly/scalePositions.ts), the
 * seeds' Module Y: scaled = clip(position × (0.5 + metaProbability) × max(0.2, banditWeight)
 * × regimeFactor × max(0.2, 1 − correlationPenalty), ±maxPosition), with the kernel's status
 * codes. `regimeTable` maps a code to its factor (NaN = unknown). The test oracle and a
 * benchmark baseline; not part of the public API.
 */
export function scalePositionsTwin(
  c: ScaleColumnsLike,
  regimeTable: Float64Array,
  maxPosition: number,
  n: number,
  scaled: Float64Array,
  status: Uint8Array,
): void {
  for (let i = 0; i < n; i++) {
    const position = c.position[i];
    const meta = c.metaProbability[i];
    const bandit = c.banditWeight[i];
    const correlation = c.correlationPenalty[i];
    const regime = regimeTable[c.regime[i]];
    let x = position * (0.5 + meta);
    x = x * Math.max(0.2, bandit);
    x = x * regime;
    x = x * Math.max(0.2, 1 - correlation);
    x = Math.min(Math.max(x, -maxPosition), maxPosition);
    let s = 0;
    if (!(correlation >= 0 && correlation <= 1)) s = SCALE_STATUS.CORRELATION_PENALTY;
    if (Number.isNaN(regime)) s = SCALE_STATUS.REGIME;
    if (!(bandit >= 0 && Math.abs(bandit) < Infinity)) s = SCALE_STATUS.BANDIT_WEIGHT;
    if (!(meta >= 0 && meta <= 1)) s = SCALE_STATUS.META_PROBABILITY;
    if (!(Math.abs(position) < Infinity)) s = SCALE_STATUS.POSITION;
    scaled[i] = s === 0 ? x : 0;
    status[i] = s;
  }
}
