import type { Database } from './db/types';
import { createOrganisation, issueEnrolmentCode, type CreatedOrganisation } from './orgs';
import type { PolicyInput } from '../src-shared/domain/policy';
import { STARTER_POLICY } from './presets';

// A demo organisation with one site, a few staff (PIN 1234) and a fresh enrolment code, for first runs
// of the desktop app (scripts/start.ts) and for tests.

export interface DemoOrg extends CreatedOrganisation {
  /** One-time enrolment code for the first desk. */
  code: string;
}

export async function createDemoOrg(db: Database, opts: { name?: string; policy?: PolicyInput; scope?: 'site' | 'org' } = {}): Promise<DemoOrg> {
  const created = await createOrganisation(db, {
    name: opts.name ?? '示例单位',
    policy: opts.policy ?? STARTER_POLICY,
    sites: [{ name: '总部接待处' }],
    staff: [
      { name: '王接待', roles: ['receiver'], pin: '1234' },
      { name: '李主管', roles: ['supervisor', 'receiver'], pin: '1234' },
    ],
  });
  const { code } = await issueEnrolmentCode(db, { orgId: created.orgId, scope: opts.scope ?? 'org' });
  return { ...created, code };
}
