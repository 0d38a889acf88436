import { ulid } from 'ulid';
import type { Database, Queryable } from './db/types';
import { policySchema, type Policy, type PolicyInput } from '../src-shared/domain/policy';
import type { Desk, Organisation, Site, Staff } from '../src-shared/domain/org';
import type { ConfigDoc, EnrolResponse } from '../src-shared/sync/contract';
import { fieldErrorsOf } from '../src-shared/domain/parse';
import { ApiError } from './errors';
import { hashCredential, kindOfSecret } from '../src-shared/credentials';
import { storeConfigDocs } from './sync/config-store';
import { lastNumbersOf } from './sync/case-numbers';
import { ADMIN_TOKEN_PREFIX, DESK_TOKEN_PREFIX, hashSecret, newEnrolmentCode, newToken } from './tokens';
import { REVOKED_CHANNEL, type DeskScope, type RevokedNotice } from './sync/scope';

// Organisations, sites, staff, desks and their credentials. The organisation's configuration is written
// as replicated `config` documents, so enrolled desks receive it through the ordinary pull.

export interface StaffInput {
  name: string;
  roles: string[];
  departmentId?: string;
  /** A PIN (4–8 digits) or a passphrase; stored only as its verifier (src-shared/credentials.ts). */
  pin?: string;
  /** Names of the sites whose desks this person signs in at (absent: every site). */
  siteNames?: string[];
}

export interface CreateOrganisationInput {
  name: string;
  policy: PolicyInput;
  sites: { name: string }[];
  staff?: StaffInput[];
}

export interface CreatedOrganisation {
  orgId: string;
  siteIds: string[];
  staffIds: string[];
  policyId: string;
}

function configDoc(orgId: string, kind: ConfigDoc['kind'], id: string, data: object, now: number): ConfigDoc {
  return { id: `${kind}:${id}`, orgId, kind, rev: 0, updatedAt: now, data: data as Record<string, unknown>, _deleted: false };
}

export async function createOrganisation(db: Database, input: CreateOrganisationInput): Promise<CreatedOrganisation> {
  const parsed = policySchema.safeParse(input.policy);
  if (!parsed.success) throw new Error(`invalid policy: ${JSON.stringify(fieldErrorsOf(parsed.error).slice(0, 3))}`);
  const policy: Policy = parsed.data;
  if (!input.name.trim()) throw new Error('organisation name is required');
  if (input.sites.length === 0) throw new Error('an organisation needs at least one site');
  const now = Date.now();
  const orgId = ulid();
  const org: Organisation = { id: orgId, name: input.name.trim(), presetId: policy.presetId, rev: 0, updatedAt: now };
  const sites: Site[] = input.sites.map((s) => ({ id: ulid(), orgId, name: s.name, rev: 0, updatedAt: now }));
  const staff: Staff[] = [];
  for (const s of input.staff ?? []) {
    if (s.pin !== undefined && !kindOfSecret(s.pin)) throw new Error('a PIN is 4–8 digits, a passphrase at least 10 characters');
    const siteIds = s.siteNames?.map((name) => {
      const site = sites.find((x) => x.name === name);
      if (!site) throw new Error(`no site named ${name}`);
      return site.id;
    });
    staff.push({
      id: ulid(),
      orgId,
      name: s.name,
      roles: s.roles,
      ...(s.departmentId ? { departmentId: s.departmentId } : {}),
      pinHash: s.pin ? await hashCredential(s.pin) : '',
      ...(siteIds ? { siteIds } : {}),
      active: true,
      rev: 0,
      updatedAt: now,
    });
  }
  await db.transaction(async (tx) => {
    await tx.query('insert into organisations (id, name, preset_id, created_at) values ($1, $2, $3, $4)', [orgId, org.name, org.presetId, now]);
    await tx.query('insert into org_seq (org_id, seq) values ($1, 0)', [orgId]);
    for (const s of sites) await tx.query('insert into sites (org_id, id, name) values ($1, $2, $3)', [orgId, s.id, s.name]);
    await storeConfigDocs(tx, orgId, [
      configDoc(orgId, 'organisation', orgId, org, now),
      ...sites.map((s) => configDoc(orgId, 'site', s.id, s, now)),
      { ...configDoc(orgId, 'policy', `${policy.id}:${policy.revision}`, policy, now) },
      ...staff.map((s) => configDoc(orgId, 'staff', s.id, s, now)),
    ]);
  });
  return { orgId, siteIds: sites.map((s) => s.id), staffIds: staff.map((s) => s.id), policyId: policy.id };
}

export interface IssueCodeInput {
  orgId: string;
  siteId?: string;
  scope?: 'site' | 'org';
  deskCode?: string;
  deskName?: string;
  /**
   * Re-enrols an existing desk (its replacement computer, or one whose store was lost): the code gives the
   * desk with this code a new token, revokes its old ones, and the desk continues its case-number series.
   */
  reenrolDeskCode?: string;
  /** Hours the code stays valid; one week by default. */
  validHours?: number;
}

export async function issueEnrolmentCode(db: Queryable, input: IssueCodeInput): Promise<{ code: string; expiresAt: number; siteId: string }> {
  const site = await db.query<{ id: string }>('select id from sites where org_id = $1 and ($2::text is null or id = $2) order by id limit 1', [
    input.orgId,
    input.siteId ?? null,
  ]);
  if (!site[0]) throw new ApiError(404, 'notFound');
  if (input.deskCode !== undefined && !/^[A-Z0-9]{2,6}$/.test(input.deskCode)) throw new ApiError(400, 'badRequest');
  let siteId = site[0].id;
  let reenrol: string | null = null;
  if (input.reenrolDeskCode !== undefined) {
    const [desk] = await db.query<{ id: string; site_id: string }>('select id, site_id from desks where org_id = $1 and code = $2', [
      input.orgId,
      input.reenrolDeskCode,
    ]);
    if (!desk) throw new ApiError(404, 'deskUnknown');
    // The desk keeps its site: its cases and its number series belong there.
    reenrol = desk.id;
    siteId = desk.site_id;
  }
  const code = newEnrolmentCode();
  const now = Date.now();
  const expiresAt = now + (input.validHours ?? 24 * 7) * 3_600_000;
  await db.query(
    `insert into enrolment_codes (code_hash, org_id, site_id, scope, desk_code, desk_name, created_at, expires_at, reenrol_desk_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [hashSecret(code), input.orgId, siteId, input.scope ?? 'site', input.deskCode ?? null, input.deskName ?? null, now, expiresAt, reenrol],
  );
  return { code, expiresAt, siteId };
}

async function nextDeskCode(tx: Queryable, orgId: string): Promise<string> {
  const rows = await tx.query<{ code: string }>('select code from desks where org_id = $1', [orgId]);
  const taken = new Set(rows.map((r) => r.code));
  for (let n = 1; ; n++) {
    const code = `D${String(n).padStart(2, '0')}`;
    if (!taken.has(code)) return code;
  }
}

/** Redeems a one-time code: creates the desk, its `desk` config document and a token (only its hash is kept). */
/** `clock` dates the case numbers a re-enrolled desk continues (the server's clock; tests fix it). */
export async function enrolDesk(db: Database, code: string, deskName?: string, clock: () => number = Date.now): Promise<EnrolResponse> {
  const token = newToken(DESK_TOKEN_PREFIX);
  return db.transaction(async (tx) => {
    const now = Date.now();
    // Single use: the update claims the code atomically; a second redemption finds used_at set.
    const claimed = await tx.query<{
      org_id: string;
      site_id: string;
      scope: 'site' | 'org';
      desk_code: string | null;
      desk_name: string | null;
      reenrol_desk_id: string | null;
    }>(
      `update enrolment_codes set used_at = $2 where code_hash = $1 and used_at is null and expires_at > $2
       returning org_id, site_id, scope, desk_code, desk_name, reenrol_desk_id`,
      [hashSecret(code), now],
    );
    const c = claimed[0];
    if (!c) throw new ApiError(400, 'codeInvalid');
    if (c.reenrol_desk_id)
      return reenrolDesk(tx, { orgId: c.org_id, deskId: c.reenrol_desk_id, scope: c.scope, codeHash: hashSecret(code), token, now, today: clock() });
    const deskId = ulid();
    let deskCode = c.desk_code ?? (await nextDeskCode(tx, c.org_id));
    const clash = await tx.query('select 1 from desks where org_id = $1 and code = $2', [c.org_id, deskCode]);
    if (clash.length) deskCode = await nextDeskCode(tx, c.org_id);
    const name = (deskName ?? c.desk_name ?? `工作台 ${deskCode}`).slice(0, 100);
    await tx.query('insert into desks (org_id, id, site_id, code, name, created_at) values ($1, $2, $3, $4, $5, $6)', [
      c.org_id,
      deskId,
      c.site_id,
      deskCode,
      name,
      now,
    ]);
    await tx.query('update enrolment_codes set desk_id = $2 where code_hash = $1', [hashSecret(code), deskId]);
    await tx.query('insert into desk_tokens (token_hash, org_id, site_id, desk_id, scope, created_at) values ($1, $2, $3, $4, $5, $6)', [
      hashSecret(token),
      c.org_id,
      c.site_id,
      deskId,
      c.scope,
      now,
    ]);
    const desk: Desk = { id: deskId, orgId: c.org_id, siteId: c.site_id, code: deskCode, name, rev: 0, updatedAt: now };
    await storeConfigDocs(tx, c.org_id, [configDoc(c.org_id, 'desk', deskId, desk, now)]);
    return { token, orgId: c.org_id, siteId: c.site_id, deskId, deskCode };
  });
}

/**
 * An existing desk takes a new token (issue 12): the same id, site and code, so its cases stay its own and
 * its numbers continue from the last ones the server holds (lastNumbersOf); its old tokens stop working.
 */
async function reenrolDesk(
  tx: Queryable,
  r: { orgId: string; deskId: string; scope: 'site' | 'org'; codeHash: string; token: string; now: number; today: number },
): Promise<EnrolResponse> {
  const [desk] = await tx.query<{ site_id: string; code: string }>('select site_id, code from desks where org_id = $1 and id = $2', [r.orgId, r.deskId]);
  if (!desk) throw new ApiError(400, 'codeInvalid');
  await revokeDesk(tx, r.orgId, r.deskId);
  await tx.query('update desks set revoked_at = null where org_id = $1 and id = $2', [r.orgId, r.deskId]);
  await tx.query('update enrolment_codes set desk_id = $2 where code_hash = $1', [r.codeHash, r.deskId]);
  await tx.query('insert into desk_tokens (token_hash, org_id, site_id, desk_id, scope, created_at) values ($1, $2, $3, $4, $5, $6)', [
    hashSecret(r.token),
    r.orgId,
    desk.site_id,
    r.deskId,
    r.scope,
    r.now,
  ]);
  const caseNumbers = await lastNumbersOf(tx, r.orgId, desk.code, r.today);
  return { token: r.token, orgId: r.orgId, siteId: desk.site_id, deskId: r.deskId, deskCode: desk.code, caseNumbers };
}

/** Revokes every token of a desk; its next request is refused. */
export async function revokeDesk(db: Queryable, orgId: string, deskId: string): Promise<number> {
  const now = Date.now();
  const rows = await db.query('update desk_tokens set revoked_at = $3 where org_id = $1 and desk_id = $2 and revoked_at is null returning token_hash', [
    orgId,
    deskId,
    now,
  ]);
  await db.query('update desks set revoked_at = $3 where org_id = $1 and id = $2 and revoked_at is null', [orgId, deskId, now]);
  // Every server instance closes the desk's open change streams when this commits (sync/hub.ts).
  if (rows.length > 0) await db.query('select pg_notify($1, $2)', [REVOKED_CHANNEL, JSON.stringify({ orgId, deskId } satisfies RevokedNotice)]);
  return rows.length;
}

export type TokenCheck = { ok: true; scope: DeskScope } | { ok: false; revoked: boolean };

export async function authenticateDesk(db: Queryable, token: string): Promise<TokenCheck> {
  if (!token.startsWith(DESK_TOKEN_PREFIX)) return { ok: false, revoked: false };
  const rows = await db.query<{ org_id: string; site_id: string; desk_id: string; scope: 'site' | 'org'; revoked_at: number | string | null }>(
    'select org_id, site_id, desk_id, scope, revoked_at from desk_tokens where token_hash = $1',
    [hashSecret(token)],
  );
  const r = rows[0];
  if (!r) return { ok: false, revoked: false };
  if (r.revoked_at !== null) return { ok: false, revoked: true };
  return { ok: true, scope: { orgId: r.org_id, siteId: r.site_id, deskId: r.desk_id, scope: r.scope } };
}

export async function createAdminToken(db: Queryable, label: string): Promise<string> {
  const token = newToken(ADMIN_TOKEN_PREFIX);
  await db.query('insert into admin_tokens (token_hash, label, created_at) values ($1, $2, $3)', [hashSecret(token), label, Date.now()]);
  return token;
}

export async function authenticateAdmin(db: Queryable, token: string): Promise<boolean> {
  if (!token.startsWith(ADMIN_TOKEN_PREFIX)) return false;
  const rows = await db.query('select 1 from admin_tokens where token_hash = $1 and revoked_at is null', [hashSecret(token)]);
  return rows.length === 1;
}

export async function listDesks(db: Queryable, orgId: string): Promise<{ id: string; siteId: string; code: string; name: string; revoked: boolean }[]> {
  const rows = await db.query<{ id: string; site_id: string; code: string; name: string; revoked_at: unknown }>(
    'select id, site_id, code, name, revoked_at from desks where org_id = $1 order by code',
    [orgId],
  );
  return rows.map((r) => ({ id: r.id, siteId: r.site_id, code: r.code, name: r.name, revoked: r.revoked_at !== null }));
}
