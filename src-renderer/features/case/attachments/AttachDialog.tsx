import type { ButtonProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Alert, Form, Input, Select, Space, Spin, Typography } from 'antd';
import type { CaseState } from '../../../../src-shared/domain/case-state';
import type { Policy } from '../../../../src-shared/domain/policy';
import { useDesk, staffRolesOf } from '../../../data/desk-context';
import { attachmentKindsOf } from '../../../data/domain';
import { attachFile, bodyRefusalMessage, type PreparedFile } from '../../../data/attachments';
import { prepareFile } from '../../../data/prepare-file';
import { localised } from '../../../i18n/i18n';
import { FormDialog } from '../../../components/FormDialog';
import { formatSize } from './format-size';
import { useAT } from './i18n';

// 添加附件: the chosen, dropped, pasted or photographed file is prepared first (its bytes checked against
// what it claims to be, a photo downscaled and stripped, shown as it will be kept), then the clerk picks
// its kind from the policy and writes a caption. A refused file shows only why; 保存 stays off.

export function AttachDialog({ file, state, policy, onClose }: { file: File; state: CaseState; policy: Policy; onClose: (done: boolean) => void }) {
  const { t } = useAT();
  const desk = useDesk();
  const kinds = attachmentKindsOf(policy);
  const [prepared, setPrepared] = useState<PreparedFile>();
  const [kind, setKind] = useState(kinds[0]!.code);
  const [caption, setCaption] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    prepareFile(file).then(
      (p) => {
        if (cancelled) return;
        // Bytes that are not what the file claims to be: nothing is prepared, only the sentence shown.
        if (!p.ok) return setErrors([localised(p.refused)]);
        setPrepared(p.file);
        const refused = bodyRefusalMessage(p.file.type, p.file.bytes.byteLength);
        if (refused) setErrors([localised(refused)]);
      },
      (e: unknown) => !cancelled && setErrors([t('unreadable', { reason: e instanceof Error ? e.message : String(e) })]),
    );
    return () => {
      cancelled = true;
    };
  }, [file]); // eslint-disable-line react-hooks/exhaustive-deps -- `t` changes every render; prepare once per file

  const preview = useMemo(
    () => (prepared && prepared.type.startsWith('image/') ? URL.createObjectURL(new Blob([prepared.bytes], { type: prepared.type })) : undefined),
    [prepared],
  );
  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview);
    },
    [preview],
  );

  async function save() {
    if (!prepared || !desk.identity || !desk.staff) return;
    setBusy(true);
    const ctx = { ...desk.identity, actor: staffRolesOf(desk.staff), policy: desk.policy ?? policy, policyFor: desk.policyFor };
    const r = await attachFile(desk.db, ctx, state.id, prepared, { kind, caption });
    setBusy(false);
    if (!r.ok) return setErrors(r.errors.map((e) => localised(e.message)));
    onClose(true);
  }

  const refused = errors.length > 0;
  return (
    <FormDialog
      title={t('dialogTitle')}
      onOk={save}
      onCancel={() => onClose(false)}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: !prepared || refused, 'data-testid': 'attach-save' } as ButtonProps}
    >
      <Space direction="vertical" style={{ width: '100%' }} data-testid="attach-dialog">
        {!prepared && !refused && (
          <Spin tip={t('preparing')}>
            <div style={{ height: 60 }} />
          </Spin>
        )}
        {prepared && (
          <Space align="start">
            {preview && (
              <img
                src={preview}
                alt={prepared.name}
                style={{ maxWidth: 160, maxHeight: 120, objectFit: 'contain', border: '1px solid #eee' }}
                data-testid="attach-preview"
              />
            )}
            <Space direction="vertical" size={0}>
              <Typography.Text strong data-testid="attach-name">
                {prepared.name}
              </Typography.Text>
              <Typography.Text type="secondary">{formatSize(prepared.bytes.byteLength)}</Typography.Text>
              {prepared.width && prepared.height && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('shrunk', { w: prepared.width, h: prepared.height })}
                </Typography.Text>
              )}
            </Space>
          </Space>
        )}
        {/* A file refused before it was prepared (its bytes, or unreadable) has nothing to describe. */}
        {(prepared || !refused) && (
          <Form layout="vertical">
            <Form.Item label={t('kind')} required>
              <Select value={kind} onChange={setKind} options={kinds.map((k) => ({ value: k.code, label: k.name }))} data-testid="attach-kind" />
            </Form.Item>
            <Form.Item label={t('caption')}>
              <Input value={caption} onChange={(e) => setCaption(e.target.value)} placeholder={t('captionHint')} maxLength={200} data-testid="attach-caption" />
            </Form.Item>
          </Form>
        )}
        {refused && <Alert type="error" showIcon message={errors.join(' ')} data-testid="attach-error" />}
      </Space>
    </FormDialog>
  );
}
