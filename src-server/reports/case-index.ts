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
// The invariant (issue 15, as on the desks): after every refresh, `cases` holds exactly the fold of
// `eventsByCase` for every case that has a registration. A case whose events were read is marked dirty
// in the index itself BEFORE the sequence moves past them, and leaves the dirty set only once folded: a
// refresh that fails half-way (a lost connection between two pages) leaves its cases dirty, and the next
// refresh folds them, instead of advancing past events whose cases were never folded. A case with events
// but no registration stays dirty (waiting) and is folded when its registration arrives.

interface ScopeIndex {
  seq: number;
  eventsByCase: Map<string, CaseEvent[]>;
  cases: Map<string, CaseState>;
  /** Cases with events not yet folded into `cases` (read but not folded, or waiting for the registration). */
  dirty: Set<string>;
}

export interface CaseIndexView {
  cases: Map<string, CaseState>;
  /** Cases with events but no registration yet: not in `cases`, folded when it arrives. */
  waiting: number;
  eventsOf(caseId: string): readonly CaseEvent[];
  policyFor(revision: number): Policy | undefined;
  /** The revision in force at `at` (S0-2), as the desk picks it: before the first takes effect, the oldest. */
  policyInForce(at: number): Policy | undefined;
}

export class CaseIndex {
  private readonly scopes = new Map<string, ScopeIndex>();
  private readonly refreshing = new Map<string, Promise<ScopeIndex>>();

  /** `pageSize`: events read per query (tests use small pages to fail between two of them). */
  constructor(
    private readonly db: Database,
    private readonly pageSize = 5000,
  ) {}

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
      waiting: index.dirty.size,
      eventsOf: (caseId) => index.eventsByCase.get(caseId) ?? [],
      policyFor: (revision) => policyByRevision(policies, revision),
      policyInForce: (at) => policyInForce(policies, at) ?? policies[0],
    };
  }

  private async refresh(key: string, scope: DeskScope): Promise<ScopeIndex> {
    const index = this.scopes.get(key) ?? { seq: 0, eventsByCase: new Map(), cases: new Map(), dirty: new Set<string>() };
    this.scopes.set(key, index);
    for (;;) {
      // The same index walk the desks' pull takes (never a read of the whole history plus a sort).
      const rows = await eventRowsAfter(this.db, scope, index.seq, this.pageSize);
      for (const row of rows) {
        // Stored events were validated on push; parsing again applies the schema defaults the fold expects.
        const parsed = parseEvent(JSON.parse(row.doc));
        if (!parsed.ok) continue;
        const list = index.eventsByCase.get(parsed.value.caseId);
        if (list) list.push(parsed.value);
        else index.eventsByCase.set(parsed.value.caseId, [parsed.value]);
        index.dirty.add(parsed.value.caseId);
      }
      if (rows.length) index.seq = Number(rows.at(-1)!.seq);
      if (rows.length < this.pageSize) break;
    }
    for (const caseId of [...index.dirty]) {
      const state = projectCase(index.eventsByCase.get(caseId)!);
      if (!state) continue;
      index.cases.set(caseId, state);
      index.dirty.delete(caseId);
    }
    return index;
  }
}
