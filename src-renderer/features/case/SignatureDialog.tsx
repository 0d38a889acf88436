import { useCallback, useRef, useState } from 'react';
import { Alert, Button, Form, Input, Select, type ButtonProps } from 'antd';
import SignaturePad from 'signature_pad';
import type { CaseState } from '../../../src-shared/domain/case-state';
import type { SignableDocument, SignatureRole } from '../../../src-shared/domain/signature-slots';
import { SIGNABLE_DOCUMENTS, SIGNATURE_SLOTS, signedRole } from '../../data/domain';
import { localised, useT, type MessageKey } from '../../i18n/i18n';
import { FormDialog } from '../../components/FormDialog';

// 签名: the signer draws on a signature_pad canvas inside an antd dialog. The dialog's body is rendered
// into a portal after the dialog component itself mounts, so the pad is attached through a callback ref
// (when the canvas element exists) rather than an effect (which ran while the canvas did not yet exist,
// leaving a canvas without listeners). The canvas's backing store follows its CSS size × devicePixelRatio
// so strokes land under the pointer and stay sharp on HiDPI screens; see docs/decisions.md (signatures).

export interface SignedPayload {
  signerName: string;
  role: string;
  document: SignableDocument;
  image: string;
}

interface WriteResult {
  ok: boolean;
  errors?: { message: { 'zh-CN': string; en: string } }[];
}

interface Props {
  state: CaseState;
  /** The complainant's and signed-in clerk's names, offered when their role is picked. */
  names: { complainant?: string; me?: string };
  onClose: () => void;
  writeSigned: (p: SignedPayload) => Promise<WriteResult>;
}

/** Sizes the canvas's pixels to its laid-out size × devicePixelRatio, keeping what was drawn. */
function fitCanvas(canvas: HTMLCanvasElement, pad: SignaturePad): void {
  const ratio = Math.max(window.devicePixelRatio || 1, 1);
  const width = Math.round(canvas.offsetWidth * ratio);
  const height = Math.round(canvas.offsetHeight * ratio);
  if (!width || !height || (canvas.width === width && canvas.height === height)) return;
  const strokes = pad.toData();
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.scale(ratio, ratio);
  pad.clear(); // repaints the white background at the new size
  pad.fromData(strokes);
}

export function SignatureDialog({ state, names, onClose, writeSigned }: Props) {
  const t = useT();
  const padRef = useRef<SignaturePad>(undefined);
  const [form] = Form.useForm<{ signerName: string; role: SignatureRole; document: SignableDocument }>();
  const document = Form.useWatch('document', form) ?? 'registration';
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const attachPad = useCallback((canvas: HTMLCanvasElement | null) => {
    if (!canvas) return;
    const pad = new SignaturePad(canvas, { backgroundColor: 'rgb(255,255,255)', penColor: 'rgb(0,0,0)' });
    padRef.current = pad;
    pad.addEventListener('beginStroke', () => setError(undefined));
    fitCanvas(canvas, pad);
    // The dialog may still be zooming in (animations on) or the window may be resized: refit whenever
    // the canvas's laid-out size changes. Layout size ignores the zoom's CSS transform.
    const observer = new ResizeObserver(() => fitCanvas(canvas, pad));
    observer.observe(canvas);
    // React 19 runs this when the canvas goes (ref cleanup).
    return () => {
      observer.disconnect();
      pad.off();
      padRef.current = undefined;
    };
  }, []);

  function pickRole(role: SignatureRole) {
    const suggested = role === 'complainant' || role === 'callee' ? names.complainant : role === 'receiver' || role === 'callback_staff' ? names.me : undefined;
    if (suggested && !form.getFieldValue('signerName')) form.setFieldValue('signerName', suggested);
  }

  async function save() {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    const pad = padRef.current;
    if (!pad || pad.isEmpty()) return setError(t('case.signEmpty'));
    setSaving(true);
    const r = await writeSigned({
      signerName: v.signerName.trim(),
      role: signedRole(v.role, state.departmentId),
      document: v.document,
      image: pad.toDataURL('image/png'),
    }).finally(() => setSaving(false));
    if (!r.ok) return setError((r.errors ?? []).map((e) => localised(e.message)).join(' ') || t('case.signFailed'));
    onClose();
  }

  return (
    <FormDialog
      title={t('case.sign')}
      onOk={save}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'sign-save' } as ButtonProps}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ document: 'registration' }}
        onValuesChange={(changed: { document?: SignableDocument }) => changed.document && form.setFieldValue('role', undefined)}
      >
        <Form.Item name="document" label={t('case.signDocument')}>
          <Select data-testid="sign-document" options={SIGNABLE_DOCUMENTS.map((d) => ({ value: d, label: t(`doc.${d}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="role" label={t('case.signerRole')} rules={[{ required: true, message: t('case.signRoleRequired') }]}>
          <Select
            data-testid="sign-role"
            onChange={pickRole}
            options={SIGNATURE_SLOTS[document].map((r) => ({ value: r, label: t(`sign.role.${r}` as MessageKey) }))}
          />
        </Form.Item>
        <Form.Item name="signerName" label={t('case.signerName')} rules={[{ required: true, whitespace: true, message: t('case.signNameRequired') }]}>
          <Input data-testid="sign-name" maxLength={200} />
        </Form.Item>
      </Form>
      <canvas
        ref={attachPad}
        aria-label={t('case.signPad')}
        style={{ display: 'block', width: '100%', height: 160, border: '1px solid #d9d9d9', borderRadius: 6, touchAction: 'none', cursor: 'crosshair' }}
        data-testid="signature-pad"
      />
      <div>
        <Button size="small" type="link" onClick={() => padRef.current?.clear()} data-testid="sign-clear">
          {t('case.signClear')}
        </Button>
      </div>
      {error && <Alert type="error" showIcon message={error} data-testid="sign-error" />}
    </FormDialog>
  );
}
