import { SizewiseError, describeValue } from '../errors.js';
import { betaQuantileUnchecked } from '../stats/betaQuantile.js';
import { inRange, integer, knownKeys } from '../validate.js';

/** A Beta(alpha, beta) belief about a win rate: what `probabilityKelly` and `WinRatePosterior.from` read. */
export interface BetaBelief {
  alpha: number;
  beta: number;
}

/** The saved form: the two parameters and the mean (the shape of `EdgeEstimate.winRatePosterior`). */
export interface BetaBeliefJSON extends BetaBelief {
  mean: number;
}

/** Largest alpha or beta accepted (about a quadrillion trades): keeps every moment finite. */
export const MAX_BETA_PARAMETER = 1e15;

/** The uniform prior Beta(1, 1) (Bayes–Laplace). */
export const UNIFORM_PRIOR: Readonly<BetaBelief> = Object.freeze({ alpha: 1, beta: 1 });

/**
 * A Bayesian posterior of a strategy's win rate: a Beta(α, β) prior updated by each closed
 * trade (a win adds 1 to α, a loss 1 to β; the Beta-Binomial conjugate update, Gelman et
 * al., *Bayesian Data Analysis*, §2.4). The mean is α/(α + β); `interval` is the
 * equal-tailed credible interval from the Beta quantiles. `estimateEdge` reports its
 * `winRatePosterior` in this class's saved form, and `probabilityKelly` takes either in
 * place of a bare probability to shrink Kelly for the uncertainty.
 *
 * @example new WinRatePosterior().updateCounts(12, 8).interval(0.95) // [0.3844, 0.7818] (scipy beta.ppf of Beta(13, 9))
 */
export class WinRatePosterior implements BetaBelief {
  private a: number;
  private b: number;

  /** `prior`: Beta(alpha, beta), both > 0; uniform Beta(1, 1) by default. */
  constructor(prior: BetaBelief = UNIFORM_PRIOR) {
    const checked = checkBelief(prior, 'prior');
    this.a = checked.alpha;
    this.b = checked.beta;
  }

  /** A posterior with these parameters, e.g. `WinRatePosterior.from(estimateEdge(trades).winRatePosterior)`. */
  static from(belief: BetaBelief | BetaBeliefJSON, field = 'belief'): WinRatePosterior {
    const checked = checkBelief(belief, field, true);
    return new WinRatePosterior(checked);
  }

  get alpha(): number {
    return this.a;
  }

  get beta(): number {
    return this.b;
  }

  /** Posterior mean α / (α + β): the probability to bet on. */
  get mean(): number {
    return this.a / (this.a + this.b);
  }

  /** Posterior variance αβ / ((α + β)²(α + β + 1)). */
  get variance(): number {
    const s = this.a + this.b;
    return (this.a * this.b) / (s * s * (s + 1));
  }

  /** Records one closed trade. */
  update(win: boolean): this {
    if (typeof win !== 'boolean') {
      throw new SizewiseError('INVALID_TYPE', 'win', `win must be true or false, received ${describeValue(win)}`, win);
    }
    if (win) this.a = Math.min(MAX_BETA_PARAMETER, this.a + 1);
    else this.b = Math.min(MAX_BETA_PARAMETER, this.b + 1);
    return this;
  }

  /** Records `wins` wins and `losses` losses at once. */
  updateCounts(wins: number, losses: number): this {
    const w = integer(wins, 'wins', 0, MAX_BETA_PARAMETER - this.a);
    const l = integer(losses, 'losses', 0, MAX_BETA_PARAMETER - this.b);
    this.a += w;
    this.b += l;
    return this;
  }

  /** Equal-tailed credible interval [q((1 − level)/2), q((1 + level)/2)] of the Beta posterior. */
  interval(level = 0.95): [number, number] {
    inRange(level, 'level', { min: 0, max: 1, minOpen: true, maxOpen: true });
    const tail = (1 - level) / 2;
    return [betaQuantileUnchecked(tail, this.a, this.b), betaQuantileUnchecked(1 - tail, this.a, this.b)];
  }

  toJSON(): BetaBeliefJSON {
    return { alpha: this.a, beta: this.b, mean: this.mean };
  }

  /** Restores a posterior from `toJSON()`. */
  static fromJSON(json: unknown): WinRatePosterior {
    return WinRatePosterior.from(json as BetaBeliefJSON, 'json');
  }
}

/** Checks a Beta belief; with `allowMean`, a `mean` key must agree with alpha / (alpha + beta). */
export function checkBelief(value: unknown, field: string, allowMean = false): BetaBelief {
  if (value instanceof WinRatePosterior) return { alpha: value.alpha, beta: value.beta };
  if (value === null || typeof value !== 'object') {
    throw new SizewiseError('INVALID_TYPE', field, `${field} must be { alpha, beta } (a Beta distribution), received ${describeValue(value)}`, value);
  }
  knownKeys(value, field, allowMean ? ['alpha', 'beta', 'mean'] : ['alpha', 'beta']);
  const v = value as BetaBeliefJSON;
  const alpha = inRange(v.alpha, `${field}.alpha`, { min: 0, minOpen: true, max: MAX_BETA_PARAMETER });
  const beta = inRange(v.beta, `${field}.beta`, { min: 0, minOpen: true, max: MAX_BETA_PARAMETER });
  if (allowMean && v.mean !== undefined) {
    const mean = inRange(v.mean, `${field}.mean`, { min: 0, max: 1 });
    if (Math.abs(mean - alpha / (alpha + beta)) > 1e-12) {
      throw new SizewiseError('OUT_OF_RANGE', `${field}.mean`, `${field}.mean ${mean} disagrees with alpha / (alpha + beta) = ${alpha / (alpha + beta)}`, mean);
    }
  }
  return { alpha, beta };
}
