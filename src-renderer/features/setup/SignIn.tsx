import { useState } from 'react';
import { Alert, Button, Card, Form, Select, Typography } from 'antd';
import { SecretInput } from '../../components/SecretInput';
import { useDesk } from '../../data/desk-context';
import { maySignInAt, verifierKind, verifyCredential } from '../../data/domain';
import { signInAttempts } from '../../session/lockout';
import { useT } from '../../i18n/i18n';

// Staff sign in on the shared desk computer with their PIN (administrators with their passphrase); every
// event they write records them. Wrong attempts lock the person's sign-in for growing delays
// (session/lockout.ts), counted across reloads.

/** "about 30 seconds" / "about 2 minutes" until `until`. */
function waitText(t: ReturnType<typeof useT>, ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 120 ? t('auth.seconds', { n: seconds }) : t('auth.minutes', { n: Math.ceil(seconds / 60) });
}

export function SignIn() {
  const t = useT();
  const { config, signIn, identity } = useDesk();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [staffId, setStaffId] = useState<string>();
  const desk = config.desks.find((d) => d.id === identity?.deskId);
  // Only people who sign in at this desk and hold a verifier here (the server withholds the others').
  const staff = config.staff.filter((s) => verifierKind(s.pinHash) && (!desk || maySignInAt(s, desk)));
  const attempts = signInAttempts();
  const kind = verifierKind(staff.find((s) => s.id === (staffId ?? (staff.length === 1 ? staff[0]!.id : undefined)))?.pinHash ?? '');

  async function submit(v: { staffId: string; pin: string }) {
    const s = staff.find((x) => x.id === v.staffId);
    if (!s) return;
    const now = Date.now();
    const locked = attempts.lockedUntil(s, now);
    if (locked) return void setError(t('auth.locked', { name: s.name, wait: waitText(t, locked - now) }));
    setBusy(true);
    const ok = await verifyCredential(v.pin ?? '', s.pinHash);
    setBusy(false);
    if (ok) {
      attempts.succeeded(s);
      return void signIn(s);
    }
    const until = attempts.failed(s, now);
    setError(until ? t('auth.locked', { name: s.name, wait: waitText(t, until - now) }) : t('auth.wrongPin'));
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
              <Select
                onChange={(id: string) => {
                  setStaffId(id);
                  setError(undefined);
                }}
                showSearch={{ optionFilterProp: 'label' }}
                options={staff.map((s) => ({ value: s.id, label: s.name }))}
                data-testid="signin-staff"
                autoFocus
              />
            </Form.Item>
            <Form.Item
              name="pin"
              label={kind === 'passphrase' ? t('auth.passphrase') : t('auth.pin')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <SecretInput inputMode={kind === 'passphrase' ? 'text' : 'numeric'} data-testid="signin-pin" onChange={() => setError(undefined)} />
            </Form.Item>
            {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="signin-error" />}
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="signin-submit">
              {t('auth.signIn')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
