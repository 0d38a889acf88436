import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { departmentName, formatMinute } from '../format';
import { formGrid, frameDocument, listTable, section, type FormRow } from '../frame';
import { identityHidden, kindName, personWord, printedComplainant, staffName } from '../case-common';
import { callbackMethodName } from '../../../src-shared/domain/callback-outcome';
import { findSignature, SIGNATURE_ROLES, signatureRow } from '../signatures';
import type { CaseDocumentInput } from '../types';

// 回访记录表 (S8-12 访问业主(用户)记录表): the result written by the director and signed by the head of the
// resolving department (S9-5); the callback itself with the callee's signature (S10-18, S10-15).

const SATISFACTION_ZH = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];

export function buildCallback(input: CaseDocumentInput): TDocumentDefinitions {
  const { case: c, policy } = input;
  const offset = policy.utcOffsetMinutes ?? 480;
  const who = printedComplainant(input);
  const person = personWord(policy, c.kind);
  const callbacks = c.callbacks ?? [];
  const last = callbacks.at(-1);
  const resolvingDept = c.result?.departmentId ?? c.departmentId;
  // S9-8 / S10-18: the policy names its repair kind; older policies only say so in the kind's name.
  const isRepair = policy.callback.weeklyRepairKind === c.kind || /报修|维修/.test(kindName(policy, c.kind));

  const rows: FormRow[] = [
    ['案件编号', c.number, '类\u3000\u3000型', kindName(policy, c.kind)],
    ['被回访人', identityHidden(input) ? who.name : (last?.calleeName ?? who.name), '联系电话', who.phone],
    { wide: ['地\u3000\u3000址', who.address] },
    [`${person.slice(0, -1)}时间`, formatMinute(c.receivedAt, offset), '办结时间', formatMinute(c.resolvedAt ?? c.result?.at, offset)],
    { wide: ['事\u3000\u3000由', c.subject] },
    ['责任部门', departmentName(policy, resolvingDept), '处 理 人', staffName(input, c.result?.by)],
    { wide: ['处理结果', c.result?.text], minHeight: c.result ? 0 : 40 },
    { wide: ['整改措施', c.result?.rectification] },
  ];

  const visit: FormRow[] = [
    ['回访时间', formatMinute(last?.at, offset), '回访方式', callbackMethodName(policy, last?.method)],
    [
      '回 访 人',
      staffName(input, last?.by),
      '满 意 度',
      last ? `${last.satisfaction} / 5\u3000${SATISFACTION_ZH[last.satisfaction] ?? ''}` : '□非常满意 □满意 □一般 □不满意',
    ],
    { wide: ['回访结果', last?.outcome], minHeight: last ? 0 : 36 },
    { wide: ['意见与建议', last?.notes], minHeight: last?.notes ? 0 : 24 },
  ];
  if (isRepair) {
    // S10-18: on a repair callback the quality of the work, the staff's service and the charges are checked.
    visit.push(
      { wide: ['维修质量', '□良好\u3000□一般\u3000□需返修'] },
      { wide: ['服务态度', '□满意\u3000□一般\u3000□不满意'] },
      { wide: ['收费情况', '□合理\u3000□无收费\u3000□有异议'] },
    );
  }

  const content: Content[] = [section('一、投诉及处理情况'), formGrid(rows), section('二、回访情况'), formGrid(visit)];

  if (callbacks.length > 1) {
    content.push(section('历次回访'));
    content.push(
      listTable(
        ['次序', '回访时间', '方式', '回访人', '满意度', '结果'],
        [28, 78, 44, 56, 40, '*'],
        callbacks.map((cb, i) => [
          String(i + 1),
          formatMinute(cb.at, offset),
          callbackMethodName(policy, cb.method),
          staffName(input, cb.by),
          `${cb.satisfaction}/5${cb.satisfied ? '' : ' 不满意'}`,
          cb.outcome,
        ]),
      ),
    );
  }

  content.push(
    signatureRow(
      [
        { label: '被回访人签名', signature: findSignature(c, 'callback', [SIGNATURE_ROLES.callee]), confidential: identityHidden(input) },
        {
          label: '回访人签名',
          signature: findSignature(c, 'callback', [SIGNATURE_ROLES.callbackStaff, SIGNATURE_ROLES.receiver]),
          expectedName: staffName(input, last?.by),
        },
        {
          label: '责任部门负责人签名',
          signature: findSignature(
            c,
            'callback',
            resolvingDept ? [SIGNATURE_ROLES.departmentHead, `${SIGNATURE_ROLES.departmentHead}:${resolvingDept}`] : [SIGNATURE_ROLES.departmentHead],
          ),
        },
      ],
      offset,
    ),
  );

  return frameDocument({ ctx: input, title: '回访记录表', code: c.number, subtitle: `案件编号：${c.number}`, content });
}
