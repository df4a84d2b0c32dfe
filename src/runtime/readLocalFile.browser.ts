// What browser bundlers get instead of readLocalFile.ts (package.json "browser" field): a
// page has no file system to read by path, so this only rejects with a clear message.
import { SizewiseError } from '../errors.js';

export function readLocalFile(path: string | URL): Promise<Uint8Array<ArrayBuffer>>;
export function readLocalFile(path: string | URL, encoding: 'utf8'): Promise<string>;
export function readLocalFile(path: string | URL, _encoding?: 'utf8'): Promise<Uint8Array<ArrayBuffer> | string> {
  return Promise.reject(
    new SizewiseError('INVALID_STATE', 'path', `a file path (${String(path)}) can be read only in Node; in a browser pass the file's contents instead`, path),
  );
}
