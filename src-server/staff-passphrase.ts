import type { Database } from './db/types';
import { staffSchema } from '../src-shared/domain/org';
import { hashCredential, kindOfSecret, PASSPHRASE_MIN_LENGTH } from '../src-shared/credentials';
import { holdsAdminRole } from '../src-shared/domain/administration';
import { policyInForce } from '../src-shared/domain/revisions';
import { readConfigDocs, storeConfigDocs } from './sync/config-store';
import { rulesOf } from './sync/rules';

// `npm run server -- admin set-passphrase` (docs/operations.md): the way out for an organisation whose
// administrators all sign in with PINs. Only a passphrase administrator may set credentials at a desk
// (domain/credential-change.ts) or publish configuration (admin sessions), so without one nobody could
// ever get one there. Whoever runs admin commands on the server's own machine already holds its data;
// the command gives one staff member a passphrase as a new revision of their staff document, which every
// desk then pulls like any other configuration change.

export interface SetPassphraseInput {
  orgId: string;
  /** The staff member's id, or their exact name when only one active person has it. */
  staff: string;
  passphrase: string;
  now?: number;
}

export interface SetPassphraseResult {
  staffId: string;
  name: string;
  rev: number;
  /** Whether the person administers with it (an administering role under the policy in force). */
  administers: boolean;
}

/** Gives a staff member a passphrase as a new revision of their staff document; throws a sentence on refusal. */
export async function setStaffPassphrase(db: Database, input: SetPassphraseInput): Promise<SetPassphraseResult> {
  const now = input.now ?? Date.now();
  if (kindOfSecret(input.passphrase) !== 'passphrase') {
    throw new Error(
      `管理口令至少 ${PASSPHRASE_MIN_LENGTH} 个字符，不能全是数字，首尾不能有空格；未做任何更改。/ A passphrase has at least ${PASSPHRASE_MIN_LENGTH} characters, not only digits, without leading or trailing spaces; nothing was changed.`,
    );
  }
  const docs = await readConfigDocs(db, input.orgId, 'staff');
  const people = docs.flatMap((doc) => {
    const parsed = staffSchema.safeParse(doc.data);
    return parsed.success ? [{ doc, staff: parsed.data }] : [];
  });
  if (people.length === 0)
    throw new Error(
      `单位 ${input.orgId} 没有工作人员（单位编号对吗？）；未做任何更改。/ Organisation ${input.orgId} has no staff (is the id right?); nothing was changed.`,
    );
  const byId = people.filter((p) => p.staff.id === input.staff);
  const byName = people.filter((p) => p.staff.name === input.staff.trim() && p.staff.active);
  const found = byId.length ? byId : byName;
  if (found.length === 0)
    throw new Error(
      `本单位没有名为或编号为「${input.staff}」的在职人员；未做任何更改。/ No active staff member of this organisation has that name or id; nothing was changed.`,
    );
  if (found.length > 1) {
    const ids = found.map((p) => `${p.staff.id}（${p.staff.roles.join(',')}）`).join('、');
    throw new Error(
      `有 ${found.length} 位在职人员名为「${input.staff}」，请用 --staff <人员编号> 指定：${ids}；未做任何更改。/ Several active staff members have that name; give the id instead: ${ids}. Nothing was changed.`,
    );
  }
  const { doc, staff } = found[0]!;
  if (!staff.active)
    throw new Error(`「${staff.name}」已停用，不能登录；未做任何更改。/ ${staff.name} is deactivated and cannot sign in; nothing was changed.`);
  const rev = Math.max(doc.rev, staff.rev) + 1;
  // The stored data as it was, but for the verifier and the revision (no parsed defaults written back).
  const data = { ...doc.data, pinHash: await hashCredential(input.passphrase), rev, updatedAt: now } satisfies Record<string, unknown>;
  await db.transaction((tx) => storeConfigDocs(tx, input.orgId, [{ ...doc, rev, updatedAt: now, data, _deleted: false }]));
  const policy = policyInForce((await rulesOf(db, input.orgId)).policies, now);
  return { staffId: staff.id, name: staff.name, rev, administers: holdsAdminRole(policy, staff.roles) };
}
