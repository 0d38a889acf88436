import type { Database } from './db/types';
import type { PolicyInput } from '../src-shared/domain/policy';
import { createOrganisation, issueEnrolmentCode, type CreatedOrganisation } from './orgs';
import { demoStaff, presetById } from '../src-shared/presets/index';

// A demo organisation from a preset with one site, the preset's demo staff (PIN 1234) and a fresh
// enrolment code, for first runs of the desktop app (scripts/start.ts) and for tests.

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
  const created = await createOrganisation(db, {
    name: opts.name ?? '示例单位',
    policy: opts.policy ? opts.policy(preset.policy) : preset.policy,
    sites: (opts.sites ?? ['总部接待处']).map((name) => ({ name })),
    staff: demoStaff(presetId).map((s) => ({ name: s.name, roles: s.roles, ...(s.departmentId ? { departmentId: s.departmentId } : {}), pin: '1234' })),
  });
  const { code } = await issueEnrolmentCode(db, { orgId: created.orgId, scope: opts.scope ?? 'org' });
  return { ...created, code };
}
