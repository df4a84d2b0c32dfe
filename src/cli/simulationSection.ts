import { closePool, exactBinary, medianGrowth, recommendExposure, simulate, SIMULATE_DEFAULTS } from '../index.js';
import type { ReportContext } from './context.js';
import { heading, num, pct, table } from './format.js';

const PATHS = 10_000;
const TRADES = 1_000;
const SEED = 2026;
const MULTIPLES = [0.25, 0.5, 1, 2];
const RUIN = SIMULATE_DEFAULTS.ruinLevel;
const LEVELS = SIMULATE_DEFAULTS.drawdownLevels;

/**
 * The reference strategy's edge over 10 000 simulated futures of 1 000 trades at ¼, ½, 1
 * and 2 × Kelly: the binary approximation next to its exact lattice figures, a bootstrap
 * of the actual trade returns, and the exposure recommended by a 20-exposure sweep.
 */
export async function simulationSection(ctx: ReportContext): Promise<void> {
  const { edge } = ctx;
  const kelly = edge.kelly.exposure;
  heading(`Monte Carlo: ${PATHS.toLocaleString('en')} futures of ${TRADES.toLocaleString('en')} trades (seed ${SEED})`);
  if (!(kelly > 0)) {
    console.log('The estimated edge is not positive: Kelly sizes nothing, so there is nothing to simulate.');
    return;
  }
  const edgeBinary = { winProbability: edge.winRate, winReturn: edge.avgWin, lossReturn: edge.avgLoss };
  const exposures = MULTIPLES.map((m) => m * kelly);
  const common = { paths: PATHS, trades: TRADES, seed: SEED, ruinLevel: RUIN, drawdownLevels: LEVELS };
  console.log(`Ruin = wealth ever at or below ${pct(RUIN, 0)} of the start; drawdown = fall from the running peak.`);

  const binary = await simulate({ kind: 'binary', ...edgeBinary }, { ...common, exposures });
  const exact = exposures.map((f) => exactBinary(edgeBinary, { exposure: f, trades: TRADES, ruinLevel: RUIN, drawdownLevels: LEVELS }));
  console.log(
    `\nBinary approximation (win ${pct(edge.winRate)}: +${pct(edge.avgWin)}, else −${pct(edge.avgLoss)}), simulated | exact lattice` +
      ` (simulation: ${Math.round(binary.elapsedMs)} ms):\n`,
  );
  const pair = (sim: number, ex: number) => `${pct(sim, 1)} | ${pct(ex, 1)}`;
  const drawdownHeads = LEVELS.map((level) => `P(drawdown ≥ ${pct(level, 0)})`);
  table([
    ['× Kelly', 'exposure', 'P(ruin)', ...drawdownHeads, 'median growth / trade'],
    ...binary.outcomes.map((o, i) => [
      num(MULTIPLES[i]),
      `${num(o.exposure)}×`,
      pair(o.probabilityOfRuin, exact[i].probabilityOfRuin),
      ...LEVELS.map((level) => pair(o.probabilityOfDrawdown[`${level}`], exact[i].probabilityOfDrawdown[`${level}`])),
      `${pct(medianGrowth(o, TRADES), 3)} | ${pct(medianGrowth(exact[i], TRADES), 3)}`,
    ]),
  ]);

  // The bootstrap redraws the actual trade returns; an exposure at which the worst trade
  // alone would wipe out the account is certain ruin once drawn, so it is left out.
  const returns = ctx.trades.map((t) => t.returnFraction);
  const worst = Math.min(...returns);
  const bootMultiples = MULTIPLES.filter((m) => 1 + m * kelly * worst > 0);
  if (bootMultiples.length > 0) {
    const boot = await simulate({ kind: 'bootstrap', returns }, { ...common, exposures: bootMultiples.map((m) => m * kelly) });
    console.log(`\nBootstrap of the ${returns.length} trade returns (simulation: ${Math.round(boot.elapsedMs)} ms):\n`);
    table([
      ['× Kelly', 'exposure', 'P(ruin)', ...drawdownHeads, 'median growth / trade', 'median final wealth'],
      ...boot.outcomes.map((o, i) => [
        num(bootMultiples[i]),
        `${num(o.exposure)}×`,
        pct(o.probabilityOfRuin, 1),
        ...LEVELS.map((level) => pct(o.probabilityOfDrawdown[`${level}`], 1)),
        pct(medianGrowth(o, TRADES), 3),
        `${o.terminalWealth.median.toExponential(2)}×`,
      ]),
    ]);
  } else {
    console.log(`\nBootstrap of the ${returns.length} trade returns: left out, every simulated multiple of Kelly is certain ruin once the worst trade is drawn.`);
  }
  for (const m of MULTIPLES.filter((x) => !bootMultiples.includes(x))) {
    console.log(`${num(m)} × Kelly (${num(m * kelly)}×) left out: the worst trade (${pct(worst)}) would lose ${pct(-m * kelly * worst, 0)} of equity.`);
  }

  // A sweep of 20 exposures (a geometric grid over a factor of 40, from Kelly/40 unless the
  // worst trade caps the top below Kelly) on common random numbers, then the best one within
  // a drawdown limit.
  const top = Math.min(2 * kelly, (-1 / worst) * 0.99);
  const bottom = Math.min(kelly, top) / 40;
  const sweepExposures = Array.from({ length: 20 }, (_, i) => bottom * (top / bottom) ** (i / 19));
  const sweep = await simulate({ kind: 'bootstrap', returns }, { ...common, exposures: sweepExposures });
  const limit = { maxDrawdown: 0.5, probability: 0.1 } as const;
  const pick = recommendExposure(sweep, limit);
  console.log(
    `\nRecommended exposure (bootstrap sweep of 20 exposures from ${num(bottom)}× to ${num(top)}×, ${Math.round(sweep.elapsedMs)} ms;` +
      ` limit P(drawdown ≥ ${pct(limit.maxDrawdown, 0)}) ≤ ${pct(limit.probability, 0)}):` +
      ` ${num(pick.exposure)}× = ${num(pick.exposure / kelly)} × Kelly, risk fraction ${pct(pick.exposure * edge.avgLoss)}.`,
  );
  console.log(`Why: ${pick.reason}.`);
  await closePool();
}
