import { useEffect, useRef, useState, type ReactNode } from 'react';
import { App, Button, Spin, type ButtonProps } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import type { DocumentId } from '../../../src-shared/bridge';
import { callHost } from '../../bridge/host';
import { FormDialog } from '../../components/FormDialog';
import { localised, useT } from '../../i18n/i18n';
import { loadPdfJs, PdfPages } from '../case/PdfPages';
import { pdfBytes, saveFile } from './save-file';

// One print preview for every document the desk prints — case documents (DocumentButtons), the period
// summary (统计分析 → 生成汇总表) and the regulation (制度管理 → 打印制度): the host renders the PDF
// (pdfmake, src-main/documents), pdf.js draws it (PdfPages), and the clerk either downloads it or prints it.
// The browser shell has no printer access (its host is a local web server, docs/architecture.md §The host
// bridge and the browser shell), so there 打印 hands the same PDF to the browser as a download and says to
// print it from the browser's PDF viewer; the print still counts as printed (onPrinted). Every screen
// offers the same two ways out, so no document is a dead end in either shell (issue 11 finding 3).

export interface PreviewRequest {
  document: DocumentId;
  data: Record<string, unknown>;
  /** The dialog's title after 打印预览 ·, e.g. 登记表 or 汇总表 2026年11月. */
  title: string;
  /**
   * A request whose revision changes is rendered again in the open preview (the summary's 附案件明细
   * ticked or unticked); the data is otherwise read once per opened dialog.
   */
  revision?: string;
}

interface Rendered {
  bytes: Uint8Array<ArrayBuffer>;
  fileName: string;
  /** The host's name for these bytes: 打印 prints them, not a second render. */
  renderId: string;
}

export function DocumentPreview({
  request,
  onClose,
  onPrinted,
  options,
}: {
  request: PreviewRequest;
  onClose: () => void;
  onPrinted?: (printer?: string) => Promise<void> | void;
  /** Choices about what the document holds, shown in the footer beside its buttons. */
  options?: ReactNode;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [rendered, setRendered] = useState<Rendered>();
  // The request and callbacks are rebuilt on every render of the caller (and useT returns a new function
  // each time); the PDF is rendered once per opened dialog, with the values of its latest render.
  const latest = useRef({ request, onClose, t, message });
  latest.current = { request, onClose, t, message };
  // 打印时间 is the desk's clock at the moment the preview opens (the clock the clerk sees in the status bar),
  // stamped once so the printed copy says what the preview said; the host's own clock is not the desk's
  // in the browser shell's tests, and a host on another time source would print a time the clerk never saw.
  const [data, setData] = useState(() => ({ printedAt: Date.now(), ...request.data }));
  const [revision, setRevision] = useState(request.revision);
  if (revision !== request.revision) {
    setRevision(request.revision);
    setData({ printedAt: data.printedAt, ...request.data });
    setRendered(undefined);
  }

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const { request: req } = latest.current;
      // pdf.js and its worker start while the host renders, not after (a failure shows when the pages draw).
      loadPdfJs().catch(() => undefined);
      const r = await callHost('documents.render', { document: req.document, data });
      if (cancelled) return;
      if (!r.ok) {
        const { message: m, t: tr, onClose: close } = latest.current;
        void m.error(tr('case.printFailed', { reason: localised(r.error.message) }));
        close();
        return;
      }
      setRendered({ bytes: pdfBytes(r.value.pdfBase64), fileName: r.value.fileName, renderId: r.value.renderId });
    })();
    return () => {
      cancelled = true;
    };
  }, [data]);

  function download(r: Rendered) {
    saveFile(new Blob([r.bytes], { type: 'application/pdf' }), r.fileName);
  }

  async function print(r: Rendered) {
    if (!window.jiesu) {
      download(r);
      void message.info(t('case.printDownloaded', { file: r.fileName }));
      await onPrinted?.();
      return;
    }
    const p = await callHost('documents.print', { document: request.document, data, renderId: r.renderId });
    if (!p.ok) return void message.error(t('case.printFailed', { reason: localised(p.error.message) }));
    // A print cancelled in the system dialog is not a print.
    if (p.value.printed) await onPrinted?.(p.value.printer);
  }

  // 打印 is the dialog's primary button (FormDialog): the cursor goes to it once the document is drawn, so
  // Enter (or Ctrl+Enter) prints what the clerk sees, where antd's focus trap left it on the × (issue 11).
  return (
    <FormDialog
      width={900}
      style={{ top: 16 }}
      title={`${t('case.printPreview')} · ${request.title}`}
      onCancel={onClose}
      onOk={() => rendered && print(rendered)}
      okText={t('common.print')}
      okButtonProps={{ icon: <PrinterOutlined />, disabled: !rendered, 'data-testid': 'preview-print' } as ButtonProps}
      footer={(_, { OkBtn }) => (
        <>
          {options ? <span style={{ float: 'left', lineHeight: '32px' }}>{options}</span> : null}
          <Button onClick={onClose}>{t('common.close')}</Button>
          <Button icon={<DownloadOutlined />} disabled={!rendered} onClick={() => rendered && download(rendered)} data-testid="preview-download">
            {t('print.downloadPdf')}
          </Button>
          <OkBtn />
        </>
      )}
    >
      {rendered ? (
        <PdfPages bytes={rendered.bytes} />
      ) : (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
          <div style={{ marginTop: 12 }}>{t('case.previewLoading')}</div>
        </div>
      )}
    </FormDialog>
  );
}
