import { SizewiseError } from '../errors.js';
import type { SqlRunner } from './sqlEngine.js';

/**
 * Marks a SQLite file as a sizewise store (`PRAGMA application_id`, bytes 68–71 of the
 * file header): "SWJL", sizewise journal. A file without it is never opened for writing.
 */
export const APPLICATION_ID = 0x53574a4c;

/** One forward step of the schema: the statements that take version − 1 to `version`. */
export interface Migration {
  version: number;
  statements: readonly string[];
}

/**
 * The schema, as the migrations that build it. Append a migration to change it; never edit
 * one that shipped. Times are integer milliseconds since the epoch, returns are fractions
 * (−0.018 = −1.8 %), money is an exact decimal string, and whole results are JSON text.
 */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    version: 1,
    statements: [
      `CREATE TABLE trades (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        strategy_id TEXT NOT NULL,
        closed_at INTEGER NOT NULL,
        return_fraction REAL NOT NULL,
        r_multiple REAL,
        confidence REAL,
        regime TEXT
      )`,
      'CREATE INDEX trades_by_strategy ON trades (strategy_id, closed_at, seq)',
      `CREATE TABLE kelly_estimates (
        seq INTEGER PRIMARY KEY,
        strategy_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        trades INTEGER NOT NULL,
        exposure REAL NOT NULL,
        risk_fraction REAL NOT NULL,
        reliable INTEGER NOT NULL,
        estimate TEXT NOT NULL,
        adjustment TEXT
      )`,
      'CREATE INDEX kelly_by_strategy ON kelly_estimates (strategy_id, at, seq)',
      `CREATE TABLE decisions (
        seq INTEGER PRIMARY KEY,
        strategy_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        risk_fraction REAL NOT NULL,
        notional TEXT NOT NULL,
        quantity TEXT NOT NULL,
        decision TEXT NOT NULL
      )`,
      'CREATE INDEX decisions_by_strategy ON decisions (strategy_id, at, seq)',
      'CREATE TABLE agents (name TEXT PRIMARY KEY, saved_at INTEGER NOT NULL, agent TEXT NOT NULL)',
      `CREATE TABLE simulations (
        seq INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        at INTEGER NOT NULL,
        result TEXT NOT NULL
      )`,
      'CREATE INDEX simulations_by_name ON simulations (name, at, seq)',
    ],
  },
]);

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/**
 * Brings a store's schema forward to the last of `migrations`, inside the caller's
 * transaction (so a kill mid-way leaves the old version whole). A store newer than this
 * build is refused before anything is written. Returns the versions before and after.
 */
export function migrate(db: SqlRunner, field: string, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  const from = schemaVersion(db);
  const to = migrations[migrations.length - 1].version;
  if (from > to) {
    throw new SizewiseError('NOT_A_STORE', field, `${field} holds schema version ${from}, written by a newer sizewise; this build reads versions up to ${to}`, from);
  }
  if (from === 0) db.run(`PRAGMA application_id = ${APPLICATION_ID}`);
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    for (const statement of migration.statements) db.run(statement);
    // PRAGMA takes no bound parameters; the version is an integer from the list above.
    db.run(`PRAGMA user_version = ${Math.trunc(migration.version)}`);
  }
  return { from, to };
}

/** The schema version recorded in the store (0 for an empty database). */
export function schemaVersion(db: SqlRunner): number {
  return Number(db.all<{ user_version: number }>('PRAGMA user_version')[0].user_version);
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/**
 * What the first bytes of a file say before any engine opens it: 'empty' (a new store may
 * be made there), 'store' (a SQLite file marked with APPLICATION_ID), or a reason it is
 * not a store. Reading the header first keeps a foreign or damaged file untouched.
 */
export function classifyHeader(header: Uint8Array): { kind: 'empty' } | { kind: 'store' } | { kind: 'foreign'; reason: string } {
  if (header.length === 0) return { kind: 'empty' };
  if (header.length < 100) return { kind: 'foreign', reason: `it is ${header.length} bytes long, shorter than a SQLite header` };
  for (let i = 0; i < SQLITE_MAGIC.length; i++) {
    if (header[i] !== SQLITE_MAGIC.charCodeAt(i)) return { kind: 'foreign', reason: 'it is not a SQLite database' };
  }
  const id = ((header[68] << 24) | (header[69] << 16) | (header[70] << 8) | header[71]) >>> 0;
  if (id !== APPLICATION_ID) {
    return { kind: 'foreign', reason: `it is a SQLite database of another application (application_id ${id})` };
  }
  return { kind: 'store' };
}
