import { qReplay, qUpdate } from './qlearning';
import { fillRandomU32, seedStream } from './random';

/**
 * Runs every kernel once on a few elements of scratch memory the host reserved,
 * so the first real call does not pay for lazy compilation. Kernels add their
 * call here as they arrive. `scratchPtr` points at WARMUP_SCRATCH_BYTES (64 KiB).
 */
export function warmup(scratchPtr: usize): void {
  fillRandomU32(1, 0, scratchPtr + 64, 8, scratchPtr);
  // Q-learning: a 2 × 4 table at +256, one transition of zeros at +512 (state, action,
  // next state 0, reward 0, not done), replayed once with the stream at +640.
  memory.fill(scratchPtr + 256, 0, 512);
  qUpdate(scratchPtr + 256, 4, scratchPtr + 512, scratchPtr + 528, scratchPtr + 544, scratchPtr + 560, scratchPtr + 576, 1, 0.1, 0.9);
  seedStream(1, 0, scratchPtr + 640);
  qReplay(scratchPtr + 256, 4, scratchPtr + 512, scratchPtr + 528, scratchPtr + 544, scratchPtr + 560, scratchPtr + 576, 1, 2, 0.1, 0.9, scratchPtr + 640);
}
