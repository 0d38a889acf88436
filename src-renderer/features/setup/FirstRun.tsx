import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Select, Space, Tabs, Typography } from 'antd';
import { SecretInput } from '../../components/SecretInput';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useDesk } from '../../data/desk-context';
import { availablePresets } from '../../data/presets';
import { setUpDesk, type NewStaffInput } from '../../data/setup';
import { administersWithPin, kindOfSecret } from '../../data/domain';
import { localised, useLanguage, useT } from '../../i18n/i18n';
import { JoinServer } from './JoinServer';
import { RestoreBackup } from './RestoreBackup';
import { joinLinkValues } from '../../components/SyncStatus';

// First run: a preset, this desk, and the people who will sign in here. This is where a standalone desk's
// administrators get their passphrase (管理口令): a row whose roles administer and whose credential is a PIN
// is warned under the row, since such a person can sign in but never confirm administration (管理员确认).

interface FormValues {
  presetId: string;
  organisationName: string;
  siteName: string;
  deskCode: string;
  deskName: string;
  departmentId?: string;
  receptionPoint?: string;
  staff: (NewStaffInput & { pinAgain: string })[];
}

export function FirstRun() {
  const t = useT();
  const { message } = App.useApp();
  const { db, reloadIdentity } = useDesk();
  const presets = useMemo(() => availablePresets(), []);
  const joinLink = useMemo(() => joinLinkValues(), []);
  const [form] = Form.useForm<FormValues>();
  const presetId = Form.useWatch('presetId', form);
  const staffRows = Form.useWatch('staff', form);
  const entry = presets.find((p) => p.id === presetId);
  const preset = entry?.policy;
  const lang = useLanguage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function finish(v: FormValues) {
    if (!preset) return;
    setBusy(true);
    setError(undefined);
    const r = await setUpDesk(db, {
      preset,
      organisationName: v.organisationName,
      siteName: v.siteName,
      deskCode: v.deskCode,
      deskName: v.deskName,
      departmentId: v.departmentId,
      receptionPoint: v.receptionPoint,
      staff: v.staff.map(({ pinAgain: _again, ...s }) => s),
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.errors.map((e) => localised(e.message)).join(' '));
      return;
    }
    void message.success(t('setup.done'));
    await reloadIdentity();
  }

  const local = (
    <Form<FormValues>
      form={form}
      layout="vertical"
      onFinish={finish}
      initialValues={{ staff: [{ name: '', roles: [], pin: '', pinAgain: '' }] }}
      data-testid="first-run-form"
    >
      <Form.Item name="presetId" label={t('setup.preset')} rules={[{ required: true, message: t('common.required') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('setup.presetPlaceholder')}
          options={presets.map((p) => ({ value: p.id, label: lang === 'en' ? p.nameEn : p.name, title: lang === 'en' ? p.descriptionEn : p.description }))}
          notFoundContent={t('setup.noPresets')}
          data-testid="preset-select"
        />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="organisationName" label={t('setup.orgName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="siteName" label={t('setup.siteName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input style={{ width: 220 }} />
        </Form.Item>
      </Space>
      <Space wrap align="start">
        <Form.Item
          name="deskCode"
          label={t('setup.deskCode')}
          extra={t('setup.deskCodeHelp')}
          rules={[{ required: true, pattern: /^[A-Z0-9]{2,6}$/, message: t('setup.deskCodeHelp') }]}
          normalize={(v: string) => v?.toUpperCase()}
        >
          <Input style={{ width: 120 }} maxLength={6} />
        </Form.Item>
        <Form.Item name="deskName" label={t('setup.deskName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('setup.department')}>
          <Select allowClear style={{ width: 180 }} options={(preset?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item name="receptionPoint" label={t('setup.receptionPoint')}>
          <Select allowClear style={{ width: 220 }} options={(preset?.receptionPoints ?? []).map((r) => ({ value: r, label: r }))} />
        </Form.Item>
      </Space>
      <Typography.Title level={5}>{t('setup.staff')}</Typography.Title>
      <Form.List name="staff">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <div key={field.key}>
                <Space wrap align="start">
                  <Form.Item
                    name={[field.name, 'name']}
                    label={t('setup.staffName')}
                    rules={[{ required: true, whitespace: true, message: t('common.required') }]}
                  >
                    <Input style={{ width: 120 }} data-testid={`staff-name-${field.name}`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'roles']}
                    label={t('setup.roles')}
                    rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}
                  >
                    <Select
                      mode="multiple"
                      style={{ width: 260 }}
                      options={(preset?.roles ?? []).map((r) => ({ value: r.code, label: r.name }))}
                      data-testid={`staff-roles-${field.name}`}
                      showSearch={{ optionFilterProp: 'label' }}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'departmentId']} label={t('setup.department')}>
                    <Select
                      allowClear
                      style={{ width: 150 }}
                      options={(preset?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
                      data-testid={`staff-dept-${field.name}`}
                      showSearch={{ optionFilterProp: 'label' }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'pin']}
                    label={t('setup.pin')}
                    rules={[{ validator: (_, v: string) => (kindOfSecret(v ?? '') ? Promise.resolve() : Promise.reject(new Error(t('setup.pinInvalid')))) }]}
                  >
                    <SecretInput style={{ width: 200 }} data-testid={`staff-pin-${field.name}`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'pinAgain']}
                    label={t('setup.pinAgain')}
                    dependencies={[['staff', field.name, 'pin']]}
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: (_, v: string) =>
                          v === getFieldValue(['staff', field.name, 'pin']) ? Promise.resolve() : Promise.reject(new Error(t('setup.pinMismatch'))),
                      }),
                    ]}
                  >
                    <SecretInput style={{ width: 200 }} data-testid={`staff-pin2-${field.name}`} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(field.name)}
                      style={{ marginTop: 30 }}
                      aria-label={t('setup.removeStaff')}
                    />
                  )}
                </Space>
                {(() => {
                  const row = staffRows?.[field.name];
                  return row && administersWithPin(preset, row.roles ?? [], row.pin ?? '') ? (
                    <Alert
                      type="warning"
                      showIcon
                      style={{ marginBottom: 16 }}
                      message={t('setup.adminNeedsPassphrase', { name: row.name?.trim() || t('setup.thisPerson') })}
                      data-testid={`staff-admin-pin-${field.name}`}
                    />
                  ) : null;
                })()}
              </div>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ name: '', roles: [], pin: '', pinAgain: '' })} data-testid="add-staff">
              {t('setup.addStaff')}
            </Button>
          </>
        )}
      </Form.List>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} />}
      <div style={{ marginTop: 24 }}>
        <Button type="primary" htmlType="submit" loading={busy} size="large" data-testid="finish-setup">
          {t('setup.finish')}
        </Button>
      </div>
    </Form>
  );

  return (
    <div style={{ maxWidth: 1100, margin: '24px auto', padding: '0 16px' }}>
      <Card title={t('setup.title')}>
        <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
        {/* A join link (?server=…&code=…) means this desk is to join its organisation's server: open there. */}
        <Tabs
          defaultActiveKey={joinLink.serverUrl || joinLink.code ? 'join' : 'local'}
          items={[
            { key: 'local', label: t('setup.tabLocal'), children: local },
            { key: 'join', label: t('setup.tabJoin'), children: <JoinServer /> },
            { key: 'restore', label: t('restore.tab'), children: <RestoreBackup /> },
          ]}
        />
      </Card>
    </div>
  );
}
