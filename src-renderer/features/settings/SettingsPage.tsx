import { Card, Descriptions, Radio, Space, Table, Typography } from 'antd';
import { useDesk } from '../../data/desk-context';
import { policyLabels } from '../../data/labels';
import { canAdminister, holdsAdminRole, verifierKind } from '../../data/domain';
import { setLanguage, useLanguage, useT } from '../../i18n/i18n';
import { formatMinute } from '../../format/time';
import { JoinServer } from '../setup/JoinServer';
import { ReconcileCases } from './ReconcileCases';
import { BackupCard } from './BackupCard';
import { StorageCard } from './StorageCard';
import { ResetCredentialButton } from './ResetCredential';
import { AddStaffForm } from './AddStaff';

// 设置: language, this desk, staff (admins add people and reset credentials), the policy in force, joining a
// server, backups and storage.

export function SettingsPage() {
  const t = useT();
  const lang = useLanguage();
  const { config, identity, policy, staff } = useDesk();
  const desk = config.desks.find((d) => d.id === identity?.deskId);
  const labels = policyLabels(policy);
  // Who may add staff is the domain's rule (src-shared/domain/administration.ts).
  const adminByRole = !!staff && holdsAdminRole(policy, staff.roles);
  const isAdmin = !!staff && canAdminister(policy, staff);

  // No verifier: this desk was not sent it, because the person signs in at other desks (server staff-verifiers.ts).
  const credentialLabel = (kind: 'pin' | 'passphrase' | undefined) =>
    t(kind === 'pin' ? 'settings.credentialPin' : kind === 'passphrase' ? 'settings.credentialPassphrase' : 'settings.credentialElsewhere');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 1000 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('settings.title')}
      </Typography.Title>
      <Card size="small" title={t('settings.language')}>
        <Radio.Group
          value={lang}
          onChange={(e) => setLanguage(e.target.value)}
          options={[
            { value: 'zh-CN', label: '简体中文' },
            { value: 'en', label: 'English' },
          ]}
        />
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
            {
              title: t('settings.credential'),
              key: 'credential',
              onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
              onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
              render: (_, s) => credentialLabel(verifierKind(s.pinHash)),
            },
            { title: t('settings.actions'), key: 'actions', render: (_, s) => <ResetCredentialButton person={s} /> },
          ]}
        />
        {isAdmin ? (
          <AddStaffForm policy={policy} />
        ) : (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t(adminByRole ? 'settings.adminSignInWithPassphrase' : 'settings.adminOnly')}
          </Typography.Paragraph>
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
