import type { Database } from '../db/types';
import { Keyring } from './keyring';
import { resolveMasterKey, type MasterKeySource } from './master-key';
import { sealForStorage } from './sealed-events';

// Start-up of the confidential store: find the master key (creating the embedded default's key file on a
// database that has no encrypted data yet), check that it opens every organisation's data key, and seal
// confidential events stored in clear by a server from before issue 10 item 4.

export interface OpenedKeyring {
  keyring: Keyring;
  /** Where the master key came from (a file path, an environment variable, 'option' or 'memory'); never the key. */
  source: string;
  created: boolean;
  /** Events stored in clear before this version and sealed now. */
  resealed: number;
}

export async function openKeyring(db: Database, src: MasterKeySource): Promise<OpenedKeyring> {
  const { key, source, created } = resolveMasterKey(src, !(await Keyring.hasWrappedKeys(db)));
  const keyring = new Keyring(db, key);
  await keyring.verify();
  return { keyring, source, created, resealed: await sealStoredInClear(db, keyring) };
}

/** Confidential registrations stored before sealing existed: sealed in place (same sequence number). */
async function sealStoredInClear(db: Database, keyring: Keyring): Promise<number> {
  const rows = await db.query<{ org_id: string; id: string; doc: string }>(
    `select org_id, id, doc from events where type = 'case.registered' and sealed is null and doc like '%"confidential":true%'`,
  );
  let n = 0;
  for (const r of rows) {
    const stored = await sealForStorage(keyring, r.org_id, r.id, r.doc);
    if (!stored.sealed) continue;
    await db.query('update events set doc = $3, sealed = $4 where org_id = $1 and id = $2', [r.org_id, r.id, stored.doc, stored.sealed]);
    n++;
  }
  return n;
}
