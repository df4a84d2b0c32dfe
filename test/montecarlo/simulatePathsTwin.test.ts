import { describe, expect, it } from 'vitest';
import { loadWasm } from '../../src/runtime/wasm.js';
import { prepareSimulation } from '../../src/montecarlo/simulationJob.js';
import { resultRows, simulatePaths, type SimulationJob } from '../../src/montecarlo/simulatePaths.js';
import { simulatePathsTwin } from '../../src/montecarlo/simulatePathsTwin.js';
import type { TradeModel } from '../../src/montecarlo/types.js';

const binary: TradeModel = { kind: 'binary', winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 };
const bootstrap: TradeModel = { kind: 'bootstrap', returns: [0.05, -0.02, 0.013, -0.031, 0.002, 0.08, -0.045] };

function twin(job: SimulationJob, start: number, count: number): Float64Array {
  const out = new Float64Array(resultRows(job) * count);
  simulatePathsTwin(job, start, count, out, count);
  return out;
}

/** The kernel's rows for paths [start, start + count), written `column` columns into the runner's rows. */
async function wasm(job: SimulationJob, start: number, count: number, column = 0): Promise<Float64Array> {
  const out = new Float64Array(resultRows(job) * count);
  const runner = simulatePaths(await loadWasm(), job, { width: column + count });
  try {
    runner.run(start, count, column);
    for (let r = 0; r < resultRows(job); r++) out.set(runner.row(r).subarray(column, column + count), r * count);
  } finally {
    runner.release();
  }
  return out;
}

describe('Monte Carlo kernel vs its TypeScript twin', () => {
  for (const [name, model] of [['binary', binary], ['bootstrap', bootstrap]] as const) {
    for (const [seed, start, count] of [[1, 0, 37], [0xdeadbeef, 1_000_003, 22], [7, 5, 1]]) {
      it(`gives bit-identical per-path results for the ${name} model (seed ${seed}, paths ${start}…${start + count - 1})`, async () => {
        // 700 trades with 5 checkpoints: crosses kernel blocks (256 trades) and checkpoint cuts.
        const { job } = prepareSimulation(model, { exposures: [0.5, 3, 7.5], paths: count, trades: 700, checkpoints: 5, seed });
        expect(await wasm(job, start, count)).toEqual(twin(job, start, count));
      });
    }
  }

  for (const [name, model] of [['binary', binary], ['bootstrap', bootstrap]] as const) {
    it(`gives bit-identical per-path results for one exposure (the kernel's single-exposure loop), ${name}`, async () => {
      // 701 trades cut by 7 checkpoints into segments of odd and even length (the loop takes two trades a step).
      const { job } = prepareSimulation(model, { exposures: [4], paths: 29, trades: 701, checkpoints: 7, seed: 12 });
      expect(job.checkpointSteps.some((s, c) => (s - (c === 0 ? 0 : job.checkpointSteps[c - 1])) % 2 === 1)).toBe(true);
      expect(await wasm(job, 3, 29)).toEqual(twin(job, 3, 29));
    });
  }

  it('writes the same results at any column offset and across several kernel calls (binary and bootstrap)', async () => {
    for (const model of [binary, bootstrap]) {
      // 2 000 paths: at most 5 % of them (64) per kernel call, so the runner makes
      // several calls; written 12 columns in, as the calling thread writes a later range.
      const { job } = prepareSimulation(model, { exposures: [1, 2, 3], paths: 2_000, trades: 700, checkpoints: 2, seed: 9 });
      expect(await wasm(job, 500, 1_500, 12)).toEqual(twin(job, 500, 1_500));
    }
  });

  it('makes a bootstrap of the two returns {+w, −l} the same, path by path, as a binary bet with p = ½', async () => {
    // Index ⌊u·2 / 2³²⌋ is 0 exactly when u < 2³¹ = floor(½·2³²): the same draws win in both models.
    const w = 0.04;
    const l = 0.025;
    const a = prepareSimulation({ kind: 'bootstrap', returns: [w, -l] }, { exposures: [2, 6], paths: 30, trades: 400, seed: 11 }).job;
    const b = prepareSimulation({ kind: 'binary', winProbability: 0.5, winReturn: w, lossReturn: l }, { exposures: [2, 6], paths: 30, trades: 400, seed: 11 }).job;
    expect(await wasm(a, 0, 30)).toEqual(await wasm(b, 0, 30));
  });

  it('keeps log wealth, drawdown and minimum consistent on every path', async () => {
    const { job } = prepareSimulation(binary, { exposures: [4], paths: 64, trades: 500, seed: 5 });
    const out = await wasm(job, 0, 64);
    for (let i = 0; i < 64; i++) {
      const [terminal, drawdown, low] = [out[i], out[64 + i], out[128 + i]];
      expect(drawdown).toBeGreaterThanOrEqual(0);
      expect(low).toBeLessThanOrEqual(Math.min(0, terminal));
      expect(drawdown).toBeGreaterThanOrEqual(-low); // the start is a peak
    }
  });
});
