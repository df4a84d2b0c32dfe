import { SizewiseError, describeValue } from '../errors.js';
import { oneOf } from '../validate.js';
import { resolveSizerConfig } from './resolveSizerConfig.js';
import type { SizerConfig } from './sizerConfig.js';

/** The formats a sizer config may be written in. */
export type SizerConfigFormat = 'json' | 'yaml';

const FORMATS: readonly SizerConfigFormat[] = ['json', 'yaml'];

/**
 * Reads a sizer config file, JSON (`.json`) or YAML (anything else), and validates it; it
 * returns the config (a SizerConfig, defaults filled in), to give to `createSizer`.
 * `path` is a file path or a `file:` URL — the example shipped with the package is
 * `new URL(import.meta.resolve('sizewise/config/trading_rules.yaml'))`.
 * A file with a top-level `kelly_sizing` section (as the seeds' `config/trading_rules.yaml`)
 * is read in snake_case (`default_fraction`, `position_boundaries.basic.max_risk`, …) and
 * other top-level sections are ignored; any other file is read as a SizerConfig in
 * camelCase. Errors name the key path as written in the file (`kelly_sizing.position_boundaries.basic.max_risk`)
 * with the value, and the message names the file; a file that cannot be read rejects with
 * INVALID_STATE naming `path`. Node only (reads the file system). Rejects (never throws).
 *
 * @example createSizer(await loadSizerConfig('config/trading_rules.yaml'))
 */
export async function loadSizerConfig(path: string | URL): Promise<SizerConfig> {
  if (!(path instanceof URL) && (typeof path !== 'string' || path === '')) {
    throw new SizewiseError('INVALID_TYPE', 'path', `path must be a file path or a file URL, received ${describeValue(path)}`, path);
  }
  const name = path instanceof URL ? path.href : path;
  const { readLocalFile } = await import('../runtime/readLocalFile.js');
  let text: string;
  try {
    text = await readLocalFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : error instanceof Error ? error.message : String(error);
    throw new SizewiseError('INVALID_STATE', 'path', `cannot read the sizer config ${name}: ${why}`, path);
  }
  return parseSizerConfig(text, name.toLowerCase().endsWith('.json') ? 'json' : 'yaml', name);
}

/**
 * `loadSizerConfig` on text already read (e.g. in a browser): `format` is 'json' or 'yaml'
 * (anything else is UNKNOWN_VALUE, never a guess); `source` names the text in errors.
 * Rejects (never throws).
 */
export async function parseSizerConfig(text: string, format: SizerConfigFormat, source = 'config'): Promise<SizerConfig> {
  if (typeof text !== 'string') {
    throw new SizewiseError('INVALID_TYPE', 'text', `text must be the config file's text, received ${describeValue(text)}`, text);
  }
  oneOf(format, 'format', FORMATS);
  if (typeof source !== 'string' || source === '') {
    throw new SizewiseError('INVALID_TYPE', 'source', `source must name the text in messages, received ${describeValue(source)}`, source);
  }
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
