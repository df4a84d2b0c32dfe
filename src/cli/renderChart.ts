// Chart rendering for Node: a Vega-Lite spec (src/charts) → SVG with vega/vega-lite, and
// SVG → PNG with resvg and the bundled DejaVu Sans, so text appears without a browser or any
// font installed on the system. vega and resvg load on first use: commands without
// --chart do not pay for them.
import { rename, rm, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChartSpec } from '../index.js';
import { UsageError } from './UsageError.js';

/** The font file PNG text is drawn with (DejaVu Sans 2.37; licence beside it). */
export const FONT_FILE = fileURLToPath(new URL('./fonts/DejaVuSans.ttf', import.meta.url));

/** PNGs are drawn at this multiple of the SVG's size by default, for sharp text on high-density screens (--png-scale). */
export const PNG_SCALE = 2;

/** The chart formats a file name may ask for. */
export type ChartFormat = 'svg' | 'png';

/** The format a chart file's extension asks for; anything else is a usage error naming the option. */
export function chartFormat(file: string, option = '--chart'): ChartFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.svg' || ext === '.png') return ext.slice(1) as ChartFormat;
  throw new UsageError(`${option} ${file}: the file must end in .svg or .png`);
}

/** A Vega-Lite spec drawn as an SVG document. */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  // Compiler and renderer warnings are about the spec, not the user's data: kept off stderr.
  const compiled = vegaLite.compile(spec as never, { logger: vega.logger(vega.None) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.None });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** An SVG document rasterised to PNG bytes with the bundled font, at PNG_SCALE. */
export async function svgToPng(svg: string, scale = PNG_SCALE): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
  });
  return resvg.render().asPng();
}

/** Renders a spec to `file` as SVG or PNG by its extension; the file is written whole or not at all. */
export async function writeChart(spec: ChartSpec, file: string, pngScale = PNG_SCALE): Promise<void> {
  const format = chartFormat(file);
  const svg = await renderSvg(spec);
  const bytes = format === 'svg' ? svg : await svgToPng(svg, pngScale);
  const partial = `${file}.${process.pid}.partial`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw new UsageError(`--chart ${file}: cannot write the chart (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** The chart kinds a --chart-kind list asks for (all of `known` when it is absent), checked. */
export function chartKinds<K extends string>(list: string | undefined, known: readonly K[]): K[] {
  if (list === undefined) return [...known];
  const kinds = list.split(',').map((k) => k.trim().toLowerCase());
  for (const k of kinds) {
    if (!(known as readonly string[]).includes(k)) throw new UsageError(`--chart-kind ${list}: unknown kind ${JSON.stringify(k)} (known: ${known.join(', ')})`);
  }
  return known.filter((k) => kinds.includes(k));
}

/** Several specs as one picture, one under the other, each with its own title; one spec as it is. */
export function stackCharts(specs: readonly ChartSpec[]): ChartSpec {
  if (specs.length === 1) return specs[0];
  const [{ $schema, config }] = specs;
  const parts = specs.map(({ $schema: _s, config: _c, ...rest }) => rest);
  // Each chart keeps its own colours and legends.
  return { $schema, config, vconcat: parts, spacing: 40, resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } } };
}
