// What a user does: npm pack, install the tarball into a scratch project, import
// 'sizewise' from plain Node ESM and call it, and run the `sizewise` command with npx
// offline (nothing fetched). Run by `npm run pack:check` (after a build) and by CI.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'sizewise-pack-'));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
try {
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', scratch], root).trim().split('\n').pop();
  const files = JSON.parse(run('npm', ['pack', '--dry-run', '--json'], root))[0].files.map((f) => f.path);
  const leaked = files.filter((f) => f.startsWith('test/') || f.startsWith('bench/') || f.startsWith('assembly/'));
  if (leaked.length > 0) throw new Error(`the package ships files it should not: ${leaked.join(', ')}`);
  for (const needed of ['dist/build/sizewise.wasm', 'dist/src/cli/sizewise.js', 'dist/src/cli/fonts/DejaVuSans.ttf', 'data/sp500_2000-2020_daily_ohlcv.csv']) {
    if (!files.includes(needed)) throw new Error(`the package does not ship ${needed}`);
  }
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(scratch, tarball)], scratch);
  writeFileSync(
    join(scratch, 'check.mjs'),
    `import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSizer, kellyCriterion, loadSizerConfig, openStore, parseOhlcvCsv, ready, sizeOrder } from 'sizewise';
const k = kellyCriterion({ winProbability: 0.55, winReturn: 0.032, lossReturn: 0.018 });
if (Math.abs(k.riskFraction - 0.296875) > 1e-12) throw new Error('unexpected Kelly ' + k.riskFraction);
await ready();
const o = sizeOrder({ balance: '100000', price: '412.37', exposure: 0.25 });
const store = await openStore('journal.db');
await store.recordTrade({ strategyId: 's', returnFraction: 0.01 });
const kept = (await store.trades('s')).length;
await store.close();
if (kept !== 1) throw new Error('the store kept ' + kept + ' trades');
// The example config and the bundled data, through the package's exports.
const config = await loadSizerConfig(new URL(import.meta.resolve('sizewise/config/trading_rules.yaml')));
if (createSizer(config).config.defaultFraction !== 0.25) throw new Error('sizewise/config/trading_rules.yaml did not load');
const bars = parseOhlcvCsv(readFileSync(new URL(import.meta.resolve('sizewise/data/sp500_2000-2020_daily_ohlcv.csv')), 'utf8'));
if (bars.close.length < 5000) throw new Error('sizewise/data/ gave ' + bars.close.length + ' bars');
// Source maps carry their sources (the .ts files are not shipped).
const map = JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('sizewise')) + '.map', 'utf8'));
if (!Array.isArray(map.sourcesContent) || map.sourcesContent.length !== map.sources.length || map.sourcesContent.some((c) => typeof c !== 'string')) throw new Error('dist/src/index.js.map has no sourcesContent');
console.log('pack check: kellyCriterion riskFraction', k.riskFraction.toFixed(6), '| order', o.quantity.toString(), 'units | wasm loaded | store file written and read | config and data exports | source maps with sources');
`,
  );
  process.stdout.write(run('node', ['check.mjs'], scratch));
  // The bin, as a user calls it, offline: help, one command on a small trades file, and a PNG chart.
  const npx = (args) => run('npx', ['--offline', 'sizewise', ...args], scratch);
  const help = npx(['--help']);
  if (!help.includes('Usage: sizewise') || !help.includes('simulate')) throw new Error(`npx sizewise --help printed:\n${help}`);
  writeFileSync(join(scratch, 'trades.csv'), 'return\n0.031\n-0.012\n0.018\n-0.02\n0.044\n-0.009\n0.012\n-0.015\n0.027\n-0.011\n');
  const edge = JSON.parse(npx(['edge', 'trades.csv', '--json']));
  if (edge.trades !== 10 || edge.winRate !== 0.5) throw new Error(`npx sizewise edge gave ${JSON.stringify(edge).slice(0, 200)}`);
  npx(['simulate', '--trades', 'trades.csv', '--paths', '500', '--trades-per-path', '100', '--sweep', '4', '--chart', 'chart.png', '--quiet']);
  const png = readFileSync(join(scratch, 'chart.png'));
  if (png.subarray(1, 4).toString('ascii') !== 'PNG') throw new Error('npx sizewise simulate --chart chart.png did not write a PNG');
  console.log(`pack check: npx --offline sizewise --help, edge and simulate --chart (${png.length} bytes of PNG) ran from the installed package`);
  console.log(`pack check passed: ${tarball} (${files.length} files) installs and imports from plain Node ESM`);
} finally {
  rmSync(scratch, { recursive: true, force: true }); // the tarball was packed into it: nothing else is touched
}
