import { z } from 'zod';
import type { DocumentId } from '../../src-shared/bridge';
import { CASE_STATUSES, type CaseState } from '../../src-shared/domain/case-state';
import { caseEventSchema, type CaseEvent } from '../../src-shared/domain/events';
import { LIMITS } from '../../src-shared/domain/limits';
import { ATTENTION_LIST_MAX, ATTENTION_LISTS } from '../../src-shared/analytics/summary-lists';
import { policySchema } from '../../src-shared/domain/policy';
import { projectCase } from '../../src-shared/domain/projection';
import { slaStagesFor } from '../../src-shared/domain/sla';
import type { StageStatus } from '../../src-shared/domain/sla-types';
import { invalidInput } from './errors';
import type { DocumentInputs, SummaryFigures } from './types';

// `documents.render` receives plain JSON from the renderer. Everything a builder reads is checked here,
// so a stale or hostile payload gives a clear error instead of a broken page. Optional case fields get
// their empty defaults: a case missing them still prints, with blanks.

const str = z.string().max(LIMITS.longText);
const ms = z.number().finite();
const list = <T extends z.ZodType>(item: T, max = 10_000) => z.array(item).max(max).default([]);
const pngDataUrl = z
  .string()
  .max(LIMITS.signatureDataUrl)
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/);
const imageDataUrl = z
  .string()
  .max(2_000_000)
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/);
const at = { at: ms, by: str };
/** A stored picture is at most 2048 px on its long edge; 8 MB of base64 holds any of them. */
const attachmentDataUrl = z
  .string()
  .max(8_000_000)
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/);
export const MAX_PRINTED_PICTURES = 60;

export const caseStateInputSchema = z.looseObject({
  id: str,
  number: str,
  policyRevision: z.number().int().min(0).default(0),
  kind: str,
  channel: str.default(''),
  category: str.optional(),
  severity: str.optional(),
  valid: z.boolean().optional(),
  status: z.enum(CASE_STATUSES),
  registeredAt: ms,
  receivedAt: ms,
  firstReceiverId: str,
  receptionPoint: str.optional(),
  departmentId: str.optional(),
  assigneeIds: list(str),
  departmentsInvolved: list(str),
  noticeNos: list(str),
  riskFlags: list(str),
  complainant: z
    .looseObject({
      anonymous: z.boolean().default(false),
      confidential: z.boolean().default(false),
      name: str.optional(),
      phone: str.optional(),
      address: str.optional(),
      organisation: str.optional(),
      role: str.optional(),
    })
    .default({ anonymous: false, confidential: false }),
  subject: str.default(''),
  description: z
    .looseObject({ time: str.optional(), cause: str.optional(), process: str.optional(), result: str.optional(), text: str.optional() })
    .default({}),
  demand: str.optional(),
  form: z.record(z.string().max(64), z.union([str, z.number(), z.boolean(), z.null()])).default({}),
  apologised: z.boolean().default(false),
  investigations: list(z.looseObject({ inspectorIds: list(str), findings: str, verified: z.boolean().optional(), evidence: list(str), ...at })),
  replies: list(z.looseObject({ to: str, method: str, content: str, ...at })),
  result: z.looseObject({ text: str, rectification: str.optional(), departmentId: str.optional(), ...at }).optional(),
  feedback: z
    .union([z.looseObject({ given: z.literal(true), method: str, content: str, ...at }), z.looseObject({ given: z.literal(false), reason: str, ...at })])
    .optional(),
  callbacks: list(
    z.looseObject({
      method: str,
      satisfied: z.boolean(),
      satisfaction: z.number().int().min(1).max(5),
      outcome: str,
      calleeName: str.optional(),
      notes: str.optional(),
      ...at,
    }),
  ),
  rejection: z.looseObject({ reasonCode: str, explanation: str, referral: str.optional(), ...at }).optional(),
  approvals: list(
    z.looseObject({
      approvalId: str,
      step: str,
      role: str,
      decided: z.looseObject({ approved: z.boolean(), by: str, at: ms, opinion: str.optional() }).optional(),
    }),
  ),
  expenses: list(z.looseObject({ expenseId: str, amount: z.number().finite(), description: str, ...at })),
  materials: list(z.looseObject({ kind: z.enum(['material', 'evidence', 'diary']), title: str, description: str.optional(), ...at })),
  attachments: list(
    z.looseObject({
      id: str,
      hash: str,
      name: str,
      type: str,
      size: z.number().int().min(0),
      kind: str,
      caption: str.optional(),
      width: z.number().optional(),
      height: z.number().optional(),
      ...at,
      withdrawn: z.looseObject({ reason: str, ...at }).optional(),
    }),
  ),
  signatures: list(z.looseObject({ signerName: str, role: str, document: str, image: pngDataUrl.optional(), eventId: str.default(''), ...at })),
  timeline: list(z.looseObject({ eventId: str, type: str, at: ms, actorId: str }), 100_000),
  resolvedAt: ms.optional(),
  closedAt: ms.optional(),
  eventCount: z.number().int().min(0).default(0),
});

const context = {
  organisation: z.strictObject({ name: z.string().trim().min(1).max(LIMITS.shortText), logo: imageDataUrl.optional() }),
  policy: policySchema,
  staffNames: z.record(z.string().max(LIMITS.id), z.string().max(LIMITS.shortText)).default({}),
  printedAt: ms.optional(),
};

const stageStatusSchema = z.looseObject({
  stageId: str,
  name: str,
  state: z.enum(['pending', 'running', 'warning', 'breached', 'met']),
  clock: z.enum(['natural', 'working-days', 'business-hours']),
  startedAt: ms.optional(),
  dueAt: ms.optional(),
  metAt: ms.optional(),
  metLate: z.boolean().optional(),
  extended: z.boolean().default(false),
  paused: z.boolean().default(false),
  pausedMs: z.number().default(0),
  notifyRoles: list(str),
  rules: list(str),
});

const caseDocument = z.looseObject({
  ...context,
  case: caseStateInputSchema.optional(),
  events: z.array(caseEventSchema).max(100_000).optional(),
  revealIdentity: z.boolean().optional(),
  stages: z.array(stageStatusSchema).max(200).optional(),
  noticeNo: z.string().max(LIMITS.shortText).optional(),
  /** Pictures of the case's attachments to draw in the archive, by hash: JPEG or PNG data URLs (issue 13). */
  attachmentImages: z
    .record(z.string().regex(/^[0-9a-f]{64}$/), attachmentDataUrl)
    .refine((r) => Object.keys(r).length <= MAX_PRINTED_PICTURES, 'attachment.tooMany')
    .optional(),
});

const countRow = z.strictObject({ code: str, name: str, count: z.number().int().min(0) });
const figuresSchema = z.strictObject({
  total: z.number().int().min(0),
  byKind: z.array(countRow).max(1000),
  byCategory: z.array(countRow).max(1000),
  bySeverity: z.array(countRow).max(1000),
  byDepartment: z.array(countRow).max(1000),
  stageOnTime: z.array(z.strictObject({ stageId: str, name: str, total: z.number().int().min(0), onTime: z.number().int().min(0) })).max(200),
  callbackDue: z.number().int().min(0),
  callbackDone: z.number().int().min(0),
  satisfactionMean: z.number().min(0).max(5).optional(),
  satisfiedCount: z.number().int().min(0),
  validCount: z.number().int().min(0),
  classifiedCount: z.number().int().min(0),
  validRateBase: z.strictObject({ base: z.number().positive(), label: str }).optional(),
});

// The sheet's own lines (src-shared/analytics/summary-lists.ts): strict, so a field the sheet does not print
// is refused rather than carried, and bounded, so a hostile payload cannot make the host lay out more.
const short = z.string().max(LIMITS.shortText);
const count = z.number().int().min(0).max(10_000_000);
const summaryRowSchema = z.strictObject({
  number: z.string().min(1).max(LIMITS.shortText),
  registeredAt: ms,
  kind: short,
  severity: short.optional(),
  category: short.optional(),
  departmentId: short.optional(),
  status: z.enum(CASE_STATUSES),
  valid: z.boolean().optional(),
  satisfaction: z.number().int().min(1).max(5).optional(),
  subject: z.string().max(200),
  note: z.string().max(400).optional(),
});
const monthSchema = z
  .strictObject({
    label: z.string().min(1).max(LIMITS.shortText),
    from: ms,
    to: ms,
    total: count,
    onTime: count,
    onTimeBase: count,
    callbackDue: count,
    callbackDone: count,
    satisfactionMean: z.number().min(0).max(5).optional(),
    validCount: count,
  })
  .refine((m) => m.from < m.to && m.onTime <= m.onTimeBase && m.callbackDone <= m.callbackDue, '统计月份的数字不一致');
const attentionSchema = z
  .strictObject({ id: z.enum(ATTENTION_LISTS), total: count, rows: z.array(summaryRowSchema).max(ATTENTION_LIST_MAX) })
  .refine((l) => l.rows.length <= l.total, '需关注案件的行数多于总数');

const summary = z
  .looseObject({
    ...context,
    period: z.strictObject({ label: z.string().min(1).max(LIMITS.shortText), from: ms, to: ms }),
    figures: figuresSchema.optional(),
    cases: z.array(caseStateInputSchema).max(100_000).optional(),
    stagesByCase: z.record(z.string().max(LIMITS.id), z.array(stageStatusSchema).max(200)).optional(),
    // A year's months at most (a wider period prints no month table).
    months: z.array(monthSchema).max(12).optional(),
    attention: z
      .array(attentionSchema)
      .max(ATTENTION_LISTS.length)
      .refine((ls) => new Set(ls.map((l) => l.id)).size === ls.length, '需关注案件清单重复')
      .optional(),
    caseList: z.array(summaryRowSchema).max(100_000).optional(),
    listCases: z.boolean().optional(),
  })
  .refine((v) => v.period.from < v.period.to, '统计期间的起止时间不正确');

const dailyQuality = z.looseObject({ ...context, date: ms, cases: z.array(caseStateInputSchema).max(5_000) });

const regulation = z.looseObject({
  ...context,
  signOff: z
    .strictObject({
      authorName: str.optional(),
      authorDate: ms.optional(),
      reviewerName: str.optional(),
      reviewerDate: ms.optional(),
      approverName: str.optional(),
      approverDate: ms.optional(),
    })
    .optional(),
});

function fail(error: z.ZodError): never {
  const issue = error.issues[0];
  const path = issue ? issue.path.map(String).join('.') || '(root)' : '(root)';
  throw invalidInput(`${path}：${issue?.message ?? ''}`);
}

function caseInput(data: unknown): DocumentInputs['registration'] {
  const r = caseDocument.safeParse(data);
  if (!r.success) fail(r.error);
  const v = r.data;
  const events = v.events as CaseEvent[] | undefined;
  // Either the projection the desk already holds, or the events to fold into one.
  const c = (v.case as CaseState | undefined) ?? (events?.length ? projectCase(events) : undefined);
  if (!c) throw invalidInput('case / events');
  // Deadlines come from the SLA engine only (docs/architecture.md); the caller may pass them, else they are computed.
  const stages = (v.stages as StageStatus[] | undefined) ?? (events?.length ? slaStagesFor(v.policy, events, v.printedAt ?? Date.now()) : undefined);
  return { ...(v as Omit<typeof v, 'case'>), case: c, events, stages } as DocumentInputs['registration'];
}

export function parseDocumentInput<D extends DocumentId>(id: D, data: unknown): DocumentInputs[D] {
  switch (id) {
    case 'registration':
    case 'notice':
    case 'callback':
    case 'archive':
      return caseInput(data) as DocumentInputs[D];
    case 'summary': {
      const r = summary.safeParse(data);
      if (!r.success) fail(r.error);
      return {
        ...r.data,
        figures: r.data.figures as SummaryFigures | undefined,
        cases: r.data.cases as CaseState[] | undefined,
        stagesByCase: r.data.stagesByCase as DocumentInputs['summary']['stagesByCase'],
        caseList: r.data.caseList as DocumentInputs['summary']['caseList'],
        months: r.data.months as DocumentInputs['summary']['months'],
        attention: r.data.attention as DocumentInputs['summary']['attention'],
      } as DocumentInputs[D];
    }
    case 'daily_quality': {
      const r = dailyQuality.safeParse(data);
      if (!r.success) fail(r.error);
      return { ...r.data, cases: r.data.cases as unknown as CaseState[] } as DocumentInputs[D];
    }
    case 'regulation': {
      const r = regulation.safeParse(data);
      if (!r.success) fail(r.error);
      return r.data as unknown as DocumentInputs[D];
    }
    default:
      throw invalidInput(`document ${String(id)}`);
  }
}
