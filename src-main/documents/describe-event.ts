import type { CaseEvent, EventType } from '../../src-shared/domain/events';
import { EVENT_NAMES } from '../../src-shared/domain/event-names';
import { departmentName, formatMinute, formatMoney, nameOf, printedHash, roleName } from './format';
import { COMPLAINANT_SIGNER_ROLES, kindName, maskName, methodName, staffName } from './case-common';
import type { CaseDocumentInput, DocumentContext } from './types';
import { attachmentKindsOf, attachmentsOf } from '../../src-shared/domain/attachments';
import { callbackMethodName } from '../../src-shared/domain/callback-outcome';

// One line per event for the archive's timeline (X-2 who did what when, X-5 nothing left out).

/** Event names in Chinese, the same words the desk's timeline shows (src-shared/domain/event-names.ts). */
export const EVENT_ZH = Object.fromEntries(Object.entries(EVENT_NAMES).map(([type, n]) => [type, n['zh-CN']])) as Record<EventType, string>;

export const DOCUMENT_ZH: Record<string, string> = {
  registration: '登记表',
  notice: '处理通知单',
  callback: '回访记录表',
  archive: '案件档案',
  summary: '数据汇总表',
  daily_quality: '质量投诉处理流程表',
  regulation: '工作制度',
};

/** The policy's word for an attachment kind (or the default list's). */
export function attachmentKindName(policy: DocumentContext['policy'], code: string): string {
  return nameOf(attachmentKindsOf(policy), code);
}

const REPLY_TO_ZH = { complainant: '投诉人', receiver: '接待人', superior: '上级' } as const;

const join = (...parts: (string | undefined | false)[]): string => parts.filter(Boolean).join('；');

/** `hideIdentity`: a confidential complainant's name (in signatures and callbacks) is masked (S1-5). */
export function describeEvent(e: CaseEvent, ctx: DocumentContext, hideIdentity = false): string {
  const p = ctx.policy;
  const off = p.utcOffsetMinutes ?? 480;
  const dept = (id: string | undefined) => departmentName(p, id);
  const staff = (id: string | undefined) => staffName(ctx, id);
  switch (e.type) {
    case 'case.registered':
      return join(
        `编号 ${e.payload.number}`,
        kindName(p, e.payload.kind),
        `渠道 ${methodName(p, e.payload.channel)}`,
        `接收于 ${formatMinute(e.payload.receivedAt, off)}`,
        `首问 ${staff(e.payload.firstReceiverId)}`,
        e.payload.subject,
      );
    case 'case.accepted':
    case 'case.closed':
      return e.payload.note ?? '';
    case 'case.classified':
      return join(
        e.payload.kind && `类型 ${kindName(p, e.payload.kind)}`,
        e.payload.category && `类别 ${nameOf(p.categories, e.payload.category)}`,
        e.payload.severity && `程度 ${nameOf(p.severities, e.payload.severity)}`,
        e.payload.valid !== undefined && (e.payload.valid ? '有效投诉' : '无效投诉'),
        e.payload.note,
      );
    case 'case.assigned':
      return join(
        `至 ${dept(e.payload.departmentId)}`,
        e.payload.assigneeId && `承办人 ${staff(e.payload.assigneeId)}`,
        e.payload.noticeNo && `通知单 ${e.payload.noticeNo}`,
        e.payload.dueAt !== undefined && `限 ${formatMinute(e.payload.dueAt, off)} 前`,
        e.payload.instruction,
      );
    case 'case.handover_acknowledged':
      return join(dept(e.payload.departmentId), e.payload.note);
    case 'case.transferred':
      return join(
        e.payload.fromDepartmentId && `自 ${dept(e.payload.fromDepartmentId)}`,
        e.payload.toDepartmentId && `至 ${dept(e.payload.toDepartmentId)}`,
        e.payload.external && `外转 ${e.payload.external}`,
        e.payload.toAssigneeId && `承办人 ${staff(e.payload.toAssigneeId)}`,
        e.payload.reason,
      );
    case 'case.coordinated':
      return join(`部门 ${e.payload.departmentIds.map(dept).join('、')}`, `协调人 ${staff(e.payload.coordinatorId)}`, e.payload.note);
    case 'case.recused':
      return join(`${staff(e.payload.staffId)} 回避`, e.payload.reason);
    case 'case.escalated':
      return join(`报 ${roleName(p, e.payload.toRole)}${e.payload.toStaffId ? `（${staff(e.payload.toStaffId)}）` : ''}`, e.payload.reason);
    case 'case.risk_flagged':
      return join(nameOf(p.riskFlags, e.payload.flag), e.payload.note);
    case 'case.clock_paused':
      return join(
        e.payload.stageId &&
          nameOf(
            p.stages.map((s) => ({ code: s.id, name: s.name })),
            e.payload.stageId,
          ),
        e.payload.reason,
      );
    case 'case.clock_resumed':
      return join(
        e.payload.stageId &&
          nameOf(
            p.stages.map((s) => ({ code: s.id, name: s.name })),
            e.payload.stageId,
          ),
        e.payload.note,
      );
    case 'case.extension_requested':
      return join(
        nameOf(
          p.stages.map((s) => ({ code: s.id, name: s.name })),
          e.payload.stageId,
        ),
        `延至 ${formatMinute(e.payload.newDueAt, off)}`,
        e.payload.reason,
      );
    case 'case.extension_decided':
      return join(e.payload.approved ? '批准' : '不批准', roleName(p, e.payload.approverRole), e.payload.note);
    case 'case.sample_sent':
      return join(`样品 ${e.payload.sample}`, e.payload.lab && `送 ${e.payload.lab}`);
    case 'case.site_visited':
      return e.payload.note ?? '';
    case 'case.investigated':
      return join(
        `调查人 ${e.payload.inspectorIds.map(staff).join('、')}`,
        e.payload.findings,
        e.payload.violation !== undefined && (e.payload.violation ? '存在违规' : '未发现违规'),
        e.payload.verified !== undefined && (e.payload.verified ? '情况属实' : '情况不属实'),
        e.payload.evidence.length > 0 && `证据 ${e.payload.evidence.join('、')}`,
      );
    case 'case.approval_requested':
      return join(`${e.payload.step}（${roleName(p, e.payload.role)}）`, e.payload.note);
    case 'case.approval_decided':
      return join(`${e.payload.step}（${roleName(p, e.payload.role)}）`, e.payload.approved ? '同意' : '不同意', e.payload.opinion);
    case 'case.replied':
      return join(`答复${REPLY_TO_ZH[e.payload.to]}`, methodName(p, e.payload.method), e.payload.content);
    case 'case.resolved':
      return join(e.payload.departmentId && dept(e.payload.departmentId), e.payload.result, e.payload.rectification && `整改：${e.payload.rectification}`);
    case 'case.feedback_given':
      return join(methodName(p, e.payload.method), e.payload.content);
    case 'case.feedback_impossible':
      return e.payload.reason;
    case 'case.callback_done':
      return join(
        callbackMethodName(p, e.payload.method),
        e.payload.calleeName && `被回访人 ${hideIdentity ? maskName(e.payload.calleeName) : e.payload.calleeName}`,
        `满意度 ${e.payload.satisfaction}/5`,
        e.payload.satisfied ? '满意' : '不满意',
        e.payload.outcome,
        e.payload.notes,
      );
    case 'case.reopened':
      return e.payload.reason;
    case 'case.rejected':
      return join(
        p.inadmissibleReasons.find((r) => r.code === e.payload.reasonCode)?.text ?? e.payload.reasonCode,
        e.payload.explanation,
        e.payload.referral && `建议向 ${e.payload.referral} 反映`,
      );
    case 'case.note':
      return e.payload.text;
    case 'case.material_added':
      return join(e.payload.kind === 'evidence' ? '证据' : e.payload.kind === 'diary' ? '工作日记' : '书面材料', e.payload.title, e.payload.description);
    case 'case.attachment_added':
      return join(attachmentKindName(p, e.payload.kind), e.payload.name, e.payload.caption, printedHash(e.payload.hash));
    case 'case.attachment_withdrawn': {
      const a = 'case' in ctx ? attachmentsOf((ctx as CaseDocumentInput).case).find((x) => x.id === e.payload.attachmentId) : undefined;
      return join(a ? `撤回「${a.name}」` : '撤回附件', e.payload.reason);
    }
    case 'case.signed':
      return join(
        `${hideIdentity && COMPLAINANT_SIGNER_ROLES.has(e.payload.role) ? maskName(e.payload.signerName) : e.payload.signerName}（${roleLabel(e.payload.role, ctx)}）`,
        DOCUMENT_ZH[e.payload.document] ?? e.payload.document,
        e.payload.image ? '手写板签名' : '纸面签名',
      );
    case 'case.document_printed':
      return join(DOCUMENT_ZH[e.payload.document] ?? e.payload.document, `${e.payload.copies ?? 1} 份`, e.payload.printer && `打印机 ${e.payload.printer}`);
    case 'case.identity_viewed':
      return e.payload.reason;
    case 'case.reward_proposed':
      return join(formatMoney(e.payload.amount), e.payload.level, e.payload.reason);
    case 'case.reward_decided':
      return join(
        e.payload.approved ? '批准' : '不批准',
        e.payload.amount !== undefined && formatMoney(e.payload.amount),
        roleName(p, e.payload.approverRole),
        e.payload.note,
      );
    case 'case.penalty_proposed':
      return join(formatMoney(e.payload.amount), roleName(p, e.payload.targetRole), e.payload.reason);
    case 'case.penalty_decided':
      return join(e.payload.approved ? '批准' : '不批准', roleName(p, e.payload.approverRole), e.payload.note);
    case 'case.expense_recorded':
      return join(formatMoney(e.payload.amount), e.payload.description, e.payload.liableDepartmentId && `责任部门 ${dept(e.payload.liableDepartmentId)}`);
  }
}

const SIGNER_ROLE_ZH: Record<string, string> = {
  complainant: '投诉人',
  receiver: '接待人',
  department_receiver: '承办部门签收人',
  callee: '被回访人',
  callback_staff: '回访人',
  department_head: '部门负责人',
  director: '主任',
  vice_president: '副总经理',
  general_manager: '总经理',
};

export function roleLabel(role: string, ctx: DocumentContext): string {
  const [base, dept] = role.split(':');
  const name = SIGNER_ROLE_ZH[base ?? ''] ?? roleName(ctx.policy, base);
  return dept ? `${departmentName(ctx.policy, dept)}${name}` : name;
}
