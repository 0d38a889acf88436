import { useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useDesk } from '../../data/desk-context';
import { useCases } from '../../data/hooks';
import { complainantDisplay } from '../../data/domain';
import { policyLabels } from '../../data/labels';
import { useNow } from '../../hooks/ticker';
import { useT } from '../../i18n/i18n';
import { formatMinute, formatRemaining } from '../../format/time';
import { hrefOf } from '../../app/router';
import { specFor } from '../case/action-specs';
import { ActionDialog } from '../case/ActionDialog';
import { callbackRate, callbackRows, weeklyRepairs, type CallbackRow } from './callback-model';

// 回访: resolved cases due for a callback, soonest first; the callback rate against its target.

export function CallbackQueuePage() {
  const t = useT();
  const { policy, policyFor } = useDesk();
  const { cases, loading } = useCases({ scope: 'all', limit: 20_000 });
  const now = useNow();
  const minute = Math.floor(now / 60_000);
  const rows = useMemo(() => callbackRows(cases, policyFor), [cases, policyFor]);
  const rate = useMemo(() => (policy ? callbackRate(cases, policy, policyFor, minute * 60_000) : undefined), [cases, policy, policyFor, minute]);
  const weekly = useMemo(() => (policy ? weeklyRepairs(cases, policy, minute * 60_000) : undefined), [cases, policy, minute]);
  const labels = useMemo(() => policyLabels(policy), [policy]);
  const [recording, setRecording] = useState<CallbackRow>();
  const spec = specFor('case.callback_done')!;
  const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('callbacks.title')}
      </Typography.Title>
      <Space size="large" wrap>
        <Card size="small">
          <Statistic
            title={t('callbacks.rateTitle')}
            value={pct(rate?.rate.rate)}
            suffix={
              policy?.targets.callbackRate !== undefined ? (
                <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                  {t('callbacks.target', { target: pct(policy.targets.callbackRate) })}
                </Typography.Text>
              ) : undefined
            }
            data-testid="callback-rate"
          />
          <Typography.Text type="secondary">{t('callbacks.rateDetail', { done: rate?.done.count ?? 0, due: rate?.eligible.count ?? 0 })}</Typography.Text>
          {!!rate?.unsatisfied.count && (
            <div>
              <Typography.Text type="danger" data-testid="callback-unsatisfied-count">
                {t('callbacks.unsatisfiedCount', { count: rate.unsatisfied.count })}
              </Typography.Text>
            </div>
          )}
        </Card>
        {weekly && (
          <Card size="small" title={t('callbacks.weekly')}>
            {t('callbacks.weeklyBody', { count: weekly.count, pending: weekly.pending })}
          </Card>
        )}
      </Space>
      {policy && (
        <Alert type="info" showIcon message={t(policy.callback.unsatisfiedReopens ? 'callbacks.unsatisfiedReopens' : 'callbacks.unsatisfiedFollowUp')} />
      )}
      <Table<CallbackRow>
        data-testid="callback-table"
        rowKey={(r) => r.state.id}
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{
          emptyText: (
            <Empty
              description={
                <Space direction="vertical" size={2}>
                  <Typography.Text strong>{t('callbacks.emptyTitle')}</Typography.Text>
                  <Typography.Text type="secondary">{t('callbacks.emptyBody')}</Typography.Text>
                </Space>
              }
            />
          ),
        }}
        columns={[
          {
            title: t('callbacks.due'),
            key: 'due',
            width: 260,
            render: (_, r) => (
              <Space>
                <span>{formatMinute(r.dueAt)}</span>
                <Tag color={r.dueAt < now ? 'error' : r.dueAt - now < 86_400_000 ? 'warning' : 'processing'}>{formatRemaining(r.dueAt - now)}</Tag>
              </Space>
            ),
          },
          { title: t('queue.number'), key: 'number', width: 170, render: (_, r) => <a href={hrefOf({ name: 'case', id: r.state.id })}>{r.state.number}</a> },
          {
            title: t('queue.subject'),
            key: 'subject',
            ellipsis: true,
            render: (_, r) => (
              <>
                {r.followUpOf && (
                  <Tag color="red" data-testid={`callback-follow-up-${r.state.number}`}>
                    {t('callbacks.followUpTag', { stars: r.followUpOf.satisfaction })}
                  </Tag>
                )}
                {r.state.subject}
              </>
            ),
          },
          { title: t('queue.complainant'), key: 'who', width: 120, render: (_, r) => complainantDisplay(r.state, t) },
          { title: t('queue.kind'), key: 'kind', width: 90, render: (_, r) => labels.kind(r.state.kind) },
          { title: t('callbacks.resolvedAt'), key: 'resolved', width: 150, render: (_, r) => formatMinute(r.resolvedAt) },
          {
            title: '',
            key: 'act',
            width: 120,
            render: (_, r) => (
              <Button type="primary" size="small" onClick={() => setRecording(r)} data-testid={`callback-${r.state.number}`}>
                {t('callbacks.record')}
              </Button>
            ),
          },
        ]}
      />
      {recording && <ActionDialog spec={spec} state={recording.state} stages={[]} onClose={() => setRecording(undefined)} />}
    </Space>
  );
}
