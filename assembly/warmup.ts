import { fillRandomU32 } from './random';

/**
 * Runs every kernel once on a few elements of scratch memory the host reserved,
 * so the first real call does not pay for lazy compilation. Kernels add their
 * call here as they arrive. `scratchPtr` points at WARMUP_SCRATCH_BYTES (64 KiB).
 */
export function warmup(scratchPtr: usize): void {
  fillRandomU32(1, 0, scratchPtr + 64, 8, scratchPtr);
}
