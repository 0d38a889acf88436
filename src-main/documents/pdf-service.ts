import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { CJK_FAMILY, defaultFontDir, loadCjkFonts } from './fonts';
import { renderFailed } from './errors';
import { glyphCoverage, type Coverage } from './glyph-coverage';
import { printableDocument } from './printable-text';

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
