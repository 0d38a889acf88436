import { Badge, Button, List, Popover, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../app/router';
import { formatMinute } from '../../format/time';
import { markAllRead, useAlerts } from './alert-store';
import { useAlertWatcher } from './useAlertWatcher';

// The status bar's bell: every alert raised in this window, newest first.

const COLOURS = { warning: 'warning', breach: 'error', risk: 'red', start: 'blue' } as const;

export function AlertCenter() {
  const t = useT();
  useAlertWatcher();
  const alerts = useAlerts();
  const unread = alerts.filter((a) => !a.read).length;
  const content =
    alerts.length === 0 ? (
      <Typography.Text type="secondary">{t('alerts.none')}</Typography.Text>
    ) : (
      <List
        size="small"
        style={{ width: 380, maxHeight: 400, overflow: 'auto' }}
        dataSource={alerts}
        renderItem={(a) => (
          <List.Item
            actions={[
              <a key="open" onClick={() => navigate(a.caseId ? { name: 'case', id: a.caseId } : { name: 'queue' })}>
                {t('alerts.open')}
              </a>,
            ]}
          >
            <List.Item.Meta
              title={
                <>
                  <Tag color={COLOURS[a.kind]}>{t(a.kind === 'breach' ? 'sla.breached' : a.kind === 'warning' ? 'sla.warning' : 'case.riskFlags')}</Tag>
                  {a.title}
                </>
              }
              description={formatMinute(a.at)}
            />
          </List.Item>
        )}
      />
    );
  return (
    <Popover content={content} title={t('alerts.title')} trigger="click" onOpenChange={(open) => !open && markAllRead()}>
      <Badge count={unread} size="small">
        <Button size="small" icon={<BellOutlined />} data-testid="alert-bell">
          {t('alerts.title')}
        </Button>
      </Badge>
    </Popover>
  );
}
