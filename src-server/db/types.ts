// The one small database interface the server uses (docs/architecture.md §Sync): PGlite embedded by default,
// a real PostgreSQL when DATABASE_URL is set. Everything above this file speaks plain SQL through it.

export type SqlParam = string | number | boolean | null | bigint | Date | Uint8Array | string[];

export interface Queryable {
  /** Runs one statement with $1…$n parameters and returns its rows. */
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Subscribes to a NOTIFY channel; resolves to an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Sends a NOTIFY outside any transaction (inside one, select pg_notify through the transaction). */
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
  /**
   * The one bytea value `sql` selects (one row, one column; its $n parameters strings): undefined when no
   * row. Only where the engine has a faster way than the hex text of a plain query — PGlite (pglite.ts);
   * callers fall back to `query` without it.
   */
  readBytes?(sql: string, params: readonly string[]): Promise<Uint8Array | null | undefined>;
}

/** Channel names are SQL identifiers in LISTEN; keep them to a known safe alphabet. */
export function assertChannel(channel: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid channel name: ${channel}`);
}
