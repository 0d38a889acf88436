// Which code points a TrueType/OpenType font can draw, read from its `cmap` table (format 4 for the Basic
// Multilingual Plane, format 12 for all planes). Text the font cannot draw prints as an empty box (☒), so
// printable-text.ts replaces it before layout. Read here rather than through fontkit: fontkit is only a
// transitive dependency of pdfkit, and this reader is a few dozen lines.

export type Coverage = (codePoint: number) => boolean;

interface Range {
  start: number;
  end: number;
}

function rangesFromCmap(font: Buffer): Range[] {
  const numTables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    if (font.toString('latin1', rec, rec + 4) === 'cmap') cmap = font.readUInt32BE(rec + 8);
  }
  if (cmap < 0) return [];
  const subtables = font.readUInt16BE(cmap + 2);
  let format4 = -1;
  for (let i = 0; i < subtables; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = font.readUInt16BE(rec);
    const encoding = font.readUInt16BE(rec + 2);
    const at = cmap + font.readUInt32BE(rec + 4);
    const format = font.readUInt16BE(at);
    if (format === 12 && (platform === 3 || platform === 0)) {
      const groups = font.readUInt32BE(at + 12);
      const out: Range[] = [];
      for (let g = 0; g < groups; g++) {
        const p = at + 16 + g * 12;
        if (font.readUInt32BE(p + 8) !== 0) out.push({ start: font.readUInt32BE(p), end: font.readUInt32BE(p + 4) });
      }
      return out;
    }
    if (format === 4 && platform === 3 && encoding === 1) format4 = at;
  }
  if (format4 < 0) return [];
  // Format 4: segments of endCode / startCode; a segment mapping to glyph 0 still counts as covered,
  // which only matters for fonts without a format 12 table (Noto Sans SC has one).
  const segX2 = font.readUInt16BE(format4 + 6);
  const out: Range[] = [];
  for (let s = 0; s < segX2 / 2; s++) {
    const end = font.readUInt16BE(format4 + 14 + s * 2);
    const start = font.readUInt16BE(format4 + 16 + segX2 + s * 2);
    if (start !== 0xffff) out.push({ start, end });
  }
  return out;
}

/** A lookup of the code points every given font covers (regular and bold must both draw a character). */
export function glyphCoverage(...fonts: Buffer[]): Coverage {
  const tables = fonts.map((f) => rangesFromCmap(f).sort((a, b) => a.start - b.start));
  const inRanges = (ranges: Range[], cp: number): boolean => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = ranges[mid]!;
      if (cp < r.start) hi = mid - 1;
      else if (cp > r.end) lo = mid + 1;
      else return true;
    }
    return false;
  };
  return (cp) => tables.every((t) => inRanges(t, cp));
}
