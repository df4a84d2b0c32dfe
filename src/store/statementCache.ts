/**
 * The prepared statements of one open database, by SQL text, for either engine: `prepare`
 * makes one, `free` finalises it. A statement whose run failed is dropped (it cannot be
 * reset after some errors) and prepared afresh next time.
 */
export class StatementCache<S> {
  readonly #statements = new Map<string, S>();
  readonly #prepare: (sql: string) => S;
  readonly #free: (statement: S) => void;

  constructor(prepare: (sql: string) => S, free: (statement: S) => void) {
    this.#prepare = prepare;
    this.#free = free;
  }

  /** Runs `work` on the cached statement of `sql`. */
  use<T>(sql: string, work: (statement: S) => T): T {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#prepare(sql);
      this.#statements.set(sql, statement);
    }
    try {
      return work(statement);
    } catch (error) {
      this.#drop(sql);
      throw error;
    }
  }

  /** Finalises every statement (before the database closes or is replaced). */
  clear(): void {
    for (const sql of [...this.#statements.keys()]) this.#drop(sql);
  }

  #drop(sql: string): void {
    const statement = this.#statements.get(sql);
    this.#statements.delete(sql);
    if (statement === undefined) return;
    try {
      this.#free(statement); // may report the statement's last error again: already handled
    } catch {
      // see above
    }
  }
}
