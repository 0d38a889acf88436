import { useEffect, useState } from 'react';
import { Space, Tag, Typography } from 'antd';
import { linkedCasesOf, type LinkedCase } from '../../data/complainant-history';
import { useDesk } from '../../data/desk-context';
import { hrefOf } from '../../app/router';
import { useT, type MessageKey } from '../../i18n/i18n';

// The cases linked at intake (S7-7, S8-11): on the later case the earlier one it repeats, on the earlier
// case every later one linked to it, each opened by its number. Read again when the case changes.

export function useLinkedCases(caseId: string, relatedCaseId: string | undefined, version: string): { earlier?: LinkedCase; later: LinkedCase[] } {
  const { db } = useDesk();
  const [linked, setLinked] = useState<{ earlier?: LinkedCase; later: LinkedCase[] }>({ later: [] });
  useEffect(() => {
    let stale = false;
    void linkedCasesOf(db, caseId, relatedCaseId).then((r) => !stale && setLinked(r));
    return () => {
      stale = true;
    };
  }, [db, caseId, relatedCaseId, version]);
  return linked;
}

export function LinkedCaseList({ earlier, later }: { earlier?: LinkedCase; later: LinkedCase[] }) {
  const t = useT();
  const row = (c: LinkedCase, word: MessageKey) => (
    <Space key={c.id} size="small" wrap>
      <Typography.Text type="secondary">{t(word)}</Typography.Text>
      <a href={hrefOf({ name: 'case', id: c.id })}>{c.number}</a>
      <Tag>{t(`status.${c.status}` as MessageKey)}</Tag>
      <Typography.Text>{c.subject}</Typography.Text>
    </Space>
  );
  return (
    <Space direction="vertical" size={2} data-testid="linked-cases">
      {earlier && row(earlier, 'case.linkedEarlier')}
      {later.map((c) => row(c, 'case.linkedLater'))}
    </Space>
  );
}
