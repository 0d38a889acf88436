import type { DocumentId } from '../../src-shared/bridge';
import { createDocumentHandlers } from '../../src-main/documents/handlers';
import { compact, pdfImages, pdfText, renderPages, type PdfImage } from './pdf-tools';
import { cst, type PresetCase } from './fixtures';

// Renders a document through the real bridge handler (JSON in, as the renderer sends it) and reads
// the PDF back as a person would: text, images, and PNG pages for review in test-artifacts/documents.

export const PRINTED_AT = cst(2026, 11, 30, 10, 0);
const handlers = createDocumentHandlers({ archiveRoot: '/nonexistent-archive-root' });

export interface Rendered {
  bytes: Buffer;
  pages: number;
  fileName: string;
  text: string;
  flat: string;
  images: PdfImage[];
  pngs: string[];
}

export async function render(document: DocumentId, data: object, artifact: string): Promise<Rendered> {
  const r = await handlers['documents.render']({ document, data: JSON.parse(JSON.stringify(data)) as Record<string, unknown> });
  const bytes = Buffer.from(r.pdfBase64, 'base64');
  const text = pdfText(bytes);
  return { bytes, pages: r.pages, fileName: r.fileName, text, flat: compact(text), images: pdfImages(bytes), pngs: renderPages(bytes, artifact) };
}

export function caseData(pc: PresetCase, extra: object = {}): object {
  return { organisation: pc.organisation, policy: pc.policy, staffNames: pc.staffNames, printedAt: PRINTED_AT, case: pc.state, events: pc.events, ...extra };
}

/** Signature images are 300×100 PNGs (signature_pad's canvas in the fixtures); the QR code is square. */
export function signatureImages(images: PdfImage[]): PdfImage[] {
  return images.filter((i) => i.width === 300 && i.height === 100);
}

export function qrImages(images: PdfImage[]): PdfImage[] {
  return images.filter((i) => i.width === i.height && i.width > 60);
}
