import { afterEach, describe, expect, it, vi } from 'vitest';
import { portfolioSection } from '../../src/cli/portfolioSection.js';

afterEach(() => vi.restoreAllMocks());

describe('the portfolio section of the main job', () => {
  it('prints, per subset, exact, Gaussian, fractional and capped rules in and out of sample, the weights and the penalties', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await portfolioSection({} as never);
    const text = lines.join('\n');
    expect(text).toContain('Portfolio Kelly across correlated assets');
    for (const subset of ['### 5 stocks', '### 10 large caps', '### all 30']) expect(text).toContain(subset);
    const capped = lines.filter((l) => l.startsWith('exact, leverage ≤ 1.5'));
    expect(capped).toHaveLength(3);
    for (const row of capped) expect(row).toMatch(/^exact, leverage ≤ 1\.5\s+1\.50\s/); // the cap binds in every subset
    const penalties = lines.filter((l) => /^[A-Z]{1,4}\s+-?\d+\.\d\d\s+-?\d+\.\d\d\s+\d+\.\d\d\s+\d+\.\d\d\s+\d\.\d\d\s+×\d\.\d\d$/.test(l));
    expect(penalties).toHaveLength(15); // 5 + 10 stocks
    expect(text).toMatch(/Held out, over the 3 subsets: full exact Kelly .* a year/);
  });
});
