import { isPicture } from '../../src-shared/domain/attachments';

// The small picture the case page shows for a photo (issue 13, docs/performance.md "The case page with 50
// thumbnails"). The card draws each file in a 112-pixel square; reading the whole body (about 600 kB) to do
// so cost 50 reads of 30 MB out of IndexedDB and 50 decodes of 1600×1200 pictures for one case page. The body
// store keeps this small copy beside each picture instead (body-store.ts), made once when the body is kept.

/** The longest edge of a thumbnail: the 112-pixel square, covered, at twice the pixels for high-density screens. */
export const THUMBNAIL_EDGE = 320;

export interface Thumbnail {
  bytes: ArrayBuffer;
  type: 'image/jpeg' | 'image/png';
}

/**
 * A downscaled copy of a picture's bytes, or undefined when there is nothing to make: not a picture, a
 * picture the browser cannot decode (the card then shows the file's icon), or no canvas to draw it with
 * (the desk's unit tests run in Node, where the store then keeps the body alone).
 */
export async function makeThumbnail(bytes: ArrayBuffer, type: string): Promise<Thumbnail | undefined> {
  if (!isPicture(type) || typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') return undefined;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes], { type }), { imageOrientation: 'from-image' });
  } catch {
    return undefined;
  }
  try {
    // A PNG keeps its transparency (a screenshot, a scan of a stamp); everything else becomes a JPEG on white.
    const drawn = await drawDownscaled(bitmap, THUMBNAIL_EDGE, type === 'image/png' ? 'image/png' : 'image/jpeg', 0.8);
    return { bytes: await drawn.blob.arrayBuffer(), type: drawn.type };
  } finally {
    bitmap.close();
  }
}

/**
 * Draws a picture with its longest edge at most `maxEdge` and encodes it as `type`: the one drawing of the
 * desk's kept photos (prepare-file.ts) and their thumbnails. Only the pixels are drawn, so nothing of the
 * original file's metadata (EXIF) is carried over; a JPEG is drawn on white, having no transparency.
 */
export async function drawDownscaled(
  bitmap: ImageBitmap,
  maxEdge: number,
  type: 'image/jpeg' | 'image/png',
  quality: number,
): Promise<{ blob: Blob; type: 'image/jpeg' | 'image/png'; width: number; height: number }> {
  const scale = Math.min(1, maxEdge / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d')!;
  g.imageSmoothingQuality = 'high';
  if (type === 'image/jpeg') {
    g.fillStyle = '#fff';
    g.fillRect(0, 0, width, height);
  }
  g.drawImage(bitmap, 0, 0, width, height);
  return { blob: await canvas.convertToBlob({ type, quality }), type, width, height };
}
