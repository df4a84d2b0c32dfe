// The one sizewise module. Kernels take scalars, pointers and lengths and write
// into memory the host allocated; nothing here allocates.

/** First byte the host may use; everything below holds static data. */
export function heapBase(): usize {
  return __heap_base;
}

export { seedStream, fillRandomU32 } from './random';
export { simulateBinary, simulateBootstrap, montecarloWorkBytes } from './montecarlo';
export { simulateBinaryScalar } from './montecarloScalar';
export { scalePositions } from './scalePositions';
export { sizeColumns } from './sizeColumns';
export { warmup } from './warmup';
export { qCheckTransitions, qUpdate, qReplay } from './qUpdate';
export { kellyGradient } from './kellyGradient';
