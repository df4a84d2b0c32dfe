import type { KellyAdjustment } from '../index.js';
import { num, pct } from './format.js';

/** A Kelly adjustment as a table cell: "×1.00 (none)", "×0.78 (drawdown 22.0 %)", "×1.10 (winning-streak)". */
export function adjustmentText(a: KellyAdjustment): string {
  return `×${num(a.factor)} (${a.reason}${a.reason === 'drawdown' ? ` ${pct(a.maxDrawdown, 1)}` : ''})`;
}
