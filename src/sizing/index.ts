export { createSizer, PositionSizer, type BatchColumns, type BatchOptions, type ScalerResult } from './PositionSizer.js';
export { SIZER_DEFAULTS, type SizerConfig, type SizerConfigInput, type AccountTier, type ConfidenceTier, type ScheduleStep } from './sizerConfig.js';
export { resolveSizerConfig } from './resolveSizerConfig.js';
export type { SizingRequest, SizingDecision, SizingFactor, SizingEdge, SizerEdgeEstimate } from './sizingTypes.js';
export { BATCH_STATUS, type ScalerColumns } from './sizeColumnsTwin.js';
export { REGIME_CODES, REGIME_FACTORS } from './regimeCodes.js';
export {
  allocateScaleColumns,
  allocateScaleColumnsSync,
  scalePositions,
  scalePositionsSync,
  SCALE_POSITIONS_DEFAULTS,
  type ScalePositionsOptions,
  type WasmScaleColumns,
} from './scalePositions.js';
export { SCALE_STATUS, scalePositionsTwin, type ScaleColumns } from './scalePositionsTwin.js';
export { pyramid, PYRAMID_DEFAULTS, type PyramidDecision, type PyramidOptions, type PyramidSignal } from './pyramid.js';
export { loadSizerConfig, parseSizerConfig } from './loadSizerConfig.js';
