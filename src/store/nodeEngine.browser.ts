// What browser bundlers get instead of nodeEngine.ts (package.json "browser" field): the
// same export without node-sqlite3-wasm or Node built-ins. openStore never calls it in a
// browser (it uses browserEngine there); it exists so a bundle resolves.
import { SizewiseError } from '../errors.js';
import type { SqlEngine } from './sqlEngine.js';

export async function openNodeEngine(_location: string, field: string, _verify?: boolean): Promise<SqlEngine> {
  throw new SizewiseError('INVALID_STATE', field, 'the file-backed store exists only in Node; browsers keep stores in IndexedDB');
}
