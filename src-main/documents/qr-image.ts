import QRCode from 'qrcode';
import { encodePng } from './png';

// The case number as a QR code, so a printed form can be found again by scanning it. Drawn as one small
// PNG that every page reuses (pdfmake's vector `qr` node redraws hundreds of rectangles per page).

const SCALE = 4;
const QUIET = 4;
const cache = new Map<string, string>();

export function qrPngDataUrl(text: string): string {
  const hit = cache.get(text);
  if (hit) return hit;
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const side = (n + 2 * QUIET) * SCALE;
  const px = new Uint8Array(side * side).fill(255);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      if (!modules.get(r, c)) continue;
      for (let dy = 0; dy < SCALE; dy++)
        px.fill(0, ((r + QUIET) * SCALE + dy) * side + (c + QUIET) * SCALE, ((r + QUIET) * SCALE + dy) * side + (c + QUIET + 1) * SCALE);
    }
  const url = `data:image/png;base64,${encodePng(side, side, 1, px).toString('base64')}`;
  if (cache.size > 500) cache.clear();
  cache.set(text, url);
  return url;
}
