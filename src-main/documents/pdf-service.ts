import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { CJK_FAMILY, defaultFontDir, loadCjkFonts } from './fonts';
import { renderFailed } from './errors';
import { glyphCoverage, type Coverage } from './glyph-coverage';
import { printableDocument } from './printable-text';
import { formGrid, listTable, section } from './frame';

// Turns a pdfmake document definition into PDF bytes with the CJK font embedded as a subset.
// pdfmake 0.3 in Node is a singleton (`setFonts`, `createPdf(def).getBuffer()`); fonts are handed to it
// through its virtual file system so the 10 MB files are read from disk once per process.

interface VirtualFs {
  writeFileSync(name: string, content: Buffer): void;
  existsSync(name: string): boolean;
}
const vfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;

// No document ever needs the network or arbitrary local files: images arrive as data URLs.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => false);

export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
}

export interface PdfServiceOptions {
  /** Folder of the Noto Sans SC package; defaults to the installed npm package. */
  fontDir?: string;
}

export interface PdfService {
  render(def: TDocumentDefinitions): Promise<RenderedPdf>;
}

let registeredDir: string | undefined;
let coverage: Coverage = () => true;

/** Registers the CJK font once per folder; returns which characters it can draw. */
function registerFonts(fontDir: string): Coverage {
  if (registeredDir === fontDir) return coverage;
  const fonts = loadCjkFonts(fontDir);
  const regularName = `jiesu-fonts/${encodeURIComponent(fontDir)}/regular.ttf`;
  const boldName = `jiesu-fonts/${encodeURIComponent(fontDir)}/bold.ttf`;
  if (!vfs.existsSync(regularName)) vfs.writeFileSync(regularName, fonts.regular);
  if (!vfs.existsSync(boldName)) vfs.writeFileSync(boldName, fonts.bold);
  pdfmake.addFonts({ [CJK_FAMILY]: { normal: regularName, bold: boldName, italics: regularName, bolditalics: boldName } });
  coverage = glyphCoverage(fonts.regular, fonts.bold);
  registeredDir = fontDir;
  return coverage;
}

export function createPdfService(options: PdfServiceOptions = {}): PdfService {
  return {
    async render(def) {
      // Font problems surface before any work, as a DocumentError with a Chinese sentence.
      const covers = registerFonts(options.fontDir ?? defaultFontDir());
      // Emoji and characters the font lacks are replaced once here, for every builder (printable-text.ts).
      const printable = printableDocument(def, covers);
      let pages = 0;
      const footer = printable.footer;
      const counted: TDocumentDefinitions = {
        ...printable,
        footer: (currentPage, pageCount, pageSize) => {
          pages = pageCount;
          return typeof footer === 'function' ? footer(currentPage, pageCount, pageSize) : (footer ?? null);
        },
      };
      try {
        const bytes = await pdfmake.createPdf(counted).getBuffer();
        return { bytes, pages };
      } catch (cause) {
        throw renderFailed(cause);
      }
    },
  };
}

/** Registers an extra font family (the bench's Latin baseline uses pdfmake's own Roboto). */
export function registerExtraFont(family: string, files: { normal: string; bold: string }, buffers: { normal: Buffer; bold: Buffer }): void {
  vfs.writeFileSync(files.normal, buffers.normal);
  vfs.writeFileSync(files.bold, buffers.bold);
  pdfmake.addFonts({ [family]: { normal: files.normal, bold: files.bold, italics: files.normal, bolditalics: files.bold } });
}

/**
 * Renders a throw-away document of a few pages — long Chinese text in a form grid, and a 150-row list — so the
 * first preview a clerk opens does not pay for reading the CJK font and for V8 compiling pdfmake's layout
 * code. A long case's first 登记表 of a process took 0.8 s of host CPU, 0.63–0.67 s after this warm-up,
 * 0.31–0.35 s once warm (issue 11 "Measure"): most of the first-use cost is V8 warming to the actual
 * document, which a throw-away one only partly buys. It costs about 0.65 s of CPU, once, after start-up.
 */
export async function warmUpPdf(options: PdfServiceOptions = {}): Promise<void> {
  const prose = '业户反映楼上卫生间漏水，天花板已出现霉斑，多次联系未果，要求尽快上门查看并修复。\n'.repeat(60);
  const rows = Array.from({ length: 150 }, (_, i) => [
    String(i + 1),
    '2026-11-28 15:00',
    '备注',
    '接待员',
    `第${i + 1}次跟进：已联系楼上业户，约定入户查看漏水点。`,
  ]);
  await createPdfService(options).render({
    pageSize: 'A4',
    defaultStyle: { font: CJK_FAMILY, fontSize: 10 },
    content: [
      section('预热'),
      formGrid([{ wide: ['经\u3000\u3000过', prose] }, { wide: ['内\u3000\u3000容', prose] }, { wide: ['诉\u3000\u3000求', prose] }]),
      listTable(['序号', '时间', '事项', '经办人', '内容'], [26, 74, 52, 52, '*'], rows, 8.5),
    ],
  });
}
