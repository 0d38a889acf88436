import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Empty, InputNumber, List, Row, Segmented, Select, Space, Spin, Statistic, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, FileTextOutlined } from '@ant-design/icons';
import { computeStatistics, DIMENSIONS, type CaseStatistics, type Dimension } from '../../../src-shared/analytics/stats';
import { PERIOD_GRANULARITY, periodLabel, periodOf, type Granularity, type Period } from '../../../src-shared/analytics/period';
import { findRepeatedProblems, placeFieldsOf } from '../../../src-shared/analytics/repeated';
import { dutyReminders, type DutyOccurrence } from '../../../src-shared/analytics/duties';
import { markDutyDone, useDutiesDone } from './duties-store';
import { casesTable, statisticsTables } from '../../../src-shared/analytics/tables';
import { CASE_LIST_DEFAULT_MAX, caseListRows, summaryReport } from '../../../src-shared/analytics/summary-lists';
import type { Policy } from '../../../src-shared/domain/policy';
import type { CaseState } from '../../../src-shared/domain/case-state';
import { useDesk } from '../../data/desk-context';
import { useStaffNames } from '../../data/hooks';
import { DocumentPreview, type PreviewRequest } from '../print/DocumentPreview';
import { formatDateTime } from '../../format/time';
import { EChart, type ChartOption } from './EChart';
import { DrillDown, type Drill } from './DrillDown';
import { RepeatedProblems } from './RepeatedProblems';
import { downloadCsv, downloadXlsx } from './download';
import { formatDuration, formatRate, useAT } from './i18n';
import { useAnalysedCases } from './useAnalysedCases';
import { useSurvey } from './survey-store';
import { surveySummary } from '../../../src-shared/analytics/survey';

// 统计分析 (X-6, S1-12, S4-9, S7-6/7, S8-10/11, S10-10/20): figures for a period with their trend,
// breakdowns, on-time rates, callbacks and repeated problems. Every number opens the cases behind it.

/** The trend inside a period is one step finer than the period. */
const TREND_UNIT: Record<Exclude<Granularity, 'day'>, Granularity> = { week: 'day', month: 'day', quarter: 'week', year: 'month' };
type PeriodGranularity = Exclude<Granularity, 'day'>;

function lastPeriods(now: number, g: Granularity, offset: number, n: number): Period[] {
  const out: Period[] = [];
  let p = periodOf(now, g, offset);
  for (let i = 0; i < n; i++) {
    out.push(p);
    p = periodOf(p.start - 1, g, offset);
  }
  return out;
}

export function AnalysisPage() {
  const { policy } = useDesk();
  const { t } = useAT();
  if (!policy) return <Alert type="warning" title={t('a.noPolicy')} />;
  return <AnalysisFor policy={policy} />;
}

function AnalysisFor({ policy }: { policy: Policy }) {
  const { t, lang } = useAT();
  const { message } = App.useApp();
  const staffNames = useStaffNames();
  const { organisation } = useDesk().config;
  const offset = policy.utcOffsetMinutes;
  const data = useAnalysedCases();
  const grans = useMemo(() => {
    const fromPolicy = policy.analysisPeriods.map((p) => PERIOD_GRANULARITY[p]);
    return (['week', 'month', 'quarter', 'year'] as const).filter((g) => g === 'month' || fromPolicy.includes(g));
  }, [policy.analysisPeriods]);
  const [gran, setGran] = useState<PeriodGranularity>('month');
  const periods = useMemo(() => lastPeriods(data.now, gran, offset, 12), [data.now, gran, offset]);
  const [periodKey, setPeriodKey] = useState<string | undefined>(undefined);
  const period = periods.find((p) => p.key === periodKey) ?? periods[0]!;
  const [base, setBase] = useState<number | null>(policy.targets.baseCount ?? null);
  const [drill, setDrill] = useState<Drill | undefined>(undefined);
  // S10-14: the year's survey sits beside the complaint figures of the period.
  const survey = useSurvey(new Date(period.start + offset * 60_000).getUTCFullYear());

  const stats: CaseStatistics = useMemo(
    () =>
      computeStatistics(data.cases, {
        from: period.start,
        to: period.end,
        granularity: TREND_UNIT[gran],
        now: data.now,
        policy,
        callbackDueAt: data.callbackDue,
        ...(base ? { base } : {}),
        lang,
      }),
    [data.cases, data.now, data.callbackDue, period, gran, policy, base, lang],
  );
  const periodStates = useMemo(() => stats.total.caseIds.map((id) => data.byId.get(id)!).filter(Boolean), [stats, data.byId]);
  const groups = useMemo(
    () =>
      findRepeatedProblems(periodStates, { windowMs: Math.min(30, (period.end - period.start) / 86_400_000) * 86_400_000, placeKeys: placeFieldsOf(policy) }),
    [periodStates, period, policy],
  );
  // S8-10 and the other period duties: marked done on any desk of the organisation, reminded on none.
  const dutiesDone = useDutiesDone();
  const { db, identity, staff } = useDesk();
  const reminders = useMemo(
    () => dutyReminders(policy.duties ?? [], data.now, offset, { aheadDays: 10, behindDays: 5, done: dutiesDone }),
    [policy.duties, data.now, offset, dutiesDone],
  );
  const label = periodLabel(period, lang);
  const open = (title: string, caseIds: string[]) => setDrill({ title, caseIds });

  const trendOption: ChartOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 30 },
    xAxis: { type: 'category', data: stats.trend.map((p) => p.label) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: t('a.total'), data: stats.trend.map((p) => p.count), itemStyle: { color: '#1f6feb' } }],
  };
  const stageOption: ChartOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 110, right: 16, top: 30, bottom: 20 },
    yAxis: { type: 'category', data: stats.onTime.map((o) => `${o.name} ${formatRate(o.rate.rate, lang, 0)}`), inverse: true },
    xAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', stack: 's', name: t('a.onTimeSeries'), data: stats.onTime.map((o) => o.onTime.count), itemStyle: { color: '#52c41a' } },
      { type: 'bar', stack: 's', name: t('a.lateSeries'), data: stats.onTime.map((o) => o.late.count), itemStyle: { color: '#faad14' } },
      { type: 'bar', stack: 's', name: t('a.overdueSeries'), data: stats.onTime.map((o) => o.overdue.count), itemStyle: { color: '#f5222d' } },
      { type: 'bar', stack: 's', name: t('a.runningSeries'), data: stats.onTime.map((o) => o.running.count), itemStyle: { color: '#bfbfbf' } },
    ],
  };
  const stageSeries = ['onTime', 'late', 'overdue', 'running'] as const;
  const seriesName = { onTime: t('a.onTimeSeries'), late: t('a.lateSeries'), overdue: t('a.overdueSeries'), running: t('a.runningSeries') };

  const v = stats.validComplaints;
  const cb = stats.callback;
  // Counts only: the figures list their cases when read (stats.ts), so the lists are read on a click.
  const onTimeAll = stats.onTime.reduce((a, o) => ({ n: a.n + o.onTime.count, d: a.d + o.rate.denominator.count }), { n: 0, d: 0 });
  const fileBase = `${organisation?.name ?? 'jiesu'}-${period.key}`;

  async function markDone(r: DutyOccurrence) {
    if (!identity) return;
    const written = await markDutyDone(db, { ...identity, ...(staff ? { staffId: staff.id } : {}) }, r);
    if (!written.ok) void message.error(t('a.saveFailed', { reason: written.errors[0]?.message[lang] ?? '' }));
  }

  // 生成汇总表 opens the shared print preview (download or print, in either shell); the request is built
  // when the clerk asks, for the period asked about. It carries the figures, the per-month table and the
  // short lists of cases that need attention; one row per case (附案件明细) only while the option in the
  // preview is ticked, on by default up to 2,000 cases (issue 14 item 4: a year of 100k cases would
  // otherwise send every case to the host and print ~4,700 pages).
  const [summary, setSummary] = useState<{ period: Period; report: ReturnType<typeof summaryReport>; withList: boolean }>();
  function openSummary(p: Period) {
    const report = summaryReport(
      data.cases,
      { from: p.start, to: p.end, now: data.now, policy, callbackDueAt: data.callbackDue, ...(base ? { base } : {}) },
      (id) => data.byId.get(id),
    );
    const n = report.stats.total.count;
    setSummary({ period: p, report, withList: n > 0 && n <= CASE_LIST_DEFAULT_MAX });
  }
  // The rows are built once per tick of the option, not on every render of the page (a year is 100k rows).
  const summaryCaseList = useMemo(
    () => (summary?.withList ? caseListRows(summary.report.stats.total.caseIds.map((id) => data.byId.get(id)).filter((c): c is CaseState => !!c)) : undefined),
    [summary, data.byId],
  );
  const summaryRequest = useMemo((): PreviewRequest | undefined => {
    if (!summary) return undefined;
    const { period: p, report } = summary;
    return {
      document: 'summary',
      title: `${t('a.summarySheet')} ${periodLabel(p, lang)}`,
      revision: summaryCaseList ? 'with-case-list' : 'lists-only',
      data: {
        organisation: { name: organisation?.name ?? '' },
        policy,
        staffNames: Object.fromEntries(staffNames),
        period: { label: periodLabel(p, 'zh-CN'), from: p.start, to: p.end },
        figures: report.figures,
        months: report.months,
        attention: report.attention,
        ...(summaryCaseList ? { caseList: summaryCaseList } : {}),
      },
    };
  }, [summary, summaryCaseList, t, lang, organisation, policy, staffNames]);
  const summaryCount = summary?.report.stats.total.count ?? 0;

  if (data.loading) return <Spin description={t('a.loading')} />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="analysis-page">
      <Space wrap align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('a.title')}
        </Typography.Title>
        <Segmented<PeriodGranularity>
          data-testid="analysis-granularity"
          value={gran}
          onChange={(g) => {
            setGran(g);
            setPeriodKey(undefined);
          }}
          options={grans.map((g) => ({ value: g, label: t(`g.${g}`) }))}
        />
        <Select
          data-testid="analysis-period"
          style={{ width: 180 }}
          value={period.key}
          onChange={setPeriodKey}
          options={periods.map((p) => ({ value: p.key, label: periodLabel(p, lang) }))}
        />
        <span>{t('a.base')}</span>
        <InputNumber
          data-testid="analysis-base"
          min={1}
          value={base}
          onChange={(x) => setBase(typeof x === 'number' ? x : null)}
          suffix={policy.targets.baseLabel}
        />
        <Button
          icon={<DownloadOutlined />}
          data-testid="export-xlsx"
          onClick={() => downloadXlsx([...statisticsTables(stats, lang), casesTable(periodStates, policy, lang)], fileBase)}
        >
          {t('a.exportXlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => downloadCsv(casesTable(periodStates, policy, lang), fileBase)}>
          {t('a.exportCsv')}
        </Button>
        <Button icon={<FileTextOutlined />} data-testid="summary-sheet" onClick={() => openSummary(period)}>
          {t('a.summaryDoc')}
        </Button>
      </Space>
      {summary && summaryRequest && (
        <DocumentPreview
          request={summaryRequest}
          onClose={() => setSummary(undefined)}
          options={
            <Space size={4}>
              <Checkbox
                data-testid="summary-case-list"
                checked={summary.withList}
                disabled={summaryCount === 0}
                onChange={(e) => setSummary({ ...summary, withList: e.target.checked })}
              >
                {t('a.summaryCaseList', { n: summaryCount })}
              </Checkbox>
              {summaryCount > CASE_LIST_DEFAULT_MAX ? (
                <Typography.Text type="secondary">{t('a.summaryCaseListSlow', { pages: Math.ceil(summaryCount / 21) })}</Typography.Text>
              ) : null}
            </Space>
          }
        />
      )}

      <Row gutter={[12, 12]}>
        <Kpi title={t('a.total')} value={String(stats.total.count)} onClick={() => open(t('a.total'), stats.total.caseIds)} testId="kpi-total" />
        <Kpi
          title={t('a.onTime')}
          value={formatRate(onTimeAll.d ? onTimeAll.n / onTimeAll.d : null, lang)}
          onClick={() => open(t('a.onTime'), [...new Set(stats.onTime.flatMap((o) => o.onTime.caseIds))])}
          testId="kpi-ontime"
        />
        <Kpi
          title={t('a.medianReply')}
          value={formatDuration(stats.replyTime.medianMs, lang)}
          extra={`P90 ${formatDuration(stats.replyTime.p90Ms, lang)}`}
          onClick={() => open(t('a.medianReply'), stats.replyTime.caseIds)}
          testId="kpi-reply"
        />
        <Kpi
          title={t('a.medianResolve')}
          value={formatDuration(stats.resolveTime.medianMs, lang)}
          extra={`P90 ${formatDuration(stats.resolveTime.p90Ms, lang)}`}
          onClick={() => open(t('a.medianResolve'), stats.resolveTime.caseIds)}
          testId="kpi-resolve"
        />
        <Kpi
          title={t('a.callbackRate')}
          value={formatRate(cb.rate.rate, lang)}
          extra={policy.targets.callbackRate !== undefined ? `${t('a.target')} ${formatRate(policy.targets.callbackRate, lang, 0)}` : undefined}
          onClick={() => open(t('a.callbackDone'), cb.done.caseIds)}
          testId="kpi-callback"
        />
        <Kpi
          title={t('a.validRate')}
          value={v.rate === null ? t('a.noBase') : formatRate(v.rate, lang, 2)}
          extra={
            v.target !== null
              ? `${t('a.target')} < ${formatRate(v.target, lang, 0)}${v.meetsTarget === null ? '' : ` · ${v.meetsTarget ? t('a.meets') : t('a.misses')}`}`
              : undefined
          }
          danger={v.meetsTarget === false}
          onClick={() => open(t('a.validRate'), v.valid.caseIds)}
          testId="kpi-valid"
        />
      </Row>

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={`${t('a.trend')} · ${label}`}>
            <EChart
              testId="chart-trend"
              option={trendOption}
              onClick={({ dataIndex }) => open(stats.trend[dataIndex]!.label, stats.trend[dataIndex]!.caseIds)}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('a.stages')}>
            <EChart
              testId="chart-stages"
              option={stageOption}
              onClick={({ seriesIndex, dataIndex }) => {
                const o = stats.onTime[dataIndex]!;
                const k = stageSeries[seriesIndex]!;
                open(`${o.name} · ${seriesName[k]}`, o[k].caseIds);
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('a.breakdown')}>
            <Tabs items={DIMENSIONS.map((d) => ({ key: d, label: t(`a.dim.${d}`), children: <Breakdown stats={stats} dimension={d} onOpen={open} /> }))} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('a.callback')}>
            <Space wrap>
              <Tag color="blue" style={{ cursor: 'pointer' }} onClick={() => open(t('a.callbackDone'), cb.done.caseIds)}>
                <span data-testid="figure-callback-done">
                  {t('a.callbackDone')} {cb.done.count}/{cb.eligible.count}
                </span>
              </Tag>
              <Tag color="red" style={{ cursor: 'pointer' }} onClick={() => open(t('a.callbackOverdue'), cb.overdue.caseIds)}>
                {t('a.callbackOverdue')} {cb.overdue.count}
              </Tag>
              <Tag color="orange" style={{ cursor: 'pointer' }} onClick={() => open(t('a.callbackLate'), cb.late.caseIds)}>
                {t('a.callbackLate')} {cb.late.count}
              </Tag>
              <Tag
                color="volcano"
                style={{ cursor: 'pointer' }}
                onClick={() => open(t('a.callbackUnsatisfied'), cb.unsatisfied.caseIds)}
                data-testid="figure-callback-unsatisfied"
              >
                {t('a.callbackUnsatisfied')} {cb.unsatisfied.count}
              </Tag>
              <Tag color="green" style={{ cursor: 'pointer' }} onClick={() => open(t('a.satisfied'), cb.satisfied.caseIds)}>
                {t('a.satisfied')} {formatRate(cb.satisfiedRate.rate, lang, 0)}
              </Tag>
              <span data-testid="figure-satisfaction">
                {t('a.satisfaction')}：{cb.satisfactionMean === null ? t('common.none') : cb.satisfactionMean.toFixed(2)} / 5
              </span>
            </Space>
          </Card>
          <Card size="small" title={t('a.duties')} style={{ marginTop: 12 }}>
            {reminders.length === 0 ? (
              <Typography.Text type="secondary">{t('a.dutiesNone')}</Typography.Text>
            ) : (
              <List
                size="small"
                data-testid="duty-reminders"
                dataSource={reminders}
                renderItem={(r) => (
                  <List.Item
                    actions={[
                      ...(r.type === 'deadline' && r.covers.granularity !== 'week'
                        ? [
                            <Button key="print" size="small" icon={<FileTextOutlined />} onClick={() => openSummary(r.covers)}>
                              {t('a.summaryDoc')}
                            </Button>,
                          ]
                        : []),
                      <Button key="done" size="small" onClick={() => void markDone(r)}>
                        {t('a.dutyDone')}
                      </Button>,
                    ]}
                  >
                    <Space wrap>
                      <Tag color={r.state === 'overdue' ? 'red' : r.state === 'due_today' ? 'orange' : 'default'}>{t(`a.duty.${r.state}`)}</Tag>
                      <span>{r.name}</span>
                      <Typography.Text type="secondary">
                        {formatDateTime(r.type === 'session' ? r.at : r.dueAt - 1)} · {t('a.covers')} {periodLabel(r.covers, lang)}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>

      {survey ? (
        <Card size="small" title={`${t('a.survey')} · ${survey.year}`} extra={<a href="#/reception">{t('nav.reception')}</a>}>
          <Space wrap data-testid="analysis-survey">
            {surveySummary(survey).map((s) => (
              <Tag key={s.item} color={s.satisfiedRate === null ? undefined : s.satisfiedRate < 0.8 ? 'red' : 'green'}>
                {s.item} {formatRate(s.satisfiedRate, lang, 0)}
              </Tag>
            ))}
          </Space>
        </Card>
      ) : null}

      <Card size="small" title={`${t('a.repeated')}（${groups.length}）`}>
        {groups.length === 0 ? (
          <Empty description={t('a.repeatedNone')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <RepeatedProblems groups={groups} byId={data.byId} policy={policy} onOpen={open} />
        )}
      </Card>

      <DrillDown drill={drill} byId={data.byId} onClose={() => setDrill(undefined)} />
    </Space>
  );
}

function Kpi({
  title,
  value,
  extra,
  onClick,
  danger,
  testId,
}: {
  title: string;
  value: string;
  extra?: string | undefined;
  onClick: () => void;
  danger?: boolean;
  testId: string;
}) {
  return (
    <Col xs={12} md={8} xl={4}>
      <Card size="small" hoverable onClick={onClick} data-testid={testId}>
        <Statistic title={title} value={value} styles={{ content: { fontSize: 22, color: danger ? '#cf1322' : undefined } }} />
        {extra ? <Typography.Text type="secondary">{extra}</Typography.Text> : null}
      </Card>
    </Col>
  );
}

function Breakdown({ stats, dimension, onOpen }: { stats: CaseStatistics; dimension: Dimension; onOpen: (title: string, ids: string[]) => void }) {
  const rows = stats.breakdowns[dimension].slice(0, 15);
  const option: ChartOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 120, right: 24, top: 8, bottom: 20 },
    yAxis: { type: 'category', data: rows.map((r) => r.label), inverse: true },
    xAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: rows.map((r) => r.count), itemStyle: { color: '#13a8a8' }, label: { show: true, position: 'right' } }],
  };
  return (
    <EChart
      testId={`chart-${dimension}`}
      option={option}
      height={Math.max(160, rows.length * 28 + 40)}
      onClick={({ dataIndex }) => onOpen(rows[dataIndex]!.label, rows[dataIndex]!.caseIds)}
    />
  );
}
