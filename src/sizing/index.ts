// Sizing: the public names only (twins, plans and config internals are imported from their files).
export { createSizer, PositionSizer } from './PositionSizer.js';
export {
  BATCH_STATUS,
  type BatchColumns,
  type BatchOptions,
  type LayerColumn,
  type SizeBatchColumns,
  type SizeBatchResult,
  type ScalerColumns,
  type ScalerResult,
} from './sizeColumns.js';
export {
  SIZER_DEFAULTS,
  type SizerConfig,
  type SizerConfigInput,
  type AccountTier,
  type ConfidenceTier,
  type ScheduleStep,
  type DefaultTierName,
  type ConvictionLevel,
} from './sizerConfig.js';
export type {
  SizingRequest,
  TrackedSizingRequest,
  SizerNames,
  DefaultSizerNames,
  ConfiguredSizerNames,
  SizingDecision,
  SizingFactor,
  SizingEdge,
  SizerEdgeEstimate,
  UncertainBinaryEdge,
  SizingTracker,
  ScalingInput,
  CorrelationInput,
} from './sizingTypes.js';
export { REGIME_CODES, REGIME_FACTORS } from './regimeCodes.js';
export {
  allocateScaleColumns,
  allocateScaleColumnsSync,
  scalePositions,
  scalePositionsSync,
  SCALE_POSITIONS_DEFAULTS,
  SCALE_STATUS,
  type ScaleColumns,
  type ScalePositionsOptions,
  type ScaleResult,
  type WasmScaleColumns,
} from './scalePositions.js';
export { pyramid, PYRAMID_DEFAULTS, type PyramidDecision, type PyramidOptions, type PyramidSignal } from './pyramid.js';
export { loadSizerConfig, parseSizerConfig, type SizerConfigFormat } from './loadSizerConfig.js';
