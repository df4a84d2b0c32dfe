import { SizewiseError, describeValue } from '../errors.js';
import { inRange, knownKeys, probability as checkProbability } from '../validate.js';
import { medianGrowth } from './medianGrowth.js';
import type { ExposureOutcome, SimulationResult } from './types.js';

export interface RecommendExposureOptions {
  /** The drawdown level to limit, a fraction in (0, 1); it must be one of the simulated drawdownLevels. */
  maxDrawdown: number;
  /** The largest acceptable P(max drawdown ≥ maxDrawdown), in [0, 1]. */
  probability: number;
}

/** The chosen outcome, whether it meets the constraint, and why it was chosen. */
export type ExposureRecommendation = ExposureOutcome & { feasible: boolean; reason: string };

/**
 * Among the simulated exposures, the one with the highest median terminal wealth (the
 * highest median growth, medianGrowth) whose P(max drawdown ≥ maxDrawdown) ≤ probability;
 * ties in median growth go to the smaller exposure, whatever the order of the outcomes.
 * When none qualifies, the exposure with the smallest such probability (ties: the smaller
 * exposure), with `feasible: false`. Either way `reason` says why in one sentence.
 *
 * @example
 * recommendExposure(await simulate(model, { exposures: [1, 2, 4, 8] }), { maxDrawdown: 0.5, probability: 0.05 })
 */
export function recommendExposure(result: SimulationResult, opts: RecommendExposureOptions): ExposureRecommendation {
  if (result === null || typeof result !== 'object' || !Array.isArray(result.outcomes) || result.outcomes.length === 0) {
    throw new SizewiseError('INVALID_TYPE', 'result', `result must be a SimulationResult with outcomes, received ${describeValue(result)}`, result);
  }
  if (opts === null || typeof opts !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'opts', `opts must be { maxDrawdown, probability }, received ${describeValue(opts)}`, opts);
  }
  knownKeys(opts, 'opts', ['maxDrawdown', 'probability']);
  const level = inRange(opts.maxDrawdown, 'opts.maxDrawdown', { min: 0, max: 1, minOpen: true, maxOpen: true });
  const beta = checkProbability(opts.probability, 'opts.probability');
  const key = String(level);
  const risk = (o: ExposureOutcome): number => {
    const value = o.probabilityOfDrawdown[key];
    if (value === undefined) {
      throw new SizewiseError(
        'UNKNOWN_VALUE',
        'opts.maxDrawdown',
        `opts.maxDrawdown ${key} is not among the simulated drawdown levels (${Object.keys(o.probabilityOfDrawdown).join(', ')}); add it to simulate's drawdownLevels`,
        level,
      );
    }
    return value;
  };
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const short = (x: number) => String(Number(x.toPrecision(4)));
  const growth = (o: ExposureOutcome) => medianGrowth(o, result.trades);
  const better = (o: ExposureOutcome, than: ExposureOutcome) => growth(o) > growth(than) || (growth(o) === growth(than) && o.exposure < than.exposure);
  let best: ExposureOutcome | undefined;
  for (const o of result.outcomes) {
    if (risk(o) > beta) continue;
    if (best === undefined || better(o, best)) best = o;
  }
  if (best !== undefined) {
    return {
      ...best,
      feasible: true,
      reason:
        `exposure ${short(best.exposure)} has the highest median growth (${(100 * growth(best)).toFixed(3)} % per trade) ` +
        `among the exposures whose P(drawdown ≥ ${pct(level)}) ≤ ${pct(beta)} (it is ${pct(risk(best))})`,
    };
  }
  const safest = result.outcomes.reduce((s, o) => (risk(o) < risk(s) || (risk(o) === risk(s) && o.exposure < s.exposure) ? o : s));
  return {
    ...safest,
    feasible: false,
    reason:
      `no simulated exposure keeps P(drawdown ≥ ${pct(level)}) ≤ ${pct(beta)}; exposure ${short(safest.exposure)} comes closest ` +
      `(${pct(risk(safest))}): simulate smaller exposures`,
  };
}
