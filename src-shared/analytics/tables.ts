import type { CaseState } from '../domain/case-state';
import type { Policy } from '../domain/policy';
import type { Table } from './export';
import type { AccountabilityRow, LedgerRow } from './ledger';
import { DIMENSIONS, type CaseStatistics, type Dimension } from './stats';

// The tables behind every export, with Chinese headers (en when the desk runs in English).

export type Lang = 'zh-CN' | 'en';

const MINUTE = 60_000;

/** 'YYYY-MM-DD HH:mm' in the organisation's offset. */
export function formatLocal(t: number | undefined, offsetMinutes: number): string {
  if (t === undefined) return '';
  const d = new Date(t + offsetMinutes * MINUTE);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / 3_600_000) * 100) / 100);
const pct = (r: number | null) => (r === null ? null : Math.round(r * 10_000) / 100);

const STATUS: Record<Lang, Record<CaseState['status'], string>> = {
  'zh-CN': {
    registered: '已登记',
    accepted: '已受理',
    assigned: '已派单',
    in_progress: '处理中',
    replied: '已答复',
    resolved: '已办结',
    rejected: '不予受理',
    closed: '已关闭',
  },
  en: {
    registered: 'Registered',
    accepted: 'Accepted',
    assigned: 'Assigned',
    in_progress: 'In progress',
    replied: 'Replied',
    resolved: 'Resolved',
    rejected: 'Rejected',
    closed: 'Closed',
  },
};

type Names = Pick<Policy, 'kinds' | 'categories' | 'severities' | 'departments' | 'channels' | 'utcOffsetMinutes'>;

/** Cases as rows; a confidential complainant's name is never exported (S1-5). */
export function casesTable(cases: readonly CaseState[], policy: Names, lang: Lang = 'zh-CN'): Table {
  const zh = lang === 'zh-CN';
  const n = (list: { code?: string; id?: string; name: string }[], code: string | undefined) =>
    code ? (list.find((x) => (x.code ?? x.id) === code)?.name ?? code) : '';
  const off = policy.utcOffsetMinutes;
  return {
    name: zh ? '案件清单' : 'Cases',
    headers: zh
      ? [
          '编号',
          '受理时间',
          '类型',
          '类别',
          '级别',
          '渠道',
          '接待点',
          '责任部门',
          '状态',
          '有效投诉',
          '投诉人',
          '事由',
          '答复时间',
          '办结时间',
          '回访次数',
          '满意度',
        ]
      : [
          'Number',
          'Received',
          'Kind',
          'Category',
          'Severity',
          'Channel',
          'Reception point',
          'Department',
          'Status',
          'Valid',
          'Complainant',
          'Subject',
          'Replied',
          'Resolved',
          'Callbacks',
          'Satisfaction',
        ],
    rows: cases.map((c) => {
      const last = c.callbacks.at(-1);
      const hidden = c.complainant.confidential || c.complainant.anonymous;
      return [
        c.number,
        formatLocal(c.receivedAt, off),
        n(policy.kinds, c.kind),
        n(policy.categories, c.category),
        n(policy.severities, c.severity),
        n(policy.channels, c.channel),
        c.receptionPoint ?? '',
        n(policy.departments, c.departmentId),
        STATUS[lang][c.status],
        c.valid === undefined ? '' : c.valid ? (zh ? '是' : 'yes') : zh ? '否' : 'no',
        hidden ? (zh ? '（保密）' : '(confidential)') : (c.complainant.name ?? ''),
        c.subject,
        formatLocal(c.replies[0]?.at, off),
        formatLocal(c.resolvedAt, off),
        c.callbacks.length,
        last ? last.satisfaction : null,
      ];
    }),
  };
}

const DIMENSION_NAMES: Record<Lang, Record<Dimension, string>> = {
  'zh-CN': { kind: '类型', category: '类别', severity: '级别', department: '责任部门', channel: '渠道', receptionPoint: '接待点' },
  en: { kind: 'Kind', category: 'Category', severity: 'Severity', department: 'Department', channel: 'Channel', receptionPoint: 'Reception point' },
};

/** The 投诉数据汇总表 figures (S8-10) as sheets: summary, trend, breakdowns, on-time per stage. */
export function statisticsTables(s: CaseStatistics, lang: Lang = 'zh-CN'): Table[] {
  const zh = lang === 'zh-CN';
  const v = s.validComplaints;
  const summary: Table = {
    name: zh ? '汇总' : 'Summary',
    headers: zh ? ['指标', '数值', '案件数'] : ['Figure', 'Value', 'Cases'],
    rows: [
      [zh ? '受理总数' : 'Cases received', s.total.count, s.total.count],
      [zh ? '不予受理' : 'Rejected', s.rejected.count, s.rejected.count],
      [zh ? '答复用时中位数（小时）' : 'Median time to reply (h)', hours(s.replyTime.medianMs), s.replyTime.n],
      [zh ? '答复用时P90（小时）' : 'P90 time to reply (h)', hours(s.replyTime.p90Ms), s.replyTime.n],
      [zh ? '办结用时中位数（小时）' : 'Median time to resolve (h)', hours(s.resolveTime.medianMs), s.resolveTime.n],
      [zh ? '办结用时P90（小时）' : 'P90 time to resolve (h)', hours(s.resolveTime.p90Ms), s.resolveTime.n],
      [zh ? '回访率（%）' : 'Callback rate (%)', pct(s.callback.rate.rate), s.callback.eligible.count],
      [zh ? '按时回访' : 'Callbacks on time', s.callback.onTime.count, s.callback.onTime.count],
      [zh ? '回访逾期未做' : 'Callbacks overdue', s.callback.overdue.count, s.callback.overdue.count],
      [zh ? '回访不满意待跟进' : 'Unsatisfied callbacks awaiting follow-up', s.callback.unsatisfied.count, s.callback.unsatisfied.count],
      [
        zh ? '平均满意度（1–5）' : 'Mean satisfaction (1–5)',
        s.callback.satisfactionMean === null ? null : Math.round(s.callback.satisfactionMean * 100) / 100,
        s.callback.called.count,
      ],
      [zh ? '满意率（%）' : 'Satisfied (%)', pct(s.callback.satisfiedRate.rate), s.callback.called.count],
      [zh ? '有效投诉' : 'Valid complaints', v.valid.count, v.valid.count],
      [zh ? '无效投诉' : 'Invalid complaints', v.invalid.count, v.invalid.count],
      [
        zh ? `有效投诉率（%，基数：${v.base ?? '未配置'}${v.baseLabel ?? ''}）` : `Valid-complaint rate (%, base ${v.base ?? 'not set'} ${v.baseLabel ?? ''})`,
        pct(v.rate),
        v.valid.count,
      ],
      [zh ? '目标（%）' : 'Target (%)', pct(v.target), null],
    ],
  };
  const trend: Table = { name: zh ? '趋势' : 'Trend', headers: zh ? ['期间', '案件数'] : ['Period', 'Cases'], rows: s.trend.map((t) => [t.label, t.count]) };
  const breakdown: Table = {
    name: zh ? '分类统计' : 'Breakdowns',
    headers: zh ? ['维度', '项目', '案件数'] : ['Dimension', 'Item', 'Cases'],
    rows: DIMENSIONS.flatMap((d) => s.breakdowns[d].map((r) => [DIMENSION_NAMES[lang][d], r.label, r.count])),
  };
  const onTime: Table = {
    name: zh ? '按时率' : 'On time',
    headers: zh ? ['环节', '按时', '超时完成', '逾期未完成', '进行中', '按时率（%）'] : ['Stage', 'On time', 'Late', 'Overdue', 'Running', 'On-time rate (%)'],
    rows: s.onTime.map((o) => [o.name, o.onTime.count, o.late.count, o.overdue.count, o.running.count, pct(o.rate.rate)]),
  };
  return [summary, trend, breakdown, onTime];
}

const LEDGER_KIND: Record<Lang, Record<LedgerRow['kind'], string>> = {
  'zh-CN': { reward: '奖励', penalty: '处罚', expense: '费用' },
  en: { reward: 'Reward', penalty: 'Penalty', expense: 'Expense' },
};
const LEDGER_STATUS: Record<Lang, Record<LedgerRow['status'], string>> = {
  'zh-CN': { proposed: '待审批', approved: '已批准', rejected: '已驳回', signing: '签字中', signed: '已签齐' },
  en: { proposed: 'Proposed', approved: 'Approved', rejected: 'Rejected', signing: 'Signing', signed: 'Signed' },
};

export function ledgerTable(rows: readonly LedgerRow[], offsetMinutes: number, roleName: (code: string) => string, lang: Lang = 'zh-CN'): Table {
  const zh = lang === 'zh-CN';
  return {
    name: zh ? '奖惩台账' : 'Ledger',
    // 审批意见 carries a rejection's reason: an audited ledger says why a rule's money was not applied.
    headers: zh
      ? ['日期', '案件编号', '类别', '名称', '金额（元）', '对象', '状态', '审批角色', '说明', '审批意见']
      : ['Date', 'Case', 'Type', 'Name', 'Amount (yuan)', 'Party', 'Status', 'Approver', 'Note', 'Decision note'],
    rows: rows.map((r) => [
      formatLocal(r.at, offsetMinutes),
      r.caseNumber,
      LEDGER_KIND[lang][r.kind],
      r.name,
      r.amount,
      r.party ? roleName(r.party) : '',
      LEDGER_STATUS[lang][r.status],
      r.approverRole ? roleName(r.approverRole) : '',
      r.reason ?? '',
      r.note ?? '',
    ]),
  };
}

export function accountabilityTable(
  rows: readonly AccountabilityRow[],
  offsetMinutes: number,
  departmentName: (id: string) => string,
  lang: Lang = 'zh-CN',
): Table {
  const zh = lang === 'zh-CN';
  return {
    name: zh ? '问责清单' : 'Accountability',
    headers: zh
      ? ['案件编号', '环节', '情况', '时限', '完成时间', '超时（小时）', '责任部门']
      : ['Case', 'Stage', 'Status', 'Due', 'Done', 'Over by (h)', 'Department'],
    rows: rows.map((r) => [
      r.caseNumber,
      r.stageName,
      r.status === 'overdue' ? (zh ? '逾期未办' : 'Overdue') : zh ? '超时办结' : 'Late',
      formatLocal(r.dueAt, offsetMinutes),
      formatLocal(r.metAt, offsetMinutes),
      hours(r.overdueMs),
      r.departmentId ? departmentName(r.departmentId) : '',
    ]),
  };
}

/**
 * The 投诉数据汇总表 figures (S8-10) in the shape the document builder reads (documents `SummaryFigures`).
 * Kinds and severities are short, fixed lists: their zero rows are printed too, as the paper form has them.
 */
export function summaryFigures(
  s: CaseStatistics,
  policy: { kinds: readonly { code: string; name: string }[]; severities: readonly { code: string; name: string }[] },
) {
  const rows = (d: Dimension, all: readonly { code: string; name: string }[] = []) => {
    const out = s.breakdowns[d].map((r) => ({ code: r.key, name: r.label, count: r.count }));
    for (const n of all) if (!out.some((r) => r.code === n.code)) out.push({ code: n.code, name: n.name, count: 0 });
    return out;
  };
  const v = s.validComplaints;
  return {
    total: s.total.count,
    byKind: rows('kind', policy.kinds),
    byCategory: rows('category'),
    bySeverity: rows('severity', policy.severities),
    byDepartment: rows('department'),
    stageOnTime: s.onTime.map((o) => ({ stageId: o.stageId, name: o.name, total: o.rate.denominator.count, onTime: o.onTime.count })),
    callbackDue: s.callback.eligible.count,
    callbackDone: s.callback.done.count,
    ...(s.callback.satisfactionMean === null ? {} : { satisfactionMean: s.callback.satisfactionMean }),
    satisfiedCount: s.callback.satisfied.count,
    validCount: v.valid.count,
    classifiedCount: v.valid.count + v.invalid.count,
    ...(v.base ? { validRateBase: { base: v.base, label: v.baseLabel ?? '' } } : {}),
  };
}
