// A file leaves the desk as an ordinary download: Electron shows its save dialog, a browser saves it to
// its downloads folder. Used by the exports of 统计分析 and by every print preview's 下载 PDF.
import { base64ToBytes } from '../../../src-shared/base64';

export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The browser reads the blob asynchronously after the click; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The host answers documents.render with base64; the preview and the download need the bytes. */
export function pdfBytes(base64: string): Uint8Array<ArrayBuffer> {
  return base64ToBytes(base64);
}
