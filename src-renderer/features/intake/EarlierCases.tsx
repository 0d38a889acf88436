import { useEffect, useState } from 'react';
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { earlierCasesOf, type EarlierCase, type MatchReason, type TypedComplainant } from '../../data/complainant-history';
import { useDesk } from '../../data/desk-context';
import { hrefOf } from '../../app/router';
import { formatMinute } from '../../format/time';
import { useT, type MessageKey } from '../../i18n/i18n';

// Beside the intake form: the caller's earlier cases, looked up by the phone number, the name and the place
// (the form's 房号 …) as they are typed, so the clerk recognises a repeat or a case still open (S7-7, S8-11)
// before registering a new one. Each case says why it is listed, in the form's own words (同一电话, 同一姓名,
// 同一房号). The form's draft is kept, so opening an earlier case and coming back loses nothing. The list
// lands a moment after typing, between the caller's fields and 事由; its links stay out of the Tab order so
// a clerk tabbing on without looking still lands in the next field (they are opened with the mouse).
// 关联 beside a case links the new case to it (recorded in the registration, relatedCaseId; both case pages
// show it); not offered while the caller is confidential or anonymous (S1-5), the domain refuses it too.

export interface IntakeLink {
  id: string;
  number: string;
}

export function EarlierCases({
  typed,
  words,
  linked,
  onLink,
  linkBlocked,
  linkError,
}: {
  typed: TypedComplainant;
  /** The form's word for each key: its labels of the phone, the name and the place field. */
  words: Record<MatchReason, string>;
  linked?: IntakeLink;
  onLink: (c: IntakeLink | undefined) => void;
  linkBlocked: boolean;
  linkError?: string;
}) {
  const t = useT();
  const { db } = useDesk();
  const [found, setFound] = useState<{ total: number; open: number; cases: EarlierCase[] }>({ total: 0, open: 0, cases: [] });
  const { phone, name, place } = typed;
  useEffect(() => {
    let stale = false;
    // After a short pause in typing, not on every digit.
    const timer = setTimeout(() => void earlierCasesOf(db, { phone, name, place }).then((r) => !stale && setFound(r)), 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [db, phone, name, place]);
  if (found.total === 0) return null;
  const { open } = found;
  return (
    <Alert
      type={open > 0 ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="earlier-cases"
      message={t(open > 0 ? 'intake.earlierOpen' : 'intake.earlier', { total: found.total, open })}
      description={
        <Space direction="vertical" size={2}>
          {found.cases.map((c) => (
            <Space key={c.id} size="small" wrap>
              <a href={hrefOf({ name: 'case', id: c.id })} tabIndex={-1}>
                {c.number}
              </a>
              <Tag color={c.open ? 'blue' : 'default'}>{t(`status.${c.status}` as MessageKey)}</Tag>
              {/* A tag, not the Alert's warning text colour: orange on its yellow ground could hardly be read. */}
              <Tag color="orange" bordered={false} data-testid={`reasons-${c.number}`}>
                {c.reasons.map((r) => t('intake.sameAs', { field: words[r] })).join(' · ')}
              </Tag>
              <Typography.Text>{c.subject}</Typography.Text>
              <Typography.Text type="secondary">{formatMinute(c.registeredAt)}</Typography.Text>
              <Button
                size="small"
                tabIndex={-1}
                type={linked?.id === c.id ? 'primary' : 'default'}
                disabled={linkBlocked && linked?.id !== c.id}
                title={linkBlocked ? t('intake.linkConfidential') : undefined}
                aria-pressed={linked?.id === c.id}
                data-testid={`link-${c.number}`}
                onClick={() => onLink(linked?.id === c.id ? undefined : { id: c.id, number: c.number })}
              >
                {t(linked?.id === c.id ? 'intake.linked' : 'intake.link')}
              </Button>
            </Space>
          ))}
          {linked && !linkError && <Typography.Text data-testid="intake-linked-to">{t('intake.linkedTo', { number: linked.number })}</Typography.Text>}
          {linkBlocked && !linked && <Typography.Text type="secondary">{t('intake.linkConfidential')}</Typography.Text>}
          {linkError && (
            <Typography.Text type="danger" data-testid="intake-link-error">
              {linkError}
            </Typography.Text>
          )}
          {found.total > found.cases.length && (
            <Typography.Text type="secondary">{t('intake.earlierMore', { n: found.total - found.cases.length })}</Typography.Text>
          )}
        </Space>
      }
    />
  );
}
