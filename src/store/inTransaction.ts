import { asStoreError } from './storeError.js';

/**
 * Runs `work` between BEGIN IMMEDIATE and COMMIT on `db` (either engine's exec). On any
 * error the transaction is rolled back — SQLite may have done so already — and the error
 * rethrown as a store error on `field`: the write leaves nothing behind.
 */
export function inTransaction<T>(db: { exec(sql: string): unknown }, work: () => T, field: string): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    try {
      db.exec('ROLLBACK');
    } catch {
      // no transaction left to roll back
    }
    throw asStoreError(error, field);
  }
}
