import { useEffect, useState } from 'react';
import { App, Button, Dropdown, Modal, Space } from 'antd';
import { EditOutlined, PrinterOutlined } from '@ant-design/icons';
import type { CaseState } from '../../../src-shared/domain/case-state';
import type { CaseEvent } from '../../../src-shared/domain/events';
import type { Policy } from '../../../src-shared/domain/policy';
import type { DocumentId } from '../../../src-shared/bridge';
import { useDesk, staffRolesOf } from '../../data/desk-context';
import { writeEvent } from '../../data/write-event';
import { callHost } from '../../bridge/host';
import { localised, useT, type MessageKey } from '../../i18n/i18n';
import { PdfPages } from './PdfPages';
import { SignatureDialog, type SignedPayload } from './SignatureDialog';

// 打印: documents are built by the host (pdfmake in the main process); the desk previews the PDF with
// pdf.js (PdfPages), prints through the host, and records what was printed and signed.

const CASE_DOCUMENTS: DocumentId[] = ['registration', 'notice', 'callback', 'archive'];

function pdfBytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export function DocumentButtons({ state, events, policy }: { state: CaseState; events: CaseEvent[]; policy: Policy }) {
  const t = useT();
  const { message } = App.useApp();
  const desk = useDesk();
  const [preview, setPreview] = useState<{ url: string; bytes: Uint8Array; doc: DocumentId; fileName: string }>();
  const [signing, setSigning] = useState(false);
  const names = Object.fromEntries(desk.config.staff.map((s) => [s.id, s.name]));
  // The document header takes the organisation's name only (its input schema is strict; the stored
  // record also carries id, preset and revision).
  const data = { case: state, events, policy, organisation: { name: desk.config.organisation?.name ?? '' }, staffNames: names } as Record<string, unknown>;
  const ctx = () => ({ ...desk.identity!, actor: staffRolesOf(desk.staff!), policy: desk.policy ?? policy, policyFor: desk.policyFor });

  useEffect(() => () => (preview ? URL.revokeObjectURL(preview.url) : undefined), [preview]);

  async function openPreview(doc: DocumentId) {
    const r = await callHost('documents.render', { document: doc, data });
    if (!r.ok) return void message.error(t('case.printFailed', { reason: localised(r.error.message) }));
    // The blob URL is what the browser shell downloads on 打印; the bytes are drawn by PdfPages.
    const bytes = pdfBytes(r.value.pdfBase64);
    setPreview({ url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })), bytes, doc, fileName: r.value.fileName });
  }

  async function print(doc: DocumentId) {
    // The browser shell has no printer access (its host is a local web server): the previewed PDF is
    // handed to the browser as a download, the clerk prints it from the browser's PDF viewer, and the
    // print is recorded like one from the desktop app.
    if (!window.jiesu && preview) {
      const a = document.createElement('a');
      a.href = preview.url;
      a.download = preview.fileName;
      a.click();
      message.info(t('case.printDownloaded', { file: preview.fileName }));
      await writeEvent(desk.db, ctx(), state.id, { type: 'case.document_printed', payload: { document: doc, copies: 1 } });
      return;
    }
    const r = await callHost('documents.print', { document: doc, data });
    if (!r.ok) return void message.error(t('case.printFailed', { reason: localised(r.error.message) }));
    await writeEvent(desk.db, ctx(), state.id, { type: 'case.document_printed', payload: { document: doc, copies: 1, printer: r.value.printer } });
  }

  return (
    <Space>
      <Dropdown menu={{ items: CASE_DOCUMENTS.map((d) => ({ key: d, label: t(`doc.${d}` as MessageKey) })), onClick: ({ key }) => void openPreview(key as DocumentId) }}>
        <Button icon={<PrinterOutlined />} data-testid="print-menu">
          {t('common.print')}
        </Button>
      </Dropdown>
      <Button icon={<EditOutlined />} onClick={() => setSigning(true)} data-testid="sign">
        {t('case.sign')}
      </Button>
      {preview && (
        <Modal
          open
          width={900}
          style={{ top: 16 }}
          title={`${t('case.printPreview')} · ${t(`doc.${preview.doc}` as MessageKey)}`}
          onCancel={() => setPreview(undefined)}
          footer={[
            <Button key="close" onClick={() => setPreview(undefined)}>{t('common.close')}</Button>,
            <Button key="print" type="primary" icon={<PrinterOutlined />} onClick={() => void print(preview.doc)}>{t('common.print')}</Button>,
          ]}
        >
          <PdfPages bytes={preview.bytes} />
        </Modal>
      )}
      {signing && (
        <SignatureDialog
          state={state}
          names={{ complainant: state.complainant?.confidential ? undefined : state.complainant?.name, me: desk.staff?.name }}
          onClose={() => setSigning(false)}
          writeSigned={async (payload: SignedPayload) => {
            const r = await writeEvent(desk.db, ctx(), state.id, { type: 'case.signed', payload });
            if (r.ok) message.success(t('case.signed'));
            return r;
          }}
        />
      )}
    </Space>
  );
}
