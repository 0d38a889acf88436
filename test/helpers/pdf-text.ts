import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PDF's text (pdftotext) without the frame each page repeats (`frame`: header lines; 打印时间 and the page
 * number always), whitespace removed: a long text is found whole however the page broke its lines.
 */
export function pdfBodyText(pdf: Buffer, frame: string[]): string {
  return pdftotext(pdf, [])
    .split('\n')
    .filter((line) => !frame.includes(line.trim()) && !/^打印时间 \d{4}-\d\d-\d\d \d\d:\d\d$/.test(line.trim()) && !/^第 \d+ 页 共 \d+ 页$/.test(line.trim()))
    .join('')
    .replace(/\s+/g, '');
}

/**
 * The text within `area` (points from the top left) of every page, whitespace removed: e.g. a form's value
 * column, without the labels beside it. A label set 分散对齐 (「起    因」) is read by pdftotext in among the
 * lines of a long value next to it, its second character after the value's first line.
 */
export function pdfTextIn(pdf: Buffer, area: { x: number; y: number; width: number; height: number }): string {
  return pdftotext(pdf, ['-x', String(area.x), '-y', String(area.y), '-W', String(area.width), '-H', String(area.height)]).replace(/\s+/g, '');
}

function pdftotext(pdf: Buffer, args: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'jiesu-pdf-')), 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
