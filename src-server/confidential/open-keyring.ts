import type { Database } from '../db/types';
import { Keyring } from './keyring';
import { resolveMasterKeys, type MasterKeySource } from './master-key';
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
  /** Where the previous keys came from (never the keys). */
  previousSources: string[];
  /** Stored data keys, and how many of them open only with a previous key (rotate-master-key re-wraps them). */
  rows: number;
  needPrevious: number;
  /** `<keyfile>.new` of an embedded rotation that stopped half-way: run it again to finish. */
  unfinished?: string;
}

export async function openKeyring(db: Database, src: MasterKeySource): Promise<OpenedKeyring> {
  const keys = resolveMasterKeys(src, !(await Keyring.hasWrappedKeys(db)));
  const keyring = new Keyring(
    db,
    keys.key,
    keys.previous.map((p) => p.key),
  );
  const { rows, needPrevious } = await keyring.verify();
  return {
    keyring,
    source: keys.source,
    created: keys.created,
    resealed: await sealStoredInClear(db, keyring),
    previousSources: keys.previous.map((p) => p.source),
    rows,
    needPrevious,
    ...(keys.unfinished ? { unfinished: keys.unfinished } : {}),
  };
}

/** The start-up log line about the keys: where they came from and what is left to re-wrap; never a key. */
export function keyringLogLine(k: OpenedKeyring): { level: 'info' | 'warn'; fields: Record<string, unknown>; msg: string } {
  const fields = { masterKeySource: k.source, previousKeySources: k.previousSources, dataKeys: k.rows, needPreviousKey: k.needPrevious };
  if (k.unfinished)
    return {
      level: 'warn',
      fields,
      msg: `主密钥更换没有完成（${k.unfinished} 仍在）：请停止服务器后再运行一次 npm run server -- admin rotate-master-key。 / A master-key rotation stopped half-way (${k.unfinished} exists): stop the server and run npm run server -- admin rotate-master-key again to finish.`,
    };
  if (k.needPrevious > 0)
    return {
      level: 'warn',
      fields,
      msg: `${k.rows} 个数据密钥中有 ${k.needPrevious} 个仍需旧主密钥才能打开：所有实例换上新主密钥后运行 npm run server -- admin rotate-master-key。 / ${k.needPrevious} of ${k.rows} data keys still need a previous master key: once every instance runs on the new key, run npm run server -- admin rotate-master-key.`,
    };
  return { level: 'info', fields, msg: `主密钥打开了全部 ${k.rows} 个数据密钥。 / The master key opens all ${k.rows} data keys.` };
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
