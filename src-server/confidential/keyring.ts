import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/types';
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

export class Keyring {
  private readonly keys = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly db: Queryable,
    private readonly master: Buffer,
  ) {}

  /** Whether the database holds any wrapped key yet (a missing key file may then be created). */
  static async hasWrappedKeys(db: Queryable): Promise<boolean> {
    const [row] = await db.query<{ n: number | string }>('select count(*) as n from org_data_keys');
    return Number(row?.n ?? 0) > 0;
  }

  /** Start-up check: the master key opens every stored data key, or the server refuses to start. */
  async verify(): Promise<void> {
    const rows = await this.db.query<{ org_id: string; wrapped: string }>('select org_id, wrapped from org_data_keys');
    for (const r of rows) {
      try {
        decrypt(this.master, r.wrapped, wrapAad(r.org_id));
      } catch {
        throw new MasterKeyError(
          `主密钥打不开单位 ${r.org_id} 的数据密钥：配置的主密钥不是加密这些数据时用的那一个。 / The master key does not open the data key of organisation ${r.org_id}: it is not the key the data was encrypted with.`,
        );
      }
    }
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
    return decrypt(this.master, row.wrapped, wrapAad(orgId));
  }
}
