import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Dropdown, Form, Input, Modal, Select, Space } from 'antd';
import { EditOutlined, PrinterOutlined } from '@ant-design/icons';
import SignaturePad from 'signature_pad';
import type { CaseState } from '../../../src-shared/domain/case-state';
import type { CaseEvent } from '../../../src-shared/domain/events';
import type { Policy } from '../../../src-shared/domain/policy';
import type { DocumentId } from '../../../src-shared/bridge';
import { useDesk, staffRolesOf } from '../../data/desk-context';
import { writeEvent } from '../../data/write-event';
import { callHost } from '../../bridge/host';
import { localised, useT, type MessageKey } from '../../i18n/i18n';
import { PdfPages } from './PdfPages';

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
      {signing && <SignatureDialog state={state} policy={policy} onClose={() => setSigning(false)} writeSigned={(payload) => writeEvent(desk.db, ctx(), state.id, { type: 'case.signed', payload })} />}
    </Space>
  );
}

function SignatureDialog({ policy, onClose, writeSigned }: { state: CaseState; policy: Policy; onClose: () => void; writeSigned: (p: { signerName: string; role: string; document: string; image: string }) => Promise<{ ok: boolean; errors?: { message: { 'zh-CN': string; en: string } }[] }> }) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad>(undefined);
  const [form] = Form.useForm<{ signerName: string; role: string; document: DocumentId }>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!canvasRef.current) return;
    const pad = new SignaturePad(canvasRef.current, { backgroundColor: 'rgb(255,255,255)' });
    padRef.current = pad;
    return () => pad.off();
  }, []);

  async function save() {
    const v = await form.validateFields().catch(() => undefined);
    const pad = padRef.current;
    if (!v || !pad) return;
    if (pad.isEmpty()) return setError(t('case.signEmpty'));
    const r = await writeSigned({ signerName: v.signerName, role: v.role, document: v.document, image: pad.toDataURL('image/png') });
    if (!r.ok) return setError((r.errors ?? []).map((e) => localised(e.message)).join(' '));
    onClose();
  }

  return (
    <Modal open title={t('case.sign')} onOk={save} onCancel={onClose} okText={t('common.save')} cancelText={t('common.cancel')} forceRender>
      <Form form={form} layout="vertical" initialValues={{ document: 'registration' }}>
        <Form.Item name="signerName" label={t('case.signerName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('case.signerRole')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={[{ value: 'complainant', label: t('reply.complainant') }, ...policy.roles.map((r) => ({ value: r.code, label: r.name }))]} />
        </Form.Item>
        <Form.Item name="document" label={t('case.signDocument')}>
          <Select options={CASE_DOCUMENTS.map((d) => ({ value: d, label: t(`doc.${d}` as MessageKey) }))} />
        </Form.Item>
      </Form>
      <canvas ref={canvasRef} width={460} height={160} style={{ border: '1px solid #d9d9d9', borderRadius: 6, touchAction: 'none' }} data-testid="signature-pad" />
      <div>
        <Button size="small" type="link" onClick={() => padRef.current?.clear()}>
          {t('case.signClear')}
        </Button>
      </div>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}
