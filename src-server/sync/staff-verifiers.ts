import { maySignInAt, type Staff } from '../../src-shared/domain/org';
import type { ConfigDoc } from '../../src-shared/sync/contract';
import { canonicalJson } from './canonical';
import type { DeskScope } from './scope';

// A desk receives only the credential verifiers of staff who may sign in at that desk (issue 10 item 3):
// every other staff document reaches it with `pinHash: ''` (the name and roles are still needed to show
// who did what). A stolen desk disk then holds only the PINs of that desk's own people
// (docs/user-guide.zh-CN.md "被盗的电脑").

/** The stored document as this desk may see it (staff documents of people who sign in elsewhere lose their verifier). */
export function docForDesk(stored: string, scope: DeskScope): string {
  // Canonical JSON sorts keys, so a staff document always carries `"kind":"staff"`; the rest pass untouched.
  if (!stored.includes('"kind":"staff"')) return stored;
  const doc = JSON.parse(stored) as ConfigDoc;
  if (doc.kind !== 'staff') return stored;
  const staff = doc.data as unknown as Staff;
  if (!staff.pinHash || maySignInAt(staff, { id: scope.deskId, siteId: scope.siteId })) return stored;
  return canonicalJson({ ...doc, data: { ...doc.data, pinHash: '' } });
}

/**
 * A desk that never received a verifier pushes the staff document back with `pinHash: ''`; the stored
 * verifier is kept (a credential is withdrawn by deactivating the person or by assigning them elsewhere).
 */
export function keepWithheldVerifier(pushed: ConfigDoc, master: ConfigDoc | undefined): ConfigDoc {
  if (pushed.kind !== 'staff' || master?.kind !== 'staff') return pushed;
  const withheld = (pushed.data as { pinHash?: unknown }).pinHash === '';
  const stored = (master.data as { pinHash?: unknown }).pinHash;
  if (!withheld || typeof stored !== 'string' || stored === '') return pushed;
  return { ...pushed, data: { ...pushed.data, pinHash: stored } };
}
