import { PRESETS } from '../src-shared/presets';
import { createDeskDatabase, deskDatabaseName, type DeskDatabase } from '../src-renderer/data/database';
import { setUpDesk } from '../src-renderer/data/setup';
import { encryptStoredIdentities } from '../src-renderer/data/at-rest-migration';
import { loadConfig } from '../src-renderer/data/config';
import { policyByRevision } from '../src-renderer/data/policy-select';
import type { WriteContext } from '../src-renderer/data/write-event';

// The desk the in-Chromium bench pages seed: a property desk (s7-property) with one clerk, on real IndexedDB.

/** A new desk store for `profile`, set up with the bench's organisation, desk BM01 and its clerk 基准员. */
export async function setUpBenchDesk(profile: string): Promise<DeskDatabase> {
  const db = await createDeskDatabase(deskDatabaseName(profile));
  // What the desk's start does on a new store (DeskProvider): the one-time encryption of identities kept in
  // clear finds nothing and is marked done. Without it every start of a seeded bench desk ran that upgrade
  // over the whole store (50,000 registrations and cases) beside the figure being timed.
  await encryptStoredIdentities(db);
  const entry = PRESETS.find((p) => p.id === 's7-property')!;
  const r = await setUpDesk(db, {
    preset: entry.policy,
    organisationName: '基准物业',
    siteName: '基准小区',
    deskCode: 'BM01',
    deskName: '基准前台',
    departmentId: 'service_center',
    staff: [{ name: '基准员', roles: ['butler', 'service_assistant'], departmentId: 'service_center', pin: '1234' }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return db;
}

/** The write context of the bench desk's clerk. */
export async function benchContext(db: DeskDatabase): Promise<WriteContext & { deskCode: string }> {
  const config = await loadConfig(db);
  const staff = config.staff[0]!;
  const desk = config.desks[0]!;
  return {
    orgId: desk.orgId,
    siteId: desk.siteId,
    deskId: desk.id,
    deskCode: desk.code,
    actor: { id: staff.id, name: staff.name, roles: staff.roles, departmentId: staff.departmentId },
    policy: config.policies[0]!,
    policyFor: (rev) => policyByRevision(config.policies, rev),
  };
}
