// The one sizewise module. Kernels take scalars, pointers and lengths and write
// into memory the host allocated; nothing here allocates.

/** First byte the host may use; everything below holds static data. */
export function heapBase(): usize {
  return __heap_base;
}

export { seedStream, fillRandomU32 } from './xoshiro128';
export { simulateBinary, simulateBootstrap, simulatePathsWorkBytes } from './simulatePaths';
export { scalePositions } from './scalePositions';
export { sizeColumns } from './sizeColumns';
export { warmup } from './warmup';
export { qCheckTransitions, qUpdate, qReplay } from './qUpdate';
export { kellyGradient } from './kellyGradient';
