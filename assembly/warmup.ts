import { qReplay, qUpdate } from './qlearning';
import { fillRandomU32, seedStream } from './random';
import { scalePositions } from './scaler';
import { sizeColumns } from './scalerLayers';

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
  // Eight rows of zeros in (the kernels' step), outputs after them; a zeroed table is a valid one.
  memory.fill(scratchPtr + 4096, 0, 8192);
  scalePositions(scratchPtr + 4096, scratchPtr + 4096, scratchPtr + 4096, scratchPtr + 4096, scratchPtr + 4096, scratchPtr + 4096, 3, scratchPtr + 12288, scratchPtr + 12416, 8);
  store<u32>(scratchPtr + 4096 + 40, <u32>(scratchPtr + 12288)); // out
  store<u32>(scratchPtr + 4096 + 44, <u32>(scratchPtr + 12416)); // status
  store<u32>(scratchPtr + 4096 + 72, <u32>(scratchPtr + 4096)); // conviction table
  store<u32>(scratchPtr + 4096 + 76, <u32>(scratchPtr + 4096)); // regime table
  sizeColumns(scratchPtr + 4096, 8);
}
