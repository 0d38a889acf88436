import { useState } from 'react';
import { Alert, Form, Input, InputNumber, Select, Typography, type ButtonProps } from 'antd';
import { decision, expenseProposal, formatYuan, proposedRewardRange, type LedgerRow } from '../../../src-shared/analytics/ledger';
import type { NewEvent } from '../../../src-shared/domain/events';
import type { CaseState } from '../../../src-shared/domain/case-state';
import type { Policy } from '../../../src-shared/domain/policy';
import { FormDialog } from '../../components/FormDialog';
import { useLT } from './i18n';
import { say } from '../../i18n/i18n';

// The ledger's dialogs: an approver's decision that needs more than a click (a rejection's reason, a
// reward's amount within its danger level's range, S1-14) and recording an expense (S2-5, S3-8).

type Write = (caseId: string, e: NewEvent) => Promise<boolean>;

export interface Deciding {
  row: LedgerRow;
  approved: boolean;
}

export function DecideDialog({
  policy,
  state,
  deciding,
  myRoles,
  nameOf,
  onClose,
  write,
}: {
  policy: Policy;
  state: CaseState;
  deciding: Deciding;
  myRoles: readonly string[];
  nameOf: (code: string) => string;
  onClose: () => void;
  write: Write;
}) {
  const { t, lang } = useLT();
  const { row, approved } = deciding;
  const range = row.kind === 'reward' ? proposedRewardRange(policy, row.itemId, row.party) : undefined;
  const [note, setNote] = useState('');
  const [amount, setAmount] = useState<number | null>(row.amount);
  const [error, setError] = useState<string | undefined>(undefined);
  async function ok() {
    if (row.kind === 'expense') return;
    const r = decision(policy, state, row.kind, row.itemId, approved, myRoles, { ...(approved && range && amount !== null ? { amount } : {}), note });
    if (!r.ok) {
      setError(say(r.error, '', undefined, lang));
      return;
    }
    if (await write(row.caseId, r.value)) onClose();
  }
  return (
    <FormDialog
      title={t(approved ? 'approveTitle' : 'rejectTitle')}
      onOk={ok}
      onCancel={onClose}
      okText={t(approved ? 'approve' : 'reject')}
      okButtonProps={{ danger: !approved, 'data-testid': 'decide-ok' } as ButtonProps}
      cancelText={t('cancel')}
    >
      {error ? <Alert type="error" title={error} style={{ marginBottom: 12 }} data-testid="decide-error" /> : null}
      <Typography.Paragraph>
        {row.caseNumber} · {row.name} · {formatYuan(row.amount, lang)}
        {row.party ? ` · ${nameOf(row.party)}` : ''}
      </Typography.Paragraph>
      <Form layout="vertical">
        {approved && range ? (
          <Form.Item label={t('rewardAmount', { level: range.levelName, min: range.min, max: range.max })}>
            <InputNumber min={range.min} max={range.max} value={amount} onChange={(v) => setAmount(v)} suffix="元" data-testid="decide-amount" />
          </Form.Item>
        ) : null}
        <Form.Item label={t(approved ? 'decideNote' : 'rejectReason')} required={!approved}>
          <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} data-testid="decide-note" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

export function ExpenseDialog({ policy, cases, onClose, write }: { policy: Policy; cases: CaseState[]; onClose: () => void; write: Write }) {
  const { t, lang } = useLT();
  const [form] = Form.useForm<{ caseId: string; defId: string; amount?: number; description: string; liable?: string }>();
  const [error, setError] = useState<string | undefined>(undefined);
  // An expense item with a standard amount (defaultAmount) may leave the box empty; the others must fill it.
  const defId = Form.useWatch('defId', form);
  const chosen = policy.expenses.find((e) => e.id === defId);
  async function ok() {
    const v = form.getFieldsValue();
    const state = cases.find((c) => c.id === v.caseId);
    // Without a case nothing can be recorded: say so rather than leave 保存 doing nothing.
    if (!state) {
      setError(t('pickCase'));
      return;
    }
    const r = expenseProposal(policy, state, v.defId, {
      ...(v.amount !== undefined && v.amount !== null ? { amount: v.amount } : {}),
      description: v.description ?? '',
      ...(v.liable ? { liableDepartmentId: v.liable } : {}),
    });
    if (!r.ok) {
      setError(say(r.error, '', undefined, lang));
      return;
    }
    if (await write(state.id, r.value)) onClose();
  }
  return (
    <FormDialog
      title={t('expense')}
      onOk={ok}
      onCancel={onClose}
      okText={t('save')}
      okButtonProps={{ 'data-testid': 'expense-ok' } as ButtonProps}
      cancelText={t('cancel')}
    >
      {error ? <Alert type="error" title={error} style={{ marginBottom: 12 }} data-testid="expense-error" /> : null}
      <Form form={form} layout="vertical" initialValues={{ defId: policy.expenses[0]?.id }}>
        <Form.Item name="caseId" label={t('case')} required>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={cases.map((c) => ({ value: c.id, label: `${c.number} ${c.subject}` }))}
            data-testid="expense-case"
          />
        </Form.Item>
        <Form.Item name="defId" label={t('expenseType')} required>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={policy.expenses.map((e) => ({ value: e.id, label: e.name }))}
            data-testid="expense-type"
          />
        </Form.Item>
        {/* No min: antd would quietly turn a typed −80 into 0 on leaving the box and save 0 元; the domain refuses it by name. */}
        <Form.Item name="amount" label={t('amount')} required={chosen?.defaultAmount === undefined}>
          <InputNumber suffix="元" placeholder={chosen?.defaultAmount !== undefined ? String(chosen.defaultAmount) : undefined} data-testid="expense-amount" />
        </Form.Item>
        <Form.Item name="description" label={t('description')} required>
          <Input.TextArea rows={2} data-testid="expense-description" />
        </Form.Item>
        <Form.Item name="liable" label={t('department')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={policy.departments.map((d) => ({ value: d.id, label: d.name }))}
            data-testid="expense-department"
          />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
