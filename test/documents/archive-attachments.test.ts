import { describe, expect, it } from 'vitest';
import { encodePng } from '../../src-main/documents/png';
import { makeEvent } from '../../src-shared/domain/projection.fixtures';
import { projectCase } from '../../src-shared/domain/projection';
import { sha256Hex } from '../../src-shared/domain/attachments';
import type { CaseEvent } from '../../src-shared/domain/events';
import { PRESETS, realisticCase } from './fixtures';
import { caseData, render } from './render';
import { wordsPastRight } from './pdf-tools';
import { PAGE_MARGINS } from '../../src-main/documents/frame';

// Issue 13, S1-13 / S4-11: the archive lists every file attached to the case with its SHA-256, kind, who
// and when — a withdrawn one too, marked 已撤回 with its reason — and draws the pictures still shown.

/** A 200×150 picture: blue with a dark block, so it is found among the PDF's images by its size and ink. */
function picture(): Buffer {
  const px = new Uint8Array(200 * 150 * 4);
  for (let i = 0; i < 200 * 150; i++) {
    const x = i % 200;
    const dark = x > 60 && x < 140 && i / 200 > 50 && i / 200 < 100;
    px.set(dark ? [30, 30, 30, 255] : [22, 119, 255, 255], i * 4);
  }
  return encodePng(200, 150, 4, px);
}

describe('case archive: attachments (issue 13)', () => {
  it('S1-13 S4-11 lists every file with hash, kind, who, when and the withdrawn mark, and draws the pictures', async () => {
    const pc = realisticCase(PRESETS[0]!);
    const png = picture();
    const hash = await sha256Hex(png);
    const last = pc.events[pc.events.length - 1]!;
    const env = {
      caseId: last.caseId,
      orgId: last.orgId,
      siteId: last.siteId,
      deskId: last.deskId,
      policyRevision: last.policyRevision,
      actorId: last.actorId,
    };
    const photo = makeEvent(
      'case.attachment_added',
      { hash, name: '现场照片.png', type: 'image/png', size: png.length, kind: 'evidence', caption: '隐患位置', width: 200, height: 150 },
      last.at + 60_000,
      env,
    );
    const letter = makeEvent(
      'case.attachment_added',
      { hash: 'd'.repeat(64), name: '举报信.pdf', type: 'application/pdf', size: 40_000, kind: 'letter' },
      last.at + 120_000,
      env,
    );
    const wrong = makeEvent(
      'case.attachment_added',
      { hash: 'e'.repeat(64), name: '无关截图.png', type: 'image/png', size: 900, kind: 'other' },
      last.at + 180_000,
      env,
    );
    const withdrawn = makeEvent('case.attachment_withdrawn', { attachmentId: wrong.id, reason: '与本案无关' }, last.at + 240_000, env);
    const events = [...pc.events, photo, letter, wrong, withdrawn] as CaseEvent[];
    const state = projectCase(events)!;
    const images = { [hash]: `data:image/png;base64,${png.toString('base64')}`, ['e'.repeat(64)]: `data:image/png;base64,${png.toString('base64')}` };
    const r = await render('archive', caseData({ ...pc, state, events }, { attachmentImages: images }), 'archive-attachments');

    expect(r.flat).toContain('附件（共3个）');
    for (const name of ['现场照片.png', '隐患位置', '举报信.pdf', '无关截图.png']) expect(r.flat).toContain(name);
    expect(r.flat).toContain(`SHA-256${hash}`);
    expect(r.flat).toContain(`SHA-256${'d'.repeat(64)}`);
    // Nothing runs past the tables' right border: a hash is printed in halves, in the list and in the history.
    expect(wordsPastRight(r.bytes, 595.28 - PAGE_MARGINS[2] + 1)).toEqual([]);
    for (const kind of ['证据', '来信来函', '其他']) expect(r.flat).toContain(kind);
    // The status cell wraps (已撤回, then when, who and why), and pdftotext interleaves it with the hash's lines.
    expect(r.flat).toContain('已撤回');
    expect(r.flat).toContain('15:05王管家：与本案无关）');
    // The history names the withdrawal too.
    expect(r.flat).toContain('撤回「无关截图.png」；与本案无关');
    // One picture drawn: the withdrawn file's is not, though its bytes were handed over.
    expect(r.images.filter((i) => i.width === 200 && i.height === 150)).toHaveLength(1);
    expect(r.flat).toContain('图1现场照片.png：隐患位置');
  });
});
