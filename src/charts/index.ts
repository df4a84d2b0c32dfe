// Vega-Lite chart specs as plain data: the command line renders them to SVG/PNG, a browser
// page hands them to vega-embed. Nothing here touches Node or the DOM.
export { CHART_FONT, SERIES_COLORS, VEGA_LITE_SCHEMA, type ChartSpec } from './chartSpec.js';
export { MAX_CHART_EXPOSURE, MAX_CHART_SERIES, type SimulationChartOptions } from './checkChartInput.js';
export { fanChartSpec, FAN_CHART_DEFAULTS, MAX_FAN_CHECKPOINTS, type FanChartOptions } from './fanChartSpec.js';
export { kellyCurveSpec, MAX_KELLY_CURVE_LEVELS, type KellyCurveOptions } from './kellyCurveSpec.js';
export { drawdownDistributionSpec } from './drawdownDistributionSpec.js';
export { equityCurvesSpec, MAX_EQUITY_BARS, type EquityCurve, type EquityCurvesOptions } from './equityCurvesSpec.js';
export { sizeDistributionSpec, MAX_SIZE_BUCKET_BARS, type SizeDistributionOptions } from './sizeDistributionSpec.js';
export { reliabilityDiagramSpec, MAX_RELIABILITY_BINS, RELIABILITY_INTERVAL, type ReliabilityDiagramOptions } from './reliabilityDiagramSpec.js';
