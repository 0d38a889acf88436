import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import jsQR from 'jsqr';

// Reads a PDF the way a person checks a print: its text (pdftotext), its images (pdfimages) and its
// pages as pictures (pdftoppm, into test-artifacts/documents/ for a human to look at).

export const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/documents');

function withFile<T>(bytes: Uint8Array, fn: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'jiesu-pdf-'));
  const path = join(dir, 'doc.pdf');
  writeFileSync(path, bytes);
  try {
    return fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfText(bytes: Uint8Array, layout = false): string {
  return withFile(bytes, (p) =>
    execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', p, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  );
}

/**
 * The text of the pages' bodies only, without the header (organisation, title, QR code) and the footer
 * (print time, page number) that pdftotext would put between the two halves of a row split across pages.
 * The crop is frame.ts's page margins in points (pdftotext's default 72 dpi).
 */
export function pdfBodyText(bytes: Uint8Array): string {
  return withFile(bytes, (p) =>
    execFileSync('pdftotext', ['-x', '0', '-y', '70', '-W', '842', '-H', '720', '-enc', 'UTF-8', p, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  );
}

/**
 * Words printed past `right` points from the page's left edge (pdftotext -bbox): text a person would find
 * cut off at, or run over, a table's right border.
 */
export function wordsPastRight(bytes: Uint8Array, right: number): string[] {
  const html = withFile(bytes, (p) => execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', p, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  return [...html.matchAll(/<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)]
    .filter((m) => Number(m[1]) > right)
    .map((m) => m[2]!);
}

/** Text with every kind of white space removed: table cells wrap, labels may be split by line breaks. */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

export interface PdfImage {
  page: number;
  width: number;
  height: number;
  type: string;
}

export function pdfImages(bytes: Uint8Array): PdfImage[] {
  const out = withFile(bytes, (p) => execFileSync('pdfimages', ['-list', p], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/))
    .map((c) => ({ page: Number(c[0]), width: Number(c[3]), height: Number(c[4]), type: c[2] ?? '' }))
    .filter((i) => i.type === 'image');
}

export function pdfFonts(bytes: Uint8Array): string {
  return withFile(bytes, (p) => execFileSync('pdffonts', [p], { encoding: 'utf8' }));
}

export function pageCount(bytes: Uint8Array): number {
  const info = withFile(bytes, (p) => execFileSync('pdfinfo', [p], { encoding: 'utf8' }));
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

/**
 * Renders pages to test-artifacts/documents/<name>-<page>.png for review; returns the file names. Long
 * documents get their first three pages and the last one (where paging mistakes show).
 */
export function renderPages(bytes: Uint8Array, name: string, dpi = 60): string[] {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of readdirSync(ARTIFACTS)) if (f.startsWith(`${name}-`) && f.endsWith('.png')) rmSync(join(ARTIFACTS, f));
  writeFileSync(join(ARTIFACTS, `${name}.pdf`), bytes);
  const pages = pageCount(bytes);
  withFile(bytes, (p) => {
    const out = join(ARTIFACTS, name);
    if (pages <= 6) execFileSync('pdftoppm', ['-r', String(dpi), '-png', p, out]);
    else {
      execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-l', '3', p, out]);
      execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-f', String(pages), '-l', String(pages), p, out]);
    }
  });
  return readdirSync(ARTIFACTS).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
}

/**
 * Scans page `page` of the PDF like a phone would: renders it at 150 dpi in grey (pdftoppm), hands the
 * pixels to a QR decoder (jsQR) and returns what the code says, or undefined when no code is readable.
 */
export function scanQr(bytes: Uint8Array, page = 1): string | undefined {
  return withFile(bytes, (p) => {
    const out = join(p, '..', 'scan');
    execFileSync('pdftoppm', ['-r', '150', '-gray', '-f', String(page), '-l', String(page), '-singlefile', p, out]);
    const pgm = readFileSync(`${out}.pgm`);
    // Binary PGM: "P5\n<width> <height>\n<maxval>\n" then one byte per pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error('pdftoppm did not write a PGM page');
    const [width, height] = [Number(header[1]), Number(header[2])];
    const grey = pgm.subarray(header[0].length);
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      rgba.fill(grey[i]!, i * 4, i * 4 + 3);
      rgba[i * 4 + 3] = 255;
    }
    return jsQR(rgba, width, height)?.data;
  });
}
