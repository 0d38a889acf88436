import { afterEach, describe, expect, it, vi } from 'vitest';
import { indexedDB } from 'fake-indexeddb';
import { z } from 'zod';
import { bytesAreOfType } from '../../src-shared/domain/attachment-sniff';
import { liveAttachments } from '../../src-shared/domain/attachments';
import type { CaseState } from '../../src-shared/domain/case-state';
import { TEST_NOW } from '../../test/helpers/clock';
import type { DeskDatabase } from './database';
import { butlerDesk, butlerIntake } from './desk.fixtures';
import { registerCase } from './register';
import { attachFile } from './attachments';
import { bodyStoreFor } from './body-store';
import { prepareFile, type Preparation } from './prepare-file';

// The one path a chosen, dropped, pasted or photographed file takes before the desk keeps it (issue 13):
// its bytes are judged as the server judges a body, so a program renamed 照片.jpg is refused at once, with a
// sentence naming the file and what it claims to be, and nothing is kept or written.

z.config({ jitless: true });

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));
/** The first bytes of a Windows program: "MZ", then the DOS stub's text. */
const PROGRAM = bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0], 'This program cannot be run in DOS mode.');
const PDF = bytes('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xdb], 'kept');

const refusal = (p: Preparation) => (p.ok ? undefined : p.refused);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('preparing a file to attach', () => {
  it('a program renamed 照片.jpg is refused by its bytes, naming the file and what it claims to be, without being decoded', async () => {
    // Were the bytes handed to the image decoder, the clerk would read a decoder error, not why.
    const decode = vi.fn(() => Promise.reject(new Error('not an image')));
    vi.stubGlobal('createImageBitmap', decode);
    const chosen = await prepareFile(new File([PROGRAM], '照片.jpg', { type: 'image/jpeg' }));
    expect(refusal(chosen)).toEqual({
      'zh-CN': '「照片.jpg」标明是 JPEG 图片，但文件内容不是 JPEG 图片，没有添加。它可能是改了扩展名的其他文件，请核实后选择原来的文件。',
      en: '"照片.jpg" says it is a JPEG picture, but its contents are not; it was not attached. It may be another kind of file with its extension changed: check it and choose the original file.',
    });
    // A file the system gives no type is judged by its extension, the same way.
    const untyped = await prepareFile(new File([PROGRAM], '现场.JPEG', { type: '' }));
    expect(refusal(untyped)?.['zh-CN']).toContain('「现场.JPEG」标明是 JPEG 图片');
    expect(decode).not.toHaveBeenCalled();
  });

  it('a letter typed as text but named .pdf is refused; a real PDF and a text file without a type are kept as they are', async () => {
    const fake = await prepareFile(new File([bytes('业主来函：顶楼漏水，请尽快处理。')], '业主来函.pdf', { type: 'application/pdf' }));
    expect(refusal(fake)?.['zh-CN']).toBe(
      '「业主来函.pdf」标明是 PDF 文件，但文件内容不是 PDF 文件，没有添加。它可能是改了扩展名的其他文件，请核实后选择原来的文件。',
    );
    expect(refusal(fake)?.en).toContain('"业主来函.pdf" says it is a PDF document');

    const pdf = await prepareFile(new File([PDF], '业主来函.pdf', { type: 'application/pdf' }));
    expect(pdf.ok && { type: pdf.file.type, name: pdf.file.name, bytes: new Uint8Array(pdf.file.bytes) }).toEqual({
      type: 'application/pdf',
      name: '业主来函.pdf',
      bytes: PDF,
    });
    const text = await prepareFile(new File([bytes('来电记录：楼道灯坏了。\r\n')], '来电记录.txt', { type: '' }));
    expect(text.ok && text.file.type).toBe('text/plain');
  });

  it('a file the desk does not take at all, and an empty one, are left to the type and size rule (their own sentence)', async () => {
    const program = await prepareFile(new File([PROGRAM], 'setup.exe', { type: 'application/x-msdownload' }));
    expect(program.ok && program.file.type).toBe('application/x-msdownload');
    const empty = await prepareFile(new File([], '空白.jpg', { type: 'image/jpeg' }));
    expect(empty.ok && empty.file.bytes.byteLength).toBe(0);
  });

  it('a PNG saved under .jpg is a picture the desk redraws: it is kept, re-encoded as the JPEG it claims to be', async () => {
    // Node has no image decoder or canvas: these stand in for Chromium's, drawing whatever they are given.
    vi.stubGlobal(
      'createImageBitmap',
      vi.fn(() => Promise.resolve({ width: 640, height: 480, close() {} })),
    );
    vi.stubGlobal(
      'OffscreenCanvas',
      class {
        constructor(
          readonly width: number,
          readonly height: number,
        ) {}
        getContext() {
          return { fillRect() {}, drawImage() {}, set fillStyle(_: string) {}, set imageSmoothingQuality(_: string) {} };
        }
        convertToBlob(o: { type: string }) {
          return Promise.resolve(new Blob([o.type === 'image/jpeg' ? JPEG : PNG], { type: o.type }));
        }
      },
    );
    const p = await prepareFile(new File([PNG], '截图.jpg', { type: 'image/jpeg' }));
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.file.type).toBe('image/jpeg');
    expect(bytesAreOfType('image/jpeg', new Uint8Array(p.file.bytes))).toBe(true);
  });
});

describe('attaching a file whose bytes are not of its type (RxDB + Dexie over fake-indexeddb)', () => {
  const open: DeskDatabase[] = [];
  afterEach(async () => {
    while (open.length) await open.pop()!.close();
  });

  it("writes nothing: no body kept, no event, the case's files unchanged; the real file is then kept", async () => {
    const { db, ctx } = await butlerDesk('test_attach_sniff');
    open.push(db);
    const registered = await registerCase(db, ctx, 'YG01', butlerIntake('顶楼天花板渗水', TEST_NOW - 60_000));
    if (!registered.ok) throw new Error(JSON.stringify(registered.errors));
    const caseId = registered.state.id;
    // The desk's body store on fake-indexeddb (attachFile uses this same handle, kept per database).
    const bodies = bodyStoreFor(db, indexedDB);
    const events = async () => (await db.events.find({ selector: { caseId } }).exec()).length;
    const before = await events();

    const r = await attachFile(db, ctx, caseId, { bytes: PROGRAM.slice().buffer, type: 'image/jpeg', name: '照片.jpg' }, { kind: 'evidence' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => [e.code, e.message['zh-CN']])).toEqual([
      ['attachment.notOfType', '「照片.jpg」标明是 JPEG 图片，但文件内容不是 JPEG 图片，没有添加。它可能是改了扩展名的其他文件，请核实后选择原来的文件。'],
    ]);
    expect(await events()).toBe(before);
    expect(await bodies.notUploaded()).toEqual([]);
    const state = (await db.cases.findOne(caseId).exec())!.toJSON().state as CaseState;
    expect(liveAttachments(state)).toEqual([]);

    const kept = await attachFile(db, ctx, caseId, { bytes: PDF.slice().buffer, type: 'application/pdf', name: '业主来函.pdf' }, { kind: 'letter' });
    expect(kept.ok, JSON.stringify(!kept.ok && kept.errors)).toBe(true);
    expect(await events()).toBe(before + 1);
    expect((await bodies.notUploaded()).length).toBe(1);
  });
});
