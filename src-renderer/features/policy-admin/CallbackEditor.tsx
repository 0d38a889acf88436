import { Select, Space, Switch, Typography } from 'antd';
import type { Policy } from '../../../src-shared/domain/policy';
import { EditableRows } from './EditableRows';
import { multiColumn, switchColumn, MultiSelect } from './columns';
import { ClockSelect, DurationInput } from './DurationInput';
import type { SectionEditorProps } from './editor-props';
import { channelOptions, kindOptions } from './options';
import { patchRow } from './rows';
import { withAppliesKinds } from './section-values';
import { usePT } from './i18n';

// 回访规则 (X-4, S8-7, S8-9, S9-8, S9-10): which resolved cases are called back, how soon, by which
// methods; whether an unsatisfied callback reopens the case.

type Callback = Policy['callback'];
type Rule = Callback['rules'][number];

export function CallbackEditor({ value, onChange, policy, errorRows }: SectionEditorProps<Callback>) {
  const { t } = usePT();
  const kinds = kindOptions(policy);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="edit-callback">
      <Space>
        <Switch
          size="small"
          checked={value.unsatisfiedReopens}
          onChange={(v) => onChange({ ...value, unsatisfiedReopens: v })}
          data-testid="callback-reopens"
        />
        <Typography.Text>{t('unsatisfiedReopens')}</Typography.Text>
      </Space>
      <Space>
        <Typography.Text>{t('weeklyRepairKind')}</Typography.Text>
        <Select
          size="small"
          style={{ width: 160 }}
          allowClear
          placeholder={t('none')}
          value={value.weeklyRepairKind ?? null}
          options={kinds}
          onChange={(v: string | null | undefined) => onChange(patchRow(value, { weeklyRepairKind: v ?? undefined }))}
        />
      </Space>
      <Typography.Text strong>{t('callbackRules')}</Typography.Text>
      <EditableRows<Rule>
        testId="callback-rules"
        rows={value.rules}
        onChange={(rules) => onChange({ ...value, rules })}
        errorRows={errorRows}
        addLabel={t('add.callback')}
        newRow={() => ({
          appliesTo: {},
          within: { amount: 3, unit: 'days' },
          clock: 'natural',
          methods: policy.channels.slice(0, 1).map((c) => c.code),
          calleeSigns: false,
        })}
        columns={[
          {
            key: 'kinds',
            title: t('kindsOf'),
            render: (r, set) => (
              <MultiSelect
                value={r.appliesTo?.kinds ?? []}
                options={kinds}
                placeholder={t('allKinds')}
                testId="rule-kinds"
                onChange={(k) => set({ appliesTo: withAppliesKinds(r.appliesTo, k) })}
              />
            ),
          },
          {
            key: 'within',
            title: t('within'),
            render: (r, set) => <DurationInput value={r.within} onChange={(within) => set({ within })} testId="rule-within" />,
          },
          { key: 'clock', title: t('clock'), render: (r, set) => <ClockSelect value={r.clock} onChange={(clock) => set({ clock })} /> },
          multiColumn<Rule>('methods', t('methods'), { options: channelOptions(policy), width: 180 }),
          switchColumn<Rule>('calleeSigns', t('calleeSigns')),
        ]}
      />
    </Space>
  );
}
