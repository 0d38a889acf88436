import { encodePng } from '../../src-main/documents/png';

// A small hand-drawn-looking signature as a PNG data URL, like signature_pad's toDataURL() output,
// so the tests embed real PNG images without a browser.

export function signaturePng(seed = 1, width = 300, height = 100): string {
  const px = Buffer.alloc(width * height * 4); // transparent RGBA
  const dot = (x: number, y: number) => {
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++) {
        const xx = Math.round(x + dx);
        const yy = Math.round(y + dy);
        if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
        const i = (yy * width + xx) * 4;
        px[i] = 20;
        px[i + 1] = 20;
        px[i + 2] = 60;
        px[i + 3] = 255;
      }
  };
  // A few connected loops with a seed-dependent rhythm: looks like a quick cursive name.
  for (let t = 0; t < 1; t += 0.0005) {
    const x = 20 + t * (width - 40);
    const y = height / 2 + Math.sin(t * (14 + seed) * Math.PI) * 22 * Math.cos(t * 3 + seed) + Math.sin(t * 40) * 6;
    dot(x, y);
  }
  for (let t = 0; t < 1; t += 0.001) dot(30 + t * (width - 80), height - 22 + Math.sin(t * 6 + seed) * 3);
  const png = encodePng(width, height, 4, px);
  return `data:image/png;base64,${png.toString('base64')}`;
}
