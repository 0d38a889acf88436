import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { departmentName, formatDay, formatMinute, formatPercent, nameOf } from '../format';
import { formGrid, frameDocument, listTable, section } from '../frame';
import { kindName, statusName } from '../case-common';
import { summaryParts } from '../summary-figures';
import type { AttentionList, AttentionListId, SummaryMonth, SummaryRow } from '../../../src-shared/analytics/summary-lists';
import type { Policy } from '../../../src-shared/domain/policy';
import type { CountRow, SummaryInput } from '../types';

// 投诉数据汇总表 for a period (S8-10 monthly to the director; S10-10 quarterly/yearly; X-6): counts by kind,
// category, severity and department, on-time rate per stage, callback rate (S9-7, S10-20), satisfaction,
// valid-complaint rate (S8-3, S10-20); for a quarter or a year the same per month; then the short lists of
// the cases that need attention (src-shared/analytics/summary-lists.ts), and every case of the period, one
// row each, only when the reader asked for it (issue 14 item 4).

const ATTENTION_TITLES: Record<AttentionListId, string> = {
  overdue: '（一）环节超时的案件',
  callbackOverdue: '（二）应回访而逾期未回访的案件',
  unsatisfied: '（三）回访不满意（2 分及以下或不满意）的案件',
  valid: '（四）定为有效投诉的案件',
};

function monthTable(months: SummaryMonth[]): Content {
  return {
    unbreakable: true,
    stack: [
      section('三、分月统计'),
      listTable(
        ['月份', '案件数', '按时率', '回访率', '满意度', '有效投诉'],
        ['*', 70, 110, 110, 70, 70],
        months.map((m) => [
          m.label,
          String(m.total),
          `${formatPercent(m.onTime, m.onTimeBase)}（${m.onTime}/${m.onTimeBase}）`,
          `${formatPercent(m.callbackDone, m.callbackDue)}（${m.callbackDone}/${m.callbackDue}）`,
          m.satisfactionMean === undefined ? '—' : m.satisfactionMean.toFixed(2),
          String(m.validCount),
        ]),
      ),
    ],
  };
}

/** The row cells of a case: the same eight columns in the attention lists and in 附：案件明细. */
function caseCells(policy: Policy, offset: number, c: SummaryRow, i: number, last: string): string[] {
  return [
    String(i + 1),
    c.number,
    formatMinute(c.registeredAt, offset),
    [kindName(policy, c.kind), nameOf(policy.severities, c.severity)].filter(Boolean).join(' · '),
    nameOf(policy.categories, c.category),
    departmentName(policy, c.departmentId),
    last,
    // One line per case: the full text is in the case's archive.
    [...c.subject].length > 24 ? `${[...c.subject].slice(0, 23).join('')}…` : c.subject,
  ];
}

function attentionList(policy: Policy, offset: number, l: AttentionList): Content {
  const shown = l.rows.length < l.total ? `共 ${l.total} 件，以下列出前 ${l.rows.length} 件` : `共 ${l.total} 件`;
  const table = listTable(
    ['序号', '案件编号', '登记时间', '类型 · 程度', '类别', '责任部门', '情况', '事由'],
    [24, 88, 70, 76, 64, 60, 140, '*'],
    l.rows.map((c, i) => caseCells(policy, offset, c, i, c.note ?? statusName(c.status))),
    8,
  );
  // The list's title is its first header row: it never ends a page without the list, and a list carried
  // onto the next page says again what it is.
  const title = { text: `${ATTENTION_TITLES[l.id]}\u3000${shown}`, bold: true, colSpan: 8, border: [false, false, false, true] };
  table.table.body.unshift([title, ...Array.from({ length: 7 }, () => ({}))]);
  table.table.headerRows = 2;
  return { ...table, margin: [0, 6, 0, 6] };
}

function countTable(title: string, rows: CountRow[], total: number): Content {
  const body = rows.length ? rows.map((r) => [r.name, String(r.count), formatPercent(r.count, total)]) : [['无', '0', '—']];
  return { stack: [{ text: title, bold: true, margin: [0, 0, 0, 3] }, listTable(['项目', '件数', '占比'], ['*', 34, 40], body)], margin: [0, 0, 0, 8] };
}

export function buildSummary(input: SummaryInput): TDocumentDefinitions {
  const { policy } = input;
  const offset = policy.utcOffsetMinutes ?? 480;
  const { figures: f, months, attention, caseList } = summaryParts(input);
  const target = policy.targets ?? {};
  const validRate = f.validRateBase ? formatPercent(f.validCount, f.validRateBase.base) : formatPercent(f.validCount, f.classifiedCount);

  const content: Content[] = [
    formGrid(
      [
        // The period's end is exclusive (the first instant of the next period): print its last day.
        [
          '统计期间',
          `${input.period.label}（${formatDay(input.period.from, offset)} 至 ${formatDay(input.period.to - 1, offset)}）`,
          '案件总数',
          `${f.total} 件`,
        ],
        [
          '回 访 率',
          `${formatPercent(f.callbackDone, f.callbackDue)}（${f.callbackDone}/${f.callbackDue}）${target.callbackRate !== undefined ? `\u3000目标 ${formatPercent(target.callbackRate, 1)}` : ''}`,
          '满 意 度',
          f.satisfactionMean === undefined ? '—' : `平均 ${f.satisfactionMean.toFixed(2)} / 5，满意 ${f.satisfiedCount} 件`,
        ],
        [
          '有效投诉',
          `${f.validCount} 件（已定性 ${f.classifiedCount} 件）`,
          // S10-20 measures valid complaints against a base (households…); without one, only the share is known.
          f.validRateBase ? '有效投诉率' : '有效投诉占比',
          `${validRate}${f.validRateBase ? `（以${f.validRateBase.label} ${f.validRateBase.base} 计）` : '（占已定性投诉）'}${f.validRateBase && target.validComplaintRate !== undefined ? `\u3000目标低于 ${formatPercent(target.validComplaintRate, 1)}` : ''}`,
        ],
      ],
      [70, '*', 70, '*'],
    ),
    section('一、分类统计'),
    {
      // Four lists side by side keep the figures and the sign-off on the first page.
      columns: [
        { width: '*', stack: [countTable('按类型', f.byKind, f.total)] },
        { width: '*', stack: [countTable('按严重程度', f.bySeverity, f.total)] },
        { width: '*', stack: [countTable('按类别', f.byCategory, f.total)] },
        { width: '*', stack: [countTable('按责任部门', f.byDepartment, f.total)] },
      ],
      columnGap: 10,
    },
    // A short table: heading and rows move to the next page together rather than split.
    {
      unbreakable: true,
      stack: [
        section('二、各环节按时完成情况'),
        listTable(
          ['环节', '应计件数', '按时完成', '超时', '按时率'],
          ['*', 70, 70, 70, 70],
          f.stageOnTime.length
            ? f.stageOnTime.map((s) => [s.name, String(s.total), String(s.onTime), String(s.total - s.onTime), formatPercent(s.onTime, s.total)])
            : [['本期无已到期环节', '', '', '', '']],
        ),
      ],
    },
  ];

  // The figures are what is signed off (S8-10: to the director by the 5th); the case list is its attachment.
  const line = '＿＿＿＿＿＿＿＿＿＿';
  content.push({
    columns: [
      { text: `制表人：${line}\u3000日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日` },
      { text: `审核（主任）：${line}\u3000日期：\u3000\u3000年\u3000\u3000月\u3000\u3000日` },
    ],
    margin: [0, 18, 0, 0],
  });

  if (months.length) content.splice(content.length - 1, 0, monthTable(months));

  // Lists with nothing on them are left out; a period with none at all needs no attachment page.
  if (attention.some((l) => l.total > 0)) {
    content.push({ ...(section('附一：需关注的案件') as object), pageBreak: 'before' } as Content);
    for (const l of attention) if (l.total > 0) content.push(attentionList(policy, offset, l));
  }

  if (caseList?.length) {
    content.push({
      ...(section(`${attention.some((l) => l.total > 0) ? '附二' : '附'}：案件明细（共 ${caseList.length} 件）`) as object),
      pageBreak: 'before',
    } as Content);
    content.push(
      listTable(
        // Eight columns, not eleven: a 2,000-row list is laid out cell by cell, so fewer cells print faster.
        ['序号', '案件编号', '登记时间', '类型 · 程度', '类别', '责任部门', '状态 · 回访', '事由'],
        [28, 90, 66, 90, 84, 66, 74, '*'],
        caseList.map((c, i) =>
          caseCells(policy, offset, c, i, `${statusName(c.status)}${c.valid === false ? '（无效）' : ''}${c.satisfaction ? ` · ${c.satisfaction}/5` : ''}`),
        ),
        8,
        true,
      ),
    );
  }

  return frameDocument({
    ctx: input,
    title: '投诉数据汇总表',
    code: undefined,
    subtitle: `${input.organisation.name}\u3000${input.period.label}`,
    content,
    landscape: true,
    keepHeadings: (caseList?.length ?? 0) < 300,
  });
}
