import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import {
  accountabilityList,
  breachPenaltyProposals,
  decision,
  expenseProposal,
  expenseSignature,
  expenseSignatureChain,
  LEDGER_MESSAGES,
  ledgerRows,
  ledgerTotals,
  rewardProposal,
  type AccountabilityRow,
  type LedgerRow,
} from '../../../src-shared/analytics/ledger';
import { accountabilityTable, ledgerTable } from '../../../src-shared/analytics/tables';
import type { NewEvent } from '../../../src-shared/domain/events';
import type { CaseState } from '../../../src-shared/domain/case-state';
import type { Policy } from '../../../src-shared/domain/policy';
import { staffRolesOf, useDesk } from '../../data/desk-context';
import { writeEvent } from '../../data/write-event';
import { hrefOf } from '../../app/router';
import { formatDateTime } from '../../format/time';
import { useAnalysedCases } from '../analysis/useAnalysedCases';
import { downloadCsv, downloadXlsx } from '../analysis/download';
import { useLT } from './i18n';

// 奖惩台账 (S1-14, S1-15, S3-6, S3-8, S6-10, S2-5): what the rules propose, what the named roles decided,
// the expenses with their signature chain, and the list of overdue cases to hold to account.

interface Suggestion {
  key: string;
  caseId: string;
  caseNumber: string;
  event: NewEvent;
}

export function LedgerPage() {
  const { policy } = useDesk();
  const { t } = useLT();
  if (!policy) return <Alert type="warning" title={t('noPolicy')} />;
  return <LedgerFor policy={policy} />;
}

function LedgerFor({ policy }: { policy: Policy }) {
  const { t, lang } = useLT();
  const { message } = App.useApp();
  const desk = useDesk();
  const data = useAnalysedCases();
  const [expenseOpen, setExpenseOpen] = useState(false);
  const roleName = (code: string) => policy.roles.find((r) => r.code === code)?.name ?? policy.departments.find((d) => d.id === code)?.name ?? code;
  const deptName = (id: string) => policy.departments.find((d) => d.id === id)?.name ?? id;
  const myRoles = desk.staff?.roles ?? [];

  const suggestions: Suggestion[] = useMemo(() => {
    const out: Suggestion[] = [];
    for (const { state, stages } of data.cases) {
      const p = desk.policyFor(state.policyRevision) ?? policy;
      for (const event of breachPenaltyProposals(p, state, stages)) out.push({ key: `${state.id}:${JSON.stringify(event.payload)}`, caseId: state.id, caseNumber: state.number, event });
      const reward = rewardProposal(p, state);
      if (reward.ok) out.push({ key: `${state.id}:reward`, caseId: state.id, caseNumber: state.number, event: reward.value });
    }
    return out;
  }, [data.cases, desk, policy]);
  const states = useMemo(() => data.cases.map((c) => c.state), [data.cases]);
  const rows = useMemo(() => ledgerRows(policy, states), [policy, states]);
  const totals = ledgerTotals(rows);
  const accountability = useMemo(() => accountabilityList(data.cases, data.now), [data.cases, data.now]);

  async function write(caseId: string, event: NewEvent): Promise<boolean> {
    if (!desk.identity || !desk.staff) return false;
    const r = await writeEvent(desk.db, { ...desk.identity, actor: staffRolesOf(desk.staff), policy, policyFor: desk.policyFor }, caseId, event);
    if (!r.ok) {
      void message.error(r.errors.map((e) => e.message[lang]).join('；'));
      return false;
    }
    return true;
  }

  async function submit(list: Suggestion[]) {
    for (const s of list) if (!(await write(s.caseId, s.event))) return;
    void message.success(t('done'));
  }

  async function decide(row: LedgerRow, approved: boolean) {
    const state = data.byId.get(row.caseId);
    if (!state || row.kind === 'expense') return;
    const r = decision(desk.policyFor(state.policyRevision) ?? policy, state, row.kind, row.itemId, approved, myRoles);
    if (!r.ok) {
      void message.error(LEDGER_MESSAGES[r.error][lang]);
      return;
    }
    if (await write(row.caseId, r.value)) void message.success(t('done'));
  }

  async function sign(row: LedgerRow) {
    const state = data.byId.get(row.caseId);
    if (!state || !desk.staff) return;
    const r = expenseSignature(desk.policyFor(state.policyRevision) ?? policy, state, row.itemId, myRoles, desk.staff.name);
    if (!r.ok) {
      void message.error(LEDGER_MESSAGES[r.error][lang]);
      return;
    }
    if (await write(row.caseId, r.value)) void message.success(t('done'));
  }

  if (data.loading) return <Spin />;

  const suggestionText = (s: Suggestion) =>
    s.event.type === 'case.penalty_proposed'
      ? `−${s.event.payload.amount} · ${roleName(s.event.payload.targetRole)} · ${s.event.payload.reason ?? ''}`
      : s.event.type === 'case.reward_proposed'
        ? `+${s.event.payload.amount} · ${s.event.payload.reason ?? ''}`
        : '';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="ledger-page">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Button icon={<DownloadOutlined />} onClick={() => downloadXlsx([ledgerTable(rows, policy.utcOffsetMinutes, roleName, lang), accountabilityTable(accountability, policy.utcOffsetMinutes, deptName, lang)], t('title'))}>
          {t('exportXlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => downloadCsv(ledgerTable(rows, policy.utcOffsetMinutes, roleName, lang), t('title'))}>
          {t('exportCsv')}
        </Button>
        {policy.expenses.length ? <Button onClick={() => setExpenseOpen(true)}>{t('expense')}</Button> : null}
      </Space>

      <Card size="small" title={t('suggestions')} extra={suggestions.length ? <Button size="small" type="primary" onClick={() => void submit(suggestions)}>{t('submitAll')}</Button> : null}>
        {suggestions.length === 0 ? (
          <Typography.Text type="secondary">{t('suggestionsNone')}</Typography.Text>
        ) : (
          <Table<Suggestion>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={suggestions}
            data-testid="ledger-suggestions"
            columns={[
              { title: t('case'), dataIndex: 'caseNumber', render: (n: string, s) => <a href={hrefOf({ name: 'case', id: s.caseId })}>{n}</a> },
              { title: t('name'), render: (_, s) => suggestionText(s) },
              { title: t('actions'), render: (_, s) => <Button size="small" onClick={() => void submit([s])}>{t('submit')}</Button> },
            ]}
          />
        )}
      </Card>

      <Card size="small" title={t('ledger')} extra={<Typography.Text>{t('totals', { r: totals.rewards, p: totals.penalties, e: totals.expenses })}</Typography.Text>}>
        <Table<LedgerRow>
          size="small"
          rowKey={(r) => `${r.caseId}:${r.kind}:${r.itemId}`}
          dataSource={rows}
          data-testid="ledger-table"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('date'), dataIndex: 'at', render: (v: number) => formatDateTime(v) },
            { title: t('case'), dataIndex: 'caseNumber', render: (n: string, r) => <a href={hrefOf({ name: 'case', id: r.caseId })}>{n}</a> },
            { title: t('kind'), dataIndex: 'kind', render: (k: LedgerRow['kind']) => <Tag color={k === 'reward' ? 'green' : k === 'penalty' ? 'red' : 'blue'}>{t(`kind.${k}`)}</Tag> },
            { title: t('name'), dataIndex: 'name' },
            { title: t('amount'), dataIndex: 'amount', align: 'right' },
            { title: t('party'), dataIndex: 'party', render: (p?: string) => (p ? roleName(p) : '') },
            { title: t('status'), dataIndex: 'status', render: (s: LedgerRow['status']) => t(`st.${s}`) },
            {
              title: t('actions'),
              render: (_, r) => {
                if (r.kind !== 'expense' && r.status === 'proposed')
                  return (
                    <Space>
                      <Button size="small" type="primary" onClick={() => void decide(r, true)}>
                        {t('approve')}
                      </Button>
                      <Button size="small" danger onClick={() => void decide(r, false)}>
                        {t('reject')}
                      </Button>
                    </Space>
                  );
                if (r.kind === 'expense' && r.status === 'signing') {
                  const state = data.byId.get(r.caseId);
                  const chain = state ? expenseSignatureChain(policy, state, r.itemId) : [];
                  return (
                    <Space>
                      <Typography.Text type="secondary">{t('chain', { chain: chain.map((s) => `${roleName(s.role)}${s.signed ? '✓' : ''}`).join(' → ') })}</Typography.Text>
                      <Button size="small" onClick={() => void sign(r)}>
                        {t('sign')}
                      </Button>
                    </Space>
                  );
                }
                return null;
              },
            },
          ]}
        />
      </Card>

      <Card size="small" title={t('accountability')}>
        <Table<AccountabilityRow>
          size="small"
          rowKey={(r) => `${r.caseId}:${r.stageId}`}
          dataSource={accountability}
          data-testid="accountability-table"
          locale={{ emptyText: t('accountabilityNone') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('case'), dataIndex: 'caseNumber', render: (n: string, r) => <a href={hrefOf({ name: 'case', id: r.caseId })}>{n}</a> },
            { title: t('stage'), dataIndex: 'stageName' },
            { title: t('status'), dataIndex: 'status', render: (s: AccountabilityRow['status']) => <Tag color={s === 'overdue' ? 'red' : 'orange'}>{t(s)}</Tag> },
            { title: t('due'), dataIndex: 'dueAt', render: (v: number) => formatDateTime(v) },
            { title: t('over'), dataIndex: 'overdueMs', render: (v: number) => `${Math.round(v / 360_000) / 10} h` },
            { title: t('department'), dataIndex: 'departmentId', render: (d?: string) => (d ? deptName(d) : '') },
          ]}
        />
      </Card>

      {expenseOpen ? <ExpenseDialog policy={policy} cases={states} onClose={() => setExpenseOpen(false)} write={write} /> : null}
    </Space>
  );
}

function ExpenseDialog({ policy, cases, onClose, write }: { policy: Policy; cases: CaseState[]; onClose: () => void; write: (caseId: string, e: NewEvent) => Promise<boolean> }) {
  const { t, lang } = useLT();
  const [form] = Form.useForm<{ caseId: string; defId: string; amount?: number; description: string; liable?: string }>();
  const [error, setError] = useState<string | undefined>(undefined);
  async function ok() {
    const v = form.getFieldsValue();
    const state = cases.find((c) => c.id === v.caseId);
    if (!state) return;
    const r = expenseProposal(policy, state, v.defId, { ...(v.amount !== undefined && v.amount !== null ? { amount: v.amount } : {}), description: v.description ?? '', ...(v.liable ? { liableDepartmentId: v.liable } : {}) });
    if (!r.ok) {
      setError(LEDGER_MESSAGES[r.error][lang]);
      return;
    }
    if (await write(state.id, r.value)) onClose();
  }
  return (
    <Modal open title={t('expense')} onOk={() => void ok()} onCancel={onClose} okText={t('save')} cancelText={t('cancel')} destroyOnHidden>
      {error ? <Alert type="error" title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ defId: policy.expenses[0]?.id }}>
        <Form.Item name="caseId" label={t('case')} required>
          <Select showSearch={{ optionFilterProp: 'label' }} options={cases.map((c) => ({ value: c.id, label: `${c.number} ${c.subject}` }))} />
        </Form.Item>
        <Form.Item name="defId" label={t('expenseType')} required>
          <Select options={policy.expenses.map((e) => ({ value: e.id, label: e.name }))} />
        </Form.Item>
        <Form.Item name="amount" label={t('amount')}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="description" label={t('description')} required>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="liable" label={t('department')}>
          <Select allowClear options={policy.departments.map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
