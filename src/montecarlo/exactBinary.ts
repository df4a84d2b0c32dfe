import { SizewiseError, describeValue } from '../errors.js';
import { checkBinaryEdge } from '../kelly/checkBinaryEdge.js';
import type { BinaryEdge } from '../kelly/types.js';
import { inRange, integer, knownKeys, oneOf } from '../validate.js';
import { binarySteps } from './binarySteps.js';
import { BINARY_MODEL_KEYS, SIMULATE_DEFAULTS, checkBinaryExposure, openUnitArray } from './simulationJob.js';
import { byKey } from './summarizePaths.js';
import { tieTolerance } from './tieTolerance.js';
import type { ExposureOutcome } from './types.js';

export interface ExactBinaryOptions {
  /** Exposure f (notional ÷ equity), > 0 and < 1 / lossReturn. */
  exposure: number;
  /** Number of trades n, 1 … EXACT_BINARY_LIMITS.maxTrades. */
  trades: number;
  /** Ruined if wealth ever falls to this fraction of the start (0.5). */
  ruinLevel?: number;
  /** Levels L in (0, 1) for P(max drawdown ≥ L) ([0.2, 0.5]). */
  drawdownLevels?: readonly number[];
  /** Percentiles in (0, 1) of terminal wealth and maximum drawdown ([0.05, 0.25, 0.5, 0.75, 0.95]). */
  percentiles?: readonly number[];
}

export const EXACT_BINARY_DEFAULTS = Object.freeze({
  ruinLevel: SIMULATE_DEFAULTS.ruinLevel,
  drawdownLevels: SIMULATE_DEFAULTS.drawdownLevels,
  percentiles: SIMULATE_DEFAULTS.percentiles,
});

/**
 * Limits of exactBinary: the ruin recursion is O(n²); each drawdown question is
 * O(n² · L / |ln(1 − f·lossReturn)|) and is refused (TOO_LARGE) above `maxDrawdownWork`
 * state updates. Maximum-drawdown quantiles are found by bisection on the exact
 * P(max drawdown ≥ x) to `drawdownTolerance` in log units (≈ the same in drawdown fraction).
 */
export const EXACT_BINARY_LIMITS = Object.freeze({
  maxTrades: 10_000,
  maxDrawdownWork: 2e9,
  drawdownTolerance: 1e-6,
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
 * (every comparison with a level is made up to tieTolerance, as in simulate(), so exact
 * lattice ties such as ln 1.25 = −ln 0.8 count as equal to the level)
 * - P(min_t W_t ≤ ruinLevel): the distribution of k over t with ruined states absorbed, O(n²);
 * - P(max drawdown ≥ L): a chain on (wins i, losses j) since the last peak, drawdown
 *   D = j·|b| − i·a in log units, absorbed when D ≥ −ln(1 − L), back to the peak when D ≤ 0;
 * - maximum-drawdown quantiles: bisection on that exact tail probability, to
 *   EXACT_BINARY_LIMITS.drawdownTolerance; `maxDrawdown` is a non-enumerable getter that
 *   computes them on first access (the costliest part: one chain per bisection step). It
 *   never throws: the call brackets the largest percentile first, so TOO_LARGE comes
 *   from exactBinary itself.
 *
 * It is both a feature (the exact risk of ruin of a win/loss strategy) and the truth
 * simulate() is tested against. Throws SizewiseError naming the field.
 *
 * @example
 * exactBinary({ winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 }, { exposure: 5, trades: 100 })
 *   .probabilityOfRuin; // P(wealth ever ≤ 50 % of the start within 100 trades)
 */
export function exactBinary(model: BinaryEdge & { kind?: 'binary' }, opts: ExactBinaryOptions): ExposureOutcome {
  if (model !== null && typeof model === 'object') {
    knownKeys(model, 'model', BINARY_MODEL_KEYS);
    if (model.kind !== undefined) oneOf(model.kind, 'model.kind', ['binary'] as const);
  }
  const edge = checkBinaryEdge(model, 'model');
  if (opts === null || typeof opts !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'opts', `opts must be { exposure, trades, … }, received ${describeValue(opts)}`, opts);
  }
  knownKeys(opts, 'opts', ['exposure', 'trades', 'ruinLevel', 'drawdownLevels', 'percentiles']);
  const f = inRange(opts.exposure, 'opts.exposure', { min: 0, minOpen: true });
  checkBinaryExposure(f, edge, 'opts.exposure');
  const n = integer(opts.trades, 'opts.trades', 1, EXACT_BINARY_LIMITS.maxTrades);
  const d = EXACT_BINARY_DEFAULTS;
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
      if (cdf >= pct * (1 - 1e-12)) return Math.exp(logWealth(k));
    }
    return Math.exp(logWealth(n));
  };
  let loss = 0;
  for (let k = 0; k <= n; k++) if (logWealth(k) < -tol) loss += pmf[k];

  const drawdown = new DrawdownLattice(p, a, b, n, tol);
  const ddLog = (level: number) => -Math.log1p(-level);
  const ddQuantile = (pct: number) => -Math.expm1(-drawdown.quantile(pct));
  const outcome: Omit<ExposureOutcome, 'maxDrawdown'> = {
    exposure: f,
    terminalWealth: {
      mean: Math.pow(1 + f * (p * edge.winReturn - q * edge.lossReturn), n),
      median: terminalQuantile(0.5),
      percentiles: byKey(percentiles, terminalQuantile),
    },
    growthPerTrade: p * a + q * b,
    probabilityOfLoss: Math.min(1, loss),
    probabilityOfRuin: ruinProbability(p, a, b, n, Math.log(ruinLevel) + tol),
    probabilityOfDrawdown: byKey(levels, (level) => drawdown.tail(ddLog(level))),
  };
  // The drawdown quantiles cost one chain per bisection step (about 0.1–0.5 s per quantile
  // for 1 000 trades), so they are computed on first access, once. Bracketing the largest
  // one now checks every chain they can need against the work limit (TOO_LARGE is thrown
  // here, never from the getter), and the getter is not enumerable, so spreading or
  // serialising the outcome does not start the bisection.
  drawdown.bracket(Math.max(0.5, ...percentiles));
  let maxDrawdown: ExposureOutcome['maxDrawdown'] | undefined;
  return Object.defineProperty(outcome, 'maxDrawdown', {
    enumerable: false,
    get: () => (maxDrawdown ??= { median: ddQuantile(0.5), percentiles: byKey(percentiles, ddQuantile) }),
  }) as ExposureOutcome;
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

/**
 * The chain of the drawdown since the last peak, D = j·|b| − i·a (i wins, j losses since
 * the peak), for the exact tail P(max_t D_t ≥ L) in log units, and its quantiles.
 */
class DrawdownLattice {
  private readonly cache = new Map<number, number>();
  private readonly q: number;
  private readonly nb: number;

  constructor(
    private readonly p: number,
    private readonly a: number,
    b: number,
    private readonly n: number,
    private readonly tol: number,
  ) {
    this.q = 1 - p;
    this.nb = -b;
  }

  /** P(max drawdown in log units ≥ L). */
  tail(L: number): number {
    const hit = this.cache.get(L);
    if (hit !== undefined) return hit;
    const value = this.compute(L);
    this.cache.set(L, value);
    return value;
  }

  /**
   * Finds an upper end of the bisection bracket for `pct`: the first L = |b|·2^k with
   * tail(L) ≤ 1 − pct (at most n·|b| plus the tie tolerance, where the tail is 0). The
   * bracket of any quantile ≤ pct then lies below it, and a chain's work grows with L, so
   * every later bisection chain costs no more than the ones run here, which were checked
   * against EXACT_BINARY_LIMITS.maxDrawdownWork (TOO_LARGE).
   */
  bracket(pct: number): void {
    if (!(this.nb > 0)) return;
    const target = 1 - pct;
    const top = this.n * this.nb + 2 * this.tol; // above the largest possible drawdown: tail 0
    for (let L = this.nb; this.tail(L) > target; L = Math.min(2 * L, top));
  }

  /**
   * The smallest d with P(max drawdown ≤ d) ≥ pct, to EXACT_BINARY_LIMITS.drawdownTolerance:
   * tail(L) ≤ 1 − pct holds exactly for L above it. Call bracket(p) with p ≥ pct first: the
   * search then stays within the chains it checked.
   */
  quantile(pct: number): number {
    if (!(this.nb > 0)) return 0;
    const target = 1 - pct;
    // The tightest bracket the tails already computed (by bracket() and other quantiles) give.
    let lo = 0;
    let hi = Infinity;
    for (const [L, tail] of this.cache) {
      if (tail > target) lo = Math.max(lo, L);
      else hi = Math.min(hi, L);
    }
    if (hi === Infinity) throw new Error('DrawdownLattice.quantile: bracket() was not called for this percentile');
    const tol = EXACT_BINARY_LIMITS.drawdownTolerance;
    while (hi - lo > tol * Math.max(1, hi)) {
      const mid = (lo + hi) / 2;
      if (this.tail(mid) > target) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  private compute(L: number): number {
    const { p, q, a, nb, n, tol } = this;
    if (!(nb > 0)) return 0; // p = 1: never a loss
    // j window per i: j·nb − i·a ∈ (0, L) spans < L/nb + 1 values, and j ≤ n.
    const W = Math.min(Math.ceil(L / nb) + 2, n + 2);
    const work = ((n + 1) * (n + 1) * W) / 2;
    if (work > EXACT_BINARY_LIMITS.maxDrawdownWork) {
      throw new SizewiseError(
        'TOO_LARGE',
        'opts.trades',
        `the exact drawdown chain for ${n} trades needs about ${work.toExponential(1)} updates (limit ${EXACT_BINARY_LIMITS.maxDrawdownWork}); use fewer trades or simulate()`,
        n,
      );
    }
    // Row i holds j = j0[i] … j0[i] + W − 1.
    const j0 = Int32Array.from({ length: n + 2 }, (_, i) => Math.floor((i * a) / nb));
    let cur = new Float64Array((n + 2) * W);
    let next = new Float64Array((n + 2) * W);
    let top = 1; // mass at a peak (D = 0)
    let absorbed = 0;
    let maxI = -1; // highest i with live mass
    for (let t = 0; t < n; t++) {
      next.fill(0, 0, (maxI + 3) * W);
      let nextTop = top * p;
      let nextMax = -1;
      if (nb >= L - tol) absorbed += top * q;
      else {
        next[1 - j0[0]] += top * q;
        nextMax = 0;
      }
      for (let i = 0; i <= maxI; i++) {
        const row = i * W;
        const base = j0[i];
        const winRow = (i + 1) * W - j0[i + 1];
        const lossRow = row - base;
        for (let slot = 0; slot < W; slot++) {
          const m = cur[row + slot];
          if (m === 0) continue;
          const j = base + slot;
          if (j * nb - (i + 1) * a <= tol) nextTop += m * p;
          else {
            next[winRow + j] += m * p;
            if (i + 1 > nextMax) nextMax = i + 1;
          }
          if ((j + 1) * nb - i * a >= L - tol) absorbed += m * q;
          else {
            next[lossRow + j + 1] += m * q;
            if (i > nextMax) nextMax = i;
          }
        }
      }
      [cur, next] = [next, cur];
      top = nextTop;
      maxI = nextMax;
    }
    return Math.min(1, absorbed);
  }
}
