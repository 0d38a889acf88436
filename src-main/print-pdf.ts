import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow } from 'electron';

// Prints finished PDF bytes (from the documents service) through Chromium's PDF viewer in a hidden,
// locked-down window: the system print dialog, or silently to the configured printer.

export interface PdfPrintJob {
  printer?: string;
  silent: boolean;
  copies: number;
  title: string;
}

export async function printPdfInHiddenWindow(pdf: Buffer, job: PdfPrintJob): Promise<{ printed: boolean; printer?: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'jiesu-print-'));
  const file = join(dir, 'document.pdf');
  writeFileSync(file, pdf);
  const win = new BrowserWindow({
    show: false,
    title: job.title,
    // plugins: the built-in PDF viewer renders the document; no preload, so the page has no bridge at all.
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, plugins: true, disableBlinkFeatures: 'Auxclick' },
  });
  try {
    await win.loadFile(file);
    // The PDF viewer needs a moment after load before it can print all pages.
    await new Promise((r) => setTimeout(r, 500));
    return await new Promise((resolve, reject) => {
      win.webContents.print(
        { silent: job.silent, copies: job.copies, printBackground: true, ...(job.printer ? { deviceName: job.printer } : {}) },
        (success, failureReason) => {
          if (success) resolve({ printed: true, ...(job.printer ? { printer: job.printer } : {}) });
          else if (failureReason === 'Print job canceled' || failureReason === 'cancelled') resolve({ printed: false });
          else reject(new Error(failureReason));
        },
      );
    });
  } finally {
    win.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
