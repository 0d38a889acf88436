import { z } from 'zod';
import { setUpBenchDesk, benchContext } from './bench-desk';
import { registerCase } from '../src-renderer/data/register';
import { attachFile } from '../src-renderer/data/attachments';

// Runs inside Chromium for bench/attachments-page.bench.ts: a desk store with two cases, one with `photos`
// photos attached through the desk's own attachFile (body store + case.attachment_added) and one with none.

z.config({ jitless: true });

const intake = (i: number) => ({
  kind: 'complaint',
  channel: 'hotline',
  receivedAt: Date.now() - 60_000,
  category: 'facilities',
  severity: 'general',
  complainant: { anonymous: false, confidential: false, name: `业主${i}`, phone: '13800000000' },
  subject: `第${i}号投诉：楼道渗水`,
  description: { cause: '楼道顶部渗水' },
  riskFlags: [] as string[],
  form: { roomNo: `3-2-${i}` },
  apologised: true,
});

/** A real JPEG (the page decodes it) of noise, so each photo is distinct and about as large as a camera's after the desk's downscale. */
async function photo(width: number, height: number, seed: number): Promise<ArrayBuffer> {
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d')!;
  const img = g.createImageData(width, height);
  let x = seed * 2654435761;
  for (let i = 0; i < img.data.length; i += 4) {
    x = (x * 1103515245 + 12345) >>> 0;
    img.data[i] = ((i / 4) % width) / 8 + (x & 63);
    img.data[i + 1] = 96 + ((x >>> 8) & 31);
    img.data[i + 2] = (i / 4 / width / 6 + ((x >>> 16) & 63)) & 255;
    img.data[i + 3] = 255;
  }
  g.putImageData(img, 0, 0);
  return (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer();
}

export async function seed(
  profile: string,
  photos: number,
  width: number,
  height: number,
): Promise<{ staffId: string; withPhotos: string; without: string; numbers: [string, string]; bytes: number; ms: number }> {
  const t0 = performance.now();
  const db = await setUpBenchDesk(profile);
  const ctx = await benchContext(db);
  const ids: string[] = [];
  const numbers: string[] = [];
  for (const i of [1, 2]) {
    const c = await registerCase(db, ctx, ctx.deskCode, intake(i));
    if (!c.ok) throw new Error(JSON.stringify(c.errors));
    ids.push(c.state.id);
    numbers.push(c.state.number);
  }
  let bytes = 0;
  for (let i = 0; i < photos; i++) {
    const body = await photo(width, height, i + 1);
    bytes += body.byteLength;
    const a = await attachFile(db, ctx, ids[0]!, { bytes: body, type: 'image/jpeg', name: `现场照片${i + 1}.jpg`, width, height }, { kind: 'evidence' });
    if (!a.ok) throw new Error(JSON.stringify(a.errors));
  }
  await db.close();
  return { staffId: ctx.actor.id, withPhotos: ids[0]!, without: ids[1]!, numbers: [numbers[0]!, numbers[1]!], bytes, ms: performance.now() - t0 };
}

declare global {
  interface Window {
    attachmentsBench?: { seed: typeof seed };
  }
}
window.attachmentsBench = { seed };
