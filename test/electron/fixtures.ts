import { monotonicFactory } from 'ulid';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { ConfigDoc } from '../../src-shared/sync/contract';

// A desk store of `cases` cases for backup tests: each case registered, half of them accepted, a tenth
// resolved — the shapes a real desk holds, built directly (no UI), valid under the shared schemas.

export function deskStore(cases: number): { events: CaseEvent[]; config: ConfigDoc[] } {
  const ulid = monotonicFactory(() => 0.5);
  const base = Date.UTC(2026, 10, 1, 1, 0, 0);
  const envelope = (caseId: string, at: number) => ({
    id: ulid(at),
    caseId,
    orgId: 'org-demo',
    siteId: 'site-1',
    deskId: 'desk-hz01',
    actorId: 'staff-1',
    at,
    policyRevision: 1,
    v: 1 as const,
  });
  const events: CaseEvent[] = [];
  for (let i = 0; i < cases; i++) {
    const at = base + i * 60_000;
    const caseId = `case-${i}`;
    events.push({
      ...envelope(caseId, at),
      type: 'case.registered',
      payload: {
        number: `HZ01-20261101-${String((i % 9999) + 1).padStart(4, '0')}`,
        kind: 'complaint',
        channel: 'phone',
        receivedAt: at,
        firstReceiverId: 'staff-1',
        complainant: { anonymous: false, confidential: i % 7 === 0, name: `业主${i}`, phone: '13800000000' },
        subject: `电梯故障 第${i}号`,
        description: { cause: '电梯停在两层之间', text: '住户被困二十分钟。' },
        riskFlags: [],
        form: {},
      },
    } as CaseEvent);
    if (i % 2 === 0) events.push({ ...envelope(caseId, at + 5_000), type: 'case.accepted', payload: { note: '已受理' } } as CaseEvent);
  }
  const config: ConfigDoc[] = [
    {
      id: 'organisation:org-demo',
      orgId: 'org-demo',
      kind: 'organisation',
      rev: 1,
      updatedAt: base,
      data: { id: 'org-demo', name: '示范物业' },
      _deleted: false,
    },
    { id: 'desk:desk-hz01', orgId: 'org-demo', kind: 'desk', rev: 1, updatedAt: base, data: { id: 'desk-hz01', code: 'HZ01' }, _deleted: false },
  ];
  return { events, config };
}
