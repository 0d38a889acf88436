import type { Database } from './db/types';
import type { PolicyInput } from '../src-shared/domain/policy';
import { createOrganisation, issueEnrolmentCode, type CreatedOrganisation } from './orgs';
import { demoStaff, presetById } from '../src-shared/presets/index';
import { policySchema } from '../src-shared/domain/policy';
import { holdsAdminRole } from '../src-shared/domain/administration';

// A demo organisation from a preset with one site, the preset's demo staff and a fresh enrolment code, for
// first runs of the desktop app (scripts/start.ts) and for tests. Clerks sign in with PIN 1234; those who
// administer (domain/administration.ts) need a passphrase, which the server asks before configuration
// changes, so theirs is DEMO_ADMIN_PASSPHRASE — with a PIN nobody in the demo could publish a revision.

export const DEMO_PIN = '1234';
export const DEMO_ADMIN_PASSPHRASE = 'demo-admin-1234';

export interface DemoOrg extends CreatedOrganisation {
  /** One-time enrolment code for the first desk. */
  code: string;
}

export interface DemoOrgOptions {
  name?: string;
  presetId?: string;
  /** Site names; one reception point by default. */
  sites?: string[];
  /** Scope of the enrolment code's desk: the whole organisation by default. */
  scope?: 'site' | 'org';
  /** The preset's policy with an organisation's own changes (tests: a reason or role the preset lacks). */
  policy?: (preset: PolicyInput) => PolicyInput;
}

export async function createDemoOrg(db: Database, opts: DemoOrgOptions = {}): Promise<DemoOrg> {
  const presetId = opts.presetId ?? 'starter';
  const preset = presetById(presetId);
  if (!preset) throw new Error(`unknown preset: ${presetId}`);
  const policy = opts.policy ? opts.policy(preset.policy) : preset.policy;
  const parsed = policySchema.parse(policy);
  const created = await createOrganisation(db, {
    name: opts.name ?? '示例单位',
    policy,
    sites: (opts.sites ?? ['总部接待处']).map((name) => ({ name })),
    staff: demoStaff(presetId).map((s) => ({
      name: s.name,
      roles: s.roles,
      ...(s.departmentId ? { departmentId: s.departmentId } : {}),
      pin: holdsAdminRole(parsed, s.roles) ? DEMO_ADMIN_PASSPHRASE : DEMO_PIN,
    })),
  });
  const { code } = await issueEnrolmentCode(db, { orgId: created.orgId, scope: opts.scope ?? 'org' });
  return { ...created, code };
}
