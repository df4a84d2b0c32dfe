import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadContext } from '../../src/cli/context.js';
import { simulationSection } from '../../src/cli/simulationSection.js';

afterEach(() => vi.restoreAllMocks());

describe('the simulation section of the main job', () => {
  it('prints simulated next to exact ruin figures that agree within 4 standard errors, the bootstrap table and a recommendation', async () => {
    const ctx = await loadContext();
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await simulationSection(ctx);
    const text = lines.join('\n');
    expect(text).toContain('Binary approximation');
    expect(text).toContain('Bootstrap of the 94 trade returns');
    expect(text).toMatch(/Recommended exposure .*: \d+\.\d\d× = \d\.\d\d × Kelly/);
    // Rows of the binary table: "× Kelly  exposure  P(ruin) sim | exact …"; ruin simulated from
    // 10 000 paths must sit within 4·√(p(1 − p)/N) of the exact value (printed to 0.1 %, so add 0.05 %).
    const rows = lines.filter((l) => /^\d\.\d\d\s+\d+\.\d\d×\s+[\d.]+ % \| [\d.]+ %/.test(l));
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      const [sim, exact] = [...row.matchAll(/([\d.]+) % \| ([\d.]+) %/g)][0].slice(1).map((x) => Number(x) / 100);
      expect(Math.abs(sim - exact)).toBeLessThanOrEqual(4 * Math.sqrt((exact * (1 - exact)) / 10_000) + 0.0005);
    }
  });

  it('leaves the bootstrap table out, instead of failing, when the worst trade makes every Kelly multiple certain ruin', async () => {
    // Kelly 5 and a worst trade of −90 %: even ¼ Kelly (1.25×) loses 112.5 % of equity on it.
    const real = await loadContext();
    const trades = real.trades.map((t, i) => (i === 0 ? { ...t, returnFraction: -0.9 } : t));
    const ctx = { ...real, trades, edge: { ...real.edge, kelly: { ...real.edge.kelly, exposure: 5 } } };
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await simulationSection(ctx);
    const text = lines.join('\n');
    expect(text).toContain('every simulated multiple of Kelly is certain ruin');
    expect(text).toContain('0.25 × Kelly (1.25×) left out');
    expect(text).toMatch(/Recommended exposure .*: \d+\.\d\d× = \d\.\d\d × Kelly/);
  });
});
