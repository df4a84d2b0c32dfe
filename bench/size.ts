// Latency of one `sizer.size()` decision with every layer and risk-based money (the public
// call, end to end: validation, layers, reasons, Decimal money), measured call by call:
// 5 rounds × 20,000 calls, each round on fresh request objects (built outside the timing,
// as a server receives them), after a warm-up. Reports p50 / p99 / max per round and over
// all calls; `sizeOrder` alone is measured the same way, for the share of the money, and a
// non-allocating loop of the same p50 shows the machine's own tail.
import { Xoshiro128 } from '../src/random/xoshiro128.js';
import { sizeOrder } from '../src/money/sizeOrder.js';
import { createSizer } from '../src/sizing/PositionSizer.js';
import type { DefaultSizerNames, SizingRequest } from '../src/sizing/sizingTypes.js';
import type { BenchRow } from './harness.js';

const ROUNDS = 5;
const CALLS = 20_000;
const WARMUP = 20_000;

/** Per-call times (ms) of `call` over `requests`, in call order. */
function timeCalls<T>(requests: readonly T[], call: (r: T) => unknown): Float64Array {
  const times = new Float64Array(requests.length);
  for (let i = 0; i < requests.length; i++) {
    const t0 = performance.now();
    call(requests[i]);
    times[i] = performance.now() - t0;
  }
  return times;
}

function percentiles(times: Float64Array): { p50: number; p99: number; max: number; mean: number } {
  const sorted = Float64Array.from(times).sort();
  let sum = 0;
  for (const t of sorted) sum += t;
  return { p50: sorted[Math.floor(0.5 * sorted.length)], p99: sorted[Math.floor(0.99 * sorted.length)], max: sorted[sorted.length - 1], mean: sum / sorted.length };
}

const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

function latencyRows(task: string, make: (rng: Xoshiro128, n: number) => unknown[], call: (r: unknown) => unknown): BenchRow {
  const rng = new Xoshiro128(7);
  for (const r of make(rng, WARMUP)) call(r);
  const all = new Float64Array(ROUNDS * CALLS);
  for (let round = 0; round < ROUNDS; round++) {
    const times = timeCalls(make(rng, CALLS), call);
    all.set(times, round * CALLS);
    const p = percentiles(times);
    console.log(`${task}, round ${round + 1}: p50 ${us(p.p50)}, p99 ${us(p.p99)}, max ${us(p.max)}`);
  }
  const p = percentiles(all);
  console.log(`${task}, all ${ROUNDS * CALLS} calls: p50 ${us(p.p50)}, p99 ${us(p.p99)}, mean ${us(p.mean)}`);
  return Object.assign({ suite: 'size(): one decision', task, meanMs: p.mean, p99Ms: p.p99, samples: all.length }, { p50Ms: p.p50 });
}

/** Requests with every layer, a stop (risk-based money) and varied prices, as decimal strings. */
function requests(rng: Xoshiro128, n: number): SizingRequest<DefaultSizerNames>[] {
  const edge = { winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 };
  return Array.from({ length: n }, () => ({
    balance: '100000',
    price: (100 + 300 * rng.nextFloat()).toFixed(2),
    stopDistance: (1 + 10 * rng.nextFloat()).toFixed(2),
    lotStep: '1',
    edge,
    tier: 'advanced',
    confidence: rng.nextFloat(),
    conviction: 'HIGH',
    atrRatio: 0.5 + 1.5 * rng.nextFloat(),
    regime: 'TRENDING',
    banditWeight: rng.nextFloat(),
    correlation: rng.nextFloat(),
    rlMultiplier: 0.5 + rng.nextFloat(),
    drawdown: 0.2 * rng.nextFloat(),
  }));
}

export async function benchSize(): Promise<BenchRow[]> {
  const sizer = createSizer();
  const decision = latencyRows('public: sizer.size() with every layer, risk-based money', requests, (r) => sizer.size(r as SizingRequest<DefaultSizerNames>));
  const order = latencyRows(
    'sizeOrder() alone (risk-based)',
    (rng, n) => requests(rng, n).map((r) => ({ balance: r.balance, price: r.price, stopDistance: r.stopDistance, lotStep: r.lotStep, riskFraction: 0.02 })),
    (r) => sizeOrder(r as never),
  );
  // The machine's own tail: a loop that allocates nothing and takes about size()'s p50,
  // timed the same way. Its p99 ÷ p50 is what preemption and timer noise alone give here.
  const control = latencyRows(
    'control: a non-allocating arithmetic loop of about the same p50',
    (_, n) => Array.from({ length: n }, (_, i) => i),
    (i) => {
      let s = 0;
      for (let k = 0; k < CONTROL_STEPS; k++) s += Math.sqrt(k * 1.0001 + (i as number));
      return s;
    },
  );
  return [decision, order, control];
}

/** Steps of the control loop: about 10 µs on the 2-core machine, size()'s p50 there. */
const CONTROL_STEPS = 4600;
