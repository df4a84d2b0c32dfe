import { createSizer, loadSizerConfig, SizewiseError, type PositionSizer } from '../index.js';
import { UsageError } from './UsageError.js';

/** The sizer of a YAML/JSON config file (the defaults without one); the file's errors name it and the key path. */
export async function sizerFrom(configFile: string | undefined): Promise<PositionSizer> {
  if (configFile === undefined) return createSizer();
  try {
    return createSizer(await loadSizerConfig(configFile));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('E') && !(error instanceof SizewiseError)) throw new UsageError(`${configFile}: cannot read the config file (${code})`);
    if (error instanceof SizewiseError) throw new UsageError(error.message.includes(configFile) ? error.message : `${configFile}: ${error.message}`);
    throw error;
  }
}
