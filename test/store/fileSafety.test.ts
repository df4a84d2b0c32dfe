// One writer per file, stale locks of dead processes, foreign and damaged files, and schema
// migrations: a store never writes to a file it does not own, and says why in the error.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/openStore.js';
import { APPLICATION_ID, MIGRATIONS, migrate, type Migration } from '../../src/store/schema.js';
import type { SqlRunner, SqlValue } from '../../src/store/sqlEngine.js';
import { buildChild, spawnChild } from './fixtures/childProcess.js';
import { killTrade } from './fixtures/killTrade.js';

const { Database } = createRequire(import.meta.url)('node-sqlite3-wasm') as typeof import('node-sqlite3-wasm');
const dir = mkdtempSync(join(tmpdir(), 'sizewise-safety-'));
let n = 0;
const fresh = () => join(dir, `f${++n}.db`);
const siblings = (file: string) => readdirSync(dir).filter((f) => f.startsWith(file.split('/').pop()!)).sort();

beforeAll(buildChild);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(String(child.stdout));
}

async function storeWithTrades(file: string, count: number): Promise<void> {
  const store = await openStore(file);
  for (let i = 0; i < count; i++) await store.recordTrade(killTrade(i));
  await store.close();
}

describe('one writer per file', () => {
  it('refuses a second open in this process with LOCKED, and opens again once the first is closed', async () => {
    const file = fresh();
    const first = await openStore(file);
    await expect(openStore(file)).rejects.toMatchObject({ code: 'LOCKED', field: 'location' });
    await first.recordTrade(killTrade(1));
    await first.close();
    const second = await openStore(file);
    expect((await second.trades(killTrade(1).strategyId)).length).toBe(1);
    await second.close();
  });

  it('refuses a file another live process has open, with LOCKED naming it', async () => {
    const file = fresh();
    const holder = spawnChild(['hold', file]);
    await holder.waitFor(/^open$/);
    const error = await openStore(file).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'LOCKED', field: 'location' });
    expect(String((error as Error).message)).toContain(`process ${holder.process.pid}`);
    holder.process.stdin!.end();
    await holder.exited;
    const store = await openStore(file);
    await store.close();
  });

  it('takes over the lock a killed process left, whatever it left beside it', async () => {
    const file = fresh();
    await storeWithTrades(file, 3);
    // What a kill inside openStore can leave: a lock naming a dead pid, the engine's lock
    // directory, a half-made temporary lock and a half-made new store.
    const pid = deadPid();
    writeFileSync(`${file}-writer.lock`, JSON.stringify({ pid, start: '1', token: 'dead' }));
    mkdirSync(`${file}.lock`);
    writeFileSync(`${file}-writer.lock.${pid}.x.tmp`, '{"pid":');
    writeFileSync(`${file}.creating`, 'half');
    const store = await openStore(file);
    expect((await store.trades(killTrade(0).strategyId)).length).toBe(1);
    await store.recordTrade(killTrade(3));
    await store.close();
    expect(siblings(file)).toEqual([file.split('/').pop(), `${file.split('/').pop()}.creating`]);
  });

  it('treats a lock whose pid now belongs to another process as stale (pid reuse)', async () => {
    const file = fresh();
    await storeWithTrades(file, 1);
    // Our own parent pid is alive, but its start time is not the one the lock recorded.
    writeFileSync(`${file}-writer.lock`, JSON.stringify({ pid: process.ppid, start: '1', token: 'old' }));
    const store = await openStore(file);
    await store.close();
  });
});

describe('files that are not sizewise stores', () => {
  const cases: [string, (file: string) => void, RegExp][] = [
    ['a text file', (f) => writeFileSync(f, 'date,return\n2024-01-01,0.01\n'.repeat(20)), /not a SQLite database/],
    ['a file shorter than a header', (f) => writeFileSync(f, 'SQLite format 3'), /shorter than a SQLite header/],
    [
      "another application's SQLite database",
      (f) => {
        const db = new Database(f);
        db.exec('CREATE TABLE trades (x); INSERT INTO trades VALUES (1);');
        db.close();
      },
      /another application/,
    ],
  ];
  for (const [name, make, reason] of cases) {
    it(`refuses ${name} with NOT_A_STORE and leaves it untouched`, async () => {
      const file = fresh();
      make(file);
      const before = readFileSync(file);
      const error = await openStore(file).then(() => undefined, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'NOT_A_STORE', field: 'location' });
      expect(String((error as Error).message)).toMatch(reason);
      expect(readFileSync(file).equals(before)).toBe(true);
      expect(siblings(file)).toEqual([file.split('/').pop()]); // no lock, log or journal left beside it
    });
  }

  it('refuses a damaged store (two pages overwritten) at open with verify, at the first read without; untouched either way', async () => {
    const file = fresh();
    await storeWithTrades(file, 400);
    const bytes = readFileSync(file);
    bytes.fill(0xa5, 2 * 4096, 4 * 4096); // pages 3 and 4, b-tree pages of the trades table and its index
    writeFileSync(file, bytes);
    const error = await openStore(file, { verify: true }).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOT_A_STORE', field: 'location', message: expect.stringMatching(/damaged/) });
    expect(readFileSync(file).equals(bytes)).toBe(true);
    const store = await openStore(file);
    await expect(store.trades(killTrade(0).strategyId)).rejects.toMatchObject({ code: 'NOT_A_STORE', field: 'location' });
    await expect(store.recordTrade(killTrade(1000))).rejects.toMatchObject({ code: 'NOT_A_STORE' });
    await store.close();
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a store written by a newer version, untouched', async () => {
    const file = fresh();
    await storeWithTrades(file, 2);
    const db = new Database(file);
    db.exec('PRAGMA locking_mode = EXCLUSIVE; PRAGMA user_version = 99;');
    db.close();
    const before = readFileSync(file);
    await expect(openStore(file)).rejects.toMatchObject({ code: 'NOT_A_STORE', field: 'location', message: expect.stringMatching(/schema version 99/) });
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-writer.lock`)).toBe(false);
  });
});

describe('schema migrations', () => {
  function runner(db: InstanceType<typeof Database>): SqlRunner {
    return { run: (sql, p = []) => void db.run(sql, p as SqlValue[]), all: <R,>(sql: string, p: readonly SqlValue[] = []) => db.all(sql, p as SqlValue[]) as R[] };
  }
  const v2: Migration = { version: 2, statements: ['ALTER TABLE trades ADD COLUMN venue TEXT', "UPDATE trades SET venue = 'unknown'"] };

  it('marks a new store with the application id and the schema version', () => {
    const db = new Database(':memory:');
    expect(migrate(runner(db), 'location')).toEqual({ from: 0, to: MIGRATIONS.length });
    expect(db.all('PRAGMA application_id')[0].application_id).toBe(APPLICATION_ID);
    expect(db.all('PRAGMA user_version')[0].user_version).toBe(1);
    db.close();
  });

  it('brings a version-1 store forward, keeping its rows, and refuses one newer than the build', () => {
    const db = new Database(':memory:');
    migrate(runner(db), 'location');
    db.run("INSERT INTO trades (id, strategy_id, closed_at, return_fraction) VALUES ('a', 's', 1, 0.5)");
    expect(migrate(runner(db), 'location', [...MIGRATIONS, v2])).toEqual({ from: 1, to: 2 });
    expect(db.all('SELECT id, venue, return_fraction FROM trades')).toEqual([{ id: 'a', venue: 'unknown', return_fraction: 0.5 }]);
    expect(() => migrate(runner(db), 'location')).toThrow(expect.objectContaining({ code: 'NOT_A_STORE' }));
    db.close();
  });

  it('leaves the old version whole when a migration fails part-way (it runs inside the open transaction)', async () => {
    const file = fresh();
    await storeWithTrades(file, 2);
    const db = new Database(file);
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    db.exec('BEGIN IMMEDIATE');
    expect(() => migrate(runner(db), 'location', [...MIGRATIONS, { version: 2, statements: ['ALTER TABLE trades ADD COLUMN venue TEXT', 'NOT SQL'] }])).toThrow();
    db.exec('ROLLBACK');
    expect(db.all('PRAGMA user_version')[0].user_version).toBe(1);
    expect(db.all("SELECT COUNT(*) AS n FROM pragma_table_info('trades') WHERE name = 'venue'")[0].n).toBe(0);
    db.close();
  });
});
