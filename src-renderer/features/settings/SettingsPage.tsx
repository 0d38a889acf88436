import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Radio, Select, Space, Table, Typography } from 'antd';
import { SecretInput } from '../../components/SecretInput';
import { useDesk } from '../../data/desk-context';
import { addStaff } from '../../data/setup';
import { policyLabels } from '../../data/labels';
import { administersWithPin, canAdminister, holdsAdminRole, kindOfSecret, verifierKind } from '../../data/domain';
import { localised, setLanguage, useLanguage, useT } from '../../i18n/i18n';
import { formatMinute } from '../../format/time';
import { JoinServer } from '../setup/JoinServer';
import { ReconcileCases } from './ReconcileCases';
import { BackupCard } from './BackupCard';
import { StorageCard } from './StorageCard';
import { ResetCredentialButton } from './ResetCredential';

// 设置: language, this desk, staff (admins add people and reset credentials), the policy in force, joining a
// server, backups and storage.

export function SettingsPage() {
  const t = useT();
  const lang = useLanguage();
  const { message } = App.useApp();
  const { db, config, identity, policy, staff } = useDesk();
  const desk = config.desks.find((d) => d.id === identity?.deskId);
  const labels = policyLabels(policy);
  const [form] = Form.useForm<{ name: string; roles: string[]; departmentId?: string; pin: string }>();
  const [busy, setBusy] = useState(false);
  // Who may add staff is the domain's rule (src-shared/domain/administration.ts).
  const adminByRole = !!staff && holdsAdminRole(policy, staff.roles);
  const isAdmin = !!staff && canAdminister(policy, staff);

  // No verifier: this desk was not sent it, because the person signs in at other desks (server staff-verifiers.ts).
  const credentialLabel = (kind: 'pin' | 'passphrase' | undefined) => t(kind === 'pin' ? 'settings.credentialPin' : kind === 'passphrase' ? 'settings.credentialPassphrase' : 'settings.credentialElsewhere');

  async function add(v: { name: string; roles: string[]; departmentId?: string; pin: string }) {
    if (!identity) return;
    setBusy(true);
    const r = await addStaff(db, identity.orgId, v);
    setBusy(false);
    if (!r.ok) return void message.error(r.errors.map((e) => localised(e.message)).join(' '));
    form.resetFields();
    void message.success(t('settings.staffAdded', { name: v.name }));
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 1000 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{t('settings.title')}</Typography.Title>
      <Card size="small" title={t('settings.language')}>
        <Radio.Group value={lang} onChange={(e) => setLanguage(e.target.value)} options={[{ value: 'zh-CN', label: '简体中文' }, { value: 'en', label: 'English' }]} />
      </Card>
      <Card size="small" title={t('settings.desk')}>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('setup.orgName')}>{config.organisation?.name}</Descriptions.Item>
          <Descriptions.Item label={t('setup.siteName')}>{config.sites.find((s) => s.id === identity?.siteId)?.name}</Descriptions.Item>
          <Descriptions.Item label={t('setup.deskName')}>{desk?.name}</Descriptions.Item>
          <Descriptions.Item label={t('setup.deskCode')}>{desk?.code}</Descriptions.Item>
          <Descriptions.Item label={t('setup.department')}>{desk?.departmentId ? labels.department(desk.departmentId) : t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('setup.receptionPoint')}>{desk?.receptionPoint || t('common.none')}</Descriptions.Item>
        </Descriptions>
      </Card>
      {policy && (
        <Card size="small" title={t('settings.policy')}>
          {policy.name} · {t('settings.policyRevision', { revision: policy.revision, from: formatMinute(policy.effectiveFrom).slice(0, 10) })}
        </Card>
      )}
      <Card size="small" title={t('settings.staff')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={config.staff}
          columns={[
            { title: t('setup.staffName'), dataIndex: 'name', onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
            { title: t('setup.roles'), key: 'roles', render: (_, s) => s.roles.map((r) => labels.role(r)).join('、') },
            { title: t('setup.department'), key: 'dept', render: (_, s) => labels.department(s.departmentId) },
            { title: t('settings.credential'), key: 'credential', onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }), onCell: () => ({ style: { whiteSpace: 'nowrap' } }), render: (_, s) => credentialLabel(verifierKind(s.pinHash)) },
            { title: t('settings.actions'), key: 'actions', render: (_, s) => <ResetCredentialButton person={s} /> },
          ]}
        />
        {isAdmin ? (
          <Form form={form} layout="inline" onFinish={add} style={{ marginTop: 12, rowGap: 8 }}>
            <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input placeholder={t('setup.staffName')} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="roles" rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}>
              <Select mode="multiple" placeholder={t('setup.roles')} style={{ width: 220 }} options={(policy?.roles ?? []).map((r) => ({ value: r.code, label: r.name }))} />
            </Form.Item>
            <Form.Item name="departmentId">
              <Select allowClear placeholder={t('setup.department')} style={{ width: 150 }} options={(policy?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
            <Form.Item
              name="pin"
              dependencies={['roles']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v: string) => {
                    if (!kindOfSecret(v ?? '')) return Promise.reject(new Error(t('setup.pinInvalid')));
                    if (administersWithPin(policy, (getFieldValue('roles') as string[] | undefined) ?? [], v)) return Promise.reject(new Error(t('settings.adminNeedsPassphrase')));
                    return Promise.resolve();
                  },
                }),
              ]}
            >
              <SecretInput placeholder={t('setup.pin')} style={{ width: 200 }} data-testid="new-staff-pin" />
            </Form.Item>
            <Button htmlType="submit" loading={busy}>{t('settings.addStaff')}</Button>
          </Form>
        ) : (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{t(adminByRole ? 'settings.adminSignInWithPassphrase' : 'settings.adminOnly')}</Typography.Paragraph>
        )}
      </Card>
      <Card size="small" title={t('settings.server')}>
        <JoinServer />
      </Card>
      <BackupCard isAdmin={isAdmin} />
      <StorageCard />
      <Card size="small" title={t('settings.cases')}>
        <ReconcileCases />
      </Card>
    </Space>
  );
}
