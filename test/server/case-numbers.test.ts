import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import { startTestServer, demoDesk, type TestServer, type EnrolledDesk } from './setup';
import { enrol, pullAll, push } from './client';
import type { CaseEvent } from '../../src-shared/domain/events';
import { localDateKey } from '../../src-shared/domain/numbering';
import { makeRegistration, ulidAt, DAY, HOUR } from '../../src-shared/domain/projection.fixtures';
import { issueEnrolmentCode } from '../../src-server/orgs';
import { TEST_NOW } from '../helpers/clock';

// Issue 12: case numbers are unique in the organisation, checked by the server, and a desk re-enrolled
// under its code continues its series (src-server/sync/case-numbers.ts). The server's clock is TEST_NOW.

let serial = 0;

describe.each(BACKENDS)('case numbers across the organisation (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend, { sync: { now: () => TEST_NOW } });
  });
  afterAll(async () => t?.stop());

  const today = localDateKey(TEST_NOW);
  function registration(d: EnrolledDesk, number: string, caseId = `C${++serial}`) {
    const at = TEST_NOW - 2 * HOUR + serial;
    const actorId = d.org.staffIds[0]!;
    return makeRegistration(
      at,
      { number, firstReceiverId: actorId },
      { id: ulidAt(at, ++serial), caseId, orgId: d.orgId, siteId: d.siteId, deskId: d.deskId, actorId, policyRevision: 1 },
    );
  }
  const refusalCodes = (body: unknown) => (body as { errors: { errors: { code: string }[] }[] }).errors.map((r) => r.errors[0]!.code);

  it('a registration whose number another case holds is refused with a reason and stores nothing; the same case re-pushed is fine', async () => {
    const d = await demoDesk(t);
    const first = registration(d, `${d.deskCode}-${today}-001`);
    expect((await push(t.url, d.token, 'events', [first])).body).toEqual([]);
    expect((await push(t.url, d.token, 'events', [first])).body).toEqual([]);

    const clash = registration(d, `${d.deskCode}-${today}-001`);
    const res = await push(t.url, d.token, 'events', [clash]);
    expect(res.status).toBe(403);
    expect(refusalCodes(res.body)).toEqual(['sync.caseNumberTaken']);
    // Two new cases with one number in one batch: the second is refused, and with it the whole batch.
    const a = registration(d, `${d.deskCode}-${today}-002`);
    const b = registration(d, `${d.deskCode}-${today}-002`);
    const both = await push(t.url, d.token, 'events', [a, b]);
    expect(both.status).toBe(403);
    expect(refusalCodes(both.body)).toEqual(['sync.caseNumberTaken']);
    const stored = (await pullAll<CaseEvent>(t.url, d.token, 'events')).documents.map((e) => e.id);
    expect(stored).toContain(first.id);
    expect(stored).not.toContain(clash.id);
    expect(stored).not.toContain(a.id);
  });

  it('a desk re-enrolled under its code keeps its id and site, its old token stops, and it is told the last numbers of its recent days', async () => {
    const d = await demoDesk(t);
    const yesterday = localDateKey(TEST_NOW - DAY);
    const numbers = [`${d.deskCode}-${yesterday}-004`, `${d.deskCode}-${today}-001`, `${d.deskCode}-${today}-009`, `${d.deskCode}-${today}-010`];
    expect(
      (
        await push(
          t.url,
          d.token,
          'events',
          numbers.map((n) => registration(d, n)),
        )
      ).body,
    ).toEqual([]);

    const { code } = await issueEnrolmentCode(t.server.db, { orgId: d.orgId, reenrolDeskCode: d.deskCode });
    const again = await enrol(t.url, code);
    expect(again).toMatchObject({ deskId: d.deskId, siteId: d.siteId, deskCode: d.deskCode });
    expect(again.caseNumbers).toEqual([`${d.deskCode}-${yesterday}-004`, `${d.deskCode}-${today}-010`]);
    expect((await push(t.url, d.token, 'events', [registration(d, `${d.deskCode}-${today}-011`)])).status).toBe(401);
    // The new token writes as the same desk; a number it already issued is still refused.
    expect((await push(t.url, again.token, 'events', [registration(d, `${d.deskCode}-${today}-011`)])).body).toEqual([]);
    expect((await push(t.url, again.token, 'events', [registration(d, `${d.deskCode}-${today}-009`)])).status).toBe(403);
  });

  it('a re-enrolment code for a desk code the organisation does not have is refused when issued', async () => {
    const d = await demoDesk(t);
    await expect(issueEnrolmentCode(t.server.db, { orgId: d.orgId, reenrolDeskCode: 'ZZ99' })).rejects.toMatchObject({ code: 'deskUnknown' });
  });
});
