// vitest globalSetup: builds the `sizewise` bin once per test run, as the package's dist/
// lays it out (src/**/*.js beside build/sizewise.wasm and the font), by transpiling the
// sources with esbuild (no bundling, no type check: `npm run typecheck` does that). The
// end-to-end tests run it as a child process with plain Node.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Where the test build goes (inside build/, which is generated and ignored). */
export const BIN_ROOT = join(root, 'build', 'cli-test');

/** The bin's entry, as `node <BIN>` runs it. */
export const BIN = join(BIN_ROOT, 'src', 'cli', 'sizewise.js');

export default async function setup(): Promise<void> {
  const wasm = join(root, 'build', 'sizewise.wasm');
  if (!existsSync(wasm)) throw new Error('build/sizewise.wasm is missing: run `npm test` (it builds the WebAssembly first) or `node scripts/build-wasm.mjs`');
  rmSync(BIN_ROOT, { recursive: true, force: true });
  const src = join(root, 'src');
  const entryPoints = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(src, f));
  await build({ entryPoints, outdir: join(BIN_ROOT, 'src'), outbase: src, format: 'esm', platform: 'node', target: 'node20', bundle: false, logLevel: 'warning' });
  mkdirSync(join(BIN_ROOT, 'build'), { recursive: true });
  cpSync(wasm, join(BIN_ROOT, 'build', 'sizewise.wasm'));
  cpSync(join(src, 'cli', 'fonts'), join(BIN_ROOT, 'src', 'cli', 'fonts'), { recursive: true });
}
