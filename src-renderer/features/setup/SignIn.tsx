import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useDesk } from '../../data/desk-context';
import { verifyPin } from '../../session/pin';
import { useT } from '../../i18n/i18n';

// Staff sign in on the shared desk computer with their PIN; every event they write records them.

export function SignIn() {
  const t = useT();
  const { config, signIn, identity } = useDesk();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const staff = config.staff.filter((s) => s.active);
  const desk = config.desks.find((d) => d.id === identity?.deskId);

  async function submit(v: { staffId: string; pin: string }) {
    const s = staff.find((x) => x.id === v.staffId);
    if (!s) return;
    setBusy(true);
    const ok = await verifyPin(v.pin ?? '', s.pinHash);
    setBusy(false);
    if (ok) signIn(s);
    else setError(t('auth.wrongPin'));
  }

  return (
    <div style={{ maxWidth: 420, margin: '12vh auto' }}>
      <Card title={`${t('app.title')}${desk ? ` · ${desk.name}` : ''}`}>
        <Typography.Paragraph>{t('auth.title')}</Typography.Paragraph>
        {staff.length === 0 ? (
          <Alert type="warning" showIcon message={t('auth.noStaff')} />
        ) : (
          <Form layout="vertical" onFinish={submit} initialValues={{ staffId: staff.length === 1 ? staff[0]!.id : undefined }}>
            <Form.Item name="staffId" label={t('auth.staff')} rules={[{ required: true, message: t('common.required') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={staff.map((s) => ({ value: s.id, label: s.name }))} data-testid="signin-staff" autoFocus />
            </Form.Item>
            <Form.Item name="pin" label={t('auth.pin')} rules={[{ required: true, message: t('common.required') }]}>
              <Input.Password inputMode="numeric" data-testid="signin-pin" onChange={() => setError(undefined)} />
            </Form.Item>
            {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="signin-submit">
              {t('auth.signIn')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
