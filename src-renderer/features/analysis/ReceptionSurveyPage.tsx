import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, InputNumber, List, Row, Space, Table, Tag, Typography, Input } from 'antd';
import { dutyOccurrences, appointmentsOn } from '../../../src-shared/analytics/duties';
import { periodOf } from '../../../src-shared/analytics/period';
import { DEFAULT_SURVEY_ITEMS, surveySchema, surveySummary } from '../../../src-shared/analytics/survey';
import { useSurvey, writeSurvey } from './survey-store';
import type { Policy } from '../../../src-shared/domain/policy';
import { useDesk } from '../../data/desk-context';
import { useCases } from '../../data/hooks';
import { UserAddOutlined } from '@ant-design/icons';
import { hrefOf, navigate } from '../../app/router';
import { formatDateTime } from '../../format/time';
import { formatRate, useAT } from './i18n';

// S1-8 the leaders' reception days (last Friday morning of every month, from the policy's duties) with the
// visitors booked for each, and S10-14 the yearly survey per service item, weakest item first.
// The survey is the site's (survey-store.ts): saved here, it replicates to the site's other desks, and a
// save there shows here. Who may edit it is unchanged: any staff member signed in at a desk of the site.

const ALL = { scope: 'all', limit: 1_000_000 } as const;

export function ReceptionSurveyPage() {
  const { policy } = useDesk();
  const { t } = useAT();
  if (!policy) return <Alert type="warning" title={t('a.noPolicy')} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="reception-survey">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('a.receptionTitle')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={10}>
          <ReceptionDays policy={policy} />
        </Col>
        <Col xs={24} xl={14}>
          <SurveyCard />
        </Col>
      </Row>
    </Space>
  );
}

function ReceptionDays({ policy }: { policy: Policy }) {
  const { t } = useAT();
  const { cases } = useCases(ALL);
  const now = Date.now();
  const sessions = useMemo(
    () =>
      dutyOccurrences(
        (policy.duties ?? []).filter((d) => d.weekOfMonth !== undefined && d.weekday !== undefined),
        now - 86_400_000,
        now + 190 * 86_400_000,
        policy.utcOffsetMinutes,
      ).slice(0, 6),
    [policy, now],
  );
  return (
    <Card size="small" title={t('a.reception')}>
      {sessions.length === 0 ? (
        <Typography.Text type="secondary">{t('a.receptionNone')}</Typography.Text>
      ) : (
        <List
          data-testid="reception-days"
          dataSource={sessions}
          renderItem={(s) => {
            const day = periodOf(s.at, 'day', policy.utcOffsetMinutes).key;
            const visitors = appointmentsOn(cases, day);
            return (
              <List.Item>
                <Space orientation="vertical" size={2}>
                  <Space>
                    <Tag color="blue">{day}</Tag>
                    <span>
                      {s.name} {formatDateTime(s.at).slice(11, 16)}–{formatDateTime(s.until ?? s.dueAt).slice(11, 16)}
                    </span>
                    <Button size="small" icon={<UserAddOutlined />} onClick={() => navigate({ name: 'intake', receptionDay: day })} data-testid={`book-${day}`}>
                      {t('a.bookVisitor')}
                    </Button>
                  </Space>
                  <Typography.Text type="secondary">
                    {t('a.visitors')}：
                    {visitors.length === 0
                      ? t('a.noVisitors')
                      : visitors.map((v) => (
                          <a key={v.id} href={hrefOf({ name: 'case', id: v.id })} style={{ marginRight: 8 }}>
                            {v.number}
                          </a>
                        ))}
                  </Typography.Text>
                </Space>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}

interface TallyRow {
  item: string;
  respondents: number;
  satisfied: number;
  scoreSum?: number;
}

function SurveyCard() {
  const { t, lang } = useAT();
  const { message } = App.useApp();
  const { db, identity, staff } = useDesk();
  const year = new Date().getFullYear();
  const saved = useSurvey(year);
  const [rows, setRows] = useState<TallyRow[]>(() => DEFAULT_SURVEY_ITEMS.map((item) => ({ item, respondents: 0, satisfied: 0 })));
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (saved) setRows(saved.tallies.map((x) => ({ ...x })));
  }, [saved]);

  async function save() {
    const parsed = surveySchema.safeParse({ id: String(year), year, title: `${year}`, tallies: rows.filter((r) => r.item.trim()) });
    if (!parsed.success) {
      setError(t('a.surveyInvalid'));
      return;
    }
    if (!identity) return;
    const written = await writeSurvey(db, identity, year, parsed.data, staff?.id);
    if (!written.ok) {
      setError(t('a.saveFailed', { reason: written.errors[0]?.message[lang] ?? '' }));
      return;
    }
    setError(undefined);
    void message.success(t('a.surveySaved'));
  }

  const update = (i: number, patch: Partial<TallyRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const summary = saved ? surveySummary(saved) : [];

  return (
    <Card
      size="small"
      title={`${t('a.survey')} · ${year}`}
      extra={
        <Button type="primary" size="small" onClick={() => void save()} data-testid="survey-save">
          {t('common.save')}
        </Button>
      }
    >
      {error ? <Alert type="error" title={error} style={{ marginBottom: 8 }} /> : null}
      <Table<TallyRow>
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('a.surveyItem'), render: (_, r, i) => <Input value={r.item} onChange={(e) => update(i, { item: e.target.value })} /> },
          {
            title: t('a.respondents'),
            render: (_, r, i) => (
              <InputNumber min={0} value={r.respondents} onChange={(v) => update(i, { respondents: Number(v ?? 0) })} data-testid={`survey-respondents-${i}`} />
            ),
          },
          {
            title: t('a.satisfiedCount'),
            render: (_, r, i) => (
              <InputNumber min={0} value={r.satisfied} onChange={(v) => update(i, { satisfied: Number(v ?? 0) })} data-testid={`survey-satisfied-${i}`} />
            ),
          },
          {
            title: t('a.scoreSum'),
            render: (_, r, i) => (
              <InputNumber min={0} value={r.scoreSum} onChange={(v) => update(i, v === null ? { scoreSum: undefined } : { scoreSum: Number(v) })} />
            ),
          },
        ]}
      />
      <Button size="small" style={{ marginTop: 8 }} onClick={() => setRows((rs) => [...rs, { item: '', respondents: 0, satisfied: 0 }])}>
        {t('a.addItem')}
      </Button>
      <div style={{ marginTop: 12 }} data-testid="survey-summary">
        {summary.length === 0 ? (
          <Typography.Text type="secondary">{t('a.surveyNone')}</Typography.Text>
        ) : (
          summary.map((s) => (
            <Tag key={s.item} color={s.satisfiedRate === null ? undefined : s.satisfiedRate < 0.8 ? 'red' : 'green'} style={{ marginBottom: 4 }}>
              {s.item} {t('a.satisfiedRate')} {formatRate(s.satisfiedRate, lang, 0)}
              {s.meanScore !== null ? ` · ${t('a.meanScore')} ${s.meanScore.toFixed(2)}` : ''}
            </Tag>
          ))
        )}
      </div>
    </Card>
  );
}
