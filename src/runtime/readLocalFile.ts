// Reading a file by path: Node only. Browser bundlers get readLocalFile.browser.ts instead
// (package.json "browser" field), so no `node:` module reaches a browser bundle; callers
// import this module dynamically, on the path that only Node takes.
import { readFile } from 'node:fs/promises';

/** The bytes of a local file, or its text with `'utf8'`. */
export function readLocalFile(path: string | URL): Promise<Uint8Array<ArrayBuffer>>;
export function readLocalFile(path: string | URL, encoding: 'utf8'): Promise<string>;
export function readLocalFile(path: string | URL, encoding?: 'utf8'): Promise<Uint8Array<ArrayBuffer> | string> {
  return encoding === undefined ? (readFile(path) as Promise<Uint8Array<ArrayBuffer>>) : readFile(path, encoding); // readFile never returns a shared buffer
}
