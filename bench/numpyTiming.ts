// Times a numpy version of a benchmark's work with the system Python, when it has numpy:
// the columns go to temporary files, Python reads them, runs `work()` a few times and
// reports its timings and a checksum of what it computed (so a row that did different
// work is caught, not compared). Returns undefined — and the caller skips the row — when
// Python or numpy is missing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Python, which has numpy; the `python3` first on PATH may not. */
const PYTHON = process.env.SIZEWISE_PYTHON ?? '/usr/bin/python3';

export interface NumpyTiming {
  meanMs: number;
  minMs: number;
  /** What `work()` returned, summed (compared with the JS result by the caller). */
  checksum: number;
  numpy: string;
}

const HARNESS = `
import json, sys, time
import numpy as np
spec = json.loads(sys.argv[1])
cols = {name: np.fromfile(path, dtype=dtype) for name, (path, dtype) in spec['columns'].items()}
globals().update(cols)
exec(spec['body'])
for _ in range(3): work()
times = []
for _ in range(spec['reps']):
    t0 = time.perf_counter(); out = work(); times.append(time.perf_counter() - t0)
print(json.dumps({'meanMs': 1000 * sum(times) / len(times), 'minMs': 1000 * min(times), 'checksum': float(sum(float(np.sum(o, dtype=np.float64)) for o in out)), 'numpy': np.__version__}))
`;

/**
 * Runs `body` (Python defining `work()`, which returns a tuple of arrays) over `columns`.
 * Each column is a numpy array of the same name inside `work`.
 */
export function timeNumpy(body: string, columns: Record<string, Float64Array | Uint8Array>, reps = 10): NumpyTiming | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'sizewise-bench-'));
  try {
    const spec: { columns: Record<string, [string, string]>; body: string; reps: number } = { columns: {}, body, reps };
    for (const [name, col] of Object.entries(columns)) {
      const path = join(dir, `${name}.bin`);
      writeFileSync(path, new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
      spec.columns[name] = [path, col instanceof Float64Array ? '<f8' : 'u1'];
    }
    const run = spawnSync(PYTHON, ['-c', HARNESS, JSON.stringify(spec)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status !== 0 || run.error !== undefined) {
      console.log(`numpy row skipped: ${PYTHON} with numpy is not available (${run.error?.message ?? run.stderr.trim().split('\n').at(-1)})`);
      return undefined;
    }
    return JSON.parse(run.stdout) as NumpyTiming;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sum of a result's arrays, as numpy's checksum adds them (float64). */
export function checksum(...arrays: ArrayLike<number>[]): number {
  let s = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
