import { useMemo } from 'react';
import { Collapse, Table, Tag, Typography } from 'antd';
import { diffPolicies } from '../../../src-shared/analytics/policy-diff';
import { changeSentence, describeChanges, type ChangeLine } from '../../../src-shared/analytics/policy-diff-text';
import type { Policy } from '../../../src-shared/domain/policy';
import { usePT } from './i18n';

// 版本对比 (S0-2): what changed between two revisions, in the words the administrator and the approving
// manager sign off (类别与派单 · 停车管理 · 新增 · 责任部门 秩序维护部), never data paths or JSON; the same
// lines as sentences to copy into an approval form.

const KIND_COLOR: Record<ChangeLine['kind'], string> = { added: 'green', removed: 'red', changed: 'blue' };

export function PolicyDiffView({ before, after }: { before: Policy; after: Policy }) {
  const { t, lang } = usePT();
  const lines = useMemo(() => describeChanges(diffPolicies(before, after), before, after, lang), [before, after, lang]);
  if (lines.length === 0) return <Typography.Text type="secondary">{t('noChanges')}</Typography.Text>;
  const empty = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <>
      <Table<ChangeLine>
        size="small"
        data-testid="diff-table"
        rowKey="key"
        pagination={false}
        dataSource={lines}
        columns={[
          // Section names are short phrases (类别与派单): kept on one line instead of two characters a line.
          { title: t('section'), dataIndex: 'sectionLabel', width: 130, render: (s: string) => <span style={{ whiteSpace: 'nowrap' }}>{s}</span> },
          { title: t('path'), dataIndex: 'item', width: 280 },
          { title: '', dataIndex: 'kind', width: 64, render: (k: ChangeLine['kind']) => <Tag color={KIND_COLOR[k]}>{t(`kind.${k}`)}</Tag> },
          {
            title: `${t('before')}（${t('revision')} ${before.revision}）`,
            render: (_, l) => (l.before === undefined ? empty : <Typography.Text delete>{l.before}</Typography.Text>),
          },
          {
            title: `${t('after')}（${t('revision')} ${after.revision}）`,
            render: (_, l) => (l.after === undefined ? empty : <Typography.Text mark>{l.after}</Typography.Text>),
          },
        ]}
      />
      <Collapse
        size="small"
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'text',
            label: t('diffText', { from: before.revision, to: after.revision }),
            children: (
              <Typography.Paragraph copyable={{ text: lines.map((l) => changeSentence(l, lang)).join('\n') }} style={{ margin: 0 }}>
                <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="diff-sentences">
                  {lines.map((l) => (
                    <li key={l.key}>{changeSentence(l, lang)}</li>
                  ))}
                </ol>
              </Typography.Paragraph>
            ),
          },
        ]}
      />
    </>
  );
}
