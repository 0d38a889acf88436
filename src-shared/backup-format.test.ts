import { describe, expect, it } from 'vitest';
import { parseBackup, restoreBackup, serializeBackup, type RestoreTarget } from './backup-format';

// Issue 13: a backup carries the attachment files the server does not hold yet, under the same checksum as
// the records; a backup without files (every older one) reads as before.

const body = { hash: 'a'.repeat(64), type: 'image/jpeg', data: Buffer.from('照片的字节').toString('base64') };
const target = (): RestoreTarget & { written: number } => {
  const t = { written: 0, countEvents: async () => 0, insertEvents: async () => void t.written++, putConfig: async () => void t.written++ };
  return t;
};

describe('backup files with attachment bodies', () => {
  it('round-trips the bodies and counts them', () => {
    const parsed = parseBackup(serializeBackup({ events: [], config: [], createdAt: 1, bodies: [body] }));
    expect(parsed.ok && parsed.value.bodies).toEqual([body]);
    expect(parsed.ok && parsed.value.counts).toEqual({ events: 0, config: 0, bodies: 1 });
  });

  it('a backup without bodies is the format older desks wrote, checksum unchanged', () => {
    const text = serializeBackup({ events: [], config: [], createdAt: 1, bodies: [] });
    expect(JSON.parse(text)).not.toHaveProperty('bodies');
    expect(parseBackup(text).ok).toBe(true);
  });

  it('a body changed, dropped or added after writing is refused and nothing is restored', async () => {
    const good = JSON.parse(serializeBackup({ events: [], config: [], createdAt: 1, bodies: [body] })) as {
      bodies: (typeof body)[];
      counts: { bodies: number };
    };
    const changed = structuredClone(good);
    changed.bodies[0]!.data = Buffer.from('别的字节').toString('base64');
    const dropped = structuredClone(good);
    dropped.bodies = [];
    const malformed = structuredClone(good);
    malformed.bodies[0]!.hash = 'not a hash';
    for (const [bad, message] of [
      [changed, /校验值不符/],
      [dropped, /应有 1 个附件文件，实际有 0 个/],
      [malformed, /校验值不符/],
    ] as const) {
      const t = target();
      const r = await restoreBackup(JSON.stringify(bad), t);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.message['zh-CN']).toMatch(message);
      expect(t.written).toBe(0);
    }
  });
});
