/** A value bound to a `?` parameter or read from a column. */
export type SqlValue = number | string | null;

/** Row-level access to an open SQLite database; every statement is parameterised. */
export interface SqlRunner {
  /** Runs one statement (INSERT, UPDATE, DDL); `params` fill its `?` placeholders in order. */
  run(sql: string, params?: readonly SqlValue[]): void;
  /** Runs one query and returns its rows as objects keyed by column name. */
  all<Row extends Record<string, SqlValue>>(sql: string, params?: readonly SqlValue[]): Row[];
}

/**
 * One SQLite database behind the store, whatever the host: node-sqlite3-wasm on a file
 * (nodeEngine) or sql.js persisted to IndexedDB (browserEngine). Calls run one at a time
 * in call order.
 */
export interface SqlEngine {
  /** Runs `work` in one transaction; resolves once it is committed durably, rejects having written nothing. */
  write<T>(work: (db: SqlRunner) => T): Promise<T>;
  /** Runs `work` against a consistent view of the committed data. */
  read<T>(work: (db: SqlRunner) => T): Promise<T>;
  /** Commits nothing further, releases the file (and its writer lock). */
  close(): Promise<void>;
}
