import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Space, Spin, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import {
  accountabilityList,
  approverRoleOf,
  breachPenaltyProposals,
  decision,
  expenseSignature,
  expenseSignatureChain,
  formatYuan,
  ledgerNameOf,
  ledgerRows,
  ledgerTotals,
  proposedRewardRange,
  rewardProposal,
  type AccountabilityRow,
  type LedgerRow,
} from '../../../src-shared/analytics/ledger';
import { accountabilityTable, ledgerTable } from '../../../src-shared/analytics/tables';
import type { NewEvent } from '../../../src-shared/domain/events';
import type { Policy } from '../../../src-shared/domain/policy';
import { staffRolesOf, useDesk } from '../../data/desk-context';
import { writeEvent } from '../../data/write-event';
import { hrefOf } from '../../app/router';
import { formatDateTime } from '../../format/time';
import { useAnalysedCases } from '../analysis/useAnalysedCases';
import { downloadCsv, downloadXlsx } from '../analysis/download';
import { DecideDialog, ExpenseDialog, type Deciding } from './LedgerDialogs';
import { useLT } from './i18n';
import { say } from '../../i18n/i18n';

// 奖惩台账 (S1-14, S1-15, S3-6, S3-8, S6-10, S2-5): what the rules propose, what the named roles decided,
// the expenses with their signature chain, and the list of overdue cases to hold to account. Amounts are
// shown signed in 元 and every code by its policy name, as a supervisor reads the paper ledger.

/** A proposal the rules make, shown in the ledger's own terms before anyone records it. */
interface Suggestion {
  key: string;
  caseId: string;
  caseNumber: string;
  event: NewEvent;
  kind: 'reward' | 'penalty';
  amount: number;
  party: string;
  approverRole?: string;
  reason: string;
  /** S1-14: the danger level's range, for a reward. */
  range?: { min: number; max: number };
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
  const [deciding, setDeciding] = useState<Deciding | undefined>(undefined);
  const nameOf = useMemo(() => ledgerNameOf(policy), [policy]);
  const myRoles = desk.staff?.roles ?? [];
  // A case is decided under the policy revision it was registered with (S0-2).
  const policyOf = (caseId: string) => {
    const rev = data.byId.get(caseId)?.policyRevision;
    return (rev !== undefined ? desk.policyFor(rev) : undefined) ?? policy;
  };

  const suggestions: Suggestion[] = useMemo(() => {
    const out: Suggestion[] = [];
    for (const { state, stages } of data.cases) {
      const p = desk.policyFor(state.policyRevision) ?? policy;
      const base = { caseId: state.id, caseNumber: state.number };
      for (const event of breachPenaltyProposals(p, state, stages)) {
        if (event.type !== 'case.penalty_proposed') continue;
        const e = event.payload;
        out.push({
          ...base,
          key: `${state.id}:${e.penaltyId}`,
          event,
          kind: 'penalty',
          amount: -e.amount,
          party: e.targetRole,
          approverRole: approverRoleOf(p, 'penalty', e.penaltyId),
          reason: e.reason ?? '',
        });
      }
      const reward = rewardProposal(p, state);
      if (reward.ok && reward.value.type === 'case.reward_proposed') {
        const e = reward.value.payload;
        const range = proposedRewardRange(p, e.rewardId, e.level);
        out.push({
          ...base,
          key: `${state.id}:${e.rewardId}`,
          event: reward.value,
          kind: 'reward',
          amount: e.amount,
          party: e.level ?? '',
          approverRole: approverRoleOf(p, 'reward', e.rewardId),
          reason: e.reason ?? '',
          ...(range ? { range: { min: range.min, max: range.max } } : {}),
        });
      }
    }
    return out;
  }, [data.cases, desk, policy]);
  const states = useMemo(() => data.cases.map((c) => c.state), [data.cases]);
  const rows = useMemo(() => ledgerRows(policy, states, desk.policyFor), [policy, states, desk.policyFor]);
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

  /** One write with its confirmation, for the dialogs and single clicks. */
  async function writeOne(caseId: string, event: NewEvent): Promise<boolean> {
    const ok = await write(caseId, event);
    if (ok) void message.success(t('done'));
    return ok;
  }

  async function submit(list: Suggestion[]) {
    for (const s of list) if (!(await write(s.caseId, s.event))) return;
    void message.success(t('done'));
  }

  /** A penalty approved needs nothing more than the click; a rejection needs its reason, a reward its amount. */
  async function decide(row: LedgerRow, approved: boolean) {
    const state = data.byId.get(row.caseId);
    if (!state || row.kind === 'expense') return;
    if (!approved || row.kind === 'reward') {
      setDeciding({ row, approved });
      return;
    }
    const r = decision(policyOf(row.caseId), state, row.kind, row.itemId, approved, myRoles);
    if (!r.ok) {
      void message.error(say(r.error, '', undefined, lang));
      return;
    }
    await writeOne(row.caseId, r.value);
  }

  async function sign(row: LedgerRow) {
    const state = data.byId.get(row.caseId);
    if (!state || !desk.staff) return;
    const r = expenseSignature(policyOf(row.caseId), state, row.itemId, myRoles, desk.staff.name);
    if (!r.ok) {
      void message.error(say(r.error, '', undefined, lang));
      return;
    }
    await writeOne(row.caseId, r.value);
  }

  if (data.loading) return <Spin />;

  // Dates, case numbers, amounts and role names are read whole; the long texts (names, reasons) wrap.
  const nowrap = (text: string) => <span style={{ whiteSpace: 'nowrap' }}>{text}</span>;
  const caseLink = (n: string, r: { caseId: string }) => (
    <a href={hrefOf({ name: 'case', id: r.caseId })} style={{ whiteSpace: 'nowrap' }}>
      {n}
    </a>
  );
  const kindTag = (k: LedgerRow['kind']) => <Tag color={k === 'reward' ? 'green' : k === 'penalty' ? 'red' : 'blue'}>{t(`kind.${k}`)}</Tag>;
  const yuan = (v: number) => <span style={{ color: v < 0 ? '#cf1322' : v > 0 ? '#389e0d' : undefined, whiteSpace: 'nowrap' }}>{formatYuan(v, lang)}</span>;
  // A penalty of 0 元 (S1-15) is accountability without a deduction: say so rather than print "0 元".
  const amountOf = (v: number, r: { kind: string }) => (r.kind === 'penalty' && v === 0 ? <Tag>{t('accountabilityOnly')}</Tag> : yuan(v));
  const byParty = Object.entries(totals.byParty).map(([code, v]) => `${nameOf(code)} ${formatYuan(v, lang)}`);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="ledger-page">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('title')}
        </Typography.Title>
        <Button
          icon={<DownloadOutlined />}
          data-testid="ledger-export-xlsx"
          onClick={() =>
            downloadXlsx(
              [ledgerTable(rows, policy.utcOffsetMinutes, nameOf, lang), accountabilityTable(accountability, policy.utcOffsetMinutes, nameOf, lang)],
              t('title'),
            )
          }
        >
          {t('exportXlsx')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          data-testid="ledger-export-csv"
          onClick={() => downloadCsv(ledgerTable(rows, policy.utcOffsetMinutes, nameOf, lang), t('title'))}
        >
          {t('exportCsv')}
        </Button>
        {policy.expenses.length ? (
          <Button onClick={() => setExpenseOpen(true)} data-testid="ledger-expense">
            {t('expense')}
          </Button>
        ) : null}
      </Space>

      <Card
        size="small"
        title={t('suggestions')}
        extra={
          suggestions.length ? (
            <Button size="small" type="primary" onClick={() => void submit(suggestions)} data-testid="ledger-submit-all">
              {t('submitAll')}
            </Button>
          ) : null
        }
      >
        {suggestions.length === 0 ? (
          <Typography.Text type="secondary" data-testid="ledger-suggestions-none">
            {t('suggestionsNone')}
          </Typography.Text>
        ) : (
          <Table<Suggestion>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={suggestions}
            data-testid="ledger-suggestions"
            columns={[
              { title: t('case'), dataIndex: 'caseNumber', render: caseLink },
              { title: t('kind'), dataIndex: 'kind', render: kindTag },
              {
                title: t('amount'),
                dataIndex: 'amount',
                align: 'right',
                render: (v: number, s) =>
                  s.range ? (
                    <Space orientation="vertical" size={0} style={{ alignItems: 'flex-end' }}>
                      {yuan(v)}
                      <Typography.Text type="secondary">{t('range', s.range)}</Typography.Text>
                    </Space>
                  ) : (
                    amountOf(v, s)
                  ),
              },
              { title: t('party'), dataIndex: 'party', render: (p: string) => nowrap(nameOf(p)) },
              { title: t('approver'), dataIndex: 'approverRole', render: (r?: string) => (r ? nowrap(nameOf(r)) : '') },
              { title: t('reason'), dataIndex: 'reason' },
              {
                title: t('actions'),
                render: (_, s) => (
                  <Button size="small" onClick={() => void submit([s])}>
                    {t('submit')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>

      <Card
        size="small"
        title={t('ledger')}
        extra={
          <Space orientation="vertical" size={0} style={{ alignItems: 'flex-end' }} data-testid="ledger-totals">
            <Typography.Text>
              {t('totals', { r: formatYuan(totals.rewards, lang), p: formatYuan(totals.penalties, lang), e: formatYuan(totals.expenses, lang) })}
            </Typography.Text>
            {byParty.length ? <Typography.Text type="secondary">{t('byParty', { list: byParty.join('，') })}</Typography.Text> : null}
          </Space>
        }
      >
        <Table<LedgerRow>
          size="small"
          rowKey={(r) => `${r.caseId}:${r.kind}:${r.itemId}`}
          dataSource={rows}
          data-testid="ledger-table"
          locale={{ emptyText: t('ledgerNone') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('date'), dataIndex: 'at', render: (v: number) => nowrap(formatDateTime(v)) },
            { title: t('case'), dataIndex: 'caseNumber', render: caseLink },
            { title: t('kind'), dataIndex: 'kind', render: kindTag },
            { title: t('name'), dataIndex: 'name' },
            { title: t('amount'), dataIndex: 'amount', align: 'right', render: amountOf },
            { title: t('party'), dataIndex: 'party', render: (p?: string) => (p ? nowrap(nameOf(p)) : '') },
            { title: t('approver'), dataIndex: 'approverRole', render: (r?: string) => (r ? nowrap(nameOf(r)) : '') },
            {
              title: t('status'),
              dataIndex: 'status',
              render: (s: LedgerRow['status'], r) => (
                <Space orientation="vertical" size={0}>
                  <Tag color={s === 'approved' || s === 'signed' ? 'green' : s === 'rejected' ? 'default' : 'gold'}>{t(`st.${s}`)}</Tag>
                  {r.note ? (
                    <Typography.Text type="secondary" style={{ maxWidth: 240, display: 'inline-block' }}>
                      {t(s === 'rejected' ? 'rejectedBecause' : 'noteIs', { note: r.note })}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t('actions'),
              onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
              render: (_, r) => {
                if (r.kind !== 'expense' && r.status === 'proposed') {
                  // Only the role the policy names decides; everyone else sees whose turn it is.
                  if (!r.approverRole || !myRoles.includes(r.approverRole))
                    return (
                      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                        {t('waitFor', { role: r.approverRole ? nameOf(r.approverRole) : '—' })}
                      </Typography.Text>
                    );
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
                }
                if (r.kind === 'expense' && r.status === 'signing') {
                  const state = data.byId.get(r.caseId);
                  const chain = state ? expenseSignatureChain(policyOf(r.caseId), state, r.itemId) : [];
                  return (
                    <Space>
                      <Typography.Text type="secondary">
                        {t('chain', { chain: chain.map((s) => `${nameOf(s.role)}${s.signed ? '✓' : ''}`).join(' → ') })}
                      </Typography.Text>
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
            { title: t('case'), dataIndex: 'caseNumber', render: caseLink },
            { title: t('stage'), dataIndex: 'stageName' },
            {
              title: t('status'),
              dataIndex: 'status',
              render: (s: AccountabilityRow['status']) => <Tag color={s === 'overdue' ? 'red' : 'orange'}>{t(s)}</Tag>,
            },
            { title: t('due'), dataIndex: 'dueAt', render: (v: number) => nowrap(formatDateTime(v)) },
            { title: t('over'), dataIndex: 'overdueMs', render: (v: number) => t('hours', { h: Math.round(v / 360_000) / 10 }) },
            { title: t('department'), dataIndex: 'departmentId', render: (d?: string) => (d ? nameOf(d) : '') },
          ]}
        />
      </Card>

      {expenseOpen ? <ExpenseDialog policy={policy} cases={states} onClose={() => setExpenseOpen(false)} write={writeOne} /> : null}
      {deciding && data.byId.get(deciding.row.caseId) ? (
        <DecideDialog
          policy={policyOf(deciding.row.caseId)}
          state={data.byId.get(deciding.row.caseId)!}
          deciding={deciding}
          myRoles={myRoles}
          nameOf={nameOf}
          onClose={() => setDeciding(undefined)}
          write={writeOne}
        />
      ) : null}
    </Space>
  );
}
