// Node only: the browser build gets nodeEngine.browser.ts instead (package.json "browser").
// SQLite (node-sqlite3-wasm, a WebAssembly build with a file system VFS) on one file, in
// WAL mode with an exclusive lock and synchronous=FULL: a commit is one append to the
// write-ahead log and one fsync, and a process killed at any instant leaves committed
// transactions whole and uncommitted ones absent (SQLite's own recovery on the next open).
import { closeSync, fsyncSync, openSync, readSync, renameSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type { Database, Statement } from 'node-sqlite3-wasm';
import { SizewiseError } from '../errors.js';
import { inTransaction } from './inTransaction.js';
import { classifyHeader, migrate } from './schema.js';
import type { SqlEngine, SqlRunner, SqlValue } from './sqlEngine.js';
import { StatementCache } from './statementCache.js';
import { asStoreError, ioError } from './storeError.js';
import { acquireWriterLock, type WriterLock } from './writerLock.js';

type Sqlite = typeof import('node-sqlite3-wasm');
let sqlite: Sqlite | undefined;

function loadSqlite(): Sqlite {
  // A CommonJS module whose exports its own loader assigns: require it rather than import it.
  sqlite ??= createRequire(import.meta.url)('node-sqlite3-wasm') as Sqlite;
  return sqlite;
}

/** Opens (or creates) the store at `location` (a file path, or ':memory:'). */
export async function openNodeEngine(location: string, field: string, verify = false): Promise<SqlEngine> {
  const { Database } = loadSqlite();
  if (location === ':memory:') {
    const db = new Database(':memory:');
    return new NodeEngine(db, undefined, field);
  }
  const path = resolve(location);
  checkDirectory(path, field);
  const lock = acquireWriterLock(path, field);
  let db: Database | undefined;
  try {
    const header = readHeader(path);
    const kind = header === undefined ? { kind: 'empty' as const } : classifyHeader(header);
    if (kind.kind === 'foreign') {
      throw new SizewiseError('NOT_A_STORE', field, `${field} ${JSON.stringify(location)} is not a sizewise store: ${kind.reason}; it was left untouched`, location);
    }
    if (kind.kind === 'empty') createStore(path, field);
    removeDirectory(`${path}.lock`); // the VFS's own lock, stale once we hold the writer lock
    db = new Database(path);
    db.exec('PRAGMA locking_mode = EXCLUSIVE'); // before the first read: WAL without shared memory
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    const check = verify ? db.all('PRAGMA quick_check').map((row) => String(row.quick_check)) : ['ok'];
    if (check.length !== 1 || check[0] !== 'ok') {
      throw new SizewiseError('NOT_A_STORE', field, `${field} ${JSON.stringify(location)} is a damaged sizewise store: ${check.slice(0, 3).join('; ')}`, location);
    }
    return new NodeEngine(db, lock, field);
  } catch (error) {
    try {
      if (db?.isOpen) db.close();
    } catch {
      // the original error says more
    }
    lock.release();
    throw asStoreError(error, field, location);
  }
}

class NodeEngine implements SqlEngine {
  private readonly statements = new StatementCache<Statement>(
    (sql) => this.db.prepare(sql),
    (statement) => statement.finalize(),
  );
  private readonly runner: SqlRunner;

  constructor(
    private readonly db: Database,
    private readonly lock: WriterLock | undefined,
    private readonly field: string,
  ) {
    this.runner = {
      run: (sql, params = []) => {
        this.statements.use(sql, (statement) => statement.run(params as SqlValue[]));
      },
      all: <Row extends Record<string, SqlValue>>(sql: string, params: readonly SqlValue[] = []) =>
        this.statements.use(sql, (statement) => statement.all(params as SqlValue[]) as Row[]),
    };
  }

  async write<T>(work: (db: SqlRunner) => T): Promise<T> {
    return inTransaction(this.db, () => work(this.runner), this.field);
  }

  async read<T>(work: (db: SqlRunner) => T): Promise<T> {
    try {
      return work(this.runner);
    } catch (error) {
      throw asStoreError(error, this.field);
    }
  }

  async close(): Promise<void> {
    try {
      this.statements.clear();
      this.db.close();
    } finally {
      this.lock?.release();
    }
  }
}

/**
 * A new store is built whole in `<file>.creating` (schema, marks, WAL mode), synced, then
 * renamed into place: a kill during creation leaves no half-made store at `file`.
 */
function createStore(path: string, field: string): void {
  const { Database } = loadSqlite();
  const temp = `${path}.creating`;
  for (const leftover of [temp, `${temp}-journal`, `${temp}-wal`]) removeFile(leftover);
  removeDirectory(`${temp}.lock`);
  const db = new Database(temp);
  try {
    db.exec('PRAGMA journal_mode = DELETE');
    db.exec('BEGIN IMMEDIATE');
    migrate(sqlRunnerOf(db), field);
    db.exec('COMMIT');
    db.exec('PRAGMA journal_mode = WAL');
  } finally {
    db.close();
  }
  syncFile(temp);
  renameSync(temp, path);
  syncFile(dirname(path));
}

function sqlRunnerOf(db: Database): SqlRunner {
  return {
    run: (sql, params = []) => void db.run(sql, params as SqlValue[]),
    all: <Row extends Record<string, SqlValue>>(sql: string, params: readonly SqlValue[] = []) => db.all(sql, params as SqlValue[]) as Row[],
  };
}

function checkDirectory(path: string, field: string): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    // absent: created below
  }
  if (isDirectory) throw new SizewiseError('IO_ERROR', field, `${field} ${JSON.stringify(path)} is a directory, not a store file`, path);
  try {
    if (!statSync(dirname(path)).isDirectory()) throw new Error('not a directory');
  } catch (error) {
    throw ioError(field, `the folder of ${JSON.stringify(path)} does not exist`, error);
  }
}

/** The first 100 bytes of the file (fewer if it is shorter), or undefined if it does not exist. */
function readHeader(path: string): Uint8Array | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const header = new Uint8Array(100);
    const n = readSync(fd, header, 0, 100, 0);
    return header.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function removeDirectory(path: string): void {
  try {
    rmdirSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
