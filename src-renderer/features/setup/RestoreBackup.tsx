import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Radio, Space, Typography } from 'antd';
import { SecretInput } from '../../components/SecretInput';
import type { BridgeOutputs } from '../../../src-shared/bridge';
import { callHost } from '../../bridge/host';
import { restoreDesk, type RestoreSource } from '../../data/backups';
import { useDesk } from '../../data/desk-context';
import { formatMinute } from '../../format/time';
import { localised, useT } from '../../i18n/i18n';
import { formatSize } from '../case/attachments/format-size';

// First run → 从备份恢复: a replacement computer (or one that lost its store) becomes the backed-up desk
// again. The backup is one of this computer's backup folder or a file the person chooses (from a USB
// stick, another machine); the host opens and checks it, the page validates every record before writing
// any (src-shared/backup-format.ts), so a wrong passphrase or a damaged file leaves the desk empty.

export function RestoreBackup() {
  const t = useT();
  const { message } = App.useApp();
  const { db, reloadIdentity } = useDesk();
  const [found, setFound] = useState<BridgeOutputs['backup.list']>([]);
  const [picked, setPicked] = useState<string>();
  const [file, setFile] = useState<{ name: string; bytes: ArrayBuffer }>();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void callHost('backup.list', {}).then((r) => r.ok && setFound(r.value));
  }, []);

  async function choose(f: File | undefined) {
    if (!f) return;
    setFile({ name: f.name, bytes: await f.arrayBuffer() });
    setPicked(undefined);
    setError(undefined);
  }

  const source: RestoreSource | undefined = file ? { file: file.bytes } : picked ? { name: picked } : undefined;

  async function restore() {
    if (!source) return;
    setBusy(true);
    setError(undefined);
    const r = await restoreDesk(db, source, passphrase);
    setBusy(false);
    if (!r.ok) return void setError(localised(r.error.message));
    void message.success(t('restore.done', r.value), 8);
    await reloadIdentity();
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="restore-backup">
      <Typography.Paragraph type="secondary">{t('restore.intro')}</Typography.Paragraph>
      {found.length > 0 && (
        <>
          <Typography.Text strong>{t('restore.found')}</Typography.Text>
          <Radio.Group
            value={picked}
            onChange={(e) => (setPicked(e.target.value as string), setFile(undefined))}
            options={found.map((b) => ({
              value: b.name,
              label: `${formatMinute(b.at)} · ${t(b.manual ? 'backup.manual' : 'backup.auto')} · ${formatSize(b.bytes)}`,
            }))}
          />
        </>
      )}
      <div>
        <input ref={input} type="file" accept=".jbak" hidden onChange={(e) => void choose(e.target.files?.[0])} data-testid="restore-file" />
        <Button onClick={() => input.current?.click()}>{t('restore.chooseFile')}</Button>
        {file && (
          <Typography.Text style={{ marginLeft: 12 }}>{t('restore.chosen', { name: file.name, size: formatSize(file.bytes.byteLength) })}</Typography.Text>
        )}
      </div>
      <Typography.Text strong>{t('restore.passphraseLabel')}</Typography.Text>
      <SecretInput
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
        placeholder={t('restore.passphrase')}
        style={{ maxWidth: 420 }}
        autoComplete="off"
      />
      {error && <Alert type="error" showIcon message={error} />}
      {busy && <Alert type="info" showIcon message={t('restore.running')} />}
      <Typography.Text type="secondary">{t('restore.rejoin')}</Typography.Text>
      {/* The spinner only for a restore that takes a while: a refusal (wrong passphrase) comes back at once,
          and a spinner that starts and stops within a moment flickers and, with animations on, stays in
          the button's name (「loading 恢复」) after antd's exit motion is cut short. */}
      <Button type="primary" disabled={!source} loading={busy ? { delay: 300 } : false} onClick={() => void restore()}>
        {t('restore.run')}
      </Button>
    </Space>
  );
}
