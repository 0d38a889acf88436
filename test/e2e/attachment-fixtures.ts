import type { Page } from 'playwright-core';

// Files a clerk attaches in the attachment tests (issue 13), made on the spot so no binary sits in the repository.

/**
 * A phone photo: a JPEG of `width`×`height` drawn in the page, with an EXIF APP1 segment spliced in after
 * its start marker that carries a GPS marker text, as a phone's photo carries its position.
 */
export async function photoWithExif(page: Page, width: number, height: number): Promise<Buffer> {
  const jpeg = Buffer.from(
    await page.evaluate(
      async ([w, h]) => {
        const c = new OffscreenCanvas(w!, h!);
        const g = c.getContext('2d')!;
        const grad = g.createLinearGradient(0, 0, w!, h!);
        grad.addColorStop(0, '#8a6d3b');
        grad.addColorStop(1, '#dfe6ee');
        g.fillStyle = grad;
        g.fillRect(0, 0, w!, h!);
        g.fillStyle = '#3a3a3a';
        g.fillRect(w! * 0.3, h! * 0.4, w! * 0.4, h! * 0.2);
        return [...new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer())];
      },
      [width, height],
    ),
  );
  const marker = Buffer.from('JIESU-GPS-31.2304N-121.4737E', 'latin1');
  // "Exif\0\0", a big-endian TIFF header pointing at an empty IFD0, then the marker text.
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from([0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0]), marker]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(body.length + 2);
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xe1]), length, body, jpeg.subarray(2)]);
}

/** A one-page PDF with one line of text (Helvetica, so no font needs embedding). */
export function minimalPdf(text: string): Buffer {
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
