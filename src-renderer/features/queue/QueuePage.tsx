import { useEffect, useMemo, useState } from 'react';
import { Button, Checkbox, Empty, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { AlertOutlined, FormOutlined } from '@ant-design/icons';
import { useDesk } from '../../data/desk-context';
import { useCaseDocs } from '../../data/hooks';
import { policyLabels } from '../../data/labels';
import { CASE_STATUSES as STATUSES, complainantDisplay, unsatisfiedCallback } from '../../data/domain';
import { useQueueTimers } from '../../hooks/sla';
import { useT } from '../../i18n/i18n';
import { formatMinute } from '../../format/time';
import { StageTimer } from '../../components/StageTimer';
import { hrefOf, navigate } from '../../app/router';
import { prefetchPages } from '../../app/lazy-pages';
import { countByState, emptyFilter, isFiltered, selectRows, type QueueFilter, type QueueRow } from './queue-model';

// 工作台: every case the clerk should be working on, soonest deadline first, each with its live timer.

const VIRTUAL_FROM = 200;

export function QueuePage() {
  const t = useT();
  const { policy, policyFor, staff } = useDesk();
  const [filter, setFilter] = useState<QueueFilter>(emptyFilter);
  const [includeClosed, setIncludeClosed] = useState(false);
  const { docs, loading } = useCaseDocs({ scope: includeClosed ? 'all' : 'open' });
  const { timers } = useQueueTimers(docs, policyFor);
  const labels = useMemo(() => policyLabels(policy), [policy]);
  // Once the cases are on screen, the desk's other screens load while it is idle (app/lazy-pages.tsx).
  useEffect(() => {
    if (!loading) prefetchPages();
  }, [loading]);
  const me = { id: staff?.id ?? '', departmentId: staff?.departmentId, roles: staff?.roles };

  const all: QueueRow[] = useMemo(() => docs.map((d) => ({ state: d.state, timers: timers.get(d.id) ?? { stages: [] }, search: d.search })), [docs, timers]);
  const rows = selectRows(all, filter, me);
  const counts = countByState(rows);
  const set = (patch: Partial<QueueFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const opt = (list: { code: string; name: string }[] | undefined) => (list ?? []).map((x) => ({ value: x.code, label: x.name }));

  const columns = [
    {
      title: t('queue.timer'),
      key: 'timer',
      width: 170,
      render: (_: unknown, r: QueueRow) => <StageTimer stage={r.timers.summary} />,
    },
    {
      title: t('queue.number'),
      key: 'number',
      width: 170,
      render: (_: unknown, r: QueueRow) => <a href={hrefOf({ name: 'case', id: r.state.id })}>{r.state.number}</a>,
    },
    {
      title: t('queue.subject'),
      key: 'subject',
      ellipsis: true,
      render: (_: unknown, r: QueueRow) => (
        <Space size={4}>
          {r.state.riskFlags.length > 0 && (
            <Tag color="red" icon={<AlertOutlined />}>
              {r.state.riskFlags.map((f) => labels.riskFlag(f)).join('、')}
            </Tag>
          )}
          <span>{r.state.subject}</span>
        </Space>
      ),
    },
    { title: t('queue.kind'), key: 'kind', width: 80, render: (_: unknown, r: QueueRow) => labels.kind(r.state.kind) },
    {
      title: t('queue.status'),
      key: 'status',
      width: 90,
      render: (_: unknown, r: QueueRow) => (
        <Space direction="vertical" size={0}>
          {t(`status.${r.state.status}`)}
          {unsatisfiedCallback(r.state) && (
            <Tag color="red" data-testid="queue-callback-unsatisfied">
              {t('callbacks.unsatisfiedTag')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('queue.complainant'), key: 'who', width: 120, render: (_: unknown, r: QueueRow) => complainantDisplay(r.state, t) },
    { title: t('queue.departmentFilter'), key: 'dept', width: 110, render: (_: unknown, r: QueueRow) => labels.department(r.state.departmentId) },
    { title: t('queue.stage'), key: 'stage', width: 140, ellipsis: true, render: (_: unknown, r: QueueRow) => r.timers.summary?.name ?? '' },
    { title: t('queue.receivedAt'), key: 'receivedAt', width: 140, render: (_: unknown, r: QueueRow) => formatMinute(r.state.receivedAt) },
  ];

  const empty = isFiltered(filter) ? (
    <Empty description={t('queue.emptyFiltered')}>
      <Button onClick={() => setFilter({ ...emptyFilter, scope: filter.scope })}>{t('queue.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty
      description={
        <Space direction="vertical" size={2}>
          <Typography.Text strong>{t('queue.emptyTitle')}</Typography.Text>
          <Typography.Text type="secondary">{t('queue.emptyBody')}</Typography.Text>
        </Space>
      }
    >
      <Button type="primary" icon={<FormOutlined />} onClick={() => navigate({ name: 'intake' })}>
        {t('nav.intake')}（F2）
      </Button>
    </Empty>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('queue.title')}
        </Typography.Title>
        <Segmented<QueueFilter['scope']>
          value={filter.scope}
          onChange={(scope) => set({ scope })}
          options={[
            { value: 'mine', label: t('queue.mine') },
            { value: 'department', label: t('queue.department') },
            { value: 'all', label: t('queue.all') },
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('queue.search')}
          value={filter.search}
          onChange={(e) => set({ search: e.target.value })}
          style={{ width: 280 }}
          aria-label={t('queue.search')}
        />
        <Typography.Text type="secondary" data-testid="queue-count">
          {t('queue.count', { count: rows.length, overdue: counts.breached, warning: counts.warning })}
        </Typography.Text>
      </Space>
      <Space wrap>
        <Select
          allowClear
          placeholder={t('queue.status')}
          style={{ width: 110 }}
          value={filter.status}
          onChange={(status) => set({ status })}
          options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <Select
          allowClear
          placeholder={t('queue.kind')}
          style={{ width: 110 }}
          value={filter.kind}
          onChange={(kind) => set({ kind })}
          options={opt(policy?.kinds)}
        />
        <Select
          allowClear
          placeholder={t('queue.category')}
          style={{ width: 140 }}
          value={filter.category}
          onChange={(category) => set({ category })}
          options={opt(policy?.categories)}
        />
        <Select
          allowClear
          placeholder={t('queue.severity')}
          style={{ width: 100 }}
          value={filter.severity}
          onChange={(severity) => set({ severity })}
          options={opt(policy?.severities)}
        />
        <Select
          allowClear
          placeholder={t('queue.departmentFilter')}
          style={{ width: 140 }}
          value={filter.departmentId}
          onChange={(departmentId) => set({ departmentId })}
          options={(policy?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
        <Checkbox checked={filter.overdue} onChange={(e) => set({ overdue: e.target.checked })}>
          {t('queue.overdue')}
        </Checkbox>
        <Checkbox checked={filter.flagged} onChange={(e) => set({ flagged: e.target.checked })}>
          {t('queue.flagged')}
        </Checkbox>
        <Checkbox checked={filter.myApprovals === true} onChange={(e) => set({ myApprovals: e.target.checked })} data-testid="queue-my-approvals">
          {t('queue.myApprovals')}
        </Checkbox>
        <Checkbox checked={includeClosed} onChange={(e) => setIncludeClosed(e.target.checked)}>
          {t('queue.includeClosed')}
        </Checkbox>
      </Space>
      <Table<QueueRow>
        data-testid="queue-table"
        rowKey={(r) => r.state.id}
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        virtual={rows.length >= VIRTUAL_FROM}
        scroll={rows.length >= VIRTUAL_FROM ? { y: 600, x: 1100 } : undefined}
        locale={{ emptyText: empty }}
        onRow={(r) => ({ onDoubleClick: () => navigate({ name: 'case', id: r.state.id }) })}
      />
    </Space>
  );
}
