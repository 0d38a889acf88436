import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { CaseEventOf } from '../../../src-shared/domain/events';
import { CLOCK_ZH, departmentName, formatMinute, nameOf } from '../format';
import { formGrid, frameDocument, listTable, section, type FormRow } from '../frame';
import { formOf, kindName, personWord, printedComplainant, staffName } from '../case-common';
import { findSignature, SIGNATURE_ROLES, signatureRow } from '../signatures';
import { stageRows } from '../stage-rows';
import type { NoticeInput } from '../types';

// 投诉处理通知单: the numbered hand-over to the responsible department with its deadline (S10-7 numbered
// for tracking; S8-2 delivered by the first receiver, who then tracks it; S9-2 departments get a deadline).

type Assigned = CaseEventOf<'case.assigned'>;

/** Who handed the case to its department and when (派单时间 / 派单人). */
interface HandOver {
  at: number;
  actorId: string;
  assigned?: Assigned;
}

/**
 * The hand-over this notice prints: the assignment with the notice's number, else the newest hand-over
 * to a department — an assignment, a transfer (转办) to another department, or the registration that
 * routed the case by its category. A transferred case used to print 派单时间/派单人 blank (issue 11 finding 12).
 */
function handOverOf(input: NoticeInput): HandOver | undefined {
  const events = input.events ?? [];
  const assigned = events.filter((e): e is Assigned => e.type === 'case.assigned');
  const numbered = input.noticeNo ? assigned.find((e) => e.payload.noticeNo === input.noticeNo) : undefined;
  if (numbered) return { at: numbered.at, actorId: numbered.actorId, assigned: numbered };
  const last = events.findLast(
    (e) =>
      e.type === 'case.assigned' ||
      (e.type === 'case.transferred' && e.payload.toDepartmentId !== undefined) ||
      (e.type === 'case.registered' && input.case.departmentId !== undefined),
  );
  if (!last) return undefined;
  return { at: last.at, actorId: last.actorId, assigned: last.type === 'case.assigned' ? (last as Assigned) : undefined };
}

export function buildNotice(input: NoticeInput): TDocumentDefinitions {
  const { case: c, policy } = input;
  const offset = policy.utcOffsetMinutes ?? 480;
  const handOver = handOverOf(input);
  const a = handOver?.assigned;
  const noticeNo = a?.payload.noticeNo ?? input.noticeNo ?? c.noticeNos?.at(-1) ?? '';
  const deptId = a?.payload.departmentId ?? c.departmentId;
  const person = personWord(policy, c.kind);
  const who = printedComplainant(input);
  const d = c.description ?? {};
  // The kind form's own text fields say what the matter is (S10-4 投诉性质或内容摘要) where the common ones are empty.
  const formText = (formOf(policy, c.kind)?.fields ?? [])
    .filter((f) => f.type === 'textarea' && typeof c.form?.[f.key] === 'string' && c.form[f.key])
    .map((f) => `${f.label}：${String(c.form![f.key])}`);
  const content = [
    d.text,
    ...formText,
    d.time && `时间：${d.time}`,
    d.cause && `起因：${d.cause}`,
    d.process && `经过：${d.process}`,
    d.result && `结果：${d.result}`,
  ]
    .filter((x): x is string => Boolean(x))
    .map((x) => x.replace(/[。；;.\s]+$/u, ''))
    .join('；');

  // The deadline the receiver set wins; otherwise the SLA stage that the hand-over started; otherwise the
  // open stage that the department's reply or resolution ends (S10-9's one-week reply), not an intake step
  // such as S10-5's same-day verification (issue 16 finding 5).
  const stages = input.stages ?? [];
  const startedByAssignment = stages.filter((s) => a && s.startedAt === a.at && s.dueAt !== undefined);
  const open = stages.filter((s) => s.state !== 'met' && s.dueAt !== undefined);
  const endsHandling = (s: (typeof stages)[number]) =>
    policy.stages.find((d) => d.id === s.stageId)?.stopsOn.some((e) => e === 'case.replied' || e === 'case.resolved');
  const due = a?.payload.dueAt ?? startedByAssignment[0]?.dueAt ?? (open.find(endsHandling) ?? open[0])?.dueAt;

  const rows: FormRow[] = [
    ['通知单号', noticeNo, '案件编号', c.number],
    ['承办部门', departmentName(policy, deptId), '承 办 人', staffName(input, a?.payload.assigneeId ?? c.assigneeIds?.at(-1))],
    ['派单时间', formatMinute(handOver?.at, offset), '派 单 人', staffName(input, handOver?.actorId)],
    [
      '办结时限',
      due ? `${formatMinute(due, offset)} 前` : '',
      '类型/类别',
      [kindName(policy, c.kind), nameOf(policy.categories, c.category), nameOf(policy.severities, c.severity)].filter(Boolean).join(' · '),
    ],
    [`${person.slice(0, -1)}时间`, formatMinute(c.receivedAt, offset), '首问接待人', staffName(input, c.firstReceiverId)],
    [person, who.name, '联系电话', who.phone],
    { wide: ['地\u3000\u3000址', who.address] },
    { wide: ['事\u3000\u3000由', c.subject] },
    { wide: [`${person.slice(0, -1)}内容`, content], minHeight: content ? 0 : 16 },
    { wide: [`${person.slice(0, -1)}要求`, c.demand] },
    { wide: ['派单要求', a?.payload.instruction], minHeight: a?.payload.instruction ? 0 : 4 },
  ];

  const out: Content[] = [formGrid(rows)];
  // The deadlines of this hand-over: stages that have not started (S10-19's follow-up after a callback) are not the department's yet.
  const sr = stageRows(input).filter((r) => !r.notStarted);
  if (sr.length) {
    out.push(section('时限要求'));
    out.push(
      listTable(
        ['环节', '时限', '计时方式', '应完成时间'],
        ['*', 70, 110, 110],
        sr.map((r) => [r.name, r.limit, CLOCK_ZH[r.clock], r.due]),
      ),
    );
  }
  out.push(section('处理结果回执（承办部门填写）'));
  out.push(
    formGrid([
      { wide: ['处理结果', c.result?.text], minHeight: c.result ? 0 : 24 },
      { wide: ['整改措施', c.result?.rectification], minHeight: c.result?.rectification ? 0 : 8 },
      ['办结时间', formatMinute(c.result?.at, offset), '处 理 人', staffName(input, c.result?.by)],
    ]),
  );
  out.push(
    signatureRow(
      [
        { label: '派单人签名', signature: findSignature(c, 'notice', [SIGNATURE_ROLES.receiver]), expectedName: staffName(input, handOver?.actorId) },
        { label: '承办部门签收', signature: findSignature(c, 'notice', [SIGNATURE_ROLES.departmentReceiver]) },
        {
          label: '部门负责人签名',
          signature: findSignature(
            c,
            'notice',
            deptId ? [SIGNATURE_ROLES.departmentHead, `${SIGNATURE_ROLES.departmentHead}:${deptId}`] : [SIGNATURE_ROLES.departmentHead],
          ),
        },
      ],
      offset,
    ),
  );

  return frameDocument({
    ctx: input,
    // The preset's own name for it (S10-7 客户投诉处理通知单): the form that carries the notice number.
    title: policy.forms.find((f) => f.fields.some((x) => x.key === 'noticeNo'))?.title ?? '投诉处理通知单',
    code: c.number,
    subtitle: `通知单号：${noticeNo || '\u3000\u3000\u3000\u3000\u3000\u3000'}\u3000\u3000案件编号：${c.number}`,
    content: out,
  });
}
