import { Timeline, Typography } from 'antd';
import type { CaseEvent } from '../../../src-shared/domain/events';
import type { Policy } from '../../../src-shared/domain/policy';
import { policyLabels } from '../../data/labels';
import { getLanguage, useT, type MessageKey } from '../../i18n/i18n';
import { SIGNATURE_ROLES } from '../../data/domain';
import { formatYuan } from '../../../src-shared/analytics/ledger';
import { eventName } from '../../data/domain';
import { formatDateTime } from '../../format/time';

// The full record of who did what when. Registration details stay in the summary, where
// confidentiality is applied; the timeline shows each later event's own words.

const SIGNATURE_ROLE_CODES = new Set<string>(Object.values(SIGNATURE_ROLES));

function detailOf(
  e: CaseEvent,
  labels: ReturnType<typeof policyLabels>,
  names: Map<string, string>,
  t: ReturnType<typeof useT>,
  files: Map<string, string>,
): string {
  const yuan = (amount: number) => formatYuan(amount, getLanguage());
  const decided = (approved: boolean, role: string, note?: string) =>
    [`${t(approved ? 'timeline.approved' : 'timeline.rejected')}（${labels.role(role)}）`, note].filter(Boolean).join('：');
  switch (e.type) {
    case 'case.penalty_proposed':
      return [`${labels.role(e.payload.targetRole)} ${yuan(-e.payload.amount)}`, e.payload.reason].filter(Boolean).join('：');
    case 'case.penalty_decided':
      return decided(e.payload.approved, e.payload.approverRole, e.payload.note);
    case 'case.reward_proposed':
      return [yuan(e.payload.amount), e.payload.reason].filter(Boolean).join('：');
    case 'case.reward_decided':
      return [
        decided(e.payload.approved, e.payload.approverRole),
        e.payload.approved && e.payload.amount !== undefined ? yuan(e.payload.amount) : undefined,
        e.payload.note,
      ]
        .filter(Boolean)
        .join(' ');
    case 'case.expense_recorded':
      // What was spent and on what (S2-5's goodwill visit), not only the description; an amount spent, unsigned.
      return [`${labels.expense(e.payload.expenseId)} ${yuan(e.payload.amount).replace(/^[+\u2212]/, '')}`, e.payload.description].filter(Boolean).join('：');
    case 'case.approval_decided':
      return decided(e.payload.approved, e.payload.role, e.payload.opinion);
    case 'case.registered':
      return `${labels.kind(e.payload.kind)} · ${labels.channel(e.payload.channel)} · ${e.payload.subject}`;
    case 'case.assigned':
      return [labels.department(e.payload.departmentId), e.payload.assigneeId && names.get(e.payload.assigneeId), e.payload.instruction]
        .filter(Boolean)
        .join(' · ');
    case 'case.transferred':
      return [labels.department(e.payload.fromDepartmentId), '→', labels.department(e.payload.toDepartmentId) || e.payload.external, '：', e.payload.reason]
        .filter(Boolean)
        .join(' ');
    case 'case.coordinated':
      // The note the clerk typed is part of the record, as for every other action.
      return [e.payload.departmentIds.map((d) => labels.department(d)).join('、'), names.get(e.payload.coordinatorId), e.payload.note]
        .filter(Boolean)
        .join(' · ');
    case 'case.recused':
      return `${names.get(e.payload.staffId) ?? e.payload.staffId}：${e.payload.reason}`;
    case 'case.escalated':
      return `${labels.role(e.payload.toRole)}：${e.payload.reason}`;
    case 'case.risk_flagged':
      return [labels.riskFlag(e.payload.flag), e.payload.note].filter(Boolean).join('：');
    case 'case.classified':
      return [labels.kind(e.payload.kind), labels.category(e.payload.category), labels.severity(e.payload.severity)].filter(Boolean).join(' · ');
    case 'case.investigated':
      return `${e.payload.inspectorIds.map((i) => names.get(i) ?? i).join('、')}：${e.payload.findings}`;
    case 'case.replied':
      return e.payload.content;
    case 'case.resolved':
      return e.payload.result;
    case 'case.feedback_given':
      return e.payload.content;
    case 'case.callback_done':
      return `${'★'.repeat(e.payload.satisfaction)} ${e.payload.outcome}`;
    case 'case.rejected':
      return `${labels.reason(e.payload.reasonCode)}：${e.payload.explanation}`;
    case 'case.extension_requested':
      return `${formatDateTime(e.payload.newDueAt).slice(0, 16)}：${e.payload.reason}`;
    case 'case.note':
      return e.payload.text;
    case 'case.attachment_added':
      return [`${labels.attachmentKind(e.payload.kind)}：${e.payload.name}`, e.payload.caption].filter(Boolean).join(' · ');
    case 'case.attachment_withdrawn':
      return `${files.get(e.payload.attachmentId) ?? ''}：${e.payload.reason}`;
    case 'case.document_printed':
      // Which form went to paper (and where): the record said only 打印文档.
      return [t(`doc.${e.payload.document}` as MessageKey), e.payload.printer].filter(Boolean).join(' · ');
    case 'case.signed': {
      // Slot roles (src-shared/domain/signature-slots.ts) have their own words; department heads sign for a department.
      const [base = '', dept] = e.payload.role.split(':');
      const role = SIGNATURE_ROLE_CODES.has(base) ? t(`sign.role.${base}` as MessageKey) : labels.role(base);
      // An expense voucher (S3-8) is named by its item, the others by the printed form's name.
      const voucher = /^expense:(.+)$/.exec(e.payload.document)?.[1];
      const document = voucher ? labels.expense(voucher) : t(`doc.${e.payload.document}` as MessageKey);
      return `${e.payload.signerName}（${dept ? labels.department(dept) : ''}${role}）· ${document}`;
    }
    default: {
      const p = e.payload as Record<string, unknown>;
      const text = p.reason ?? p.note ?? p.opinion ?? p.description;
      return typeof text === 'string' ? text : '';
    }
  }
}

export function CaseTimeline({ events, policy, names }: { events: CaseEvent[]; policy: Policy; names: Map<string, string> }) {
  const t = useT();
  const labels = policyLabels(policy);
  // A withdrawal names the file it hides, which only its adding event carries.
  const files = new Map(events.flatMap((e) => (e.type === 'case.attachment_added' ? [[e.id, e.payload.name] as const] : [])));
  return (
    <Timeline
      data-testid="timeline"
      items={events.map((e) => ({
        key: e.id,
        color: e.type === 'case.risk_flagged' || e.type === 'case.rejected' ? 'red' : e.type === 'case.identity_viewed' ? 'orange' : 'blue',
        content: (
          <div data-event-type={e.type}>
            <Typography.Text strong>{eventName(e.type, getLanguage())}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {formatDateTime(e.at)} · {names.get(e.actorId) ?? e.actorId}
            </Typography.Text>
            <div>{detailOf(e, labels, names, t, files)}</div>
          </div>
        ),
      }))}
    />
  );
}
