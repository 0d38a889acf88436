import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { CaseState } from '../../../src-shared/domain/case-state';
import { departmentName, formatDateZh, formatDay, formatFormValue, formatMinute, formatMoney } from '../format';
import { formTableLayout, frameDocument, listTable, section } from '../frame';
import { formOf, printedComplainant } from '../case-common';
import { departmentHeadRole, findSignature, SIGNATURE_ROLES, signatureCell, type Signature } from '../signatures';
import type { DailyQualityInput } from '../types';

// S3-5 质量投诉处理流程表: HR gathers the day's compensation / return cases; each responsible department
// head signs before close of business; next morning the salesperson's vice-president writes the
// negotiated opinion, then the general manager (or assistant) approves; the order desk executes.

function responsibleDept(c: CaseState): string | undefined {
  return c.result?.departmentId ?? c.departmentId;
}

/** The S3-5 approval steps after the department heads, from the policy when the preset declares them. */
function laterSteps(input: DailyQualityInput): { label: string; roles: string[] }[] {
  const approval = input.policy.approvals.find((a) => a.rules.includes('S3-5'));
  const steps = (approval?.steps ?? []).filter((s) => !/head|负责人/i.test(s.role + s.label));
  if (steps.length >= 2)
    return steps.map((s, i) => ({ label: s.label, roles: [s.role, i === 0 ? SIGNATURE_ROLES.vicePresident : SIGNATURE_ROLES.generalManager] }));
  return [
    { label: '分管副总经理（协商意见）', roles: [SIGNATURE_ROLES.vicePresident] },
    { label: '总经理（或助理）审批', roles: [SIGNATURE_ROLES.generalManager] },
  ];
}

function latest(sigs: (Signature | undefined)[]): Signature | undefined {
  return sigs.filter((s): s is Signature => s !== undefined).sort((a, b) => b.at - a.at)[0];
}

export function buildDailyQuality(input: DailyQualityInput): TDocumentDefinitions {
  const { policy } = input;
  const offset = policy.utcOffsetMinutes ?? 480;
  const cases = [...input.cases].sort((a, b) => a.receivedAt - b.receivedAt);

  const rows = cases.map((c, i) => {
    const form = formOf(policy, c.kind);
    const details = (form?.fields ?? [])
      .map((f) => [f.label, formatFormValue(c.form?.[f.key], f.options, f.type, offset)] as const)
      .filter(([, v]) => v)
      .map(([l, v]) => `${l}：${v.replace(/[。；;]+$/u, '')}`)
      .join('；');
    const money = (c.expenses ?? []).reduce((sum, e) => sum + e.amount, 0);
    return [
      String(i + 1),
      `${c.number}\n${formatMinute(c.receivedAt, offset)}`,
      printedComplainant({ ...input, case: c }).name,
      [c.subject, details].filter(Boolean).join('\n'),
      c.demand ?? '',
      departmentName(policy, responsibleDept(c)),
      [c.result?.text ?? c.replies?.at(-1)?.content ?? '', money ? `费用 ${formatMoney(money)}` : ''].filter(Boolean).join('\n'),
    ];
  });

  const content: Content[] = [
    listTable(
      ['序号', '案件编号/投诉时间', '投诉人', '质量问题', '客户要求', '责任部门', '处理方案'],
      [24, 92, 50, '*', 120, 64, 150],
      rows.length ? rows : [['', '', '', '当日无赔偿或退货案件', '', '', '']],
      8.5,
    ),
    section('责任部门负责人签字（当日下班前）'),
  ];

  const depts = [...new Set(cases.map(responsibleDept).filter((d): d is string => d !== undefined))];
  const headRows: TableCell[][] = [
    [
      { text: '责任部门', style: 'th' },
      { text: '涉及案件', style: 'th' },
      { text: '负责人签字', style: 'th' },
    ],
  ];
  for (const dept of depts) {
    const mine = cases.filter((c) => responsibleDept(c) === dept);
    const sig = latest(mine.map((c) => findSignature(c, 'daily_quality', [departmentHeadRole(dept)])));
    headRows.push([
      { text: departmentName(policy, dept), bold: true, margin: [0, 8, 0, 0] },
      { text: mine.map((c) => c.number).join('\n'), fontSize: 8.5, margin: [0, 4, 0, 0] },
      signatureCell({ label: '', signature: sig }, offset),
    ]);
  }
  if (depts.length === 0) headRows.push([{ text: '\u3000' }, { text: '' }, signatureCell({ label: '' }, offset)]);
  content.push({ table: { widths: [140, 200, '*'], body: headRows, dontBreakRows: true, headerRows: 1 }, layout: formTableLayout });

  content.push(section('审批（次日上午）'));
  const stepRows: TableCell[][] = laterSteps(input).map((step) => {
    const sig = latest(cases.map((c) => findSignature(c, 'daily_quality', step.roles)));
    const opinions = cases
      .flatMap((c) =>
        (c.approvals ?? []).filter((a) => step.roles.includes(a.role) && a.decided?.opinion).map((a) => `${c.number}：${a.decided?.opinion ?? ''}`),
      )
      .join('\n');
    return [
      { text: step.label, style: 'label' },
      { stack: [{ text: opinions }, { text: '', margin: [0, opinions ? 2 : 40, 0, 0] }] },
      signatureCell({ label: '签字', signature: sig }, offset),
    ];
  });
  content.push({ table: { widths: [140, '*', 200], body: stepRows, dontBreakRows: true }, layout: formTableLayout });
  content.push({
    text: '订单部根据以上审批意见执行。\u3000\u3000汇总人（人力资源部）：＿＿＿＿＿＿＿＿',
    fontSize: 9,
    margin: [0, 10, 0, 0],
    color: '#333333',
  });

  return frameDocument({
    ctx: input,
    title: '质量投诉处理流程表',
    code: `QC-${formatDay(input.date, offset).replaceAll('-', '')}`,
    subtitle: `日期：${formatDateZh(input.date, offset)}\u3000\u3000共 ${cases.length} 件`,
    content,
    // The case table needs the width of the page, as on the paper sheet.
    landscape: true,
  });
}
