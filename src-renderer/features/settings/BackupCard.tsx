import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Space, Table, Typography } from 'antd';
import { SecretInput } from '../../components/SecretInput';
import type { BridgeOutputs, DeskSettings } from '../../../src-shared/bridge';
import { callHost } from '../../bridge/host';
import { backUpDesk, lastScheduledBackup, onScheduledBackup, type ScheduledBackupOutcome } from '../../data/backups';
import { useDesk } from '../../data/desk-context';
import { formatMinute } from '../../format/time';
import { localised, useT } from '../../i18n/i18n';
import { formatSize } from '../case/attachments/format-size';

// 设置 → 备份: whether backups can be written at all (the passphrase), backing up now, and the backups on
// this computer. Setting or changing the passphrase is an administrator's; the host also asks for the one
// in force before replacing it (src-main/settings.ts). Restoring happens at first run (setup/RestoreBackup).

const MIN_PASSPHRASE = 8;

interface PassphraseValues {
  current?: string;
  next: string;
  again: string;
}

export function BackupCard({ isAdmin }: { isAdmin: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const { db } = useDesk();
  const [settings, setSettings] = useState<DeskSettings>();
  const [backups, setBackups] = useState<BridgeOutputs['backup.list']>([]);
  const [busy, setBusy] = useState<'backup' | 'passphrase'>();
  const [error, setError] = useState<string>();
  const [last, setLast] = useState<ScheduledBackupOutcome>();
  const [form] = Form.useForm<PassphraseValues>();

  const refresh = useCallback(async () => {
    const [s, list] = await Promise.all([callHost('settings.get', {}), callHost('backup.list', {})]);
    if (s.ok) setSettings(s.value);
    if (list.ok) setBackups(list.value);
    const failed = !s.ok ? s : !list.ok ? list : undefined;
    setError(failed ? localised(failed.error.message) : undefined);
    setLast(await lastScheduledBackup(db));
  }, [db]);
  useEffect(() => {
    void refresh();
    return onScheduledBackup(() => void refresh());
  }, [refresh]);

  async function backUpNow() {
    setBusy('backup');
    const r = await backUpDesk(db, true);
    setBusy(undefined);
    if (!r.ok) return void setError(localised(r.error.message));
    setError(undefined);
    void message.success(t('backup.done', { events: r.value.events, name: r.value.name }));
    await refresh();
  }

  async function savePassphrase(v: PassphraseValues) {
    setBusy('passphrase');
    const r = await callHost('settings.set', { backupPassphrase: v.next, ...(v.current ? { currentBackupPassphrase: v.current } : {}) });
    setBusy(undefined);
    if (!r.ok) return void setError(localised(r.error.message));
    setError(undefined);
    setSettings(r.value);
    form.resetFields();
    void message.success(t('backup.passphraseSaved'));
  }

  const hasPassphrase = !!settings?.hasBackupPassphrase;
  return (
    <Card size="small" title={t('backup.title')} data-testid="backup-card">
      <Space direction="vertical" style={{ width: '100%' }}>
        {settings && <Alert type={hasPassphrase ? 'info' : 'warning'} showIcon message={t(hasPassphrase ? 'backup.passphraseSet' : 'backup.noPassphrase')} />}
        {isAdmin ? (
          <Form form={form} layout="inline" onFinish={savePassphrase} style={{ rowGap: 8 }}>
            {hasPassphrase && (
              <Form.Item name="current" rules={[{ required: true, message: t('common.required') }]}>
                <SecretInput placeholder={t('backup.current')} style={{ width: 200 }} autoComplete="current-password" />
              </Form.Item>
            )}
            <Form.Item
              name="next"
              rules={[
                { required: true, message: t('common.required') },
                {
                  validator: (_, v: string) =>
                    [...(v ?? '').trim()].length >= MIN_PASSPHRASE ? Promise.resolve() : Promise.reject(new Error(t('backup.tooShort'))),
                },
              ]}
            >
              <SecretInput placeholder={t('backup.new')} style={{ width: 260 }} autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="again"
              dependencies={['next']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v: string) => (v === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error(t('backup.mismatch')))),
                }),
              ]}
            >
              <SecretInput placeholder={t('backup.again')} style={{ width: 200 }} autoComplete="new-password" />
            </Form.Item>
            <Button htmlType="submit" loading={busy === 'passphrase'}>
              {t(hasPassphrase ? 'backup.changePassphrase' : 'backup.setPassphrase')}
            </Button>
          </Form>
        ) : (
          <Typography.Text type="secondary">{t('backup.passphraseAdminOnly')}</Typography.Text>
        )}
        {settings && (
          <Typography.Text>
            {t('backup.schedule', { hours: settings.backupEveryHours, keep: settings.backupKeep, folder: settings.backupFolder })}
          </Typography.Text>
        )}
        {last && (
          <Typography.Text type={last.ok ? 'secondary' : 'danger'} data-testid="last-scheduled-backup">
            {t('backup.lastAuto', { at: formatMinute(last.at), result: last.error ? localised(last.error) : t('backup.lastOk') })}
          </Typography.Text>
        )}
        <Button type="primary" onClick={() => void backUpNow()} loading={busy === 'backup'} disabled={!hasPassphrase}>
          {t('backup.now')}
        </Button>
        {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(undefined)} />}
        <Table
          size="small"
          rowKey="name"
          pagination={{ pageSize: 5, hideOnSinglePage: true }}
          title={() => t('backup.list')}
          locale={{ emptyText: t('backup.none') }}
          dataSource={backups}
          columns={[
            { title: t('backup.at'), key: 'at', render: (_, b) => formatMinute(b.at) },
            { title: t('backup.kind'), key: 'kind', render: (_, b) => t(b.manual ? 'backup.manual' : 'backup.auto') },
            { title: t('backup.size'), key: 'size', render: (_, b) => formatSize(b.bytes) },
          ]}
        />
        <Typography.Text type="secondary">{t('backup.restoreHint')}</Typography.Text>
      </Space>
    </Card>
  );
}
