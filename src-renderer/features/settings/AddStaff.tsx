import { useState } from 'react';
import { App, Button, Form, Input, Select } from 'antd';
import type { Policy } from '../../../src-shared/domain/policy';
import { SecretInput } from '../../components/SecretInput';
import { useDesk } from '../../data/desk-context';
import { addStaff } from '../../data/setup';
import { administersWithPin, kindOfSecret } from '../../data/domain';
import { localised, useT } from '../../i18n/i18n';
import { AdminConfirm } from '../policy-admin/AdminConfirm';

// 设置 → 工作人员 → 添加工作人员. A new person changes who signs in, so the server accepts the staff document
// only under an administrator's session (src-server/sync/authorise-config.ts): like 重设登录凭据, the form
// is checked first, then an administrator confirms with their own passphrase (管理员确认), and only then is
// the person written. Without it a joined desk's new person was refused by the server and stayed on that desk.

interface Values {
  name: string;
  roles: string[];
  departmentId?: string;
  pin: string;
}

export function AddStaffForm({ policy }: { policy: Policy | undefined }) {
  const t = useT();
  const { message } = App.useApp();
  const { db, identity } = useDesk();
  const [form] = Form.useForm<Values>();
  const [confirming, setConfirming] = useState<Values>();

  async function save(v: Values) {
    if (!identity) return;
    const r = await addStaff(db, identity.orgId, v);
    setConfirming(undefined);
    if (!r.ok) return void message.error(r.errors.map((e) => localised(e.message)).join(' '));
    form.resetFields();
    void message.success(t('settings.staffAdded', { name: v.name }));
  }

  return (
    <>
      <Form form={form} layout="inline" onFinish={setConfirming} style={{ marginTop: 12, rowGap: 8 }} data-testid="add-staff-form">
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input placeholder={t('setup.staffName')} aria-label={t('setup.staffName')} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="roles" rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}>
          <Select
            mode="multiple"
            placeholder={t('setup.roles')}
            aria-label={t('setup.roles')}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 220 }}
            options={(policy?.roles ?? []).map((r) => ({ value: r.code, label: r.name }))}
          />
        </Form.Item>
        <Form.Item name="departmentId">
          <Select
            allowClear
            placeholder={t('setup.department')}
            aria-label={t('setup.department')}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 150 }}
            options={(policy?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item
          name="pin"
          dependencies={['roles']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: string) => {
                if (!kindOfSecret(v ?? '')) return Promise.reject(new Error(t('setup.pinInvalid')));
                if (administersWithPin(policy, (getFieldValue('roles') as string[] | undefined) ?? [], v))
                  return Promise.reject(new Error(t('settings.adminNeedsPassphrase')));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <SecretInput placeholder={t('setup.pin')} aria-label={t('setup.pin')} style={{ width: 200 }} data-testid="new-staff-pin" />
        </Form.Item>
        <Button htmlType="submit">{t('settings.addStaff')}</Button>
      </Form>
      {confirming && policy ? (
        <AdminConfirm
          policy={policy}
          intro={t('settings.staffAdminIntro', { name: confirming.name })}
          okText={t('settings.staffConfirm')}
          onConfirmed={() => save(confirming)}
          onCancel={() => setConfirming(undefined)}
        />
      ) : null}
    </>
  );
}
