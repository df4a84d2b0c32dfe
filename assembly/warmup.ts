import { kellyGradient } from './kellyGradient';
import { simulatePathsWorkBytes, simulateBinary, simulateBootstrap } from './simulatePaths';
import { qReplay, qUpdate } from './qUpdate';
import { fillRandomU32, seedStream } from './xoshiro128';
import { scalePositions } from './scalePositions';
import { sizeColumns } from './sizeColumns';
import { PARAM_CONVICTION_TABLE, PARAM_FLAGS, PARAM_LOSS_RETURN, PARAM_OUT, PARAM_REGIME_TABLE, PARAM_STATUS } from './sizeColumnsParams';

/** Trades per path of the Monte Carlo warm-up (see warmupMonteCarlo). */
const WARMUP_TRADES: i32 = 16_384;

/**
 * Runs every kernel once on a few elements of scratch memory the host reserved,
 * so the first real call does not pay for lazy compilation. Kernels add their
 * call here as they arrive. `scratchPtr` points at WARMUP_SCRATCH_BYTES (64 KiB);
 * the calls run one after another, so each may use the scratch from its start.
 */
export function warmup(scratchPtr: usize): void {
  fillRandomU32(1, 0, scratchPtr + 64, 8, scratchPtr);
  // Q-learning: a 2 × 4 table at +256 and its visit counts at +320, one transition of zeros
  // at +512 (state, action, next state 0, reward 0, not done; its sum at +704), replayed
  // once with the stream at +640.
  memory.fill(scratchPtr + 256, 0, 512);
  qUpdate(scratchPtr + 256, scratchPtr + 320, 2, 4, scratchPtr + 512, scratchPtr + 528, scratchPtr + 544, scratchPtr + 560, scratchPtr + 576, 1, 0.1, 0.9, 1, scratchPtr + 704);
  seedStream(1, 0, scratchPtr + 640);
  qReplay(scratchPtr + 256, 4, scratchPtr + 512, scratchPtr + 528, scratchPtr + 544, scratchPtr + 560, scratchPtr + 576, 1, 2, 0.1, 0.9, scratchPtr + 640);
  // Eight rows of zeros in (the kernels' step), outputs after them; a zeroed table is a valid one.
  memory.fill(scratchPtr + 4096, 0, 8192);
  scalePositions(scratchPtr + 4096, scratchPtr + 4096, scratchPtr + 4096, scratchPtr + 4096, scratchPtr + 4096, scratchPtr + 4096, 3, scratchPtr + 12288, scratchPtr + 12416, 8);
  // The layer stack with every column present, each the rows of zeros (a loss return of 0
  // fails every row, so the bad-row path runs too); its parameter block at +8192.
  const params = scratchPtr + 8192;
  for (let slot: usize = 0; slot <= PARAM_LOSS_RETURN; slot += 4) store<u32>(params + slot, <u32>(scratchPtr + 4096));
  store<u32>(params + PARAM_OUT, <u32>(scratchPtr + 12288));
  store<u32>(params + PARAM_STATUS, <u32>(scratchPtr + 12416));
  store<u32>(params + PARAM_FLAGS, 0x3ff);
  store<u32>(params + PARAM_CONVICTION_TABLE, <u32>(scratchPtr + 4096));
  store<u32>(params + PARAM_REGIME_TABLE, <u32>(scratchPtr + 4096));
  sizeColumns(params, 8);
  warmupMonteCarlo(scratchPtr);
  // Portfolio Kelly: 5 days × 2 assets of zero returns (80 B; the first 2 are the weights), then
  // the gradient (16 B), the Hessian (32 B) and the work area (4 days × 2 assets, 64 B).
  memory.fill(scratchPtr, 0, 192);
  kellyGradient(scratchPtr, 5, 2, scratchPtr, scratchPtr + 80, scratchPtr + 96, scratchPtr + 128, 1);
}

/**
 * 4 paths × 16 384 trades, one exposure, one checkpoint, both SIMD kernels (about 9 KiB
 * of scratch, well under a millisecond): long enough for V8 to spend the tier-up budget
 * of the hot loops, so their optimised code is ready, or compiling, before the first
 * real call (measured by bench/simulatePaths.ts, "first call"). The scalar kernel
 * (simulatePathsScalar.ts) is a benchmark-only comparison, not in this module.
 */
function warmupMonteCarlo(scratchPtr: usize): void {
  const work = scratchPtr;
  const params = work + <usize>simulatePathsWorkBytes(1);
  store<f64>(params, 0.01); // ln win
  store<f64>(params, -0.01, 8); // ln loss; also the 2-entry bootstrap table below
  store<f64>(params, 0.01, 16);
  store<i32>(params, 2, 24); // checkpoint step
  const out = params + 32;
  simulateBinary(1, 0, 4, WARMUP_TRADES, 0x80000000, 1, params, params + 8, params + 24, 1, out, 4, work);
  simulateBootstrap(1, 0, 4, WARMUP_TRADES, 2, 1, params + 8, params + 24, 1, out, 4, work);
}
