import { useEffect, useState } from 'react';
import { Card, Descriptions, Progress } from 'antd';
import { bodyStoreFor } from '../../data/body-store';
import { useDesk } from '../../data/desk-context';
import { currentDeskSyncState } from '../../data/replication';
import { useT } from '../../i18n/i18n';
import { formatSize } from '../case/attachments/format-size';

// 设置 → 存储 (issue 13): how much of this computer's browser storage the desk uses and may use, and the
// attachment files it keeps — on a joined desk, how many still wait for the server (a full disk or a desk
// long offline shows here before a file is lost).

interface Usage {
  used?: number;
  quota?: number;
  files: number;
  waiting: number;
  refused: number;
}

export function StorageCard() {
  const t = useT();
  const { db } = useDesk();
  const [usage, setUsage] = useState<Usage>();
  useEffect(() => {
    let stale = false;
    void (async () => {
      const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
      const counts = await bodyStoreFor(db).counts();
      if (!stale) setUsage({ used: estimate?.usage, quota: estimate?.quota, ...counts });
    })();
    return () => {
      stale = true;
    };
  }, [db]);
  if (!usage) return null;
  const joined = currentDeskSyncState().configured;
  const share = usage.used !== undefined && usage.quota ? Math.min(100, Math.round((usage.used / usage.quota) * 1000) / 10) : undefined;
  return (
    <Card size="small" title={t('storage.title')} data-testid="storage-card">
      <Descriptions size="small" column={1}>
        {usage.used !== undefined && usage.quota !== undefined && (
          <Descriptions.Item label={t('storage.used')}>
            {t('storage.usedOf', { used: formatSize(usage.used), quota: formatSize(usage.quota) })}
            {share !== undefined && (
              <Progress percent={share} size="small" style={{ maxWidth: 240, marginLeft: 12 }} status={share > 80 ? 'exception' : 'normal'} />
            )}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('storage.files')}>
          <span data-testid="storage-files">
            {joined
              ? t('storage.filesJoined', { files: usage.files, waiting: usage.waiting, refused: usage.refused })
              : t('storage.filesAlone', { files: usage.files })}
          </span>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
