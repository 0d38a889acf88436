import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { propertyPreset } from '../../src-shared/presets/s7-property';
import { TEST_NOW } from '../../test/helpers/clock';
import { createDeskDatabase, type DeskDatabase } from './database';
import { loadConfig, type DeskIdentity } from './config';
import { setUpDesk, type NewStaffInput } from './setup';
import { policyByRevision } from './policy-select';
import type { WriteContext } from './write-event';
import type { IntakeValues } from '../../src-shared/domain/intake';
import { acceptedIntake, policyOf } from '../../src-shared/presets/presets.fixtures';

// A desk for the data layer's unit tests (RxDB + Dexie over fake-indexeddb): the property preset's desk
// YG01 with one butler, set up as first run does, and the write context of that butler at TEST_NOW.

/** Sets up `db` as desk YG01 with the butler 王管家 holding `roles` (and `colleagues`); the butler's write context at TEST_NOW. */
export async function setUpButlerDesk(
  db: DeskDatabase,
  roles: string[] = ['butler'],
  colleagues: NewStaffInput[] = [],
): Promise<{ identity: DeskIdentity; ctx: WriteContext }> {
  const setup = await setUpDesk(db, {
    preset: propertyPreset,
    organisationName: '阳光花园物业',
    siteName: '阳光花园',
    deskCode: 'YG01',
    deskName: '业主服务中心前台',
    departmentId: 'service_center',
    staff: [{ name: '王管家', roles, departmentId: 'service_center', pin: '1234' }, ...colleagues],
  });
  if (!setup.ok) throw new Error(JSON.stringify(setup.errors));
  const config = await loadConfig(db);
  const staff = config.staff[0]!;
  const ctx: WriteContext = {
    ...setup.identity,
    actor: { id: staff.id, name: staff.name, roles: staff.roles, departmentId: staff.departmentId },
    policy: config.policies[0]!,
    policyFor: (rev) => policyByRevision(config.policies, rev),
    now: () => TEST_NOW,
  };
  return { identity: setup.identity, ctx };
}

/** The same desk on a fresh store named `name` plus a timestamp; the caller closes the database (RxDB's open-core build allows few open collections). */
export async function butlerDesk(name: string): Promise<{ db: DeskDatabase; ctx: WriteContext }> {
  const db = await createDeskDatabase(`${name}_${Date.now()}`, getRxStorageDexie({ indexedDB, IDBKeyRange }));
  return { db, ctx: (await setUpButlerDesk(db)).ctx };
}

const PROPERTY = policyOf(propertyPreset);

/** A phone complaint this desk's intake form accepts (the preset's category, level and 房号 filled in). */
export function butlerIntake(subject: string, receivedAt: number): IntakeValues {
  return { ...acceptedIntake(PROPERTY), subject, receivedAt, riskFlags: [] };
}
