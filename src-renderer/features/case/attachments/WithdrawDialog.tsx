import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { Alert, Input, Typography } from 'antd';
import type { CaseState } from '../../../../src-shared/domain/case-state';
import type { Policy } from '../../../../src-shared/domain/policy';
import type { Attachment } from '../../../data/domain';
import { useDesk, staffRolesOf } from '../../../data/desk-context';
import { withdrawAttachment } from '../../../data/attachments';
import { localised } from '../../../i18n/i18n';
import { FormDialog } from '../../../components/FormDialog';
import { useAT } from './i18n';

// 撤回: hides a file with a reason. Nothing is deleted; the record and the archive keep it, marked withdrawn.

export function WithdrawDialog({
  attachment,
  state,
  policy,
  onClose,
}: {
  attachment: Attachment;
  state: CaseState;
  policy: Policy;
  onClose: (done: boolean) => void;
}) {
  const { t } = useAT();
  const desk = useDesk();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function withdraw() {
    if (!desk.identity || !desk.staff) return;
    setBusy(true);
    const ctx = { ...desk.identity, actor: staffRolesOf(desk.staff), policy: desk.policy ?? policy, policyFor: desk.policyFor };
    const r = await withdrawAttachment(desk.db, ctx, state.id, attachment.id, reason);
    setBusy(false);
    if (!r.ok) return setError(r.errors.map((e) => localised(e.message)).join(' '));
    onClose(true);
  }

  return (
    <FormDialog
      title={t('withdrawTitle', { name: attachment.name })}
      onOk={withdraw}
      onCancel={() => onClose(false)}
      okText={t('withdrawOk')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      okButtonProps={{ danger: true, disabled: !reason.trim(), 'data-testid': 'withdraw-ok' } as ButtonProps}
    >
      <Typography.Paragraph type="secondary">{t('withdrawHint')}</Typography.Paragraph>
      <Input.TextArea
        placeholder={t('withdrawReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={4000}
        data-testid="withdraw-reason"
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
    </FormDialog>
  );
}
