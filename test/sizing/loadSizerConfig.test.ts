import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SizewiseError } from '../../src/errors.js';
import { loadSizerConfig, parseSizerConfig } from '../../src/sizing/loadSizerConfig.js';
import { createSizer } from '../../src/sizing/PositionSizer.js';
import { resolveSizerConfig } from '../../src/sizing/resolveSizerConfig.js';
import { SIZER_DEFAULTS } from '../../src/sizing/sizerConfig.js';

const dir = mkdtempSync(join(tmpdir(), 'sizewise-config-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('loadSizerConfig', () => {
  it('reads the shipped example as exactly the seeds\' defaults', async () => {
    const config = await loadSizerConfig(new URL('../../config/trading_rules.yaml', import.meta.url).pathname);
    expect(config).toEqual(SIZER_DEFAULTS);
  });

  it('reads JSON in camelCase and merges it over the defaults', async () => {
    const path = file('a.json', JSON.stringify({ defaultFraction: 0.5, positionBoundaries: { advanced: { maxRisk: 0.03 } } }));
    const config = await loadSizerConfig(path);
    expect(config.defaultFraction).toBe(0.5);
    expect(config.positionBoundaries.advanced).toEqual({ ...SIZER_DEFAULTS.positionBoundaries.advanced, maxRisk: 0.03 });
    expect(config.positionBoundaries.basic).toEqual(SIZER_DEFAULTS.positionBoundaries.basic);
  });

  it('reads a kelly_sizing section in snake_case and ignores the other sections', async () => {
    const path = file('b.yaml', 'risk_limits: { whatever: 1 }\nkelly_sizing:\n  default_fraction: 0.3\n  position_boundaries:\n    pro: { max_risk: 0.02, allow_overrides: true }\n  default_tier: pro\n');
    const config = await loadSizerConfig(path);
    expect(config.defaultFraction).toBe(0.3);
    expect(config.positionBoundaries.pro).toEqual({ ...SIZER_DEFAULTS.positionBoundaries.basic, maxRisk: 0.02, allowOverrides: true });
    expect(createSizer(config).size({ balance: '1000', price: '10', edge: { winProbability: 0.6, winReturn: 0.02, lossReturn: 0.02 } }).tier).toBe('pro');
  });

  it.each([
    ['an out-of-range value', 'kelly_sizing:\n  position_boundaries:\n    basic: { max_risk: 1.5 }\n', 'kelly_sizing.position_boundaries.basic.max_risk', 'OUT_OF_RANGE', 1.5],
    ['an unknown key', 'kelly_sizing:\n  default_fracton: 0.3\n', 'kelly_sizing.default_fracton', 'UNKNOWN_KEY', 0.3],
    ['a wrong type', 'kelly_sizing:\n  conviction_multipliers: { HIGH: "lots" }\n', 'kelly_sizing.conviction_multipliers.HIGH', 'INVALID_TYPE', 'lots'],
    ['a wrong list item', 'kelly_sizing:\n  drawdown_schedule:\n    - { above: 0.1, multiplier: -1 }\n', 'kelly_sizing.drawdown_schedule[0].multiplier', 'OUT_OF_RANGE', -1],
    ['descending tiers', 'kelly_sizing:\n  signal_quality:\n    confidence_tiers: [{ min: 0.8, multiplier: 2 }, { min: 0.7, multiplier: 3 }]\n', 'kelly_sizing.signal_quality.confidence_tiers[1].min', 'OUT_OF_RANGE', 0.7],
    ['a default tier that does not exist', 'kelly_sizing:\n  default_tier: gold\n', 'kelly_sizing.default_tier', 'UNKNOWN_VALUE', 'gold'],
    ['an unknown method', 'kelly_sizing:\n  volatility_adjustment: { method: garch }\n', 'kelly_sizing.volatility_adjustment.method', 'UNKNOWN_VALUE', 'garch'],
  ])('rejects %s with the key path and the value', async (_what, text, field, code, value) => {
    const path = file(`bad-${field}.yaml`, text);
    const error = await loadSizerConfig(path).catch((e) => e);
    expect(error).toBeInstanceOf(SizewiseError);
    expect(error).toMatchObject({ field, code, value });
    expect(error.message).toContain(path);
  });

  it('rejects malformed files and a missing file', async () => {
    await expect(loadSizerConfig(file('c.json', '{ nope'))).rejects.toMatchObject({ code: 'INVALID_TYPE' });
    await expect(parseSizerConfig('a: [1, 2', 'yaml')).rejects.toBeInstanceOf(SizewiseError);
    await expect(loadSizerConfig('' as string)).rejects.toMatchObject({ field: 'path' });
  });

  // Issue 9, item 14: a missing file rejected with a plain ENOENT error; 'toml' was parsed as
  // YAML without a word; a null format threw a TypeError.
  it('rejects a missing file with a SizewiseError naming the path', async () => {
    const missing = join(dir, 'missing.yaml');
    const error = await loadSizerConfig(missing).catch((e) => e);
    expect(error).toBeInstanceOf(SizewiseError);
    expect(error).toMatchObject({ code: 'INVALID_STATE', field: 'path', value: missing });
    expect(error.message).toContain(missing);
  });

  it.each([
    ['toml', 'format', 'UNKNOWN_VALUE'],
    [null, 'format', 'UNKNOWN_VALUE'],
    [undefined, 'format', 'UNKNOWN_VALUE'],
  ])('rejects the format %s instead of guessing', async (format, field, code) => {
    const error = await parseSizerConfig('default_fraction = 0.3', format as never).catch((e) => e);
    expect(error).toBeInstanceOf(SizewiseError);
    expect(error).toMatchObject({ field, code });
  });

  it('rejects text that is not a string', async () => {
    await expect(parseSizerConfig(null as never, 'yaml')).rejects.toMatchObject({ code: 'INVALID_TYPE', field: 'text' });
  });

  it('reads a file URL, and the example the package exports as sizewise/config/trading_rules.yaml', async () => {
    // The package resolving itself by name goes through package.json "exports", as an installed copy would.
    const resolved = createRequire(import.meta.url).resolve('sizewise/config/trading_rules.yaml');
    expect(await loadSizerConfig(pathToFileURL(resolved))).toEqual(SIZER_DEFAULTS);
  });
});

describe('createSizer config validation', () => {
  it.each([
    [{ defaultFraction: 0 }, 'config.defaultFraction', 'OUT_OF_RANGE'],
    [{ defaultFraction: Number.NaN }, 'config.defaultFraction', 'NON_FINITE'],
    [{ minTradesForCalculation: 2.5 }, 'config.minTradesForCalculation', 'OUT_OF_RANGE'],
    [{ positionBoundaries: { basic: { minRisk: 0.1, maxRisk: 0.05 } } }, 'config.positionBoundaries.basic.minRisk', 'OUT_OF_RANGE'],
    [{ positionBoundaries: { basic: { allowOverrides: 'yes' } } }, 'config.positionBoundaries.basic.allowOverrides', 'INVALID_TYPE'],
    [{ regimeMultipliers: { TRENDING: -1 } }, 'config.regimeMultipliers.TRENDING', 'OUT_OF_RANGE'],
    [{ defaultRegime: 'SIDEWAYS' }, 'config.defaultRegime', 'UNKNOWN_VALUE'],
    // Names inherited from Object.prototype are not regimes or tiers.
    [{ defaultRegime: 'constructor' }, 'config.defaultRegime', 'UNKNOWN_VALUE'],
    [{ defaultTier: 'toString' }, 'config.defaultTier', 'UNKNOWN_VALUE'],
    [{ signalQuality: { confidenceTiers: [{ min: 0.5, multiplier: 2 }, { min: 0.8, multiplier: 1 }] } }, 'config.signalQuality.confidenceTiers[1].multiplier', 'OUT_OF_RANGE'],
    [{ volatilityAdjustment: { atrRatioSteps: Array.from({ length: 9 }, (_, i) => ({ above: i, multiplier: 1 })) } }, 'config.volatilityAdjustment.atrRatioSteps', 'OUT_OF_RANGE'],
    [{ rlMultiplier: { min: 2, max: 1 } }, 'config.rlMultiplier.min', 'OUT_OF_RANGE'],
    [{ kelly: {} }, 'config.kelly', 'UNKNOWN_KEY'],
    [{ drawdownSchedule: { above: 0.1 } }, 'config.drawdownSchedule', 'INVALID_TYPE'],
  ])('rejects %j at %s', (config, field, code) => {
    expect(() => createSizer(config as never)).toThrow(expect.objectContaining({ field, code }));
  });

  it('keeps the other tiers and regimes when one is given', () => {
    const config = resolveSizerConfig({ regimeMultipliers: { TRENDING: 1.6, CRISIS: 0.2 } });
    expect(config.regimeMultipliers).toEqual({ ...SIZER_DEFAULTS.regimeMultipliers, TRENDING: 1.6, CRISIS: 0.2 });
    expect(createSizer({ regimeMultipliers: { CRISIS: 0.2 } }).codes.regime.CRISIS).toBe(5);
  });
});
