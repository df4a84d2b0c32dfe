import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Bench, type BenchOptions } from 'tinybench';

/** One printed and saved row: a task's name, its mean time and throughput, and its ratio to a baseline. */
export interface BenchRow {
  suite: string;
  task: string;
  meanMs: number;
  p99Ms: number;
  samples: number;
  /** Work units per second (e.g. path-steps/s), when the task declared its units per run. */
  unitsPerSecond?: number;
  /** How many times faster than the suite's baseline task (baseline mean ÷ this mean). */
  speedup?: number;
}

export interface BenchTask {
  name: string;
  fn: () => unknown | Promise<unknown>;
  /** Work units one run performs, for the throughput column. */
  units?: number;
  /** The task the others are compared with (the TypeScript twin). */
  baseline?: boolean;
}

/** Runs a suite of tasks in one tinybench run and returns its rows (set-up is timed outside). */
export async function runSuite(suite: string, tasks: BenchTask[], options: BenchOptions = {}): Promise<BenchRow[]> {
  const bench = new Bench({ time: 1_000, warmupTime: 200, ...options });
  for (const t of tasks) bench.add(t.name, t.fn);
  await bench.run();
  const rows: BenchRow[] = bench.tasks.map((task, i) => {
    const result = task.result;
    if (result === undefined || !('latency' in result)) throw new Error(`bench task ${task.name} did not complete`);
    const meanMs = result.latency.mean;
    const units = tasks[i].units;
    return {
      suite,
      task: task.name,
      meanMs,
      p99Ms: result.latency.p99 ?? meanMs,
      samples: result.latency.samplesCount ?? 0,
      ...(units !== undefined ? { unitsPerSecond: units / (meanMs / 1000) } : {}),
    };
  });
  const baseline = tasks.findIndex((t) => t.baseline);
  if (baseline >= 0) for (const row of rows) row.speedup = rows[baseline].meanMs / row.meanMs;
  return rows;
}

/** Prints rows as a table. */
export function printRows(rows: BenchRow[]): void {
  console.table(
    rows.map((r) => ({
      suite: r.suite,
      task: r.task,
      'mean ms': r.meanMs.toFixed(4),
      'p99 ms': r.p99Ms.toFixed(4),
      'units/s': r.unitsPerSecond === undefined ? '' : r.unitsPerSecond.toExponential(3),
      'vs baseline': r.speedup === undefined ? '' : `${r.speedup.toFixed(2)}×`,
      samples: r.samples,
    })),
  );
}

/** Writes rows as JSON when `--json path` was given. */
export function writeJson(rows: unknown, argv: readonly string[] = process.argv): void {
  const i = argv.indexOf('--json');
  if (i < 0) return;
  const path = argv[i + 1];
  if (path === undefined) throw new Error('--json needs a path');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ node: process.version, date: new Date().toISOString(), rows }, null, 2)}\n`);
  console.log(`wrote ${path}`);
}
