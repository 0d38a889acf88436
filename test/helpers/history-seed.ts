import type { RunningServer } from '../../src-server/server';
import { issueEnrolmentCode, enrolDesk } from '../../src-server/orgs';
import { checkEventRows } from '../../src-server/sync/validate';
import { pushEvents } from '../../src-server/sync/events-store';
import type { CaseEvent } from '../../src-shared/domain/events';
import { makeEvent, makeRegistration } from '../../src-shared/domain/projection.fixtures';

// An organisation's history as the server holds it, written by another desk of the organisation: what a
// new desk pulls when it joins (test/e2e/join-history.test.ts, bench/join-desk.bench.ts). Each case is
// registered and accepted, gets `perCase - 3` notes and is closed, except the last `open` cases, which stay
// open without the closing; registrations are an hour apart (`spacingMs`), ending `endsAgoMs` before now.

export interface HistoryShape {
  cases: number;
  perCase: number;
  open: number;
  /** Case number prefix: desk code and date, e.g. LS01-20261101; past 99,999 cases the date moves on a day (a case number's serial has at most five digits). */
  prefix: string;
  /** The last registration is this long before now (default a day); older than a month, no closed case is "recently changed". */
  endsAgoMs?: number;
  /** Between two registrations (default an hour); a large history is denser so that it stays within the events' valid years. */
  spacingMs?: number;
}

export async function seedHistory(server: RunningServer, orgId: string, shape: HistoryShape): Promise<{ events: number; open: string[] }> {
  const { code } = await issueEnrolmentCode(server.db, { orgId, scope: 'org' });
  const desk = await enrolDesk(server.db, code, '二号台');
  const staff = await server.db.query<{ id: string }>("select id from config_docs where org_id = $1 and kind = 'staff' order by id limit 1", [orgId]);
  const actorId = staff[0]!.id.replace(/^staff:/, '');
  const env = { orgId: desk.orgId, siteId: desk.siteId, deskId: desk.deskId, actorId, policyRevision: 1 };
  const scope = { orgId: desk.orgId, siteId: desk.siteId, deskId: desk.deskId, scope: 'org' as const };
  const spacing = shape.spacingMs ?? 3_600_000;
  const start = Date.now() - (shape.endsAgoMs ?? 86_400_000) - shape.cases * spacing;
  const open: string[] = [];
  let total = 0;
  let batch: CaseEvent[] = [];
  const flush = async () => {
    const checked = checkEventRows(
      batch.map((e) => ({ newDocumentState: e })),
      scope,
    );
    if (!checked.ok) throw new Error(`history invalid: ${JSON.stringify(checked.errors)}`);
    await pushEvents(server.db, server.keyring, scope, checked.docs);
    total += batch.length;
    batch = [];
  };
  const [deskPart, datePart] = shape.prefix.split('-') as [string, string];
  for (let n = 1; n <= shape.cases; n++) {
    const block = Math.floor((n - 1) / 99_999);
    const number = block
      ? `${deskPart}-${Number(datePart) + block}-${String(((n - 1) % 99_999) + 1).padStart(5, '0')}`
      : `${shape.prefix}-${String(n).padStart(5, '0')}`;
    const at = start + n * spacing;
    const closed = n <= shape.cases - shape.open;
    batch.push(makeRegistration(at, { number, subject: `第${n}件：楼道灯不亮`, firstReceiverId: actorId }, { ...env, caseId: number }));
    batch.push(makeEvent('case.accepted', {}, at + 60_000, { ...env, caseId: number }));
    for (let k = 0; k < shape.perCase - 3; k++)
      batch.push(makeEvent('case.note', { text: `第${k + 1}次跟进：已联系业主。` }, at + (k + 2) * 60_000, { ...env, caseId: number }));
    if (closed) batch.push(makeEvent('case.closed', {}, at + (shape.perCase + 1) * 60_000, { ...env, caseId: number }));
    else open.push(number);
    if (batch.length >= 500) await flush();
  }
  if (batch.length) await flush();
  return { events: total, open };
}
