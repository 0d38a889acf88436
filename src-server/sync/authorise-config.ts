import type { Queryable } from '../db/types';
import type { ConfigKind } from '../../src-shared/sync/contract';
import type { FieldError } from '../../src-shared/domain/parse';
import { messageFor, type MessageCode } from '../../src-shared/i18n/validation';
import { adminOfSession } from '../admin-sessions';
import { staffSchema, type Staff } from '../../src-shared/domain/org';
import { policyInForce } from '../../src-shared/domain/revisions';
import { lastAdministratorRemoved } from '../../src-shared/domain/credential-change';
import { rulesOf } from './rules';
import type { DeskScope } from './scope';
import type { CheckedConfig, RowError } from './validate';

// Who may write which configuration document (issue 10 item 2; docs/architecture.md §Trust model).
// validate.ts checks a document's shape and that it belongs to the desk's organisation (and a survey to
// its site); this decides whether the sender may write it:
//   - the organisation's configuration (ADMIN_KINDS) only under an administrator session opened at this
//     desk (admin-sessions.ts) — a desk token alone is refused, whatever the desk's scope; and even then
//     staff changes (a credential reset, roles, deactivation) may not leave an organisation that had a
//     passphrase administrator with none (domain/credential-change.ts, the rule the desk asks first);
//   - the analysis desk's shared records: a survey of the desk's own site (validate.ts), a duty mark
//     that names this desk as the one that marked it.
// One refused row refuses the batch (like events, docs/decisions.md), and the 403 lists each refused row
// with its reason so the desk sets them aside and pushes the rest.

/** Kinds that only an administrator writes. */
export const ADMIN_KINDS: ReadonlySet<ConfigKind> = new Set<ConfigKind>(['organisation', 'site', 'desk', 'staff', 'policy']);

function refusal(index: number, id: string, path: string, code: MessageCode, detail: object = {}): RowError {
  const errors: FieldError[] = [{ path, code, message: messageFor(code, path, detail) }];
  return { index, id, errors };
}

export async function authoriseConfig(
  db: Queryable,
  scope: DeskScope,
  rows: readonly CheckedConfig[],
  adminToken: string | undefined,
  now: number,
): Promise<RowError[]> {
  const needsAdmin = rows.some((r) => ADMIN_KINDS.has(r.doc.kind));
  const admin = needsAdmin ? await adminOfSession(db, scope, adminToken, now) : undefined;
  const refused: RowError[] = [];
  rows.forEach(({ doc }, index) => {
    if (ADMIN_KINDS.has(doc.kind)) {
      if (!admin) refused.push(refusal(index, doc.id, 'kind', 'config.needsAdmin'));
    } else if (doc.kind === 'duty' && doc.data.deskId !== scope.deskId) {
      refused.push(refusal(index, doc.id, 'data.deskId', 'config.dutyOtherDesk'));
    }
  });
  if (admin && refused.length === 0) refused.push(...(await lastAdministratorRefusal(db, scope.orgId, rows, now)));
  return refused;
}

/** The staff row whose change would leave the organisation without an administrator, if any. */
async function lastAdministratorRefusal(db: Queryable, orgId: string, rows: readonly CheckedConfig[], now: number): Promise<RowError[]> {
  const pushed = rows.flatMap(({ doc }, index) => (doc.kind === 'staff' ? [{ doc, index }] : []));
  if (pushed.length === 0) return [];
  const rules = await rulesOf(db, orgId);
  const changed: Staff[] = [];
  for (const { doc } of pushed) {
    // validate.ts has checked the shape already; parsing gives the typed person.
    const parsed = staffSchema.safeParse(doc.data);
    if (!parsed.success) continue;
    const staff = parsed.data;
    // A withheld verifier ('') keeps the stored one (staff-verifiers.ts); a deleted document is no staff member.
    changed.push({ ...staff, pinHash: staff.pinHash || (rules.staff.get(staff.id)?.pinHash ?? ''), active: staff.active && !doc._deleted });
  }
  const lost = lastAdministratorRemoved(policyInForce(rules.policies, now), [...rules.staff.values()], changed);
  const row = lost && pushed.find(({ doc }) => (doc.data as { id?: unknown }).id === lost.id);
  if (!lost || !row) return [];
  return [refusal(row.index, row.doc.id, 'data', 'staff.lastAdministrator', { name: lost.name })];
}
