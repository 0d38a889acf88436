import type { Content, ContentTable, TableCell } from 'pdfmake/interfaces';
import type { CaseState } from '../../src-shared/domain/case-state';
import type { DocumentId } from '../../src-shared/bridge';
import { formatMinute } from './format';
import { formTableLayout } from './frame';

// Signatures are `case.signed` events (who, role, when, PNG from signature_pad). A slot prints the drawn
// image with the signer's name and time, or a blank line and date for ink when nobody has signed yet.

export { SIGNATURE_ROLES, departmentHeadRole } from '../../src-shared/domain/signature-slots';

export type Signature = CaseState['signatures'][number];

/** Latest signature on this document by one of the roles (later signatures replace earlier ones). */
export function findSignature(c: Pick<CaseState, 'signatures'>, document: DocumentId, roles: string[]): Signature | undefined {
  let found: Signature | undefined;
  for (const s of c.signatures ?? []) {
    if (s.document !== document || !roles.includes(s.role)) continue;
    if (!found || s.at >= found.at) found = s;
  }
  return found;
}

export interface SignatureSlot {
  label: string;
  signature?: Signature;
  /** Name printed under a blank line when nobody has signed yet (e.g. the first receiver). */
  expectedName?: string;
  /** Filler that keeps a short last row aligned with the rows above it. */
  filler?: boolean;
  /** The signer is a confidential complainant (S1-5): the signature stays on file, not on paper. */
  confidential?: boolean;
}

const IMAGE_BOX: [number, number] = [120, 36];

export function signatureCell(slot: SignatureSlot, offsetMinutes: number): TableCell {
  if (slot.filler) return { text: '' };
  const s = slot.signature;
  const body: Content[] = [{ text: slot.label, bold: true, fontSize: 9.5 }];
  if (s && slot.confidential) {
    body.push({ text: '', margin: [0, 24, 0, 0] });
    body.push({ text: `已签名（身份保密，签名存档）\u3000${formatMinute(s.at, offsetMinutes)}`, fontSize: 8.5, color: '#333333' });
  } else if (s?.image) {
    body.push({ image: s.image, fit: IMAGE_BOX, margin: [0, 2, 0, 0] });
    body.push({ text: `${s.signerName}\u3000${formatMinute(s.at, offsetMinutes)}`, fontSize: 8.5, color: '#333333' });
  } else if (s) {
    // Signed in ink on an earlier print: the record names who and when.
    body.push({ text: '', margin: [0, 30, 0, 0] });
    body.push({ text: `（纸面签署）${s.signerName}\u3000${formatMinute(s.at, offsetMinutes)}`, fontSize: 8.5, color: '#333333' });
  } else {
    body.push({ text: '', margin: [0, 20, 0, 0] });
    body.push({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: 130, y2: 0, lineWidth: 0.6 }] });
    body.push({
      text: `${slot.expectedName ? `${slot.expectedName}\u3000` : ''}日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日`,
      fontSize: 8.5,
      color: '#333333',
      margin: [0, 3, 0, 0],
    });
  }
  return { stack: body, margin: [2, 2, 2, 2] };
}

/** One bordered row of signature slots side by side. */
export function signatureRow(slots: SignatureSlot[], offsetMinutes: number): ContentTable {
  return {
    table: { widths: slots.map(() => '*'), body: [slots.map((s) => signatureCell(s, offsetMinutes))], dontBreakRows: true },
    layout: formTableLayout,
    margin: [0, 8, 0, 0],
  };
}
