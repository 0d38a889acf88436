import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { FormDef } from '../../../src-shared/domain/policy';
import { departmentName, formatFormValue, formatMinute, nameOf } from '../format';
import { formGrid, frameDocument, section, type FormRow } from '../frame';
import { formOf, identityHidden, kindName, methodName, personWord, printedComplainant, receptionPointOf, staffName } from '../case-common';
import { findSignature, SIGNATURE_ROLES, signatureRow } from '../signatures';
import { commonFieldsOf } from '../../../src-shared/domain/intake';
import { approvalStepOf } from '../../../src-shared/domain/actions';
import type { CaseDocumentInput } from '../types';

// 投诉(举报)登记表 of the case's kind: the form its preset names (S3-2 product / service forms,
// S8-12 业主(用户)投诉处理登记表, S10-4 record), with the first receiver, the time to the minute and the
// signatures of complainant and receiver (S1-2, X-1, X-2).

type Required = FormDef['requires'][number];

export function buildRegistration(input: CaseDocumentInput): TDocumentDefinitions {
  const { case: c, policy } = input;
  const offset = policy.utcOffsetMinutes ?? 480;
  const form = formOf(policy, c.kind);
  const requires = new Set<Required>(form?.requires ?? []);
  const person = personWord(policy, c.kind);
  const who = printedComplainant(input);
  const d = c.description ?? {};
  // The form's own words and the common fields it does not ask, neither at intake nor on paper (S3-2
  // 客户要求, no 地址 for a salesperson; issue 16 finding 7); no 致歉确认 where the regulation asks no apology, no 严重程度 without grades.
  const common = commonFieldsOf(policy, c.kind);
  const label = (key: Required, fallback: string) => common.label(key) ?? fallback;
  const pair = (a: [string, string] | undefined, b: [string, string] | undefined): FormRow[] => (a && b ? [[...a, ...b]] : a || b ? [{ wide: (a ?? b)! }] : []);

  const receptionPoint = receptionPointOf(policy, c);
  const rows: FormRow[] = [
    ['案件编号', c.number, '类\u3000\u3000型', kindName(policy, c.kind)],
    [`${person.slice(0, -1)}时间`, formatMinute(c.receivedAt, offset), '登记时间', formatMinute(c.registeredAt, offset)],
    ...pair(['受理渠道', methodName(policy, c.channel)], receptionPoint === undefined ? undefined : ['接 待 点', receptionPoint]),
    ...pair(['首问接待人', staffName(input, c.firstReceiverId)], policy.apologyPrompt || c.apologised ? ['致歉确认', c.apologised ? '已致歉' : ''] : undefined),
    [label('complainant.name', person), who.name, label('complainant.phone', '联系电话'), who.phone],
    ...pair(
      ['身份/单位', [who.role, who.organisation].filter(Boolean).join('\u3000')],
      !common.asks('complainant.address') ? undefined : [label('complainant.address', '地\u3000\u3000址'), who.address],
    ),
  ];
  if (requires.has('category') || requires.has('severity') || c.category || c.severity) {
    rows.push(
      ...pair(
        ['类\u3000\u3000别', nameOf(policy.categories, c.category)],
        common.asks('severity') || c.severity ? ['严重程度', nameOf(policy.severities, c.severity)] : undefined,
      ),
    );
  }
  rows.push({ wide: ['事\u3000\u3000由', c.subject] });

  // Preset fields (S3-2 客户名称, 发货日期, 品牌 …) in the order the form declares them; short ones pair up.
  const presetRows: FormRow[] = [];
  const short: [string, string][] = [];
  for (const f of form?.fields ?? []) {
    const v = formatFormValue(c.form?.[f.key], f.options, f.type, offset);
    if (f.type === 'textarea') presetRows.push({ wide: [f.label, v], minHeight: v ? 0 : 24 });
    else if ([...f.label].length > 10) presetRows.push({ wide: [f.label, v] });
    else short.push([f.label, v]);
  }
  const pairs: FormRow[] = [];
  for (let i = 0; i < short.length; i += 2) pairs.push(...pair(short[i], short[i + 1]));
  rows.push(...pairs, ...presetRows);

  // 投诉事件 (时间、起因、过程、结果): printed when the form asks for it or the clerk filled it in.
  const parts: [Required, string, string | undefined][] = [
    ['description.time', '事件时间', d.time],
    ['description.cause', '起\u3000\u3000因', d.cause],
    ['description.process', '经\u3000\u3000过', d.process],
    ['description.result', '结\u3000\u3000果', d.result],
  ];
  // A hidden part was never asked (a value left from another kind chosen first is not the clerk's record).
  const printedParts = parts.filter(([key, , v]) => common.asks(key) && (requires.has(key) || v));
  for (const [key, lbl, v] of printedParts) rows.push({ wide: [label(key, lbl), v] });
  const anyPart = printedParts.length > 0;
  // A form that hides the event's parts has its own field for the matter (S3-2 产品存在的质量问题).
  const asksEvent = parts.some(([key]) => common.asks(key));
  if (d.text || (!anyPart && asksEvent)) rows.push({ wide: [`${person.slice(0, -1)}内容`, d.text], minHeight: d.text ? 0 : 40 });
  if (common.asks('demand')) rows.push({ wide: [label('demand', `${person.slice(0, -1)}要求`), c.demand], minHeight: c.demand ? 0 : 16 });
  if (c.riskFlags?.length) rows.push({ wide: ['风险提示', c.riskFlags.map((f) => nameOf(policy.riskFlags, f)).join('、')] });

  const approvalRows = (c.approvals ?? []).flatMap((a): FormRow[] => {
    if (!a.decided) return [];
    const { step } = approvalStepOf(policy, a.approvalId, a.step);
    const by = `（${staffName(input, a.decided.by)}\u3000${formatMinute(a.decided.at, offset)}）`;
    // A step that records a line of the form (S9-5: the director writes the result on the register) prints it under its own label.
    if (a.decided.approved && step?.records) return [{ wide: [step.records, `${a.decided.opinion ?? ''}\u3000${by}`] }];
    const verdict = [a.decided.approved ? '同意' : '不同意', a.decided.opinion].filter(Boolean).join('：');
    // The step's own words go with the value: its label is often longer than the form's label column.
    return [{ wide: ['审批意见', `${step ? `${step.label}\u3000` : ''}${verdict}\u3000${by}`] }];
  });
  const handling: FormRow[] = [
    ['处理部门', departmentName(policy, c.departmentId), '通知单号', (c.noticeNos ?? []).join('、')],
    // S6-7: the register records when and by whom the matter was investigated, and what was found.
    ...(c.investigations ?? []).map((x): FormRow => ({
      wide: ['调查情况', `${formatMinute(x.at, offset)}\u3000调查人：${x.inspectorIds.map((id) => staffName(input, id)).join('、')}\u3000${x.findings}`],
    })),
    // Decided approvals in the words of their step (S1-3 值班首长批示, S1-10 行政领导审批处理意见, S6-3 领导签署意见):
    // the instruction is written once, by the person who gave it, and is on the form.
    ...approvalRows,
    { wide: ['处理结果', c.result?.text ?? (c.rejection ? `不予受理：${c.rejection.explanation}` : '')], minHeight: c.result || c.rejection ? 0 : 36 },
    // S4-11 整改和评估: what was changed so it does not happen again.
    ...(c.result?.rectification ? [{ wide: ['整改措施', c.result.rectification] } satisfies FormRow] : []),
    // S1-11 / X-2: the result fed back to the person, or why that was impossible.
    ...(c.feedback
      ? [
          {
            wide: [
              '反馈情况',
              c.feedback.given
                ? `${formatMinute(c.feedback.at, offset)}\u3000${methodName(policy, c.feedback.method)}\u3000${c.feedback.content}`
                : `无法反馈：${c.feedback.reason}`,
            ],
          } satisfies FormRow,
        ]
      : []),
  ];

  const content: Content[] = [
    section('一、登记信息'),
    formGrid(rows),
    section('二、处理情况'),
    formGrid(handling),
    signatureRow(
      [
        { label: `${person}签名`, signature: findSignature(c, 'registration', [SIGNATURE_ROLES.complainant]), confidential: identityHidden(input) },
        {
          label: '接待人签名',
          signature: findSignature(c, 'registration', [SIGNATURE_ROLES.receiver]),
          expectedName: staffName(input, c.firstReceiverId),
        },
      ],
      offset,
    ),
  ];

  return frameDocument({
    ctx: input,
    title: (form?.title ?? '投诉(举报)登记表').replace(/^《(.*)》$/u, '$1'),
    code: c.number,
    subtitle: `编号：${c.number}\u3000\u3000${policy.name}`,
    content,
  });
}
