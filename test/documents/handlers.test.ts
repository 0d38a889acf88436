import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventPayloads } from '../../src-shared/domain/events';
import { createDocumentHandlers, DocumentError, type PrintRequest } from '../../src-main/documents/handlers';
import { cst, PRESETS, realisticCase } from './fixtures';
import { caseData } from './render';
import { pdfFonts, pdfText } from './pdf-tools';

// The bridge channels documents.render / .print / .save as plain functions, and what a clerk meets when
// something is wrong: a clear Chinese sentence, and never a half-written file.

const work = mkdtempSync(join(tmpdir(), 'jiesu-docs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const pc = realisticCase(PRESETS[0]!);
const data = JSON.parse(JSON.stringify(caseData(pc))) as Record<string, unknown>;

async function rejection(p: Promise<unknown>): Promise<DocumentError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentError);
    return e as DocumentError;
  }
  throw new Error('expected the call to fail');
}

/** Every file below `dir`, recursively (hidden temp files included). */
function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name));
  } catch {
    return [];
  }
}

describe('documents.render / documents.save', () => {
  it('renders to base64 PDF with its page count and a file name that says what it is', async () => {
    const h = createDocumentHandlers({ archiveRoot: work });
    const r = await h['documents.render']({ document: 'registration', data });
    const bytes = Buffer.from(r.pdfBase64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.pages).toBe(1);
    expect(r.fileName).toBe(`登记表_${pc.state.number}.pdf`);
    expect(pdfText(bytes)).toContain(pc.state.number);
  });

  it('prints on A4 with Noto Sans SC regular and bold embedded as subsets, not the whole 10 MB font', async () => {
    const h = createDocumentHandlers({ archiveRoot: work });
    const bytes = Buffer.from((await h['documents.render']({ document: 'registration', data })).pdfBase64, 'base64');
    const fonts = pdfFonts(bytes)
      .split('\n')
      .filter((l) => l.includes('NotoSansSC'));
    expect(fonts).toHaveLength(2);
    for (const l of fonts) expect(l).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(bytes.length).toBeLessThan(300_000);
    expect(execFileSync('pdfinfo', ['-'], { input: bytes, encoding: 'utf8' })).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
  });

  it('saves into <archive>/<folder>/ in one step and leaves no temp file', async () => {
    const root = join(work, 'archive');
    const h = createDocumentHandlers({ archiveRoot: () => root });
    const { path } = await h['documents.save']({ document: 'archive', data, folder: pc.state.number });
    expect(path).toBe(join(root, pc.state.number, `案件档案_${pc.state.number}.pdf`));
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    expect(filesIn(root)).toEqual([path]);
    // Saving again replaces the file whole.
    await h['documents.save']({ document: 'archive', data, folder: pc.state.number });
    expect(filesIn(root)).toEqual([path]);
  });

  it('an archive folder that cannot be created gives a clear Chinese error and writes nothing', async () => {
    const blocker = join(work, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const h = createDocumentHandlers({ archiveRoot: blocker });
    const err = await rejection(h['documents.save']({ document: 'registration', data, folder: 'HZ01' }));
    expect(err.code).toBe('folder_unwritable');
    expect(err.messages['zh-CN']).toContain('无法把文件保存到文件夹');
    expect(err.messages['zh-CN']).toContain('请在设置中换一个归档文件夹');
    expect(err.toBridgeError().code).toBe('documents.folder_unwritable');
    expect(readFileSync(blocker, 'utf8')).toBe('x');
  });

  it('a write that fails at the last step leaves neither a half-written nor a temp file', async () => {
    const root = join(work, 'blocked');
    const fileName = `登记表_${pc.state.number}.pdf`;
    // A folder where the PDF should go: the final rename cannot replace it.
    mkdirSync(join(root, 'HZ01', fileName, 'keep'), { recursive: true });
    writeFileSync(join(root, 'HZ01', fileName, 'keep', 'note.txt'), 'old');
    const h = createDocumentHandlers({ archiveRoot: root });
    const err = await rejection(h['documents.save']({ document: 'registration', data, folder: 'HZ01' }));
    expect(err.code).toBe('folder_unwritable');
    expect(filesIn(root)).toEqual([join(root, 'HZ01', fileName, 'keep', 'note.txt')]);
  });

  it('a missing font gives a clear Chinese error before anything is written', async () => {
    const noFonts = join(work, 'no-fonts');
    mkdirSync(noFonts);
    const root = join(work, 'archive-font');
    const h = createDocumentHandlers({ archiveRoot: root, fontDir: noFonts });
    const err = await rejection(h['documents.save']({ document: 'registration', data, folder: 'HZ01' }));
    expect(err.code).toBe('font_missing');
    expect(err.messages['zh-CN']).toContain('找不到打印用的中文字体文件');
    expect(err.messages['zh-CN']).toContain('请重新安装接诉台');
    expect(err.messages.en).toContain('Chinese font');
    expect(() => statSync(root)).toThrow();
    const render = await rejection(h['documents.render']({ document: 'notice', data }));
    expect(render.code).toBe('font_missing');
  });

  it('a damaged font file is reported as a missing font, not as a crash inside the PDF library', async () => {
    const broken = join(work, 'broken-fonts');
    mkdirSync(join(broken, '400Regular'), { recursive: true });
    mkdirSync(join(broken, '700Bold'), { recursive: true });
    writeFileSync(join(broken, '400Regular', 'NotoSansSC_400Regular.ttf'), 'not a font'.repeat(200));
    writeFileSync(join(broken, '700Bold', 'NotoSansSC_700Bold.ttf'), 'not a font'.repeat(200));
    const h = createDocumentHandlers({ archiveRoot: work, fontDir: broken });
    expect((await rejection(h['documents.render']({ document: 'registration', data }))).code).toBe('font_missing');
    // The real font still works afterwards in the same process.
    const ok = createDocumentHandlers({ archiveRoot: work });
    expect((await ok['documents.render']({ document: 'registration', data })).pages).toBe(1);
  });

  it('data that is not a case gives invalid_input naming the field, and writes nothing', async () => {
    const root = join(work, 'archive-invalid');
    const h = createDocumentHandlers({ archiveRoot: root });
    const bad = { ...data, case: { ...(data.case as object), receivedAt: 'yesterday' } };
    const err = await rejection(h['documents.save']({ document: 'registration', data: bad, folder: 'HZ01' }));
    expect(err.code).toBe('invalid_input');
    expect(err.messages['zh-CN']).toContain('case.receivedAt');
    const noPolicy = await rejection(h['documents.render']({ document: 'regulation', data: { organisation: { name: '示范' }, staffNames: {} } }));
    expect(noPolicy.code).toBe('invalid_input');
    const noCase = await rejection(h['documents.render']({ document: 'archive', data: { ...data, case: undefined, events: [] } }));
    expect(noCase.code).toBe('invalid_input');
    expect(() => statSync(root)).toThrow();
  });

  it('a case given only as events is projected and printed', async () => {
    const h = createDocumentHandlers({ archiveRoot: work });
    const r = await h['documents.render']({ document: 'callback', data: { ...data, case: undefined } });
    expect(pdfText(Buffer.from(r.pdfBase64, 'base64'))).toContain(pc.state.number);
  });
});

describe('documents.print', () => {
  it('hands the PDF bytes to the printer and returns the case.document_printed event to record', async () => {
    const jobs: { pdf: Buffer; opts: PrintRequest }[] = [];
    const h = createDocumentHandlers({
      archiveRoot: work,
      printPdf: async (pdf, opts) => (jobs.push({ pdf, opts }), { printed: true, printer: opts.printer ?? '系统默认' }),
    });
    const r = await h['documents.print']({ document: 'notice', data, printer: 'HP LaserJet 前台', silent: true, copies: 2 });
    expect(r).toMatchObject({ printed: true, printer: 'HP LaserJet 前台' });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(jobs[0]!.opts).toEqual({ printer: 'HP LaserJet 前台', silent: true, copies: 2, title: `处理通知单 ${pc.state.number}` });
    expect(r.events).toEqual([
      { caseId: pc.state.id, event: { type: 'case.document_printed', payload: { document: 'notice', copies: 2, printer: 'HP LaserJet 前台' } } },
    ]);
    // The event is one the desk's event schema accepts.
    expect(eventPayloads['case.document_printed'].safeParse(r.events![0]!.event.payload).success).toBe(true);
  });

  it('打印 in a preview prints the previewed bytes (its renderId), not a second layout of the document', async () => {
    const jobs: Buffer[] = [];
    const h = createDocumentHandlers({ archiveRoot: work, printPdf: async (pdf) => (jobs.push(pdf), { printed: true }) });
    const shown = await h['documents.render']({ document: 'registration', data: { ...data, printedAt: cst(2026, 11, 28, 15) } });
    // The data sent with 打印 says another minute: the bytes printed are still the ones previewed.
    await h['documents.print']({ document: 'registration', data: { ...data, printedAt: cst(2026, 11, 28, 16) }, renderId: shown.renderId });
    expect(jobs[0]!.equals(Buffer.from(shown.pdfBase64, 'base64'))).toBe(true);
    // Without a renderId, or with one of another document, the host lays the document out anew.
    await h['documents.print']({ document: 'registration', data: { ...data, printedAt: cst(2026, 11, 28, 16) } });
    await h['documents.print']({ document: 'notice', data, renderId: shown.renderId });
    expect(jobs[1]!.equals(jobs[0]!)).toBe(false);
    expect(jobs[2]!.equals(jobs[0]!)).toBe(false);
  });

  it('the S3-5 sheet records the print on every case it lists', async () => {
    const retail = PRESETS.find((p) => p.id === 's3-retail-quality')!;
    const a = realisticCase(retail, { kind: 'product', seq: 1 });
    const b = realisticCase(retail, { kind: 'product', seq: 2 });
    const h = createDocumentHandlers({ archiveRoot: work, printPdf: async () => ({ printed: true }) });
    const r = await h['documents.print']({
      document: 'daily_quality',
      data: JSON.parse(
        JSON.stringify({ organisation: a.organisation, policy: a.policy, staffNames: a.staffNames, date: a.state.receivedAt, cases: [a.state, b.state] }),
      ),
    });
    expect(r.events?.map((e) => e.caseId)).toEqual([a.state.id, b.state.id]);
  });

  it('a cancelled print dialog records nothing; a failing printer gives a clear error', async () => {
    const cancelled = createDocumentHandlers({ archiveRoot: work, printPdf: async () => ({ printed: false }) });
    expect(await cancelled['documents.print']({ document: 'callback', data })).toEqual({ printed: false, events: [] });
    const broken = createDocumentHandlers({ archiveRoot: work, printPdf: async () => Promise.reject(new Error('打印机脱机')) });
    const err = await rejection(broken['documents.print']({ document: 'callback', data }));
    expect(err.code).toBe('print_failed');
    expect(err.messages['zh-CN']).toContain('打印机脱机');
    const none = createDocumentHandlers({ archiveRoot: work });
    expect((await rejection(none['documents.print']({ document: 'callback', data }))).code).toBe('print_failed');
  });
});
