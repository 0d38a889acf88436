import { createDeskDatabase, deskDatabaseName } from '../../src-renderer/data/database';
import { getDeskIdentity, loadConfig } from '../../src-renderer/data/config';
import { bodyStoreFor } from '../../src-renderer/data/body-store';
import { policyByRevision } from '../../src-renderer/data/policy-select';
import { writeEvent, type WriteContext } from '../../src-renderer/data/write-event';
import { sha256Hex } from '../../src-shared/domain/attachments';

// Runs inside Chromium as a built entry, in a second window of a desk (test/e2e/attachment-sync.test.ts):
// keeps a file the way a desk did before it checked a file's bytes when it was added — the body in the
// desk's body store, then `case.attachment_added` on the one write path — so the test can show what the
// clerk sees when the SERVER refuses such a body. The desk itself now refuses the file at the file chooser
// (prepare-file.ts, test/e2e/attachments.test.ts), so only seeding can still put one in a case's history.

export interface UncheckedFile {
  name: string;
  type: string;
  kind: string;
  /** The bytes, as numbers (what page.evaluate carries). */
  bytes: number[];
}

export async function seedUncheckedAttachment(profile: string, caseNumber: string, staffName: string, file: UncheckedFile): Promise<string[]> {
  const db = await createDeskDatabase(deskDatabaseName(profile));
  try {
    const identity = await getDeskIdentity(db);
    const config = await loadConfig(db);
    const staff = config.staff.find((s) => s.name === staffName);
    const found = await db.cases.findOne({ selector: { number: caseNumber } }).exec();
    if (!identity || !staff || !found) return [`desk ${profile}: identity ${!!identity}, staff ${!!staff}, case ${caseNumber} ${!!found}`];
    const policy = config.policies[config.policies.length - 1]!;
    const ctx: WriteContext = {
      ...identity,
      actor: { id: staff.id, name: staff.name, roles: staff.roles, departmentId: staff.departmentId },
      policy,
      policyFor: (rev) => policyByRevision(config.policies, rev),
    };
    const bytes = new Uint8Array(file.bytes).buffer;
    const hash = await sha256Hex(bytes);
    await bodyStoreFor(db).put(bytes, file.type, Date.now());
    const r = await writeEvent(db, ctx, found.id, {
      type: 'case.attachment_added',
      payload: { hash, name: file.name, type: file.type, size: bytes.byteLength, kind: file.kind },
    });
    return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message['zh-CN']}`);
  } finally {
    await db.close();
  }
}

declare global {
  interface Window {
    uncheckedAttachmentSeed?: { seedUncheckedAttachment: typeof seedUncheckedAttachment };
  }
}
if (typeof window !== 'undefined') window.uncheckedAttachmentSeed = { seedUncheckedAttachment };
