import { SizewiseError, describeValue } from '../errors.js';
import { resolveSizerConfig } from './resolveSizerConfig.js';
import type { SizerConfig } from './sizerConfig.js';

/**
 * Reads a sizer config file, JSON (`.json`) or YAML (anything else), and validates it.
 * A file with a top-level `kelly_sizing` section (as the seeds' `config/trading_rules.yaml`)
 * is read in snake_case (`default_fraction`, `position_boundaries.basic.max_risk`, …) and
 * other top-level sections are ignored; any other file is read as a SizerConfig in
 * camelCase. Errors name the key path as written in the file (`kelly_sizing.position_boundaries.basic.max_risk`)
 * with the value, and the message names the file. Node only (reads the file system).
 * Rejects (never throws).
 *
 * @example createSizer(await loadSizerConfig('config/trading_rules.yaml'))
 */
export async function loadSizerConfig(path: string): Promise<SizerConfig> {
  if (typeof path !== 'string' || path === '') {
    throw new SizewiseError('INVALID_TYPE', 'path', `path must be a file path, received ${describeValue(path)}`, path);
  }
  const { readLocalFile } = await import('../runtime/readLocalFile.js');
  const text = await readLocalFile(path, 'utf8');
  return parseSizerConfig(text, path.toLowerCase().endsWith('.json') ? 'json' : 'yaml', path);
}

/** `loadSizerConfig` on text already read (e.g. in a browser): `format` is 'json' or 'yaml'; `source` names it in errors. */
export async function parseSizerConfig(text: string, format: 'json' | 'yaml', source = 'config'): Promise<SizerConfig> {
  let doc: unknown;
  try {
    if (format === 'json') doc = JSON.parse(text);
    else doc = (await import('yaml')).parse(text);
  } catch (error) {
    throw new SizewiseError('INVALID_TYPE', source, `${source} is not valid ${format.toUpperCase()}: ${(error as Error).message}`);
  }
  try {
    if (doc !== null && typeof doc === 'object' && !Array.isArray(doc) && 'kelly_sizing' in doc) {
      return resolveSizerConfig((doc as Record<string, unknown>).kelly_sizing, 'kelly_sizing', 'snake');
    }
    return resolveSizerConfig(doc ?? {}, 'config', 'camel');
  } catch (error) {
    if (error instanceof SizewiseError) {
      throw new SizewiseError(error.code, error.field, `${source}: ${error.message}`, error.value);
    }
    throw error;
  }
}
