import { SizewiseError, describeValue } from '../errors.js';
import { finiteArray, integer, knownKeys, positive } from '../validate.js';
import { checkFieldName } from './checkFieldName.js';

/** Stop-loss and take-profit multipliers (in ATRs) crossed with the size multipliers. */
export interface ExitGrid {
  stopLoss: readonly number[];
  takeProfit: readonly number[];
}

/** What an action index means. */
export interface ActionInfo {
  /** The action's index in the Q-table row. */
  action: number;
  multiplier: number;
  /** Stop distance in ATRs (joint grid only). */
  stopLoss?: number;
  /** Take-profit distance in ATRs (joint grid only). */
  takeProfit?: number;
}

/** The seeds' size multipliers. */
export const DEFAULT_ACTIONS: readonly number[] = Object.freeze([0.5, 0.75, 1, 1.25, 1.5, 2]);

/** The seeds' joint grid: stops 1.0–3.0 ATR, take-profits 1.5–5.0 ATR. */
export const DEFAULT_EXIT_GRID: ExitGrid = Object.freeze({
  stopLoss: Object.freeze([1, 1.5, 2, 2.5, 3]),
  takeProfit: Object.freeze([1.5, 2, 3, 4, 5]),
});

/** Most actions per state. */
export const MAX_ACTIONS = 4096;

/**
 * The action set: size multipliers, optionally crossed with an exit grid
 * (index = (multiplier × |stops| + stop) × |take-profits| + take-profit).
 */
export class ActionSpace {
  readonly multipliers: readonly number[];
  readonly grid: ExitGrid | null;
  readonly size: number;
  /** The action with the multiplier closest to 1.0 (first stop and take-profit): where ties go. */
  readonly neutral: number;

  constructor(actions: readonly number[], grid: ExitGrid | undefined, field = 'actions', gridField = 'grid') {
    const m = finiteArray(actions, field);
    m.forEach((x, i) => positive(x, `${field}[${i}]`));
    if (new Set(m).size !== m.length) throw new SizewiseError('UNKNOWN_VALUE', field, `${field} has a duplicate multiplier`, actions);
    this.multipliers = Object.freeze(Array.from(m));
    if (grid !== undefined) {
      if (grid === null || typeof grid !== 'object') {
        throw new SizewiseError('INVALID_TYPE', gridField, `${gridField} must be { stopLoss, takeProfit }, received ${describeValue(grid)}`, grid);
      }
      knownKeys(grid, gridField, ['stopLoss', 'takeProfit']);
      const stopLoss = Array.from(finiteArray(grid.stopLoss, `${gridField}.stopLoss`));
      const takeProfit = Array.from(finiteArray(grid.takeProfit, `${gridField}.takeProfit`));
      stopLoss.forEach((x, i) => positive(x, `${gridField}.stopLoss[${i}]`));
      takeProfit.forEach((x, i) => positive(x, `${gridField}.takeProfit[${i}]`));
      this.grid = Object.freeze({ stopLoss: Object.freeze(stopLoss), takeProfit: Object.freeze(takeProfit) });
    } else {
      this.grid = null;
    }
    const perMultiplier = this.grid === null ? 1 : this.grid.stopLoss.length * this.grid.takeProfit.length;
    this.size = m.length * perMultiplier;
    if (this.size > MAX_ACTIONS) {
      throw new SizewiseError('TOO_LARGE', field, `${this.size} actions per state is above the limit of ${MAX_ACTIONS}`, this.size);
    }
    let best = 0;
    for (let i = 1; i < m.length; i++) if (Math.abs(m[i] - 1) < Math.abs(m[best] - 1)) best = i;
    this.neutral = best * perMultiplier;
  }

  /** Checks an action index given by a caller. */
  check(action: unknown, field = 'action'): number {
    checkFieldName(field);
    return integer(action, field, 0, this.size - 1);
  }

  /** The multiplier (and exits) of an action index in [0, size). */
  decode(action: number): ActionInfo {
    if (!(action >= 0 && action < this.size && Number.isInteger(action))) this.check(action);
    if (this.grid === null) return { action, multiplier: this.multipliers[action] };
    const nt = this.grid.takeProfit.length;
    const ns = this.grid.stopLoss.length;
    const tp = action % nt;
    const st = Math.floor(action / nt) % ns;
    const mi = Math.floor(action / (nt * ns));
    return { action, multiplier: this.multipliers[mi], stopLoss: this.grid.stopLoss[st], takeProfit: this.grid.takeProfit[tp] };
  }
}
