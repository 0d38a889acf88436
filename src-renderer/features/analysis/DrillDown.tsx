import { Drawer, Table } from 'antd';
import type { CaseState } from '../../../src-shared/domain/case-state';
import { hrefOf } from '../../app/router';
import { formatDateTime } from '../../format/time';
import { useAT } from './i18n';

// The cases behind a figure: every chart and number opens this list; each number links to its case page.

export interface Drill {
  title: string;
  caseIds: string[];
}

export function DrillDown({ drill, byId, onClose }: { drill: Drill | undefined; byId: Map<string, CaseState>; onClose: () => void }) {
  const { t } = useAT();
  const rows = (drill?.caseIds ?? []).map((id) => byId.get(id)).filter((c): c is CaseState => !!c);
  return (
    <Drawer open={!!drill} onClose={onClose} size="large" title={drill ? t('a.drill', { title: drill.title, n: drill.caseIds.length }) : ''} destroyOnHidden>
      <Table<CaseState>
        data-testid="drill-list"
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('a.number'), dataIndex: 'number', render: (n: string, c) => <a href={hrefOf({ name: 'case', id: c.id })}>{n}</a> },
          { title: t('a.received'), dataIndex: 'receivedAt', render: (v: number) => formatDateTime(v) },
          { title: t('a.subject'), dataIndex: 'subject' },
        ]}
      />
    </Drawer>
  );
}
