import { knownKeys, oneOf } from '../validate.js';
import { checkPricePath, mirrorPath, type PricePath, type TradeSide } from './pricePath.js';
import { resolveScalingTemplate, SIZE_TOLERANCE, type ScalingTemplate } from './scalingTemplates.js';
import { EXIT_BIAS_FRACTIONS, EXIT_BIASES, type ExitBias } from './scalingRegime.js';

/** One fill of a managed position. */
export interface PositionFill {
  /** Index of the path bar it filled in (0 = the entry bar). */
  bar: number;
  side: 'buy' | 'sell';
  price: number;
  /** Fraction of a full position. */
  size: number;
  reason: 'entry' | 'add' | 'exit' | 'stop' | 'end';
  /** What is held after the fill. */
  held: number;
}

/** A trade run through a scaling template. */
export interface ManagedTrade {
  /** Total P&L ÷ (one full position × R): what the trade made in units of the full position's initial risk. */
  rMultiple: number;
  fills: PositionFill[];
  /** 'stop': the stop was hit; 'target': the last exit filled; 'end': the bars ran out and the rest was sold at the last close. */
  exitReason: 'stop' | 'target' | 'end';
  /** Index of the path bar the position was closed in. */
  exitBar: number;
  /** The most held at any time. */
  maxHeld: number;
}

export interface ManagePositionOptions {
  /** Overrides the first exit's fraction (CONTINUATION 0.3, MEAN_REVERSION 0.5) when the template has two exits or more. */
  exitBias?: ExitBias;
  /** 'short' mirrors every rule (stop above the entry, adds and exits below it). */
  side: TradeSide;
}

export const MANAGE_POSITION_DEFAULTS: Readonly<ManagePositionOptions> = Object.freeze({ side: 'long' });

/**
 * Runs a trade bar by bar through a scaling template, with adds and partial exits in
 * units of the initial risk R = entry − stop (long). The rules, exactly:
 *
 * - `initialSize` is bought at the entry price before the first bar.
 * - For each bar in order:
 *   1. if low ≤ stop, everything held is sold at the stop and the trade ends ('stop').
 *      The stop is checked first even when the same bar also reaches an add or a target
 *      (daily bars do not say which came first; this is the cautious reading);
 *   2. adds, in order, each at most once: when high ≥ entry + atR·R and held + size ≤
 *      maxPosition (within 1e-9), `size` is bought at exactly entry + atR·R (an add that
 *      does not fit is tried again on later bars);
 *   3. exits, in order, each at most once: when high ≥ entry + atR·R, `fraction` × what is
 *      held is sold at exactly that price; the last exit sells the rest ('target').
 * - The stop never moves. Bars run out while holding: the rest is sold at the last close ('end').
 * - An exit bias replaces the first exit's fraction (CONTINUATION 0.3, MEAN_REVERSION 0.5)
 *   when the template has more than one exit; with one exit it changes nothing.
 *
 * Fills are at the levels, never at a gap's open: a bar that opens through the stop is
 * still sold at the stop, and a bar that opens above a level still fills at the level.
 * A short trade mirrors all of it (it is run as a long trade on negated prices).
 * rMultiple = Σ sells·(price − entry) − Σ buys·(price − entry), ÷ R. O(bars × steps).
 *
 * @example managePosition({ entry: 100, stop: 90, high: [104, 111], low: [99, 103], close: [103, 110] }, 'NORMAL').rMultiple
 * // 0.5 + 0.25 bought (the add at 105), 40 % sold at 110, nothing more: the rest sold at the last close 110 → 0.625
 */
export function managePosition(path: PricePath, template: ScalingTemplate | string, options: Partial<ManagePositionOptions> = {}): ManagedTrade {
  knownKeys(options, 'options', ['exitBias', 'side']);
  const side = oneOf(options.side ?? MANAGE_POSITION_DEFAULTS.side, 'options.side', ['long', 'short'] as const);
  const bias = options.exitBias === undefined ? undefined : oneOf(options.exitBias, 'options.exitBias', EXIT_BIASES);
  checkPricePath(path, 'path', side);
  const t = resolveScalingTemplate(template, 'template');
  if (side === 'long') return managePositionUnchecked(path, t, bias);
  const mirrored = managePositionUnchecked(mirrorPath(path), t, bias);
  for (const fill of mirrored.fills) fill.price = -fill.price;
  return mirrored;
}

/** managePosition for a checked long path and template. */
export function managePositionUnchecked(path: PricePath, t: ScalingTemplate, exitBias?: ExitBias): ManagedTrade {
  const { entry, stop, high, low, close } = path;
  const risk = entry - stop;
  const n = close.length;
  const position = new Position(entry);
  position.fill(0, 'buy', entry, t.initialSize, 'entry');
  const added = new Array<boolean>(t.adds.length).fill(false);
  const lastExit = t.exits.length - 1;
  let nextExit = 0;
  for (let bar = 0; bar < n; bar++) {
    if (low[bar] <= stop) {
      position.fill(bar, 'sell', stop, position.held, 'stop');
      return position.result(risk, bar, 'stop');
    }
    for (let k = 0; k < t.adds.length; k++) {
      const add = t.adds[k];
      const level = entry + add.atR * risk;
      if (!added[k] && high[bar] >= level && position.held + add.size <= t.maxPosition + SIZE_TOLERANCE) {
        position.fill(bar, 'buy', level, add.size, 'add');
        added[k] = true;
      }
    }
    while (nextExit <= lastExit && high[bar] >= entry + t.exits[nextExit].atR * risk) {
      const level = entry + t.exits[nextExit].atR * risk;
      if (nextExit === lastExit) {
        position.fill(bar, 'sell', level, position.held, 'exit');
        return position.result(risk, bar, 'target');
      }
      const fraction = nextExit === 0 && exitBias !== undefined ? EXIT_BIAS_FRACTIONS[exitBias] : t.exits[nextExit].fraction;
      position.fill(bar, 'sell', level, fraction * position.held, 'exit');
      nextExit++;
    }
  }
  position.fill(n - 1, 'sell', close[n - 1], position.held, 'end');
  return position.result(risk, n - 1, 'end');
}

/** What is held, the P&L so far (per full position, in price units) and the fills. */
class Position {
  held = 0;
  maxHeld = 0;
  pnl = 0;
  readonly fills: PositionFill[] = [];

  constructor(private readonly entry: number) {}

  fill(bar: number, side: 'buy' | 'sell', price: number, size: number, reason: PositionFill['reason']): void {
    // A closing sale sets exactly 0 (no round-off residue); a partial one subtracts.
    this.held = side === 'buy' ? this.held + size : reason === 'exit' && size !== this.held ? this.held - size : 0;
    this.pnl += (side === 'buy' ? -size : size) * (price - this.entry);
    if (this.held > this.maxHeld) this.maxHeld = this.held;
    this.fills.push({ bar, side, price, size, reason, held: this.held });
  }

  result(risk: number, bar: number, exitReason: ManagedTrade['exitReason']): ManagedTrade {
    return { rMultiple: this.pnl / risk + 0, fills: this.fills, exitReason, exitBar: bar, maxHeld: this.maxHeld };
  }
}
