import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('the Monte Carlo worker pool', () => {
  it('lets a Node process exit when the user never calls closePool()', async () => {
    const simulateModule = fileURLToPath(new URL('../../src/montecarlo/simulate.ts', import.meta.url));
    const script =
      `const { simulate } = await import(${JSON.stringify(simulateModule)});` +
      `const r = await simulate({ kind: 'binary', winProbability: 0.55, winReturn: 0.03, lossReturn: 0.02 }, { exposures: [3], paths: 2000, trades: 200, workers: 2 });` +
      `console.log(r.paths);`;
    // The timeout only turns a hang into a failure; nothing here measures speed.
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 30_000 }, (error, out) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout: out }),
      );
      child.stdin?.end();
    });
    expect(stdout.trim()).toBe('2000');
    expect(code).toBe(0);
  });
});
