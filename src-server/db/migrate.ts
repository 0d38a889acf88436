import type { Database } from './types';
import { MIGRATIONS } from './migrations';

// Applies pending migrations, each in its own transaction. An advisory lock keeps several server
// instances starting at once against one PostgreSQL from racing each other.
const MIGRATION_LOCK = 47_110_815;

export async function migrate(db: Database): Promise<number[]> {
  const applied: number[] = [];
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`create table if not exists schema_migrations (
      version integer primary key, name text not null, applied_at bigint not null)`);
    const done = new Set((await tx.query<{ version: number }>('select version from schema_migrations')).map((r) => Number(r.version)));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      // Statements are run one by one: the pg driver's extended protocol takes a single statement.
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (version, name, applied_at) values ($1, $2, $3)', [m.version, m.name, Date.now()]);
      applied.push(m.version);
    }
  });
  return applied;
}

/** Splits a migration on semicolons at line ends; our migrations contain no procedural bodies. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
