// Builds the WebAssembly module (asconfig.json targets) only when its inputs changed:
// `npm test`, `npm start` and `npm run bench` call this first, so a second run starts at
// once. Inputs: every file under assembly/, asconfig.json and the compiler's version;
// their hash is kept in build/.stamp-<target>. `--force` rebuilds anyway.
//   node scripts/build-wasm.mjs [--force] [target …]   (default targets: release debug)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const force = args.includes('--force');
const targets = args.filter((a) => !a.startsWith('--'));
const config = JSON.parse(readFileSync(join(root, 'asconfig.json'), 'utf8'));

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

const hash = createHash('sha256');
for (const file of [...filesUnder(join(root, 'assembly')).sort(), join(root, 'asconfig.json')]) {
  hash.update(file.slice(root.length)).update('\0').update(readFileSync(file)).update('\0');
}
hash.update(JSON.parse(readFileSync(join(root, 'node_modules/assemblyscript/package.json'), 'utf8')).version);
const digest = hash.digest('hex');

mkdirSync(join(root, 'build'), { recursive: true });
for (const target of targets.length > 0 ? targets : ['release', 'debug']) {
  const spec = config.targets[target];
  if (spec === undefined) throw new Error(`asconfig.json has no target "${target}" (known: ${Object.keys(config.targets).join(', ')})`);
  const stamp = join(root, 'build', `.stamp-${target}`);
  const fresh = existsSync(join(root, spec.outFile)) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest;
  if (fresh && !force) {
    console.log(`${spec.outFile} is up to date`);
    continue;
  }
  const entry = spec.entries?.[0] ?? config.entries[0];
  execFileSync(join(root, 'node_modules/.bin/asc'), [entry, '--target', target], { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, digest);
  console.log(`built ${spec.outFile}`);
}
