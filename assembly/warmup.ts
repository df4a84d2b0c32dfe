import { fillRandomU32 } from './random';
import { scalePositions } from './scaler';
import { sizeColumns } from './scalerLayers';

/**
 * Runs every kernel once on a few elements of scratch memory the host reserved,
 * so the first real call does not pay for lazy compilation. Kernels add their
 * call here as they arrive. `scratchPtr` points at WARMUP_SCRATCH_BYTES (64 KiB).
 */
export function warmup(scratchPtr: usize): void {
  fillRandomU32(1, 0, scratchPtr + 64, 8, scratchPtr);
  // Eight rows of zeros in (the kernels' step), outputs after them; a zeroed table is a valid one.
  memory.fill(scratchPtr + 4096, 0, 8192);
  scalePositions(scratchPtr + 4096, scratchPtr + 4096, scratchPtr + 4096, scratchPtr + 4096, scratchPtr + 4096, scratchPtr + 4096, 3, scratchPtr + 12288, scratchPtr + 12416, 8);
  store<u32>(scratchPtr + 4096 + 40, <u32>(scratchPtr + 12288)); // out
  store<u32>(scratchPtr + 4096 + 44, <u32>(scratchPtr + 12416)); // status
  store<u32>(scratchPtr + 4096 + 72, <u32>(scratchPtr + 4096)); // conviction table
  store<u32>(scratchPtr + 4096 + 76, <u32>(scratchPtr + 4096)); // regime table
  sizeColumns(scratchPtr + 4096, 8);
}
