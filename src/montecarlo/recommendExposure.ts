import { SizewiseError, describeValue } from '../errors.js';
import { inRange, integer, knownKeys, probability as checkProbability } from '../validate.js';
import { checkExposureOutcome } from './checkExposureOutcome.js';
import type { ExposureOutcome, SimulationResult } from './types.js';

/**
 * The drawdown level of a `probabilityOfDrawdown` key K as a number: with literal keys (a
 * result simulated at literal levels) one of those levels, so a level that was not simulated
 * does not compile; with string keys, any number.
 */
export type DrawdownLevel<K extends string> = string extends K ? number : K extends `${infer N extends number}` ? N : never;

/** Options of recommendExposure; K is the result's drawdown keys (DrawdownKey). */
export interface RecommendExposureOptions<K extends string = string> {
  /** The drawdown level to limit, a fraction in (0, 1); it must be one of the simulated drawdownLevels. */
  maxDrawdown: DrawdownLevel<K>;
  /** The largest acceptable P(max drawdown ≥ maxDrawdown), in [0, 1]. */
  probability: number;
}

/** The chosen outcome, whether it meets the constraint, and why it was chosen. */
export type ExposureRecommendation<K extends string = string> = ExposureOutcome<K> & { feasible: boolean; reason: string };

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
export function recommendExposure<K extends string>(result: SimulationResult<K>, opts: RecommendExposureOptions<NoInfer<K>>): ExposureRecommendation<K>;
export function recommendExposure(result: SimulationResult, opts: RecommendExposureOptions): ExposureRecommendation {
  const trades = checkResultShape(result);
  if (opts === null || typeof opts !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'opts', `opts must be { maxDrawdown, probability }, received ${describeValue(opts)}`, opts);
  }
  knownKeys(opts, 'opts', ['maxDrawdown', 'probability']);
  const level = inRange(opts.maxDrawdown, 'opts.maxDrawdown', { min: 0, max: 1, minOpen: true, maxOpen: true });
  const beta = checkProbability(opts.probability, 'opts.probability');
  const key = String(level);
  // Array.from, not map: a hole in a sparse array is checked (and refused) too.
  const outcomes = Array.from(result.outcomes as unknown[], (o, i) => checkExposureOutcome(o, `result.outcomes[${i}]`));
  const risk = (i: number) => drawdownRisk(outcomes[i], key, level);
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const short = (x: number) => String(Number(x.toPrecision(4)));
  const growth = (i: number) => outcomes[i].terminalWealth.log.median / trades;
  const exposure = (i: number) => outcomes[i].exposure;
  const better = (i: number, than: number) => growth(i) > growth(than) || (growth(i) === growth(than) && exposure(i) < exposure(than));
  let best = -1;
  for (let i = 0; i < outcomes.length; i++) {
    if (risk(i) > beta) continue;
    if (best < 0 || better(i, best)) best = i;
  }
  if (best >= 0) {
    return {
      ...outcomes[best],
      feasible: true,
      reason:
        `exposure ${short(exposure(best))} has the highest median growth (${(100 * growth(best)).toFixed(3)} % per trade) ` +
        `among the exposures whose P(drawdown ≥ ${pct(level)}) ≤ ${pct(beta)} (it is ${pct(risk(best))})`,
    };
  }
  let safest = 0;
  for (let i = 1; i < outcomes.length; i++) {
    if (risk(i) < risk(safest) || (risk(i) === risk(safest) && exposure(i) < exposure(safest))) safest = i;
  }
  return {
    ...outcomes[safest],
    feasible: false,
    reason:
      `no simulated exposure keeps P(drawdown ≥ ${pct(level)}) ≤ ${pct(beta)}; exposure ${short(exposure(safest))} comes closest ` +
      `(${pct(risk(safest))}): simulate smaller exposures`,
  };
}

// A result built or edited by hand, or parsed from JSON, may lack or garble what
// recommendExposure reads or returns: trades and every outcome are checked
// (checkExposureOutcome), and the pick is returned from the checked copy.

/** Checks that `result` is an object with a non-empty outcomes array and a trade count; returns the count. */
function checkResultShape(result: SimulationResult): number {
  if (result === null || typeof result !== 'object') {
    throw new SizewiseError('INVALID_TYPE', 'result', `result must be a SimulationResult (what simulate() resolves with), received ${describeValue(result)}`, result);
  }
  const outcomes: unknown = result.outcomes;
  if (!Array.isArray(outcomes)) {
    throw new SizewiseError('INVALID_TYPE', 'result.outcomes', `result.outcomes must be an array of outcomes, received ${describeValue(outcomes)}`, outcomes);
  }
  if (outcomes.length === 0) throw new SizewiseError('EMPTY_INPUT', 'result.outcomes', 'result.outcomes must not be empty', outcomes);
  return integer(result.trades, 'result.trades', 1, Number.MAX_SAFE_INTEGER);
}

/** P(max drawdown ≥ level) of a checked outcome; the level must be one it was simulated at. */
function drawdownRisk(outcome: ExposureOutcome, key: string, level: number): number {
  const risk = outcome.probabilityOfDrawdown[key];
  if (!Object.prototype.hasOwnProperty.call(outcome.probabilityOfDrawdown, key) || risk === undefined) {
    throw new SizewiseError(
      'UNKNOWN_VALUE',
      'opts.maxDrawdown',
      `opts.maxDrawdown ${key} is not among the simulated drawdown levels (${Object.keys(outcome.probabilityOfDrawdown).join(', ')}); add it to simulate's drawdownLevels`,
      level,
    );
  }
  return risk;
}
