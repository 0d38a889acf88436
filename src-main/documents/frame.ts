import type { Content, ContentTable, CustomTableLayout, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { CJK_FAMILY } from './fonts';
import { formatMinute } from './format';
import { qrPngDataUrl } from './qr-image';
import type { DocumentContext } from './types';

// The page every document shares: A4, organisation name (and logo) at the top, the case number as a
// QR code so a paper form can be found again, and "第 x 页 共 y 页" at the bottom.

export const PAGE_MARGINS: [number, number, number, number] = [42, 78, 42, 52];
/** A4 width minus the side margins. */
export const CONTENT_WIDTH = 595.28 - PAGE_MARGINS[0] - PAGE_MARGINS[2];

export const LABEL_FILL = '#f2f3f5';
const LINE = '#555555';

/** Thin grid lines: what a printed form looks like; heavier outer border. */
export const formTableLayout: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 1 : 0.5),
  vLineWidth: (i, node) => (i === 0 || i === (node.table.widths?.length ?? 0) ? 1 : 0.5),
  hLineColor: () => LINE,
  vLineColor: () => LINE,
  paddingLeft: () => 5,
  paddingRight: () => 5,
  // 2 pt above and below: a full registration (approvals, feedback, 整改措施) keeps its signature boxes on
  // its one page (test/documents/registration.test.ts); 3 pt pushed them alone onto a second page.
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

/** Long lists: a shaded header row repeated on every page, light zebra rows for reading across. */
export const listTableLayout: CustomTableLayout = {
  ...formTableLayout,
  paddingLeft: () => 3,
  paddingRight: () => 3,
  fillColor: (row) => (row === 0 ? LABEL_FILL : row % 2 === 0 ? '#fafafa' : null),
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

export interface FrameOptions {
  ctx: DocumentContext;
  /** Printed title, e.g. 投诉(举报)登记表. */
  title: string;
  /** Case number or period label for the QR code; omitted for the regulation. */
  code?: string;
  /** Line under the title (e.g. 编号 / 统计期间). */
  subtitle?: string;
  content: Content[];
  landscape?: boolean;
  /**
   * Move a section heading that would end a page onto the next one. Each move re-runs the layout, so
   * documents made of one very long list (the 2,000-case summary) start that list on a new page instead.
   */
  keepHeadings?: boolean;
}

export function frameDocument(o: FrameOptions): TDocumentDefinitions {
  const offset = o.ctx.policy.utcOffsetMinutes ?? 480;
  const printedAt = formatMinute(o.ctx.printedAt ?? Date.now(), offset);
  const logo = o.ctx.organisation.logo;
  const code = o.code;
  const pageWidth = o.landscape ? 841.89 : 595.28;
  return {
    pageSize: 'A4',
    pageOrientation: o.landscape ? 'landscape' : 'portrait',
    pageMargins: PAGE_MARGINS,
    images: code ? { caseQr: qrPngDataUrl(code) } : {},
    info: { title: `${o.title}${code ? ` ${code}` : ''}`, author: o.ctx.organisation.name, creator: '接诉台 Jiesu', producer: '接诉台 Jiesu' },
    defaultStyle: { font: CJK_FAMILY, fontSize: 9.5, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 17, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 9.5, alignment: 'center', color: '#333333', margin: [0, 0, 0, 10] },
      section: { fontSize: 11, bold: true, margin: [0, 9, 0, 4] },
      label: { bold: true, fillColor: LABEL_FILL },
      th: { bold: true, fontSize: 9.5 },
      small: { fontSize: 8.5, color: '#444444' },
      cell: { fontSize: 9 },
      clause: { margin: [0, 0, 0, 4], alignment: 'justify' },
    },
    header: () => ({
      margin: [PAGE_MARGINS[0], 18, PAGE_MARGINS[2], 0],
      columns: [
        ...(logo ? [{ image: logo, fit: [34, 34] as [number, number], width: 40 }] : []),
        {
          width: '*',
          stack: [
            { text: o.ctx.organisation.name, bold: true, fontSize: 11.5 },
            { text: o.title, fontSize: 8.5, color: '#555555' },
          ],
          margin: [0, 4, 0, 0],
        },
        ...(code
          ? [
              {
                width: 'auto',
                columns: [
                  { text: code, fontSize: 8.5, color: '#333333', width: 'auto', margin: [0, 16, 6, 0] as [number, number, number, number] },
                  { image: 'caseQr', fit: [44, 44] as [number, number], width: 44 },
                ],
              },
            ]
          : []),
      ],
      columnGap: 8,
    }),
    footer: (currentPage: number, pageCount: number) => ({
      margin: [PAGE_MARGINS[0], 14, PAGE_MARGINS[2], 0],
      columns: [
        { text: `打印时间 ${printedAt}`, fontSize: 8, color: '#666666', width: '*' },
        { text: `第 ${currentPage} 页 共 ${pageCount} 页`, fontSize: 9, alignment: 'center', width: 'auto' },
        { text: code ?? '', fontSize: 8, color: '#666666', alignment: 'right', width: '*' },
      ],
    }),
    background: (_page: number) => ({
      canvas: [{ type: 'line', x1: PAGE_MARGINS[0], y1: 68, x2: pageWidth - PAGE_MARGINS[2], y2: 68, lineWidth: 0.8, lineColor: '#333333' }],
    }),
    // A section heading never ends a page: it moves to the next page with its table.
    pageBreakBefore:
      o.keepHeadings === false
        ? undefined
        : (node, queries) => node.headlineLevel === 1 && (node.startPosition.verticalRatio > 0.86 || queries.getFollowingNodesOnPage().length === 0),
    content: [
      { text: o.title, style: 'title' },
      ...(o.subtitle ? [{ text: o.subtitle, style: 'subtitle' }] : [{ text: '', margin: [0, 0, 0, 8] as [number, number, number, number] }]),
      ...o.content,
    ],
  };
}

const LABEL_WIDTH = 84;

/** A label cell; long preset labels (业户要求的解决期限) shrink to stay on one line rather than wrap. */
export function label(text: string): TableCell {
  const chars = [...text].length;
  const fits = (LABEL_WIDTH - 12) / chars;
  return fits < 9.5 ? { text, style: 'label', fontSize: Math.max(7, fits) } : { text, style: 'label' };
}

export function value(text: string | undefined, extra: Partial<{ colSpan: number; bold: boolean }> = {}): TableCell {
  return { text: text ?? '', ...extra };
}

/** A 4-column grid (label | value | label | value); `wide` rows span the three right cells. */
export type FormRow = [string, string | undefined, string, string | undefined] | { wide: [string, string | undefined]; minHeight?: number };

export function formGrid(rows: FormRow[], widths: (number | string)[] = [LABEL_WIDTH, '*', LABEL_WIDTH, '*']): ContentTable {
  const body: TableCell[][] = rows.map((r): TableCell[] => {
    if (Array.isArray(r)) return [label(r[0]), value(r[1]), label(r[2]), value(r[3])];
    // A label too long for the label column even when shrunk (S10-4 投诉文件(信件、传真…的编号)) takes
    // the left half of the row and its value the right half.
    if ([...r.wide[0]].length > 10) return [{ text: r.wide[0], style: 'label', colSpan: 2 }, {}, { text: r.wide[1] ?? '', colSpan: 2 }, {}];
    const v: TableCell = r.minHeight
      ? { stack: [{ text: r.wide[1] ?? '' }, { text: '', margin: [0, r.minHeight, 0, 0] }], colSpan: 3 }
      : { text: r.wide[1] ?? '', colSpan: 3 };
    return [label(r.wide[0]), v, {}, {}];
  });
  const texts = rows.flatMap((r) => (Array.isArray(r) ? [r[1], r[3]] : [r.wide[1]]));
  return { table: { widths, body, dontBreakRows: rowsStayWhole(texts) }, layout: formTableLayout };
}

/**
 * Rows are kept whole on one page only while none can grow near a page's height. pdfmake cannot place a
 * kept-whole row taller than a page: it drops the row, so a 3,900-character 经过 vanished from the
 * printed record (issue 11). A table holding a long text lets its rows split across pages instead.
 */
const WHOLE_ROW_MAX_CHARS = 400;
const WHOLE_ROW_MAX_LINES = 12;

export function rowsStayWhole(texts: Iterable<string | undefined>): boolean {
  for (const t of texts) {
    if (!t) continue;
    if (t.length > WHOLE_ROW_MAX_CHARS) return false;
    let lines = 1;
    for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) if (++lines > WHOLE_ROW_MAX_LINES) return false;
  }
  return true;
}

export function section(text: string): Content {
  return { text, style: 'section', headlineLevel: 1 };
}

/**
 * Table with a repeated header row; every row is one record so long lists page cleanly. Rows are kept
 * whole unless `splitRows` (keeping thousands of rows whole costs seconds; single-line rows need not) or
 * a cell is long enough to outgrow a page (rowsStayWhole).
 */
export function listTable(headers: string[], widths: (number | string)[], rows: string[][], fontSize = 9, splitRows = false): ContentTable {
  return {
    table: {
      headerRows: 1,
      // A header row never ends a page alone.
      keepWithHeaderRows: 1,
      widths,
      dontBreakRows: !splitRows && rowsStayWhole(rows.flat()),
      body: [headers.map((h) => ({ text: h, style: 'th' })), ...rows.map((r) => r.map((c) => ({ text: c, fontSize })))],
    },
    layout: listTableLayout,
  };
}
