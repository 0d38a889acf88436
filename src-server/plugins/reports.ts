import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/types';

// Server read API (filled in by reports.ts once the shared projection and SLA engine are wired).
export function reportsPlugin(_db: Database) {
  return async function reports(_app: FastifyInstance): Promise<void> {};
}
