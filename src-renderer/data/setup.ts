import { ulid } from 'ulid';
import type { PolicyInput } from '../../src-shared/domain/policy';
import type { FieldError } from '../../src-shared/domain/parse';
import type { DeskDatabase } from './database';
import { putConfig, setDeskIdentity, type DeskIdentity } from './config';
import { hashCredential, kindOfSecret } from '../../src-shared/credentials';
import { messageFor } from '../../src-shared/i18n/validation';

// First run on a new computer: an organisation from a preset, its site, this desk and its staff.
// Each piece is validated with the shared schemas; the desk identity is written last, so a failure
// leaves the desk in first run.

export interface NewStaffInput {
  name: string;
  roles: string[];
  departmentId?: string;
  pin: string;
}

export interface SetupInput {
  preset: PolicyInput;
  organisationName: string;
  siteName: string;
  deskCode: string;
  deskName: string;
  departmentId?: string;
  receptionPoint?: string;
  staff: NewStaffInput[];
}

export type SetupResult = { ok: true; identity: DeskIdentity } | { ok: false; errors: FieldError[] };

export async function setUpDesk(db: DeskDatabase, input: SetupInput, now = Date.now()): Promise<SetupResult> {
  const orgId = ulid(now);
  const siteId = ulid(now);
  const deskId = ulid(now);
  const steps = [
    () => putConfig(db, 'policy', { ...input.preset }, orgId),
    () => putConfig(db, 'organisation', { id: orgId, name: input.organisationName, presetId: input.preset.presetId, rev: 0, updatedAt: now }),
    () => putConfig(db, 'site', { id: siteId, orgId, name: input.siteName, rev: 0, updatedAt: now }),
    () =>
      putConfig(db, 'desk', {
        id: deskId,
        orgId,
        siteId,
        code: input.deskCode,
        name: input.deskName,
        departmentId: input.departmentId || undefined,
        receptionPoint: input.receptionPoint || undefined,
        rev: 0,
        updatedAt: now,
      }),
  ];
  for (const step of steps) {
    const r = await step();
    if (!r.ok) return r;
  }
  for (const s of input.staff) {
    const r = await addStaff(db, orgId, s, now);
    if (!r.ok) return r;
  }
  const identity = { orgId, siteId, deskId };
  await setDeskIdentity(db, identity);
  return { ok: true, identity };
}

export async function addStaff(db: DeskDatabase, orgId: string, s: NewStaffInput, now = Date.now()) {
  if (!kindOfSecret(s.pin)) return { ok: false as const, errors: [{ path: 'pin', code: 'staff.credential', message: messageFor('staff.credential', 'PIN') }] };
  return putConfig(db, 'staff', {
    id: ulid(now),
    orgId,
    name: s.name,
    roles: s.roles,
    departmentId: s.departmentId || undefined,
    pinHash: await hashCredential(s.pin),
    active: true,
    rev: 0,
    updatedAt: now,
  });
}
