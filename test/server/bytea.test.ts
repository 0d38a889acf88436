import { afterAll, describe, expect, it } from 'vitest';
import { BACKENDS, createTestDatabase, type TestDatabase } from './backends';
import { openDatabase } from '../../src-server/db/open';
import { byteaOptions, firstCopyField, inlineParams, openPglite } from '../../src-server/db/pglite';
import { types } from '@electric-sql/pglite';
import type { Database } from '../../src-server/db/types';

// Attachment bodies are kept as bytea (sync/attachment-store.ts). On PGlite they pass through the hex
// serializer and parser of db/pglite.ts, which replace PGlite's per-byte ones for speed: every byte value,
// an empty body and a view into a larger buffer (as a body sliced from a request is) come back unchanged.

describe.each(BACKENDS)('bytea round trip (%s)', (backend) => {
  let test: TestDatabase;
  let db: Database;
  afterAll(async () => {
    await db?.close();
    await test?.drop();
  });

  it('keeps every byte value, an empty body and a view into a larger buffer', async () => {
    test = await createTestDatabase(backend);
    db = await openDatabase(test.options);
    await db.query('create table bytea_round_trip (id int primary key, bytes bytea not null)');
    const every = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
    const backing = Uint8Array.from({ length: 64 }, (_, i) => 255 - i);
    const view = backing.subarray(10, 30);
    const bodies = [every, new Uint8Array(0), view];
    for (const [id, bytes] of bodies.entries()) await db.query('insert into bytea_round_trip values ($1, $2)', [id, bytes]);
    const rows = await db.query<{ id: number; bytes: Uint8Array; size: number }>('select id, bytes, length(bytes) as size from bytea_round_trip order by id');
    expect(rows.map((r) => Number(r.size))).toEqual([512, 0, 20]);
    for (const r of rows) expect([...r.bytes]).toEqual([...bodies[r.id]!]);
  });
});

describe('bytea parameters on PGlite', () => {
  it('go to PGlite as the bytes themselves (sent in binary), never as hex text', () => {
    // A 500 kB body as 1 MB of hex text cost about half of an insert (docs/performance.md "Attachment bodies
    // up and down"); pg-protocol sends a Uint8Array parameter in binary format. The round trip above checks the bytes.
    const bytes = Uint8Array.from([0, 1, 0x5c, 0x78, 255]);
    const sent = (byteaOptions.serializers[types.BYTEA] as (x: Uint8Array) => unknown)(bytes);
    expect(sent).toBe(bytes);
    expect(() => byteaOptions.serializers[types.BYTEA]('\\x00' as never)).toThrow();
  });
});

describe('bytea read on PGlite without hex (readBytes: COPY to /dev/blob)', () => {
  it('returns the exact bytes, an empty body, null, or undefined when no row; parameters quoted as literals', async () => {
    const db = await openPglite();
    try {
      await db.query('create table bodies (k text primary key, bytes bytea)');
      const every = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);
      const keys = ["o'brien", 'plain', 'nothing'];
      await db.query('insert into bodies values ($1, $2), ($3, $4), ($5, null)', [keys[0]!, every, keys[1]!, new Uint8Array(0), keys[2]!]);
      const read = (k: string) => db.readBytes!('select bytes from bodies where k = $1', [k]);
      expect([...((await read(keys[0]!)) ?? [])]).toEqual([...every]);
      expect((await read('plain'))?.byteLength).toBe(0);
      expect(await read('nothing')).toBeNull();
      expect(await read('absent')).toBeUndefined();
      // A quote cannot end the literal; $10 is not $1 followed by 0.
      expect(await read("x' or true or k = '")).toBeUndefined();
      expect(inlineParams('$1 $10', ["it's", ...Array.from({ length: 8 }, () => ''), 'ten'])).toBe("'it''s' 'ten'");
      expect(() => inlineParams('$2', ['one'])).toThrow();
      expect(() => firstCopyField(new Uint8Array(30))).toThrow();
    } finally {
      await db.close();
    }
  });
});
