import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fontMissing } from './errors';

// The CJK font comes from an npm package (Noto Sans SC, SIL OFL 1.1 — see build/fonts-LICENSE.md).
// pdfkit subsets it on embed, so a one-page form carries only the glyphs it uses (~15 kB), not 10 MB.

export const CJK_FAMILY = 'NotoSansSC';

const REGULAR = join('400Regular', 'NotoSansSC_400Regular.ttf');
const BOLD = join('700Bold', 'NotoSansSC_700Bold.ttf');

/** Folder of the installed @expo-google-fonts/noto-sans-sc package. */
export function defaultFontDir(): string {
  const require = createRequire(import.meta.url);
  try {
    return dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  } catch (cause) {
    throw fontMissing('@expo-google-fonts/noto-sans-sc', cause);
  }
}

export interface LoadedFonts {
  regular: Buffer;
  bold: Buffer;
}

const cache = new Map<string, LoadedFonts>();

/** Reads regular and bold once per folder; throws a DocumentError (font_missing) naming the missing file. */
export function loadCjkFonts(fontDir: string): LoadedFonts {
  const hit = cache.get(fontDir);
  if (hit) return hit;
  const read = (rel: string): Buffer => {
    const path = join(fontDir, rel);
    try {
      const buf = readFileSync(path);
      // A TrueType file starts with 0x00010000 or 'true'; anything else would fail deep inside fontkit.
      const tag = buf.subarray(0, 4).toString('latin1');
      if (buf.length < 1024 || (tag !== '\u0000\u0001\u0000\u0000' && tag !== 'true' && tag !== 'OTTO')) throw new Error('not a font file');
      return buf;
    } catch (cause) {
      throw fontMissing(path, cause);
    }
  };
  const fonts = { regular: read(REGULAR), bold: read(BOLD) };
  cache.set(fontDir, fonts);
  return fonts;
}
