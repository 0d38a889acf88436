import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { BridgeHandlers, DocumentId } from '../../src-shared/bridge';
import type { NewEvent } from '../../src-shared/domain/events';
import { writeFileAtomically } from './archive-file';
import { buildDocument } from './builders';
import { DOCUMENT_ZH } from './describe-event';
import { DocumentError, printFailed } from './errors';
import { formatDay } from './format';
import { parseDocumentInput } from './input';
import { createPdfService } from './pdf-service';
import type { DocumentInputs } from './types';

// The three document channels of the host bridge as plain functions (served by Electron IPC and by the
// browser shell alike). Printing itself is the shell's job: it receives finished PDF bytes.

export interface PrintRequest {
  printer?: string;
  silent: boolean;
  copies: number;
  /** Title for the print queue, e.g. 投诉处理通知单 HZ01-20261127-007. */
  title: string;
}

export interface DocumentHandlerOptions {
  /** Root of the archive; each save goes to `<archiveRoot>/<folder>/`. A function reads the current setting. */
  archiveRoot: string | (() => string);
  /** Sends the PDF to a printer (system dialog, or silently to `printer`). Absent in hosts that cannot print. */
  printPdf?: (pdf: Buffer, opts: PrintRequest) => Promise<{ printed: boolean; printer?: string }>;
  /** Folder of the Noto Sans SC package; defaults to the installed npm package. */
  fontDir?: string;
  now?: () => number;
}

export type DocumentHandlers = Pick<BridgeHandlers, 'documents.render' | 'documents.print' | 'documents.save'>;

const CASE_DOCUMENTS: ReadonlySet<DocumentId> = new Set(['registration', 'notice', 'callback', 'archive']);

interface Produced {
  bytes: Buffer;
  pages: number;
  fileName: string;
  title: string;
  caseIds: string[];
}

/** A name that is safe in every file system and still says what the file is. */
function fileNameFor(id: DocumentId, input: DocumentInputs[DocumentId], offset: number): { fileName: string; title: string; caseIds: string[] } {
  let code: string;
  let caseIds: string[] = [];
  if (CASE_DOCUMENTS.has(id)) {
    const c = (input as DocumentInputs['registration']).case;
    code = c.number;
    caseIds = [c.id];
  } else if (id === 'summary') code = (input as DocumentInputs['summary']).period.label;
  else if (id === 'daily_quality') {
    const d = input as DocumentInputs['daily_quality'];
    code = formatDay(d.date, offset);
    caseIds = d.cases.map((c) => c.id);
  } else code = `第${input.policy.revision}版`;
  const safe = code.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);
  const name = DOCUMENT_ZH[id] ?? id;
  return { fileName: `${name}_${safe}.pdf`, title: `${name} ${code}`, caseIds };
}

/** How many previews' PDFs the host keeps for their 打印 (a few open windows' worth). */
const KEPT_RENDERS = 4;

export function createDocumentHandlers(options: DocumentHandlerOptions): DocumentHandlers {
  const pdf = createPdfService({ fontDir: options.fontDir });
  // The PDFs of the latest previews, by renderId: 打印 in a preview prints the bytes the clerk looked at,
  // without laying the document out a second time (a long case's archive takes seconds, issue 11).
  const kept = new Map<string, Produced & { document: DocumentId }>();

  async function produce(id: DocumentId, data: unknown): Promise<Produced> {
    const input = parseDocumentInput(id, data);
    if (input.printedAt === undefined) input.printedAt = (options.now ?? Date.now)();
    const def = buildDocument(id, input as never);
    const { bytes, pages } = await pdf.render(def);
    return { bytes, pages, ...fileNameFor(id, input, input.policy.utcOffsetMinutes ?? 480) };
  }

  return {
    'documents.render': async ({ document, data }) => {
      const p = await produce(document, data);
      const renderId = randomUUID();
      kept.set(renderId, { ...p, document });
      for (const id of kept.keys()) if (kept.size > KEPT_RENDERS) kept.delete(id);
      return { pdfBase64: p.bytes.toString('base64'), pages: p.pages, fileName: p.fileName, renderId };
    },

    'documents.print': async ({ document, data, renderId, printer, silent, copies }) => {
      if (!options.printPdf) throw printFailed(new Error('此窗口不支持直接打印，请先保存或预览 PDF 后从浏览器打印'));
      // The previewed bytes when the host still has them (and they are of this document); else a new render.
      const shown = renderId === undefined ? undefined : kept.get(renderId);
      const p = shown?.document === document ? shown : await produce(document, data);
      const n = copies ?? 1;
      let result: { printed: boolean; printer?: string };
      try {
        result = await options.printPdf(p.bytes, { printer, silent: silent ?? false, copies: n, title: p.title });
      } catch (cause) {
        throw cause instanceof DocumentError ? cause : printFailed(cause);
      }
      // Every print is recorded on its case(s); the renderer appends these through its event writer.
      const events: { caseId: string; event: NewEvent }[] = result.printed
        ? p.caseIds.map((caseId) => ({
            caseId,
            event: { type: 'case.document_printed', payload: { document, copies: n, ...(result.printer ? { printer: result.printer.slice(0, 200) } : {}) } },
          }))
        : [];
      return { ...result, events };
    },

    'documents.save': async ({ document, data, folder }) => {
      // Render first: a bad input or a missing font never touches the archive folder.
      const p = await produce(document, data);
      const root = typeof options.archiveRoot === 'function' ? options.archiveRoot() : options.archiveRoot;
      const path = await writeFileAtomically(join(root, folder), p.fileName, p.bytes);
      return { path };
    },
  };
}

export { DocumentError } from './errors';
export { SIGNATURE_ROLES } from './signatures';
