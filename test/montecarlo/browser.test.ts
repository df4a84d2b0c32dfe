// The same simulate() call in headless Chromium (Debian's package, driven by
// playwright-core; never a downloaded browser), inside Web Workers, must give the same
// numbers as Node for the same seed: once on a plain page (result buffers transferred)
// and once on a cross-origin-isolated page (SharedArrayBuffer).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/montecarlo/simulate.js';
import { prepareSimulation } from '../../src/montecarlo/simulationJob.js';
import { resultRows, simulatePaths } from '../../src/montecarlo/simulatePaths.js';
import { loadWasm } from '../../src/runtime/wasm.js';
import type { SimulateOptions, TradeModel } from '../../src/montecarlo/types.js';
import { chromiumAvailable, launchChromium, pageResult } from '../support/chromium.js';
import { startSourceServer, type SourceServer } from '../support/sourceServer.js';

const haveChromium = chromiumAvailable('test/montecarlo/browser.test.ts');

const model: TradeModel = { kind: 'binary', winProbability: 0.53, winReturn: 0.025, lossReturn: 0.02 };
const options: SimulateOptions = { exposures: [2, 5, 9], paths: 3_000, trades: 500, seed: 4242, checkpoints: 5 };
const bootModel: TradeModel = { kind: 'bootstrap', returns: [0.04, -0.02, 0.011, -0.035, 0.003, 0.06, -0.01] };

/** FNV-1a over the bytes of a Float64Array (runs in Node and, as source text, in the page). */
function fnv1a(values: Float64Array): number {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  return h;
}

/** Every path's kernel rows (row r of path i at r·paths + i); runs in Node and, as source text, in the page. */
function kernelRows(run: typeof simulatePaths, rows: typeof resultRows, core: Awaited<ReturnType<typeof loadWasm>>, job: Parameters<typeof simulatePaths>[1]): Float64Array {
  const out = new Float64Array(rows(job) * job.paths);
  const runner = run(core, job, { width: job.paths });
  runner.run(0, job.paths, 0);
  for (let r = 0; r < rows(job); r++) out.set(runner.row(r).subarray(0, job.paths), r * job.paths);
  runner.release();
  return out;
}

/** The test page: an import map for the one bare import of the facade, then the three runs. */
function page(prefix: string): string {
  return `<!doctype html><meta charset="utf-8"><title>sizewise browser test</title>
<script type="importmap">{ "imports": { "decimal.js": "${prefix}/node_modules/decimal.js/decimal.mjs" } }</script>
<script type="module">
  let spawned = 0; // count the Web Workers the executor starts
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker { constructor(...args) { super(...args); spawned++; } };
  try {
    const { simulate, closePool } = await import('${prefix}/src/index.js');
    const opts = ${JSON.stringify(options)};
    const workers = await simulate(${JSON.stringify(model)}, { ...opts, workers: 2 });
    const inline = await simulate(${JSON.stringify(model)}, { ...opts, workers: 0 });
    const boot = await simulate(${JSON.stringify(bootModel)}, { exposures: [1, 3], paths: 1000, trades: 200, seed: 7, workers: 2, chunks: 3 });
    const spawnedBeforeAbort = spawned;
    // Cancel a long run on the Web Workers, then run again on fresh workers.
    const controller = new AbortController();
    const long = simulate(${JSON.stringify(model)}, { exposures: [3], paths: 400000, trades: 1000, workers: 2, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const aborted = await long.then(() => 'finished', (e) => e.code);
    const again = await simulate(${JSON.stringify(model)}, { ...opts, workers: 2 });
    // Abort one call while another runs on the same two workers: the other must still finish, with its own numbers.
    const longOpts = { exposures: [3], paths: 2000, trades: 100000, seed: 5 };
    const victimController = new AbortController();
    const bystander = simulate(${JSON.stringify(model)}, { ...longOpts, workers: 2 });
    const victim = simulate(${JSON.stringify(model)}, { exposures: [3], paths: 400000, trades: 1000, workers: 2, signal: victimController.signal });
    setTimeout(() => victimController.abort(), 20);
    const victimCode = await victim.then(() => 'finished', (e) => e.code);
    const concurrent = (await bystander).outcomes;
    const concurrentInline = (await simulate(${JSON.stringify(model)}, { ...longOpts, workers: 0 })).outcomes;
    await closePool();
    // Per-path results straight from the kernel runner, hashed: must equal Node's bit for bit.
    const { prepareSimulation } = await import('${prefix}/src/montecarlo/simulationJob.js');
    const { resultRows, simulatePaths } = await import('${prefix}/src/montecarlo/simulatePaths.js');
    const { loadWasm } = await import('${prefix}/src/runtime/wasm.js');
    const { job } = prepareSimulation(${JSON.stringify(model)}, opts);
    const perPath = (${kernelRows.toString()})(simulatePaths, resultRows, await loadWasm(), job);
    const perPathHash = (${fnv1a.toString()})(perPath);
    window.done = { perPathHash, aborted, again: again.outcomes, victimCode, concurrent, concurrentInline, isolated: crossOriginIsolated, spawned: spawnedBeforeAbort, workers: workers.outcomes, inline: inline.outcomes, boot: boot.outcomes };
  } catch (error) {
    window.done = { error: String(error && error.stack || error) };
  }
</script>`;
}

describe.skipIf(!haveChromium)('simulate in headless Chromium', () => {
  let server: SourceServer;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    server = await startSourceServer({ page: (isolated) => page(isolated ? '/iso' : ''), isolation: true });
    base = server.base;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function runPage(url: string) {
    const tab = await browser.newPage();
    const { done, errors } = await pageResult(tab, url);
    await tab.close();
    expect(errors).toEqual([]);
    expect(done.error).toBeUndefined();
    return done as { isolated: boolean; spawned: number; perPathHash: number; aborted: string; again: unknown; victimCode: string; concurrent: unknown; concurrentInline: unknown; workers: unknown; inline: unknown; boot: unknown };
  }

  const json = (x: unknown) => JSON.parse(JSON.stringify(x));

  /**
   * Equal structure and equal numbers, where "equal" allows 4 ulp (relative 2⁻⁵⁰): the
   * per-path simulation is bit-identical, but the summary applies Math.exp / Math.expm1,
   * whose last bit may differ between Chromium's and Node's V8. Counted probabilities
   * (ruin, loss, drawdown) must match exactly.
   */
  function expectSameNumbers(actual: unknown, expected: unknown, path = 'outcomes'): void {
    if (typeof expected === 'number') {
      expect(typeof actual, path).toBe('number');
      const tolerance = 2 ** -50 * Math.max(Math.abs(expected), Math.abs(actual as number));
      expect(Math.abs((actual as number) - expected), path).toBeLessThanOrEqual(tolerance);
      if (/probabilityOf/.test(path)) expect(actual, path).toBe(expected);
      return;
    }
    if (expected === null || typeof expected !== 'object') return expect(actual, path).toEqual(expected);
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectSameNumbers((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  }

  for (const [name, path, isolated] of [['a plain page (buffers transferred)', '/', false], ['a cross-origin-isolated page (SharedArrayBuffer)', '/iso/', true]] as const) {
    it(`gives Node's numbers in Web Workers and on the main thread, on ${name}`, async () => {
      const node = await simulate(model, { ...options, workers: 0 });
      const nodeBoot = await simulate(bootModel, { exposures: [1, 3], paths: 1000, trades: 200, seed: 7, workers: 0 });
      const done = await runPage(`${base}${path}`);
      const { job } = prepareSimulation(model, options);
      const perPath = kernelRows(simulatePaths, resultRows, await loadWasm(), job);
      expect(done.perPathHash).toBe(fnv1a(perPath)); // per-path results bit-identical to Node's
      expect(done.isolated).toBe(isolated);
      expect(done.spawned).toBe(2); // workers: 2 ran on two Web Workers, reused for the bootstrap run
      expectSameNumbers(done.workers, json(node.outcomes));
      expectSameNumbers(done.inline, json(node.outcomes));
      expectSameNumbers(done.boot, json(nodeBoot.outcomes));
      // Web Workers and the page's own thread agree bit for bit (same engine, same Math).
      expect(done.workers).toEqual(done.inline);
      // An abort rejects with ABORTED and drops the workers; the next run starts fresh ones.
      expect(done.aborted).toBe('ABORTED');
      expect(done.again).toEqual(done.workers);
      // Aborting one call drops only its workers: a concurrent call on them still resolves, with the numbers of a run on the page's thread.
      expect(done.victimCode).toBe('ABORTED');
      expect(done.concurrent).toEqual(done.concurrentInline);
    });
  }
});
