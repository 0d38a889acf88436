import { useMemo, useState } from 'react';
import { Alert, Form, Select, Typography } from 'antd';
import { SecretInput } from '../../components/SecretInput';
import type { Policy } from '../../../src-shared/domain/policy';
import { holdsAdminRole } from '../../data/domain';
import { confirmAdministrator } from '../../data/admin-session';
import { useDesk } from '../../data/desk-context';
import { FormDialog } from '../../components/FormDialog';
import { usePT } from './i18n';

// 管理员确认 (issue 10 item 2): before a revision is published an administrator types their own
// passphrase; data/admin-session.ts has the server check it (or the desk, when standalone). The signed-in
// person is proposed when they administer; another administrator standing by may confirm instead. Other
// configuration changes (设置 → 工作人员 → 重设登录凭据) ask the same way, with their own words.

export function AdminConfirm({
  policy,
  onConfirmed,
  onCancel,
  intro,
  okText,
}: {
  policy: Policy;
  onConfirmed: () => Promise<void>;
  onCancel: () => void;
  intro?: string;
  okText?: string;
}) {
  const { t, lang } = usePT();
  const desk = useDesk();
  const admins = useMemo(() => desk.config.staff.filter((s) => s.active && holdsAdminRole(policy, s.roles)), [desk.config.staff, policy]);
  const [staffId, setStaffId] = useState(() => admins.find((s) => s.id === desk.staff?.id)?.id ?? admins[0]?.id);
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function confirm() {
    const staff = admins.find((s) => s.id === staffId);
    if (!staff || !secret) return;
    setBusy(true);
    try {
      const r = await confirmAdministrator(desk.db, staff, secret, policy);
      if (!r.ok) return setError(r.message[lang]);
      await onConfirmed();
    } finally {
      setBusy(false);
    }
  }

  return (
    <FormDialog
      title={t('admin.title')}
      okText={okText ?? t('admin.confirm')}
      cancelText={t('cancel')}
      onOk={confirm}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ disabled: !staffId || !secret }}
      data-testid="admin-confirm"
    >
      <Typography.Paragraph type="secondary">{intro ?? t('admin.intro')}</Typography.Paragraph>
      {admins.length === 0 ? <Alert type="warning" title={t('admin.none')} style={{ marginBottom: 12 }} /> : null}
      {error ? <Alert type="error" title={error} style={{ marginBottom: 12 }} data-testid="admin-confirm-error" /> : null}
      <Form layout="vertical">
        <Form.Item label={t('admin.who')}>
          <Select value={staffId} onChange={setStaffId} options={admins.map((s) => ({ value: s.id, label: s.name }))} data-testid="admin-confirm-who" />
        </Form.Item>
        <Form.Item label={t('admin.secret')}>
          <SecretInput
            // The administrator is proposed; the passphrase is what is left to type.
            data-dialog-focus
            value={secret}
            onChange={(e) => {
              setSecret(e.target.value);
              setError(undefined);
            }}
            onPressEnter={() => void confirm()}
            data-testid="admin-confirm-secret"
          />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
