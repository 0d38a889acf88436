import { Typography } from 'antd';
import type { Policy } from '../../../src-shared/domain/policy';
import { EditableRows, type RowColumn } from './EditableRows';
import { MultiSelect, selectColumn, switchColumn } from './columns';
import { ClockSelect, DurationInput } from './DurationInput';
import { rowsOf, type SectionEditorProps } from './editor-props';
import { roleOptions } from './options';
import { LADDER_STEPS, ladderRoles, withLadderRoles } from './section-values';
import { usePT } from './i18n';

// 环节与时限: the limits, clocks, extension approver and whether the clock may pause of each stage, and its escalation ladder (who is
// told at the start, at the warning and at the breach). Stages themselves (their start and stop events)
// are added in the advanced JSON: an administrator changes limits and who is told, not the workflow.

type Stage = Policy['stages'][number];

export function StagesEditor(props: SectionEditorProps<Policy['stages']>) {
  const { t } = usePT();
  const roles = roleOptions(props.policy);
  const name: RowColumn<Stage> = {
    key: 'name',
    title: t('stageName'),
    render: (s) => <Typography.Text style={{ display: 'inline-block', maxWidth: 220 }}>{s.name}</Typography.Text>,
  };
  return (
    <>
      <Typography.Text strong>{t('limitsTitle')}</Typography.Text>
      <EditableRows<Stage>
        testId="stage-limits"
        {...rowsOf(props)}
        columns={[
          name,
          { key: 'limit', title: t('limit'), render: (s, set) => <DurationInput value={s.limit} onChange={(limit) => set({ limit })} /> },
          { key: 'clock', title: t('clock'), render: (s, set) => <ClockSelect value={s.clock} onChange={(clock) => set({ clock })} /> },
          selectColumn<Stage>('extensionApproverRole', t('extension'), { options: roles, placeholder: t('none'), width: 140 }),
          // Whether the desk offers 暂停计时 on this stage (e.g. while waiting for the resident to give access).
          switchColumn<Stage>('pausable', t('pausable')),
        ]}
      />
      <div style={{ height: 12 }} />
      <Typography.Text strong>{t('ladderTitle')}</Typography.Text>
      <EditableRows<Stage>
        testId="stage-ladder"
        {...rowsOf(props)}
        columns={[
          name,
          ...LADDER_STEPS.map((at): RowColumn<Stage> => ({
            key: at,
            title: t(`ladder.${at}`),
            render: (s, set) => (
              <MultiSelect
                value={ladderRoles(s.ladder, at)}
                options={roles}
                width={250}
                testId={`ladder-${at}`}
                onChange={(r) => set({ ladder: withLadderRoles(s.ladder, at, r) })}
              />
            ),
          })),
        ]}
      />
    </>
  );
}
