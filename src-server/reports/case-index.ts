import type { Database } from '../db/types';
import { parseEvent } from '../../src-shared/domain/parse';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { CaseState } from '../../src-shared/domain/case-state';
import { projectCase } from '../../src-shared/domain/projection';
import { policySchema, type Policy } from '../../src-shared/domain/policy';
import { policyByRevision, policyInForce } from '../../src-shared/domain/revisions';
import { readConfigDocs } from '../sync/config-store';
import { eventRowsAfter } from '../sync/events-store';
import type { DeskScope } from '../sync/scope';

// The server's read model: every case of an organisation folded with the same projection the desks use,
// kept per organisation (and site scope) and brought up to date incrementally from the sequence number,
// so a report after a push re-folds only the cases that push touched.

interface ScopeIndex {
  seq: number;
  eventsByCase: Map<string, CaseEvent[]>;
  cases: Map<string, CaseState>;
}

export interface CaseIndexView {
  cases: Map<string, CaseState>;
  eventsOf(caseId: string): readonly CaseEvent[];
  policyFor(revision: number): Policy | undefined;
  /** The revision in force at `at` (S0-2), as the desk picks it: before the first takes effect, the oldest. */
  policyInForce(at: number): Policy | undefined;
}

export class CaseIndex {
  private readonly scopes = new Map<string, ScopeIndex>();
  private readonly refreshing = new Map<string, Promise<ScopeIndex>>();

  constructor(private readonly db: Database) {}

  async view(scope: DeskScope): Promise<CaseIndexView> {
    const key = scope.scope === 'org' ? `${scope.orgId}|*` : `${scope.orgId}|${scope.siteId}`;
    // One refresh at a time per scope; concurrent readers share it.
    let pending = this.refreshing.get(key);
    if (!pending) {
      pending = this.refresh(key, scope).finally(() => this.refreshing.delete(key));
      this.refreshing.set(key, pending);
    }
    const index = await pending;
    const policies = (await readConfigDocs(this.db, scope.orgId, 'policy'))
      .map((d) => policySchema.safeParse(d.data))
      .flatMap((r) => (r.success ? [r.data] : []))
      .sort((a, b) => a.revision - b.revision);
    return {
      cases: index.cases,
      eventsOf: (caseId) => index.eventsByCase.get(caseId) ?? [],
      policyFor: (revision) => policyByRevision(policies, revision),
      policyInForce: (at) => policyInForce(policies, at) ?? policies[0],
    };
  }

  private async refresh(key: string, scope: DeskScope): Promise<ScopeIndex> {
    const index = this.scopes.get(key) ?? { seq: 0, eventsByCase: new Map(), cases: new Map() };
    const touched = new Set<string>();
    for (;;) {
      // The same index walk the desks' pull takes (never a read of the whole history plus a sort).
      const rows = await eventRowsAfter(this.db, scope, index.seq, 5000);
      for (const row of rows) {
        // Stored events were validated on push; parsing again applies the schema defaults the fold expects.
        const parsed = parseEvent(JSON.parse(row.doc));
        if (!parsed.ok) continue;
        const list = index.eventsByCase.get(parsed.value.caseId);
        if (list) list.push(parsed.value);
        else index.eventsByCase.set(parsed.value.caseId, [parsed.value]);
        touched.add(parsed.value.caseId);
      }
      if (rows.length) index.seq = Number(rows.at(-1)!.seq);
      if (rows.length < 5000) break;
    }
    for (const caseId of touched) {
      const state = projectCase(index.eventsByCase.get(caseId)!);
      if (state) index.cases.set(caseId, state);
    }
    this.scopes.set(key, index);
    return index;
  }
}
