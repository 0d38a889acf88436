import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CaseIndex } from '../../src-server/reports/case-index';
import { PULL_EVENTS_SQL } from '../../src-server/sync/events-store';
import type { Database, SqlParam } from '../../src-server/db/types';
import { parseEvent } from '../../src-shared/domain/parse';
import { projectCases } from '../../src-shared/domain/projection';
import { ulidAt } from '../../src-shared/domain/projection.fixtures';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { DeskScope } from '../../src-server/sync/scope';

// Issue 15 on the server: the case index behind reports and statistics (src-server/reports/case-index.ts)
// always equals the fold of the stored events, whatever order they were pushed in (a case's later events
// before its registration), however reads interleave with pushes, and when a read fails between two
// pages of a refresh. The database is an in-memory stand-in answering the index's two statements
// (the pull walk and the policy documents), so a read can be made to fail at an exact point.

const ORG = 'ORG1';
const SCOPE: DeskScope = { orgId: ORG, deskId: 'DESK1', siteId: 'SITE1', scope: 'org' };
const T0 = Date.UTC(2026, 10, 10, 1, 0, 0);

function caseEvents(c: number, later: number): CaseEvent[] {
  const base = { caseId: `CASE${c}`, orgId: ORG, siteId: 'SITE1', deskId: 'DESK1', actorId: 'S1', policyRevision: 1, v: 1 };
  const at0 = T0 + c * 60_000;
  const types = ['case.accepted', 'case.closed'];
  const raw = [
    {
      ...base,
      id: ulidAt(at0, c * 100),
      at: at0,
      type: 'case.registered',
      payload: {
        number: `YG01-20261110-${String(c).padStart(3, '0')}`,
        kind: 'complaint',
        channel: 'hotline',
        receivedAt: at0,
        firstReceiverId: 'S1',
        complainant: { anonymous: false, confidential: false, name: '张女士' },
        subject: '楼上漏水',
        description: {},
        riskFlags: [],
        form: {},
      },
    },
    ...Array.from({ length: later }, (_, i) => ({
      ...base,
      id: ulidAt(at0 + (i + 1) * 1000, c * 100 + i + 1),
      at: at0 + (i + 1) * 1000,
      type: types[i % 2]!,
      payload: {},
    })),
  ];
  return raw.map((d) => {
    const r = parseEvent(d);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value;
  });
}

/** The stored event log (seq order) and a switch that makes the next `fail` pull reads throw. */
function memoryDatabase(): { db: Database; push(e: CaseEvent): void; fail: number } {
  const rows: { seq: number; doc: string }[] = [];
  const state = {
    fail: 0,
    push: (e: CaseEvent) => void rows.push({ seq: rows.length + 1, doc: JSON.stringify(e) }),
    db: {
      kind: 'pglite',
      async query(sql: string, params: readonly SqlParam[] = []) {
        if (sql === PULL_EVENTS_SQL) {
          if (state.fail > 0) {
            state.fail--;
            throw new Error('connection lost');
          }
          const [, after, limit] = params as [string, number, number];
          return rows.filter((r) => r.seq > after).slice(0, limit);
        }
        if (sql.includes('config_docs')) return [];
        throw new Error(`unexpected statement: ${sql}`);
      },
      transaction: () => Promise.reject(new Error('not used')),
      listen: () => Promise.reject(new Error('not used')),
      notify: () => Promise.reject(new Error('not used')),
      close: async () => undefined,
    } as unknown as Database,
  };
  return state;
}

describe('server case index: cases = fold(events)', () => {
  it('holds after any interleaving of pushes (registrations late), reads and reads that fail between pages', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 6 }),
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('push' as const), n: fc.integer({ min: 1, max: 4 }) }),
            fc.constant({ kind: 'read' as const }),
            fc.record({ kind: fc.constant('failingRead' as const), after: fc.integer({ min: 0, max: 2 }) }),
          ),
          { maxLength: 12 },
        ),
        fc.infiniteStream(fc.nat()),
        async (cases, ops, positions) => {
          const all = cases.flatMap((later, c) => caseEvents(c + 1, later));
          // The push order: any permutation (a case's registration may come after its other events).
          const order = [...all];
          const it = positions[Symbol.iterator]();
          for (let i = order.length - 1; i > 0; i--) {
            const j = it.next().value! % (i + 1);
            [order[i], order[j]] = [order[j]!, order[i]!];
          }
          const store = memoryDatabase();
          const index = new CaseIndex(store.db, 2);
          let pushed = 0;
          for (const op of ops) {
            if (op.kind === 'push') for (let k = 0; k < op.n && pushed < order.length; k++) store.push(order[pushed++]!);
            else if (op.kind === 'read') await index.view(SCOPE);
            else {
              // Fails after `after` pages were read: the refresh stops half-way.
              const original = store.db.query.bind(store.db);
              let pages = 0;
              store.db.query = (async (sql: string, params?: readonly SqlParam[]) => {
                if (sql === PULL_EVENTS_SQL && pages++ === op.after) throw new Error('connection lost');
                return original(sql, params);
              }) as Database['query'];
              await index.view(SCOPE).catch(() => undefined);
              store.db.query = original;
            }
          }
          while (pushed < order.length) store.push(order[pushed++]!);
          const view = await index.view(SCOPE);
          expect(view.cases).toEqual(projectCases(all));
          expect(view.waiting).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a case whose registration has not arrived is counted as waiting and appears when it does', async () => {
    const store = memoryDatabase();
    const index = new CaseIndex(store.db, 2);
    const [registration, ...rest] = caseEvents(1, 2);
    rest.forEach((e) => store.push(e));
    expect((await index.view(SCOPE)).waiting).toBe(1);
    expect((await index.view(SCOPE)).cases.size).toBe(0);
    store.push(registration!);
    const view = await index.view(SCOPE);
    expect(view.waiting).toBe(0);
    expect(view.cases.get('CASE1')?.status).toBe('closed');
  });
});
