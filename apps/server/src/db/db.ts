/**
 * @module db/db
 * The one storage interface. PostgreSQL (`pg`) and the embedded PGlite both implement it, and all
 * SQL in the server is written once against it — so the zero-setup default and production run the
 * same statements, and one test suite covers both (STYLE.md rule 13).
 */

export interface QueryResult<T> {
  rows: T[];
  /** Rows returned, inserted, updated or deleted by the statement. */
  rowCount: number;
}

/** Something that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  /** One statement with `$1`-style parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in a transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** True for errors after which re-running the whole transaction may succeed. */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // 40001 serialization_failure, 40P01 deadlock_detected [PostgreSQL docs, Appendix A].
  return code === '40001' || code === '40P01';
}

/** Runs a transaction, retrying a few times on serialization failures and deadlocks. */
export async function withRetry<T>(
  db: Db,
  fn: (tx: Queryable) => Promise<T>,
  attempts = 4,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (error) {
      if (attempt >= attempts || !isRetryableTransactionError(error)) throw error;
    }
  }
}
