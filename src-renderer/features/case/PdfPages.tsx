import { useEffect, useRef, useState } from 'react';
import { Alert, Spin } from 'antd';
import { useT } from '../../i18n/i18n';

// The print preview draws the host-rendered PDF with pdf.js into <canvas> elements. Chromium's own PDF
// viewer cannot be used: the desk's CSP carries a `sandbox` directive (it is what blocks window.open in
// the browser shell) and Chromium refuses to run its PDF viewer in a sandboxed frame, showing a broken
// page instead. pdf.js is loaded on first preview only, so it adds nothing to the desk's first render;
// its worker is a file of our own origin (worker-src 'self'), and eval is turned off (the CSP has no
// 'unsafe-eval').

type PdfJs = typeof import('pdfjs-dist');
interface WarmPdfJs {
  lib: PdfJs;
  /** One worker for every preview of the window's life: starting it (fetching and compiling its 1 MB script) is paid once. */
  worker: InstanceType<PdfJs['PDFWorker']>;
}

let pdfjsLoading: Promise<WarmPdfJs> | undefined;

/**
 * Loads pdf.js and starts its worker, once. DocumentPreview calls it as the dialog opens, so this first-use
 * cost runs while the host is still rendering the PDF instead of after it (issue 11 "Measure").
 */
export function loadPdfJs(): Promise<WarmPdfJs> {
  pdfjsLoading ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([lib, worker]) => {
    lib.GlobalWorkerOptions.workerSrc = worker.default;
    return { lib, worker: new lib.PDFWorker() };
  });
  pdfjsLoading.catch(() => (pdfjsLoading = undefined)); // a failed load is retried by the next preview
  return pdfjsLoading;
}

/** CSS width of a drawn page; the canvas itself is drawn at the screen's pixel ratio so text stays sharp. */
const PAGE_WIDTH = 820;

type DrawState =
  { status: 'loading' } | { status: 'drawing'; drawn: number; pages: number } | { status: 'ready'; pages: number } | { status: 'failed'; reason: string };

export function PdfPages({ bytes }: { bytes: Uint8Array }) {
  const t = useT();
  const holder = useRef<HTMLDivElement>(null);
  // useT returns a new function on every render; the drawing effect must run once per document only.
  const tRef = useRef(t);
  tRef.current = t;
  const [state, setState] = useState<DrawState>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | undefined;
    setState({ status: 'loading' });
    holder.current?.replaceChildren();
    void (async () => {
      try {
        const { lib, worker } = await loadPdfJs();
        // pdf.js transfers the buffer to its worker; a copy keeps the caller's bytes (the download) intact.
        const task = lib.getDocument({ data: bytes.slice(), isEvalSupported: false, worker });
        // Destroying the document leaves the shared worker running for the next preview.
        destroy = () => void task.destroy();
        const doc = await task.promise;
        const pages = doc.numPages;
        // Each page goes on screen as soon as it is drawn (a long case's first page is read while the rest
        // are drawn, issue 11): the person waits for one page, not for all of them.
        for (let n = 1; n <= pages; n++) {
          if (cancelled) return;
          setState({ status: 'drawing', drawn: n, pages });
          const canvas = await drawPage(doc, n, pages, tRef.current);
          if (cancelled || !holder.current) return;
          holder.current.append(canvas);
        }
        setState({ status: 'ready', pages });
      } catch (e) {
        if (!cancelled) setState({ status: 'failed', reason: e instanceof Error ? e.message : String(e) });
      }
    })();
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [bytes]);

  const drawnAny = state.status === 'ready' || (state.status === 'drawing' && state.drawn > 1);
  return (
    <div data-testid="pdf-preview">
      {state.status === 'loading' && (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
          <div style={{ marginTop: 12 }}>{t('case.previewLoading')}</div>
        </div>
      )}
      {state.status === 'failed' && <Alert type="error" showIcon message={t('case.previewFailed', { reason: state.reason })} />}
      {state.status === 'drawing' && (
        <div data-testid="pdf-page-progress" role="status" style={{ marginBottom: 8, color: 'rgba(0,0,0,0.65)' }}>
          <Spin size="small" style={{ marginRight: 8 }} />
          {t('case.previewDrawing', { page: state.drawn, pages: state.pages })}
        </div>
      )}
      {state.status === 'ready' && (
        <div data-testid="pdf-page-count" style={{ marginBottom: 8, color: 'rgba(0,0,0,0.65)' }}>
          {t('case.previewPages', { pages: state.pages })}
        </div>
      )}
      {/* The pages scroll inside the dialog, whose top sits near the window's (DocumentButtons): the rest of
          the window's height leaves room for the title, the page count and the footer with 打印, so 打印
          is on screen without scrolling even at 1366×768 (issue 11 finding 12). */}
      <div ref={holder} style={{ maxHeight: 'calc(100vh - 230px)', overflow: 'auto', background: '#f0f0f0', padding: drawnAny ? 12 : 0 }} />
    </div>
  );
}

type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

/** Draws page `n` into a new canvas sized for the dialog. */
async function drawPage(doc: PdfDocument, n: number, pages: number, t: ReturnType<typeof useT>): Promise<HTMLCanvasElement> {
  const page = await doc.getPage(n);
  const base = page.getViewport({ scale: 1 });
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: (PAGE_WIDTH / base.width) * ratio });
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${PAGE_WIDTH}px`;
  canvas.style.maxWidth = '100%';
  canvas.style.display = 'block';
  canvas.style.margin = '0 auto 12px';
  canvas.style.background = '#fff';
  canvas.style.boxShadow = '0 1px 4px rgba(0,0,0,0.25)';
  canvas.setAttribute('aria-label', t('case.previewPage', { page: n, pages }));
  canvas.dataset.testid = 'pdf-page';
  await page.render({ canvas, viewport }).promise;
  page.cleanup();
  return canvas;
}
