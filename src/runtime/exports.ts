/**
 * The functions the one sizewise module exports (assembly/index.ts). Pointers and
 * lengths are numbers; kernels trust their input, the facade validates it.
 * Each kernel's facade adds its signature here.
 */
export interface SizewiseExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  warmup(scratchPtr: number): void;
  seedStream(seed: number, stream: number, statePtr: number): void;
  fillRandomU32(seed: number, stream: number, outPtr: number, n: number, scratchPtr: number): void;
  // Monte Carlo path kernels (assembly/simulatePaths.ts; facade src/montecarlo/simulatePaths.ts)
  simulatePathsWorkBytes(exposures: number): number;
  simulateBinary(
    seed: number, pathStart: number, paths: number, trades: number, threshold: number, exposures: number,
    lnWinPtr: number, lnLossPtr: number, checkpointsPtr: number, checkpoints: number,
    outPtr: number, stride: number, workPtr: number,
  ): void;
  simulateBootstrap(
    seed: number, pathStart: number, paths: number, trades: number, returns: number, exposures: number,
    tablePtr: number, checkpointsPtr: number, checkpoints: number, outPtr: number, stride: number, workPtr: number,
  ): void;
  // Q-learning (assembly/qUpdate.ts; see src/rl/qUpdate.ts)
  qCheckTransitions(
    statePtr: number, actionPtr: number, rewardPtr: number, nextStatePtr: number, donePtr: number,
    n: number, nStates: number, nActions: number, maxReward: number,
  ): number;
  qUpdate(
    q: number, visits: number, nStates: number, nActions: number, statePtr: number, actionPtr: number, rewardPtr: number,
    nextStatePtr: number, donePtr: number, n: number, alpha: number, gamma: number, maxReward: number, sumPtr: number,
  ): number;
  qReplay(
    q: number, nActions: number, statePtr: number, actionPtr: number, rewardPtr: number,
    nextStatePtr: number, donePtr: number, size: number, draws: number, alpha: number, gamma: number, rngPtr: number,
  ): number;
  /** Module Y scaler over columns (n a multiple of 8: the facade pads); see assembly/scalePositions.ts. */
  scalePositions(
    positionPtr: number,
    metaPtr: number,
    banditPtr: number,
    regimePtr: number,
    correlationPtr: number,
    regimeTablePtr: number,
    maxPosition: number,
    scaledPtr: number,
    statusPtr: number,
    n: number,
  ): void;
  /** The sizer's layer stack over columns described by a parameter block (n a multiple of 8: the facade pads); see assembly/sizeColumns.ts. */
  sizeColumns(paramsPtr: number, n: number): void;
  /** Portfolio Kelly: mean ln(1 + w·r) over days × assets, and its gradient and Hessian; see assembly/kellyGradient.ts. */
  kellyGradient(
    returnsPtr: number, days: number, assets: number, weightsPtr: number,
    gradPtr: number, hessPtr: number, workPtr: number, derivatives: number,
  ): number;
}
