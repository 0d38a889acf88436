import { Select } from 'antd';
import type { Policy } from '../../../src-shared/domain/policy';
import { EditableRows } from './EditableRows';
import { codeColumn, MultiSelect, numberColumn, selectColumn, switchColumn, textColumn } from './columns';
import { codesOf, rowsOf, type SectionEditorProps } from './editor-props';
import { roleOptions, stageOptions } from './options';
import { freeCode, patchRow } from './rows';
import { usePT } from './i18n';

// 处罚: what is penalised (a stage breached, the first-ask rule broken), how much, who is addressed and
// who approves it (S1-15, S3-10, S6-9 …). The approver must be a role someone holds (validatePolicy).

type Penalty = Policy['penalties'][number];
const TRIGGERS = ['breach', 'first_ask_violation'] as const;

export function PenaltiesEditor(props: SectionEditorProps<Policy['penalties']>) {
  const { value, policy, base } = props;
  const { t } = usePT();
  const roles = roleOptions(policy);
  const firstRole = policy.roles[0]?.code ?? '';
  return (
    <EditableRows<Penalty>
      testId="edit-penalties"
      {...rowsOf(props)}
      addLabel={t('add.penalties')}
      newRow={() => ({
        id: freeCode(
          'penalty',
          value.map((p) => p.id),
        ),
        name: '',
        trigger: { on: 'breach' },
        amount: 0,
        targetRole: firstRole,
        approverRole: firstRole,
        perOccurrence: true,
        rules: [],
      })}
      columns={[
        codeColumn<Penalty>('id', value, codesOf(base.penalties, 'id'), t('code')),
        textColumn<Penalty>('name', t('name'), 170),
        {
          key: 'trigger',
          title: t('trigger'),
          render: (p, set) => (
            <Select
              size="small"
              style={{ width: 140 }}
              value={p.trigger.on}
              options={TRIGGERS.map((on) => ({ value: on, label: t(`trigger.${on}`) }))}
              // Stages only narrow a breach penalty; another trigger drops them.
              onChange={(on) => set({ trigger: on === 'breach' ? { ...p.trigger, on } : { on } })}
            />
          ),
        },
        {
          key: 'stageIds',
          title: t('stageIds'),
          render: (p, set) =>
            p.trigger.on === 'breach' ? (
              <MultiSelect
                value={p.trigger.stageIds ?? []}
                options={stageOptions(policy)}
                placeholder={t('allStages')}
                width={160}
                onChange={(ids) => set({ trigger: patchRow(p.trigger, { stageIds: ids.length ? ids : undefined }) })}
              />
            ) : null,
        },
        numberColumn<Penalty>('amount', t('amount'), 90),
        selectColumn<Penalty>('targetRole', t('targetRole'), { options: roles, width: 130 }),
        selectColumn<Penalty>('approverRole', t('approverRole'), { options: roles, width: 130 }),
        switchColumn<Penalty>('perOccurrence', t('perOccurrence')),
      ]}
    />
  );
}
