/**
 * A Vega-Lite specification as plain JSON data: what the chart builders return, what the
 * command line renders to SVG/PNG and what a browser page hands to vega-embed.
 */
export type ChartSpec = { $schema: string } & Record<string, unknown>;

/** The Vega-Lite version the builders write for (v6). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * The font every chart asks for. The command line renders PNGs with the DejaVu Sans file it
 * ships; a browser falls back to its sans-serif when the font is not installed.
 */
export const CHART_FONT = 'DejaVu Sans';

/** Colours of the chart series, in order (Tableau 10: distinct for colour-blind readers too). */
export const SERIES_COLORS: readonly string[] = Object.freeze(['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#eeca3b', '#9d755d']);

/** The look shared by every chart: one font, readable sizes, white background. */
function chartConfig(): Record<string, unknown> {
  return {
    font: `${CHART_FONT}, sans-serif`,
    background: 'white',
    padding: 12,
    title: { fontSize: 15, fontWeight: 'normal', anchor: 'start', subtitleFontSize: 12, subtitleColor: '#555', offset: 10 },
    axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e6e6e6' },
    legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 320 },
    header: { labelFontSize: 12, titleFontSize: 12 },
    view: { stroke: '#bbb' },
  };
}

/** A top-level spec: the schema, the shared config, and the chart's own parts. */
export function chartSpec(title: string | { text: string; subtitle?: string | string[] }, body: Record<string, unknown>): ChartSpec {
  return { $schema: VEGA_LITE_SCHEMA, title, config: chartConfig(), ...body };
}
