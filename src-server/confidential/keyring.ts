import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../db/types';
import { MasterKeyError } from './master-key';

// Envelope encryption (issue 10 item 4): each organisation has its own random data key, stored only wrapped
// (AES-256-GCM under the master key, master-key.ts) in `org_data_keys`; confidential values are encrypted with
// the data key. Replacing the master key means re-wrapping a few rows, not re-encrypting every event; one
// organisation's key opens nothing of another's.

const ALG = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';

/** AES-256-GCM; `aad` binds the ciphertext to its place (organisation, event id), so rows cannot be swapped. */
export function encrypt(key: Buffer, plain: Buffer, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALG, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return `${FORMAT}.${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${body.toString('base64')}`;
}

/** Throws when the key is wrong or the text was altered (GCM's tag). */
export function decrypt(key: Buffer, text: string, aad: string): Buffer {
  const [format, iv, tag, body] = text.split('.');
  if (format !== FORMAT || iv === undefined || tag === undefined || body === undefined) throw new Error('unknown ciphertext format');
  const decipher = createDecipheriv(ALG, key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]);
}

const wrapAad = (orgId: string) => `jiesu-data-key:${orgId}`;

/** The data key and which of `keys` opened it (GCM's tag decides), or undefined when none does. */
function unwrap(keys: readonly Buffer[], orgId: string, wrapped: string): { key: Buffer; by: number } | undefined {
  for (const [by, master] of keys.entries()) {
    try {
      return { key: decrypt(master, wrapped, wrapAad(orgId)), by };
    } catch {
      // Not this key: try the next.
    }
  }
  return undefined;
}

/** How the stored data keys open with `keys` (the first is the current master key, the rest previous ones). */
export interface DataKeyCheck {
  rows: number;
  /** Rows that open only with a previous key. */
  needPrevious: number;
  /** Organisations whose data key none of the keys opens. */
  unopened: string[];
}

export async function checkDataKeys(db: Queryable, keys: readonly Buffer[]): Promise<DataKeyCheck> {
  const rows = await db.query<{ org_id: string; wrapped: string }>('select org_id, wrapped from org_data_keys order by org_id');
  const check: DataKeyCheck = { rows: rows.length, needPrevious: 0, unopened: [] };
  for (const r of rows) {
    const opened = unwrap(keys, r.org_id, r.wrapped);
    if (!opened) check.unopened.push(r.org_id);
    else if (opened.by > 0) check.needPrevious++;
  }
  return check;
}

/**
 * Wraps every data key with `target` in one transaction, opening each with `target` or one of `opening`; rows
 * that already open with `target` are left. Throws (rolling back, nothing changed) when a row opens with none.
 */
export async function rewrapDataKeys(
  db: Database,
  target: Buffer,
  opening: readonly Buffer[],
  onRow: () => void = () => undefined,
): Promise<{ rows: number; rewrapped: number }> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ org_id: string; wrapped: string }>('select org_id, wrapped from org_data_keys order by org_id for update');
    let rewrapped = 0;
    for (const r of rows) {
      const opened = unwrap([target, ...opening], r.org_id, r.wrapped);
      if (!opened) throw unopenedError([r.org_id], rows.length);
      if (opened.by === 0) continue;
      await tx.query('update org_data_keys set wrapped = $2 where org_id = $1', [r.org_id, encrypt(target, opened.key, wrapAad(r.org_id))]);
      rewrapped++;
      onRow();
    }
    return { rows: rows.length, rewrapped };
  });
}

export function unopenedError(orgIds: readonly string[], rows: number): MasterKeyError {
  return new MasterKeyError(
    `主密钥打不开 ${orgIds.length}/${rows} 个单位的数据密钥（第一个：${orgIds[0]}），配置的旧主密钥也打不开：没有一把是加密这些数据时用的。 / ` +
      `The master key (and the previous keys) open no data key of ${orgIds.length} of ${rows} organisations (first: ${orgIds[0]}): none of them is the key the data was encrypted with.`,
  );
}

export class Keyring {
  private readonly keys = new Map<string, Promise<Buffer>>();

  /** `master` wraps new data keys; `previous` keys only open data keys wrapped before a rotation. */
  constructor(
    private readonly db: Queryable,
    private readonly master: Buffer,
    private readonly previous: readonly Buffer[] = [],
  ) {}

  /** Whether the database holds any wrapped key yet (a missing key file may then be created). */
  static async hasWrappedKeys(db: Queryable): Promise<boolean> {
    const [row] = await db.query<{ n: number | string }>('select count(*) as n from org_data_keys');
    return Number(row?.n ?? 0) > 0;
  }

  /** Start-up check: the master key or a previous one opens every stored data key, or the server refuses to start. */
  async verify(): Promise<DataKeyCheck> {
    const check = await checkDataKeys(this.db, [this.master, ...this.previous]);
    if (check.unopened.length > 0) throw unopenedError(check.unopened, check.rows);
    return check;
  }

  /** The organisation's data key, created on first use (one row per organisation; concurrent instances agree). */
  dataKey(orgId: string): Promise<Buffer> {
    let key = this.keys.get(orgId);
    if (!key) {
      key = this.load(orgId);
      key.catch(() => this.keys.delete(orgId));
      this.keys.set(orgId, key);
    }
    return key;
  }

  private async load(orgId: string): Promise<Buffer> {
    const fresh = randomBytes(32);
    // Insert-or-keep, then read what won: two instances creating the key at once end up with the same one.
    await this.db.query('insert into org_data_keys (org_id, wrapped, created_at) values ($1, $2, $3) on conflict (org_id) do nothing', [
      orgId,
      encrypt(this.master, fresh, wrapAad(orgId)),
      Date.now(),
    ]);
    const [row] = await this.db.query<{ wrapped: string }>('select wrapped from org_data_keys where org_id = $1', [orgId]);
    if (!row) throw new Error(`no data key for ${orgId}`);
    const opened = unwrap([this.master, ...this.previous], orgId, row.wrapped);
    if (!opened) throw unopenedError([orgId], 1);
    return opened.key;
  }
}
