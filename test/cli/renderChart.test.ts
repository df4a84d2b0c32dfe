import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { chartFormat, chartKinds, FONT_FILE, renderSvg, svgToPng } from '../../src/cli/renderChart.js';
import { VEGA_LITE_SCHEMA } from '../../src/index.js';

const spec = {
  $schema: VEGA_LITE_SCHEMA,
  title: 'Readable title',
  width: 200,
  height: 100,
  data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }] },
  mark: 'line',
  encoding: { x: { field: 'x', type: 'quantitative', title: 'Trade' }, y: { field: 'y', type: 'quantitative', title: 'Wealth' } },
};

/** Pixels that are not white in an RGBA buffer. */
function inked(pixels: Buffer): number {
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 200 || pixels[i + 1] < 200 || pixels[i + 2] < 200) n++;
  return n;
}

describe('renderChart', () => {
  it('draws the text of an SVG into the PNG with the bundled font', async () => {
    const svg = await renderSvg(spec);
    expect(svg).toContain('Readable title');
    expect(svg).toContain('>Trade<');
    const png = await svgToPng(svg);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    // The same picture without its text elements: the difference in ink is the drawn text.
    const withText = new Resvg(svg, { font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' }, background: 'white' }).render().pixels;
    const noText = new Resvg(svg.replace(/<text[^>]*>[^<]*<\/text>/g, ''), { font: { loadSystemFonts: false }, background: 'white' }).render().pixels;
    expect(inked(withText) - inked(noText)).toBeGreaterThan(300);
  });

  it('takes the format from the file name and checks --chart-kind', () => {
    expect(chartFormat('a/b.PNG')).toBe('png');
    expect(chartFormat('b.svg')).toBe('svg');
    expect(() => chartFormat('b.pdf')).toThrow('--chart b.pdf: the file must end in .svg or .png');
    expect(chartKinds(undefined, ['fan', 'kelly'])).toEqual(['fan', 'kelly']);
    expect(chartKinds('kelly, FAN', ['fan', 'kelly'])).toEqual(['fan', 'kelly']);
    expect(() => chartKinds('pie', ['fan', 'kelly'])).toThrow('--chart-kind pie: unknown kind "pie" (known: fan, kelly)');
  });
});
