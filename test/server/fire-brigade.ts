import type { TestServer } from './setup';
import { enrol } from './client';
import { createOrganisation, issueEnrolmentCode } from '../../src-server/orgs';
import { fireBrigadePreset } from '../../src-shared/presets/s1-fire-brigade';
import { makeRegistration, ulidAt, HOUR } from '../../src-shared/domain/projection.fixtures';
import type { CaseEventOf } from '../../src-shared/domain/events';
import type { EnrolResponse } from '../../src-shared/sync/contract';
import { TEST_NOW } from '../helpers/clock';
import { acceptedIntake, policyOf } from '../../src-shared/presets/presets.fixtures';

// A fire brigade whose reporters are confidential by default (S1-5): the fixture of the confidential-identity
// suites (confidential.test.ts, master-key-rotation.test.ts).

const FIRE = policyOf(fireBrigadePreset);

export const NAME = '王秘密';
export const PHONE = '13900001111';
export const ADDRESS = '幸福路8号3单元502';
export const T0 = TEST_NOW - 2 * HOUR;

export interface Fixture {
  orgId: string;
  /** Organisation-wide desk at headquarters, where the duty chief and the leader sign in (may reveal). */
  hq: EnrolResponse;
  /** A squadron's desk: only the duty officer signs in there (may not reveal). */
  squad: EnrolResponse;
  officer: string;
  chief: string;
}

/** A fire brigade (S1-5 confidential by default) with a headquarters and a squadron site. */
export async function fireBrigade(t: Pick<TestServer, 'server' | 'url'>): Promise<Fixture> {
  const org = await createOrganisation(t.server.db, {
    name: '消防大队',
    policy: fireBrigadePreset,
    sites: [{ name: '大队部' }, { name: '一中队' }],
    staff: [
      { name: '张值班', roles: ['duty_officer'], pin: '1234', siteNames: ['一中队'] },
      { name: '李首长', roles: ['duty_chief'], pin: '1234', siteNames: ['大队部'] },
      { name: '王大队长', roles: ['main_leader'], pin: '1234', siteNames: ['大队部'] },
    ],
  });
  const [hqSite, squadSite] = org.siteIds as [string, string];
  const hq = await enrol(t.url, (await issueEnrolmentCode(t.server.db, { orgId: org.orgId, siteId: hqSite, scope: 'org' })).code);
  const squad = await enrol(t.url, (await issueEnrolmentCode(t.server.db, { orgId: org.orgId, siteId: squadSite, scope: 'site' })).code);
  return { orgId: org.orgId, hq, squad, officer: org.staffIds[0]!, chief: org.staffIds[1]! };
}

let serial = 0;
/** A fresh number for event ids and case numbers. */
export const nextSerial = () => ++serial;
/** A confidential report registered at the squadron's desk by its duty officer. */
export function confidentialReport(f: Fixture): CaseEventOf<'case.registered'> {
  const number = `${f.squad.deskCode}-20261127-${String(++serial).padStart(3, '0')}`;
  return makeRegistration(
    T0,
    {
      ...acceptedIntake(FIRE),
      number,
      firstReceiverId: f.officer,
      complainant: { anonymous: false, confidential: true, name: NAME, phone: PHONE, address: ADDRESS },
    },
    { id: ulidAt(T0, ++serial), caseId: number, orgId: f.orgId, siteId: f.squad.siteId, deskId: f.squad.deskId, actorId: f.officer, policyRevision: 1 },
  );
}

export const clear = (text: string) => [NAME, PHONE, ADDRESS, '幸福路'].filter((s) => text.includes(s));
