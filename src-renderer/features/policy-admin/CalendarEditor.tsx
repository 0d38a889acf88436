import { useState } from 'react';
import { Alert, Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Policy } from '../../../src-shared/domain/policy';
import {
  addHolidayRange,
  addMakeUpDay,
  isProvisionalYear,
  noticeOf,
  provisionalYearAhead,
  removeNoticeEntry,
  statutoryHolidays,
  type NoticeRefusal,
} from '../../data/domain';
import type { SectionEditorProps } from './editor-props';
import { dateOf } from './dates';
import { usePT, type PolicyKey } from './i18n';
import { say } from '../../i18n/i18n';

// 节假日安排: the State Council's yearly notice, entered once by the administrator and saved as a policy
// revision (calendar overrides, docs/architecture.md §Policy and the SLA engine). Until it is entered the
// year's days are provisional: the statutory holidays computed from the law, shown here for reference.

type Overrides = Policy['calendarOverrides'];

interface Row {
  key: string;
  from: string;
  to: string;
  working: boolean;
}

export function CalendarEditor(props: SectionEditorProps<Overrides>) {
  const { value, onChange, base } = props;
  const { t } = usePT();
  const thisYear = Number(dateOf(Date.now(), base.utcOffsetMinutes).slice(0, 4));
  const [year, setYear] = useState(() => provisionalYearAhead(Date.now(), base) ?? thisYear + 1);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [makeUp, setMakeUp] = useState('');
  const [refusal, setRefusal] = useState<NoticeRefusal>();

  const rows = rowsOf(value, year);
  const provisional = isProvisionalYear(year, { ...base, calendarOverrides: value });

  function apply(r: { ok: true; value: Overrides } | { ok: false; code: NoticeRefusal }, clear: () => void) {
    if (!r.ok) return setRefusal(r.code);
    setRefusal(undefined);
    clear();
    onChange(r.value);
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="edit-calendar">
      <Space wrap>
        <span>{t('notice.year')}</span>
        <Select
          style={{ width: 120 }}
          value={year}
          onChange={setYear}
          options={[thisYear, thisYear + 1, thisYear + 2].map((y) => ({ value: y, label: String(y) }))}
          data-testid="notice-year"
        />
        {provisional ? <Tag color="orange">{t('notice.provisionalTag')}</Tag> : <Tag color="green">{t('notice.enteredTag')}</Tag>}
      </Space>
      {provisional ? (
        <Alert type="info" data-testid="notice-computed" title={t('notice.computedIntro', { year })} description={<ComputedHolidays year={year} />} />
      ) : null}
      <Space wrap align="end">
        <Input
          type="date"
          style={{ width: 160 }}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          aria-label={t('notice.from')}
          data-testid="notice-from"
        />
        <span>—</span>
        <Input type="date" style={{ width: 160 }} value={to} onChange={(e) => setTo(e.target.value)} aria-label={t('notice.to')} data-testid="notice-to" />
        <Button onClick={() => apply(addHolidayRange(value, year, { from, to: to || from }), () => (setFrom(''), setTo('')))} data-testid="notice-add-holiday">
          {t('notice.addHoliday')}
        </Button>
        <Input
          type="date"
          style={{ width: 160, marginLeft: 24 }}
          value={makeUp}
          onChange={(e) => setMakeUp(e.target.value)}
          aria-label={t('notice.makeUp')}
          data-testid="notice-makeup"
        />
        <Button onClick={() => apply(addMakeUpDay(value, year, makeUp), () => setMakeUp(''))} data-testid="notice-add-makeup">
          {t('notice.addMakeUp')}
        </Button>
      </Space>
      {refusal ? <Alert type="error" showIcon title={say(refusal, '', { year })} data-testid="notice-refusal" /> : null}
      <NoticeTable rows={rows} onRemove={(r) => onChange(removeNoticeEntry(value, r.from, r.to))} />
    </Space>
  );
}

function NoticeTable({ rows, onRemove }: { rows: Row[]; onRemove?: (r: Row) => void }) {
  const { t } = usePT();
  return (
    <Table<Row>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: t('notice.none') }}
      data-testid="notice-entries"
      columns={[
        {
          title: t('notice.kind'),
          render: (_, r) => (r.working ? <Tag color="blue">{t('notice.workingDay')}</Tag> : <Tag color="red">{t('notice.dayOff')}</Tag>),
        },
        { title: t('notice.dates'), render: (_, r) => (r.from === r.to ? r.from : `${r.from} — ${r.to}`) },
        { title: t('notice.days'), render: (_, r) => t('notice.dayCount', { n: (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 + 1 }) },
        ...(onRemove
          ? [
              {
                title: '',
                render: (_: unknown, r: Row) => (
                  <Button size="small" danger onClick={() => onRemove(r)} aria-label={t('notice.remove', { dates: r.from })}>
                    {t('remove')}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

/** The statutory days of `year` computed from the law (provisional, without 调休). */
export function ComputedHolidays({ year }: { year: number }) {
  const { t } = usePT();
  return (
    <Typography.Text>
      {statutoryHolidays(year)
        .map(
          (h) => `${t(`holiday.${h.name}` as PolicyKey)} ${h.dates.length > 1 ? `${h.dates[0]!.slice(5)}—${h.dates.at(-1)!.slice(5)}` : h.dates[0]!.slice(5)}`,
        )
        .join('；')}
    </Typography.Text>
  );
}

/**
 * 节假日安排 on the regulation view: this year and the next two as every desk counts them — the notice
 * as entered (read from the newest revision, which governs every case's calendar), or the computed
 * provisional days — and who entered the calendar last, when.
 */
export function NoticeCard({ revisions }: { revisions: readonly Policy[] }) {
  const { t } = usePT();
  const sorted = [...revisions].sort((a, b) => a.revision - b.revision);
  const newest = sorted.at(-1)!;
  const overrides = newest.calendarOverrides;
  const thisYear = Number(dateOf(Date.now(), newest.utcOffsetMinutes).slice(0, 4));
  // The revision that last changed the calendar: its record says who and when.
  const changedIn = sorted.findLast((p, i) => i > 0 && JSON.stringify(p.calendarOverrides) !== JSON.stringify(sorted[i - 1]!.calendarOverrides));
  const record = changedIn?.revisions.at(-1);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="notice-card">
      {record && changedIn ? (
        <Typography.Text type="secondary" data-testid="notice-recorded">
          {t('notice.recorded', { revision: changedIn.revision, author: record.author, date: dateOf(record.date, newest.utcOffsetMinutes) })}
        </Typography.Text>
      ) : null}
      {[thisYear, thisYear + 1, thisYear + 2].map((year) => (
        <div key={year} data-testid={`notice-${year}`}>
          <Space>
            <Typography.Text strong>{t('notice.title', { year })}</Typography.Text>
            {isProvisionalYear(year, newest) ? <Tag color="orange">{t('notice.provisionalTag')}</Tag> : null}
          </Space>
          {isProvisionalYear(year, newest) ? (
            <div>
              <ComputedHolidays year={year} />
            </div>
          ) : noticeOf(overrides, year).holidays.length + noticeOf(overrides, year).workdays.length > 0 ? (
            <NoticeTable rows={rowsOf(overrides, year)} />
          ) : (
            <div>
              <Typography.Text type="secondary">{t('notice.published')}</Typography.Text>
            </div>
          )}
        </div>
      ))}
    </Space>
  );
}

/** The notice's entries of `year`, days off and make-up days, in date order. */
function rowsOf(overrides: Overrides, year: number): Row[] {
  const notice = noticeOf(overrides, year);
  return [
    ...notice.holidays.map((h) => ({ key: `h${h.from}`, from: h.from, to: h.to, working: false })),
    ...notice.workdays.map((d) => ({ key: `w${d}`, from: d, to: d, working: true })),
  ].sort((a, b) => a.from.localeCompare(b.from));
}
