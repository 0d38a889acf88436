import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { departmentName, formatDay, formatMinute, formatPercent, nameOf } from '../format';
import { formGrid, frameDocument, listTable, section } from '../frame';
import { kindName, statusName } from '../case-common';
import { summaryFigures } from '../summary-figures';
import type { CountRow, SummaryInput } from '../types';

// 投诉数据汇总表 for a period (S8-10 monthly to the director; S10-10 quarterly/yearly; X-6): counts by kind,
// category, severity and department, on-time rate per stage, callback rate (S9-7, S10-20), satisfaction,
// valid-complaint rate (S8-3, S10-20), then every case of the period, one row each.

function countTable(title: string, rows: CountRow[], total: number): Content {
  const body = rows.length ? rows.map((r) => [r.name, String(r.count), formatPercent(r.count, total)]) : [['无', '0', '—']];
  return { stack: [{ text: title, bold: true, margin: [0, 0, 0, 3] }, listTable(['项目', '件数', '占比'], ['*', 34, 40], body)], margin: [0, 0, 0, 8] };
}

export function buildSummary(input: SummaryInput): TDocumentDefinitions {
  const { policy } = input;
  const offset = policy.utcOffsetMinutes ?? 480;
  const cases = input.cases ?? [];
  const f = input.figures ?? summaryFigures(cases, policy, input.period, input.stagesByCase, input.printedAt);
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

  if (cases.length) {
    content.push({ ...(section(`附：案件明细（共 ${cases.length} 件）`) as object), pageBreak: 'before' } as Content);
    const sorted = [...cases].sort((a, b) => a.registeredAt - b.registeredAt || a.number.localeCompare(b.number));
    content.push(
      listTable(
        // Eight columns, not eleven: a 2,000-row list is laid out cell by cell, so fewer cells print faster.
        ['序号', '案件编号', '登记时间', '类型 · 程度', '类别', '责任部门', '状态 · 回访', '事由'],
        [28, 90, 66, 90, 84, 66, 74, '*'],
        sorted.map((c, i) => {
          const cb = (c.callbacks ?? []).at(-1);
          return [
            String(i + 1),
            c.number,
            formatMinute(c.registeredAt, offset),
            [kindName(policy, c.kind), nameOf(policy.severities, c.severity)].filter(Boolean).join(' · '),
            nameOf(policy.categories, c.category),
            departmentName(policy, c.departmentId),
            `${statusName(c.status)}${c.valid === false ? '（无效）' : ''}${cb ? ` · ${cb.satisfaction}/5` : ''}`,
            // One line per case: the full text is in the case's archive.
            [...c.subject].length > 24 ? `${[...c.subject].slice(0, 23).join('')}…` : c.subject,
          ];
        }),
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
    keepHeadings: cases.length < 300,
  });
}
