import { SizewiseError } from '../errors.js';
import { integer, knownKeys, seed as checkSeed } from '../validate.js';
import { concurrentSides, type BetEvent } from './betEvents.js';
import { checkMixture, mixtureCdf, mixtureSurvival, type Mixture } from './mixture.js';
import {
  MAX_EF3M_STEPS,
  MIXTURE_FROM_MOMENTS_DEFAULTS,
  mixtureFromMoments,
  momentError,
  type FittedMixture,
  type MixtureFromMomentsOptions,
} from './mixtureFromMoments.js';

/** The most EF3M passes the default grid allows within mixtureFromMoments' step budget. */
const MAX_FIT_RUNS = MAX_EF3M_STEPS / (MIXTURE_FROM_MOMENTS_DEFAULTS.gridPoints * MIXTURE_FROM_MOMENTS_DEFAULTS.maxIterations);

export interface BetSizeReserveOptions {
  /** Seed of the EF3M fit (mixtureFromMoments). */
  seed?: number;
  /** EF3M passes (mixtureFromMoments' `runs`), 1 to 100. */
  fitRuns?: number;
  /** Use this mixture instead of fitting one (e.g. a fit from another period, or a reference's). */
  mixture?: Mixture;
}

export const BET_SIZE_RESERVE_DEFAULTS: Readonly<Required<Pick<BetSizeReserveOptions, 'seed' | 'fitRuns'>>> = Object.freeze({
  seed: 1,
  fitRuns: 10,
});

export interface ReserveBetSizes {
  /** One bet size in [−1, 1] per event, at its start, in the order given. */
  sizes: Float64Array;
  /** The mixture fitted to c_t (or the one given), with its moment error against c_t's moments. */
  mixture: FittedMixture;
  /** c_t = long bets active − short bets active, per event at its start. */
  concurrency: Int32Array;
}

/**
 * The reserve approach to bet sizing (AFML §10.2, exercise 10.4; mlfinlab's
 * `bet_size_reserve`): c_t = long bets active − short bets active at each event's start; a
 * mixture of two Gaussians is fitted to the first five raw moments of c_t by EF3M
 * (mixtureFromMoments), and with F its CDF the size is (F(c_t) − F(0)) / (1 − F(0)) when
 * c_t ≥ 0 and (F(c_t) − F(0)) / F(0) when c_t < 0, so that a c_t as large as the history's
 * largest bets nearly the whole budget. The upper tail is computed directly, not as 1 − F.
 * Seeded. A set whose c_t never varies has no mixture to fit (an error); with `mixture`
 * given, that one is used as it is. O(n log n) plus the fit.
 *
 * @example betSizeReserve(events, { seed: 1 }).sizes // one size per event
 */
export function betSizeReserve(events: readonly BetEvent[], options: BetSizeReserveOptions = {}): ReserveBetSizes {
  knownKeys(options, 'options', ['seed', 'fitRuns', 'mixture']);
  const given = options.mixture === undefined ? undefined : checkMixture(options.mixture, 'options.mixture');
  const fitOptions: MixtureFromMomentsOptions = {
    seed: checkSeed(options.seed ?? BET_SIZE_RESERVE_DEFAULTS.seed, 'options.seed'),
    runs: integer(options.fitRuns ?? BET_SIZE_RESERVE_DEFAULTS.fitRuns, 'options.fitRuns', 1, MAX_FIT_RUNS),
  };
  const { long, short } = concurrentSides(events);
  const n = long.length;
  const c = new Int32Array(n);
  const moments = [0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    c[i] = long[i] - short[i];
    for (let k = 0; k < 5; k++) moments[k] += c[i] ** (k + 1) / n;
  }
  let mixture: FittedMixture;
  if (given !== undefined) {
    mixture = { ...given, momentError: momentError(given, moments) };
  } else {
    if (c.every((x) => x === c[0])) {
      throw new SizewiseError('OUT_OF_RANGE', 'events', `every event starts with the same c_t = ${c[0]} (long − short bets active): there is no spread to fit a mixture to`);
    }
    mixture = mixtureFromMoments(moments, fitOptions);
  }
  const sizes = reserveSizes(mixture, c);
  return { sizes, mixture, concurrency: c };
}

/**
 * The reserve bet size of each c under a mixture: (F(c) − F(0)) / (1 − F(0)) for c ≥ 0,
 * (F(c) − F(0)) / F(0) below. Above zero F(c) − F(0) is computed as S(0) − S(c) with the
 * survival function, so nothing cancels against 1. A side the mixture gives no mass has no bet.
 */
export function reserveSizes(mixture: Mixture, c: ArrayLike<number>): Float64Array {
  const below = mixtureCdf(mixture, 0);
  const above = mixtureSurvival(mixture, 0);
  const sizes = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) {
    const x = c[i];
    const m = x >= 0 ? (above - mixtureSurvival(mixture, x)) / above : (mixtureCdf(mixture, x) - below) / below;
    sizes[i] = Number.isFinite(m) ? m + 0 : 0;
  }
  return sizes;
}
