// Probability → Kelly: one-shot fits and reports in TypeScript (no kernel). Each public call
// on 10,000 outcomes, next to a plain JavaScript loop of the same work where one is short
// (the report's scores), and scikit-learn's fit of the same data through /usr/bin/python3
// when it imports sklearn (rows skipped otherwise).
import { execFileSync } from 'node:child_process';
import { calibrationReport, isotonicCalibration, LogisticRegression, plattCalibration } from '../src/probability/index.js';
import { Xoshiro128 } from '../src/random/xoshiro128.js';
import { runSuite, type BenchRow } from './harness.js';

const N = 10_000;

export async function benchProbability(): Promise<BenchRow[]> {
  const rng = new Xoshiro128(11);
  const scores = Float64Array.from({ length: N }, () => 4 * rng.nextFloat() - 2);
  const outcomes = Uint8Array.from(scores, (s) => (rng.nextFloat() < 1 / (1 + Math.exp(-1.5 * s)) ? 1 : 0));
  const probabilities = Float64Array.from(scores, (s) => 1 / (1 + Math.exp(-s)));
  const rows = Array.from(scores, (s) => [s, rng.nextFloat(), rng.nextFloat() - 0.5]);
  const plainScores = () => {
    let brier = 0;
    let logLoss = 0;
    for (let i = 0; i < N; i++) {
      const p = Math.min(1 - 1e-15, Math.max(1e-15, probabilities[i]));
      brier += (probabilities[i] - outcomes[i]) ** 2;
      logLoss -= outcomes[i] === 1 ? Math.log(p) : Math.log1p(-p);
    }
    return brier + logLoss;
  };
  const out = await runSuite('probability', [
    { name: `plattCalibration, ${N} scores`, fn: () => plattCalibration(scores, outcomes), units: N },
    { name: `isotonicCalibration, ${N} scores`, fn: () => isotonicCalibration(scores, outcomes), units: N },
    { name: `LogisticRegression.fit, ${N} × 3, l2 1`, fn: () => LogisticRegression.fit(rows, outcomes, { l2: 1 }), units: N },
    { name: `calibrationReport, ${N} probabilities`, fn: () => calibrationReport(probabilities, outcomes), units: N },
    { name: `plain JS loop: Brier + log loss, ${N}`, fn: plainScores, units: N, baseline: true },
  ]);
  return [...out, ...sklearnRows(scores, outcomes, rows)];
}

/** scikit-learn's fits of the same data, timed in Python (best of 5 × 5 runs); none when it is not importable. */
function sklearnRows(scores: Float64Array, outcomes: Uint8Array, rows: number[][]): BenchRow[] {
  const script = `
import json, sys, timeit
import numpy as np
from sklearn.calibration import _sigmoid_calibration
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss
d = json.load(sys.stdin)
s, y, X = np.array(d['scores']), np.array(d['outcomes']), np.array(d['rows'])
p = 1 / (1 + np.exp(-s))
cases = {
  'sklearn _sigmoid_calibration': lambda: _sigmoid_calibration(s, y),
  'sklearn IsotonicRegression.fit': lambda: IsotonicRegression(out_of_bounds='clip').fit(s, y),
  'sklearn LogisticRegression(C=1).fit': lambda: LogisticRegression(C=1.0).fit(X, y),
  'sklearn brier_score_loss + log_loss': lambda: (brier_score_loss(y, p), log_loss(y, p)),
}
print(json.dumps({k: min(timeit.repeat(f, number=5, repeat=5)) / 5 * 1000 for k, f in cases.items()}))
`;
  try {
    const input = JSON.stringify({ scores: Array.from(scores), outcomes: Array.from(outcomes), rows });
    const ms = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] })) as Record<string, number>;
    return Object.entries(ms).map(([task, meanMs]) => ({ suite: 'probability', task: `${task}, ${N}`, meanMs, p99Ms: meanMs, samples: 25, unitsPerSecond: N / (meanMs / 1000) }));
  } catch {
    return [];
  }
}
