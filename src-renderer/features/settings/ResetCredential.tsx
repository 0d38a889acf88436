import { useState } from 'react';
import { Alert, App, Button, Form, Radio, Tooltip, Typography, type ButtonProps } from 'antd';
import { SecretInput } from '../../components/SecretInput';
import { FormDialog } from '../../components/FormDialog';
import type { Policy } from '../../../src-shared/domain/policy';
import type { Staff } from '../../../src-shared/domain/org';
import type { CredentialKind } from '../../../src-shared/credentials';
import { useDesk } from '../../data/desk-context';
import { administersWithPin, credentialChangeRefusal, credentialResetterRefusal } from '../../data/domain';
import { setStaffCredential } from '../../data/staff-credentials';
import { localised, useT } from '../../i18n/i18n';
import { AdminConfirm } from '../policy-admin/AdminConfirm';

// 设置 → 工作人员 → 重设登录凭据: an administrator gives an existing person a new PIN or 管理口令, typed twice,
// then confirmed by 管理员确认 like a policy revision. Who may, and what may not be done (the only passphrase
// administrator keeps theirs), is domain/credential-change.ts; the command is data/staff-credentials.ts.

interface Values {
  kind: CredentialKind;
  secret: string;
  again: string;
}

/** The row's button: enabled for an administrator signed in with a passphrase, else disabled with the reason. */
export function ResetCredentialButton({ person }: { person: Staff }) {
  const t = useT();
  const { policy, staff } = useDesk();
  const [open, setOpen] = useState(false);
  const refused = credentialResetterRefusal(policy, staff);
  if (refused) {
    return (
      <Tooltip title={localised(refused.message)}>
        <Button size="small" disabled aria-description={localised(refused.message)} data-testid={`reset-credential-${person.name}`}>
          {t('settings.resetCredential')}
        </Button>
      </Tooltip>
    );
  }
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`reset-credential-${person.name}`}>
        {t('settings.resetCredential')}
      </Button>
      {open && policy ? <ResetCredentialDialog person={person} policy={policy} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ResetCredentialDialog({ person, policy, onClose }: { person: Staff; policy: Policy; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { db, config, staff } = useDesk();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'passphrase';
  const secret = Form.useWatch('secret', form) ?? '';
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState<Values>();

  // The domain's verdict before anyone types a passphrase to confirm: a refusal is shown, nothing asked.
  async function next() {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    const refused = credentialChangeRefusal(policy, config.staff, staff, person, v.kind, v.secret);
    if (refused?.path === 'secret') return form.setFields([{ name: 'secret', errors: [localised(refused.message)] }]);
    if (refused) return setError(localised(refused.message));
    setConfirming(v);
  }

  async function save(v: Values) {
    const r = await setStaffCredential(db, policy, config.staff, staff, { targetId: person.id, kind: v.kind, secret: v.secret });
    setConfirming(undefined);
    if (!r.ok) return setError(r.errors.map((e) => localised(e.message)).join(' '));
    void message.success(
      t('settings.credentialChanged', { name: person.name, kind: t(v.kind === 'pin' ? 'settings.credentialPin' : 'settings.credentialPassphrase') }),
    );
    onClose();
  }

  return (
    <FormDialog
      title={t('settings.resetCredentialTitle', { name: person.name })}
      okText={t('settings.resetCredentialNext')}
      cancelText={t('common.cancel')}
      onOk={next}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'reset-credential-next' } as ButtonProps}
      data-testid="reset-credential"
    >
      <Typography.Paragraph type="secondary">{t('settings.resetCredentialIntro', { name: person.name })}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="reset-credential-error" /> : null}
      <Form form={form} layout="vertical" initialValues={{ kind: 'passphrase', secret: '', again: '' }} onValuesChange={() => setError(undefined)}>
        <Form.Item name="kind" label={t('settings.credentialKind')}>
          <Radio.Group
            options={[
              { value: 'passphrase', label: t('settings.credentialPassphrase') },
              { value: 'pin', label: t('settings.credentialPin') },
            ]}
            data-testid="reset-credential-kind"
          />
        </Form.Item>
        <Form.Item
          name="secret"
          label={t(kind === 'pin' ? 'settings.newPin' : 'settings.newPassphrase')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <SecretInput autoComplete="new-password" data-dialog-focus data-testid="reset-credential-secret" />
        </Form.Item>
        <Form.Item
          name="again"
          label={t('setup.pinAgain')}
          dependencies={['secret']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: string) => (v === getFieldValue('secret') ? Promise.resolve() : Promise.reject(new Error(t('setup.pinMismatch')))),
            }),
          ]}
        >
          <SecretInput autoComplete="new-password" onPressEnter={() => void next()} data-testid="reset-credential-again" />
        </Form.Item>
      </Form>
      {kind === 'pin' && administersWithPin(policy, person.roles, secret) ? (
        <Alert type="warning" showIcon title={t('setup.adminNeedsPassphrase', { name: person.name })} data-testid="reset-credential-pin-warning" />
      ) : null}
      {confirming ? (
        <AdminConfirm
          policy={policy}
          intro={t('settings.credentialAdminIntro')}
          okText={t('settings.credentialConfirm')}
          onConfirmed={() => save(confirming)}
          onCancel={() => setConfirming(undefined)}
        />
      ) : null}
    </FormDialog>
  );
}
