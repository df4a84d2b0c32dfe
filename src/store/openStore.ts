import { SizewiseError, describeValue } from '../errors.js';
import { knownKeys } from '../validate.js';
import { migrate } from './schema.js';
import { SizingStore } from './SizingStore.js';
import type { SqlEngine } from './sqlEngine.js';

export interface OpenStoreOptions {
  /**
   * Browsers only: the URL of sql.js's `sql-wasm-browser.wasm` (default: that file name
   * beside the page). With Vite: `import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url'`.
   */
  wasmUrl?: string | URL;
  /**
   * Check every page of an existing store when opening (`PRAGMA quick_check`): a damaged
   * store is then refused at once instead of at the first read of a damaged page. Costs a
   * read of the whole file (about 5 s for 100,000 closes with their estimates, see docs/store.md).
   */
  verify?: boolean;
}

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

/**
 * Opens the store at `location`, creating it if needed: `':memory:'` (the default) for a
 * store that lives as long as the object; in Node a file path (one SQLite file, plus its
 * `-wal` log and a `-writer.lock` while open); in a browser a name under which the store is
 * kept in IndexedDB. The schema is brought forward to this version in one transaction.
 *
 * Rejects with LOCKED when another live process (or tab) has the file open, NOT_A_STORE for
 * a file that is not a sizewise store (left untouched), IO_ERROR when the file system fails.
 * A store damaged inside (a page overwritten) is refused here with `verify: true`, else with
 * NOT_A_STORE by the first call that reads the damaged page; nothing is written to it either way.
 *
 * @example const store = await openStore('journal.db'); await store.recordTrade({ strategyId: 'breakout', returnFraction: 0.021 });
 */
export async function openStore(location: string = ':memory:', options: OpenStoreOptions = {}): Promise<SizingStore> {
  knownKeys(options, 'options', ['wasmUrl', 'verify']);
  if (typeof location !== 'string') {
    throw new SizewiseError('INVALID_TYPE', 'location', `location must be a file path, a store name or ':memory:', received ${describeValue(location)}`, location);
  }
  if (location.length === 0 || location.includes('\u0000')) {
    throw new SizewiseError('OUT_OF_RANGE', 'location', `location must be a non-empty path without NUL characters, received ${describeValue(location)}`, location);
  }
  const { wasmUrl } = options;
  if (wasmUrl !== undefined && typeof wasmUrl !== 'string' && !(wasmUrl instanceof URL)) {
    throw new SizewiseError('INVALID_TYPE', 'options.wasmUrl', `options.wasmUrl must be a string or a URL, received ${describeValue(wasmUrl)}`, wasmUrl);
  }
  const verify = options.verify ?? false;
  if (typeof verify !== 'boolean') {
    throw new SizewiseError('INVALID_TYPE', 'options.verify', `options.verify must be true or false, received ${describeValue(verify)}`, verify);
  }
  const engine: SqlEngine = isNode
    ? await (await import('./nodeEngine.js')).openNodeEngine(location, 'location', verify)
    : await (await import('./browserEngine.js')).openBrowserEngine(location, 'location', wasmUrl, verify);
  try {
    await engine.write((db) => migrate(db, 'location'));
  } catch (error) {
    await engine.close();
    throw error;
  }
  return new SizingStore(engine, location);
}
