import { SizewiseError, describeValue } from '../errors.js';
import { checkBinaryEdge } from '../kelly/checkBinaryEdge.js';
import type { BinaryEdge } from '../kelly/types.js';
import { inRange, integer, knownKeys, oneOf } from '../validate.js';
import { binarySteps } from './binarySteps.js';
import { BINARY_MODEL_KEYS, SIMULATE_DEFAULTS, checkBinaryExposure, checkFiniteGain, openUnitArray } from './simulationJob.js';
import { byKey, drawdownFraction, saturate } from './summarizePaths.js';
import { MaxDrawdownLattice } from './maxDrawdownLattice.js';
import { tieTolerance } from './tieTolerance.js';
import type { DefaultDrawdownLevels, DrawdownKey, ExposureOutcome } from './types.js';

/** Options of exactBinary; L is the type of `drawdownLevels`, inferred from the call (it keys `probabilityOfDrawdown`). */
export interface ExactBinaryOptions<L extends readonly number[] = readonly number[]> {
  /** Exposure f (notional ÷ equity), > 0 and < 1 / lossReturn. */
  exposure: number;
  /** Number of trades n, 1 … EXACT_BINARY_LIMITS.maxTrades. */
  trades: number;
  /** Ruined if wealth ever falls to this fraction of the start (0.5). */
  ruinLevel?: number;
  /** Levels L in (0, 1) for P(max drawdown ≥ L) ([0.2, 0.5]). */
  drawdownLevels?: L;
  /** Percentiles in (0, 1) of terminal wealth (and of the maximum drawdown, when asked) ([0.05, 0.25, 0.5, 0.75, 0.95]). */
  percentiles?: readonly number[];
  /**
   * Also give `maxDrawdown` (median and percentiles): an exact search that solves the
   * drawdown law once per step (false). Up to EXACT_BINARY_LIMITS.maxDrawdownTrades.
   */
  maxDrawdown?: boolean;
}

/**
 * What exactBinary gives: an ExposureOutcome, with `maxDrawdown` only when `opts.maxDrawdown`
 * asked for it; K is the keys of `probabilityOfDrawdown` (DrawdownKey).
 */
export type ExactBinaryOutcome<K extends string = string> = Omit<ExposureOutcome<K>, 'maxDrawdown' | 'bands'> & { maxDrawdown?: ExposureOutcome['maxDrawdown'] };

export const EXACT_BINARY_DEFAULTS = Object.freeze({
  ruinLevel: SIMULATE_DEFAULTS.ruinLevel,
  drawdownLevels: SIMULATE_DEFAULTS.drawdownLevels,
  percentiles: SIMULATE_DEFAULTS.percentiles,
  maxDrawdown: false,
});

/**
 * Limits of exactBinary, set so that a call stays interactive (bench/simulatePaths.ts,
 * "exactBinary" rows): the ruin recursion is O(n²), each drawdown level one solve of the
 * drawdown law (O(n²) at worst, see MaxDrawdownLattice); the maximum-drawdown search
 * solves it about 15 times per percentile.
 */
export const EXACT_BINARY_LIMITS = Object.freeze({
  maxTrades: 10_000,
  maxDrawdownTrades: 2_000,
});

/**
 * The exact answers to simulate()'s questions for a binary bet, by dynamic programming on
 * the lattice of (wins, losses), without sampling error (floating-point error only).
 *
 * With a = ln(1 + f·w), b = ln(1 − f·l), after k wins in t trades ln W_t = k·a + (t − k)·b:
 * - E[W_n] = (1 + f(p·w − q·l))ⁿ and growth per trade p·a + q·b (closed forms);
 * - terminal wealth quantiles: the smallest k with P(K ≤ k) ≥ pct, K ~ Binomial(n, p),
 *   so W at that k (a lower quantile of a discrete law; simulate() interpolates order
 *   statistics, which differs by at most one lattice step);
 * - P(W_n < W_0) = Σ P(K = k) over k·a + (n − k)·b < 0;
 * - P(min_t W_t ≤ ruinLevel): the distribution of k over t with ruined states absorbed, O(n²);
 * - P(max drawdown ≥ L): the law of the drawdown as excursions below the running peak and a
 *   renewal over peaks (MaxDrawdownLattice), about 1 ms per level at 1 000 trades;
 * - with `opts.maxDrawdown`, the maximum-drawdown median and percentiles: the smallest
 *   lattice value whose exact P(max drawdown ≤ value) reaches the percentile (a search,
 *   one solve per step).
 * Every comparison with a level is made up to tieTolerance, as in simulate(), so exact
 * lattice ties such as ln 1.25 = −ln 0.8 count as equal to the level. Wealth figures beyond
 * the largest double are Number.MAX_VALUE, with their logarithms in `terminalWealth.log`.
 *
 * It is both a feature (the exact risk of ruin of a win/loss strategy) and the truth
 * simulate() is tested against. Throws SizewiseError naming the field.
 *
 * @example
 * exactBinary({ winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 }, { exposure: 5, trades: 100 })
 *   .probabilityOfRuin; // P(wealth ever ≤ 50 % of the start within 100 trades)
 */
export function exactBinary<const L extends readonly number[] = DefaultDrawdownLevels>(
  model: BinaryEdge & { kind?: 'binary' },
  opts: ExactBinaryOptions<L> & { maxDrawdown: true },
): ExposureOutcome<DrawdownKey<L[number]>>;
export function exactBinary<const L extends readonly number[] = DefaultDrawdownLevels>(
  model: BinaryEdge & { kind?: 'binary' },
  opts: ExactBinaryOptions<L>,
): ExactBinaryOutcome<DrawdownKey<L[number]>>;
export function exactBinary(model: BinaryEdge & { kind?: 'binary' }, opts: ExactBinaryOptions): ExactBinaryOutcome {
  if (model !== null && typeof model === 'object') {
    knownKeys(model, 'model', BINARY_MODEL_KEYS);
    if (model.kind !== undefined) oneOf(model.kind, 'model.kind', ['binary'] as const);
  }
  const edge = checkBinaryEdge(model, 'model');
  if (opts === null || typeof opts !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'opts', `opts must be { exposure, trades, … }, received ${describeValue(opts)}`, opts);
  }
  knownKeys(opts, 'opts', ['exposure', 'trades', 'ruinLevel', 'drawdownLevels', 'percentiles', 'maxDrawdown']);
  const f = inRange(opts.exposure, 'opts.exposure', { min: 0, minOpen: true });
  checkBinaryExposure(f, edge, 'opts.exposure');
  checkFiniteGain(f * edge.winReturn, f, 'opts.exposure', 'model.winReturn');
  const d = EXACT_BINARY_DEFAULTS;
  const withMaxDrawdown = opts.maxDrawdown ?? d.maxDrawdown;
  if (typeof withMaxDrawdown !== 'boolean') {
    throw new SizewiseError('INVALID_TYPE', 'opts.maxDrawdown', `opts.maxDrawdown must be true or false, received ${describeValue(withMaxDrawdown)}`, withMaxDrawdown);
  }
  const n = integer(opts.trades, 'opts.trades', 1, withMaxDrawdown ? EXACT_BINARY_LIMITS.maxDrawdownTrades : EXACT_BINARY_LIMITS.maxTrades);
  const ruinLevel = inRange(opts.ruinLevel ?? d.ruinLevel, 'opts.ruinLevel', { min: 0, max: 1, minOpen: true, maxOpen: true });
  const levels = openUnitArray(opts.drawdownLevels ?? d.drawdownLevels, 'opts.drawdownLevels');
  const percentiles = openUnitArray(opts.percentiles ?? d.percentiles, 'opts.percentiles');

  const p = edge.winProbability;
  const q = 1 - p;
  const { lnWin: a, lnLoss: b } = binarySteps(edge, f);
  const tol = tieTolerance(n, Math.max(Math.abs(a), Math.abs(b)));
  const pmf = binomialPmf(n, p);
  const logWealth = (k: number) => k * a + (n - k) * b;
  const terminalQuantile = (pct: number) => {
    let cdf = 0;
    for (let k = 0; k <= n; k++) {
      cdf += pmf[k];
      if (cdf >= pct * (1 - 1e-12)) return logWealth(k);
    }
    return logWealth(n);
  };
  const wealth = (pct: number) => saturate(Math.exp(terminalQuantile(pct)));
  let loss = 0;
  for (let k = 0; k <= n; k++) if (logWealth(k) < -tol) loss += pmf[k];
  const drift = f * (p * edge.winReturn - q * edge.lossReturn);

  const drawdown = new MaxDrawdownLattice(p, a, b, n, tol);
  const outcome: ExactBinaryOutcome = {
    exposure: f,
    terminalWealth: {
      mean: saturate(Math.pow(1 + drift, n)),
      median: wealth(0.5),
      percentiles: byKey(percentiles, wealth),
      log: { mean: n * Math.log1p(drift), median: terminalQuantile(0.5), percentiles: byKey(percentiles, terminalQuantile) },
    },
    growthPerTrade: p * a + q * b,
    probabilityOfLoss: Math.min(1, loss),
    probabilityOfRuin: ruinProbability(p, a, b, n, Math.log(ruinLevel) + tol),
    probabilityOfDrawdown: byKey(levels, (level) => drawdown.probabilityAtLeast(-Math.log1p(-level))),
  };
  if (withMaxDrawdown) {
    const fraction = (pct: number) => drawdownFraction(drawdown.quantile(pct));
    outcome.maxDrawdown = { median: fraction(0.5), percentiles: byKey(percentiles, fraction) };
  }
  return outcome;
}

/** P(K = k), K ~ Binomial(n, p), from log C(n, k) + k ln p + (n − k) ln q. */
function binomialPmf(n: number, p: number): Float64Array {
  const pmf = new Float64Array(n + 1);
  if (p <= 0 || p >= 1) {
    pmf[p <= 0 ? 0 : n] = 1;
    return pmf;
  }
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let logC = 0;
  for (let k = 0; k <= n; k++) {
    pmf[k] = Math.exp(logC + k * lp + (n - k) * lq);
    logC += Math.log(n - k) - Math.log(k + 1);
  }
  return pmf;
}

/** P(min_t ln W_t ≤ lnRuin): the law of the win count k over t, ruined states absorbed. O(n²). */
function ruinProbability(p: number, a: number, b: number, n: number, lnRuin: number): number {
  const q = 1 - p;
  const u = new Float64Array(n + 2);
  u[0] = 1;
  let ruined = 0;
  for (let t = 1; t <= n; t++) {
    for (let k = t; k >= 1; k--) u[k] = u[k] * q + u[k - 1] * p;
    u[0] *= q;
    // ln W = k·a + (t − k)·b grows with k (a > b): the ruined states are the lowest k.
    for (let k = 0; k <= t && k * a + (t - k) * b <= lnRuin; k++) {
      ruined += u[k];
      u[k] = 0;
    }
  }
  return Math.min(1, ruined);
}
