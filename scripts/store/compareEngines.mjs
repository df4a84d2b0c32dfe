// Measures the candidate SQL engines for the store on the work the store does: open a
// file, append trades one durable transaction at a time, reopen, and read a strategy's
// rows. Candidates are not dependencies; install them first without saving:
//   npm install --no-save sql.js@1.17.0 node-sqlite3-wasm@0.8.60 @electric-sql/pglite@0.5.17
//   node scripts/store/compareEngines.mjs [appends]
// (@sqlite.org/sqlite-wasm has no file persistence in Node, so it is measured in docs only.)
import { closeSync, fsyncSync, mkdtempSync, openSync, renameSync, rmSync, statSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const APPENDS = Number(process.argv[2] ?? 300);
const PRELOAD = 20_000; // rows already in the file when the per-append cost is timed a second time
const dir = mkdtempSync(join(tmpdir(), 'store-engines-'));
const now = () => performance.now();
const SCHEMA = 'CREATE TABLE IF NOT EXISTS trades (seq INTEGER PRIMARY KEY, strategy_id TEXT NOT NULL, closed_at INTEGER NOT NULL, return_fraction REAL NOT NULL)';
const rows = [];

function row(engine, what, ms, extra = '') {
  rows.push({ engine, what, ms: Number(ms.toFixed(3)), extra });
  console.log(`${engine.padEnd(34)} ${what.padEnd(40)} ${ms.toFixed(3).padStart(10)} ms ${extra}`);
}

async function nodeSqlite3Wasm(mode) {
  const t0 = now();
  const { Database } = require('node-sqlite3-wasm');
  row(`node-sqlite3-wasm ${mode}`, 'load module', now() - t0);
  const file = join(dir, `n3w-${mode}.db`);
  const open = () => {
    const db = new Database(file);
    if (mode === 'wal') db.exec('PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=WAL;');
    db.exec('PRAGMA synchronous=FULL;');
    db.exec(SCHEMA);
    return db;
  };
  let t = now();
  let db = open();
  row(`node-sqlite3-wasm ${mode}`, 'open new file + schema', now() - t);
  const insert = (i) => db.run('INSERT INTO trades (strategy_id, closed_at, return_fraction) VALUES (?, ?, ?)', [`s${i % 100}`, i, 0.01]);
  t = now();
  for (let i = 0; i < APPENDS; i++) insert(i);
  const small = (now() - t) / APPENDS;
  row(`node-sqlite3-wasm ${mode}`, 'durable append (small file), per trade', small, `${(1000 / small).toFixed(0)} trades/s`);
  db.exec('BEGIN');
  for (let i = 0; i < PRELOAD; i++) insert(APPENDS + i);
  db.exec('COMMIT');
  t = now();
  for (let i = 0; i < APPENDS; i++) insert(PRELOAD + APPENDS + i);
  const big = (now() - t) / APPENDS;
  row(`node-sqlite3-wasm ${mode}`, `durable append (${PRELOAD} rows), per trade`, big, `${(1000 / big).toFixed(0)} trades/s`);
  db.close();
  t = now();
  db = open();
  const read = db.all('SELECT * FROM trades WHERE strategy_id = ? ORDER BY closed_at', ['s7']);
  row(`node-sqlite3-wasm ${mode}`, 'reopen + read one strategy', now() - t, `${read.length} rows`);
  db.close();
}

async function sqlJsWholeFile() {
  let t = now();
  const initSqlJs = require('sql.js');
  const SQL = await initSqlJs();
  row('sql.js (export whole file)', 'load module', now() - t);
  const file = join(dir, 'sqljs.db');
  // The only durable way: export the whole database, write a temp file, fsync, rename.
  const persist = (db) => {
    const bytes = db.export();
    const tmp = `${file}.tmp`;
    const fd = openSync(tmp, 'w');
    writeFileSync(fd, bytes);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, file);
  };
  t = now();
  let db = new SQL.Database();
  db.run(SCHEMA);
  persist(db);
  row('sql.js (export whole file)', 'open new file + schema', now() - t);
  const insert = (i) => db.run('INSERT INTO trades (strategy_id, closed_at, return_fraction) VALUES (?, ?, ?)', [`s${i % 100}`, i, 0.01]);
  t = now();
  for (let i = 0; i < APPENDS; i++) { insert(i); persist(db); }
  const small = (now() - t) / APPENDS;
  row('sql.js (export whole file)', 'durable append (small file), per trade', small, `${(1000 / small).toFixed(0)} trades/s`);
  db.run('BEGIN');
  for (let i = 0; i < PRELOAD; i++) insert(APPENDS + i);
  db.run('COMMIT');
  const n = Math.max(10, Math.floor(APPENDS / 10));
  t = now();
  for (let i = 0; i < n; i++) { insert(PRELOAD + APPENDS + i); persist(db); }
  const big = (now() - t) / n;
  row('sql.js (export whole file)', `durable append (${PRELOAD} rows), per trade`, big, `${(1000 / big).toFixed(0)} trades/s; file ${statSync(file).size} B`);
  db.close();
  t = now();
  db = new SQL.Database(readFileSync(file));
  const read = db.exec('SELECT * FROM trades WHERE strategy_id = \'s7\' ORDER BY closed_at');
  row('sql.js (export whole file)', 'reopen + read one strategy', now() - t, `${read[0].values.length} rows`);
  db.close();
}

async function pglite() {
  let t = now();
  const { PGlite } = await import('@electric-sql/pglite');
  row('@electric-sql/pglite', 'load module', now() - t);
  const path = join(dir, 'pglite');
  t = now();
  let db = await PGlite.create(path);
  await db.exec('CREATE TABLE IF NOT EXISTS trades (seq SERIAL PRIMARY KEY, strategy_id TEXT NOT NULL, closed_at BIGINT NOT NULL, return_fraction DOUBLE PRECISION NOT NULL)');
  row('@electric-sql/pglite', 'open new directory + schema', now() - t);
  const insert = (i) => db.query('INSERT INTO trades (strategy_id, closed_at, return_fraction) VALUES ($1, $2, $3)', [`s${i % 100}`, i, 0.01]);
  t = now();
  for (let i = 0; i < APPENDS; i++) await insert(i);
  const small = (now() - t) / APPENDS;
  row('@electric-sql/pglite', 'durable append (small file), per trade', small, `${(1000 / small).toFixed(0)} trades/s`);
  await db.transaction(async (tx) => {
    for (let i = 0; i < PRELOAD; i++) await tx.query('INSERT INTO trades (strategy_id, closed_at, return_fraction) VALUES ($1, $2, $3)', [`s${i % 100}`, i, 0.01]);
  });
  t = now();
  for (let i = 0; i < APPENDS; i++) await insert(PRELOAD + APPENDS + i);
  const big = (now() - t) / APPENDS;
  row('@electric-sql/pglite', `durable append (${PRELOAD} rows), per trade`, big, `${(1000 / big).toFixed(0)} trades/s`);
  await db.close();
  t = now();
  db = await PGlite.create(path);
  const read = await db.query('SELECT * FROM trades WHERE strategy_id = $1 ORDER BY closed_at', ['s7']);
  row('@electric-sql/pglite', 'reopen + read one strategy', now() - t, `${read.rows.length} rows`);
  await db.close();
}

const which = process.argv[3];
for (const [name, run] of [['n3w-delete', () => nodeSqlite3Wasm('delete')], ['n3w-wal', () => nodeSqlite3Wasm('wal')], ['sqljs', sqlJsWholeFile], ['pglite', pglite]]) {
  if (which && which !== name) continue;
  try { await run(); } catch (e) { console.log(name, 'FAILED', e.message); }
}
rmSync(dir, { recursive: true, force: true });
if (process.env.STORE_ENGINES_JSON) writeFileSync(process.env.STORE_ENGINES_JSON, JSON.stringify(rows, null, 2));
