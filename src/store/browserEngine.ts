// Browsers: SQLite compiled to WebAssembly by sql.js, in memory, with the database file
// kept in IndexedDB. Each write commits in memory, then stores the whole file in one
// IndexedDB transaction with durability "strict"; the write resolves only after that
// transaction completes. A failed save restores the last saved file, so a rejected write
// leaves nothing behind. Web Locks keep one writer per store name across tabs.
import initSqlJs, { type Database, type SqlJsStatic, type Statement } from 'sql.js';
import { SizewiseError } from '../errors.js';
import { inTransaction } from './inTransaction.js';
import { classifyHeader } from './schema.js';
import type { SqlEngine, SqlRunner, SqlValue } from './sqlEngine.js';
import { StatementCache } from './statementCache.js';
import { asStoreError, messageOf } from './storeError.js';

/** Where browsers keep stores: one IndexedDB database, one record per store name. */
export const BROWSER_DATABASE = 'sizewise-stores';
const FILES = 'files';

let sqlJs: Promise<SqlJsStatic> | undefined;

/** Opens the store named `location` in IndexedDB (':memory:' keeps it in memory only). */
export async function openBrowserEngine(location: string, field: string, wasmUrl: string | URL | undefined, verify = false): Promise<SqlEngine> {
  const SQL = await loadSqlJs(wasmUrl, field);
  if (location === ':memory:') return new BrowserEngine(SQL, new SQL.Database(), undefined, field);
  const releaseLock = await takeWebLock(location, field);
  try {
    const files = await openFiles(field);
    let bytes = await files.load(location);
    if (bytes !== undefined) {
      const kind = classifyHeader(bytes.subarray(0, 100));
      if (kind.kind === 'foreign') {
        throw new SizewiseError('NOT_A_STORE', field, `${field} ${JSON.stringify(location)} is not a sizewise store: ${kind.reason}; it was left untouched`, location);
      }
      if (kind.kind === 'empty') bytes = undefined;
    }
    const db = bytes === undefined ? new SQL.Database() : new SQL.Database(bytes);
    try {
      const check = verify ? (db.exec('PRAGMA quick_check')[0]?.values.map((row) => String(row[0])) ?? []) : ['ok'];
      if (check.length !== 1 || check[0] !== 'ok') throw new Error(check.slice(0, 3).join('; '));
    } catch (error) {
      db.close();
      throw new SizewiseError('NOT_A_STORE', field, `${field} ${JSON.stringify(location)} is a damaged sizewise store: ${messageOf(error)}`, location);
    }
    return new BrowserEngine(SQL, db, { files, name: location, saved: bytes, releaseLock }, field);
  } catch (error) {
    releaseLock();
    throw asStoreError(error, field, location);
  }
}

interface Persistence {
  files: Files;
  name: string;
  /** The file as last saved (undefined before the first save). */
  saved: Uint8Array | undefined;
  releaseLock: () => void;
}

class BrowserEngine implements SqlEngine {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly statements = new StatementCache<Statement>(
    (sql) => this.db.prepare(sql),
    (statement) => statement.free(),
  );
  private readonly runner: SqlRunner;

  constructor(
    private readonly SQL: SqlJsStatic,
    private db: Database,
    private readonly persistence: Persistence | undefined,
    private readonly field: string,
  ) {
    this.runner = {
      run: (sql, params = []) => {
        this.statements.use(sql, (statement) => statement.run(params as SqlValue[]));
      },
      all: <Row extends Record<string, SqlValue>>(sql: string, params: readonly SqlValue[] = []) =>
        this.statements.use(sql, (statement) => {
          statement.bind(params as SqlValue[]);
          const rows: Row[] = [];
          try {
            while (statement.step()) rows.push(statement.getAsObject() as Row);
          } finally {
            statement.reset();
          }
          return rows;
        }),
    };
  }

  write<T>(work: (db: SqlRunner) => T): Promise<T> {
    return this.enqueue(async () => {
      const result = inTransaction(this.db, () => work(this.runner), this.field);
      const p = this.persistence;
      if (p === undefined) return result;
      const bytes = this.db.export();
      try {
        await p.files.save(p.name, bytes);
      } catch (error) {
        // The save failed: go back to the file as last saved, so nothing of this write remains.
        this.reopen(p.saved);
        throw new SizewiseError('IO_ERROR', this.field, `${this.field}: the write was not saved to IndexedDB (${messageOf(error)}); nothing was written`, error);
      }
      p.saved = bytes;
      return result;
    });
  }

  read<T>(work: (db: SqlRunner) => T): Promise<T> {
    return this.enqueue(async () => {
      try {
        return work(this.runner);
      } catch (error) {
        throw asStoreError(error, this.field);
      }
    });
  }

  close(): Promise<void> {
    return this.enqueue(async () => {
      this.statements.clear();
      this.db.close();
      this.persistence?.files.close();
      this.persistence?.releaseLock();
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private reopen(bytes: Uint8Array | undefined): void {
    this.statements.clear();
    this.db.close();
    this.db = bytes === undefined ? new this.SQL.Database() : new this.SQL.Database(bytes);
  }
}

function loadSqlJs(wasmUrl: string | URL | undefined, field: string): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs({
    locateFile: (file: string) => String(wasmUrl ?? new URL(file, globalThis.document?.baseURI ?? globalThis.location?.href)),
  }).catch((error: unknown) => {
    sqlJs = undefined;
    throw new SizewiseError('WASM_UNAVAILABLE', `${field}`, `SQLite (sql.js) could not load its WebAssembly${wasmUrl === undefined ? '' : ` from ${String(wasmUrl)}`}: ${messageOf(error)} (pass options.wasmUrl)`, error);
  });
  return sqlJs;
}

/** Holds the Web Lock `sizewise-store:<name>` until released; LOCKED if another tab or store holds it. */
async function takeWebLock(name: string, field: string): Promise<() => void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks === undefined) return () => {};
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const granted = await new Promise<boolean>((resolve, reject) => {
    locks
      .request(`sizewise-store:${name}`, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        return lock === null ? undefined : held;
      })
      .catch(reject);
  });
  if (!granted) {
    throw new SizewiseError('LOCKED', field, `${field} ${JSON.stringify(name)} is already open for writing in another tab or store; close it there first (one writer per store)`, name);
  }
  return release;
}

interface Files {
  load(name: string): Promise<Uint8Array | undefined>;
  save(name: string, bytes: Uint8Array): Promise<void>;
  close(): void;
}

function openFiles(field: string): Promise<Files> {
  if (globalThis.indexedDB === undefined) {
    throw new SizewiseError('INVALID_STATE', field, 'this host has no IndexedDB: open the store with ":memory:"');
  }
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(BROWSER_DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(FILES);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const idb = request.result;
      resolve({
        load: (name) =>
          new Promise((done, fail) => {
            const get = idb.transaction(FILES, 'readonly').objectStore(FILES).get(name);
            get.onsuccess = () => done(get.result === undefined ? undefined : new Uint8Array(get.result as ArrayBuffer));
            get.onerror = () => fail(get.error);
          }),
        save: (name, bytes) =>
          new Promise((done, fail) => {
            const tx = idb.transaction(FILES, 'readwrite', { durability: 'strict' });
            tx.objectStore(FILES).put(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), name);
            tx.oncomplete = () => done();
            tx.onerror = () => fail(tx.error);
            tx.onabort = () => fail(tx.error ?? new Error('transaction aborted'));
          }),
        close: () => idb.close(),
      });
    };
  });
}
