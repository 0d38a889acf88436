import { Button, Card, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Policy } from '../../../src-shared/domain/policy';
import { EditableRows, type RowColumn } from './EditableRows';
import { codeColumn, numberColumn, selectColumn, textColumn } from './columns';
import { codesOf, type SectionEditorProps } from './editor-props';
import { roleOptions } from './options';
import { freeCode, removeAt, updateAt } from './rows';
import { usePT } from './i18n';

// 奖励 (S1-14): a reward for a verified hazard report, its levels with their amount ranges, and the role
// that approves it. One card per reward, its levels as a table.

type Reward = Policy['rewards'][number];
type Level = Reward['levels'][number];

export function RewardsEditor({ value, onChange, policy, base, errorRows }: SectionEditorProps<Policy['rewards']>) {
  const { t } = usePT();
  const header: RowColumn<Reward>[] = [
    codeColumn<Reward>('id', value, codesOf(base.rewards, 'id'), t('code')),
    textColumn<Reward>('name', t('name'), 220),
    selectColumn<Reward>('approverRole', t('approverRole'), { options: roleOptions(policy), width: 150 }),
  ];
  const newLevel = (levels: readonly Level[]): Level => ({
    level: freeCode(
      'level',
      levels.map((l) => l.level),
    ),
    name: '',
    min: 0,
    max: 0,
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="edit-rewards">
      {value.map((r, i) => {
        const set = (patch: Partial<Reward>) => onChange(updateAt(value, i, patch));
        const baseLevels = codesOf(base.rewards.find((b) => b.id === r.id)?.levels ?? [], 'level');
        return (
          <Card
            key={i}
            size="small"
            style={errorRows.has(i) ? { borderColor: '#ff4d4f' } : undefined}
            title={
              <Space wrap>
                {header.map((c) => (
                  <Space key={c.key} size={4}>
                    <Typography.Text type="secondary">{c.title}</Typography.Text>
                    {c.render(r, set, i)}
                  </Space>
                ))}
              </Space>
            }
            extra={
              <Button size="small" danger type="text" onClick={() => onChange(removeAt(value, i))}>
                {t('removeReward')}
              </Button>
            }
          >
            <EditableRows<Level>
              testId={`reward-levels-${i}`}
              rows={r.levels}
              onChange={(levels) => set({ levels })}
              minRows={1}
              addLabel={t('add.levels')}
              newRow={() => newLevel(r.levels)}
              columns={[
                codeColumn<Level>('level', r.levels, baseLevels, t('level')),
                textColumn<Level>('name', t('name')),
                numberColumn<Level>('min', t('min')),
                numberColumn<Level>('max', t('max')),
              ]}
            />
          </Card>
        );
      })}
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        data-testid="edit-rewards-add"
        onClick={() =>
          onChange([
            ...value,
            {
              id: freeCode(
                'reward',
                value.map((r) => r.id),
              ),
              name: '',
              trigger: 'hazard_verified',
              levels: [newLevel([])],
              approverRole: policy.roles[0]?.code ?? '',
              rules: [],
            },
          ])
        }
      >
        {t('add.rewards')}
      </Button>
    </Space>
  );
}
