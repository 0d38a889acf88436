import { z } from 'zod';
import { contentHash, mimeType, ATTACHMENT_LIMITS } from './attachments';
import { LIMITS, epochMs, idString, longText, money, requiredShortText, requiredText, shortText, text } from './limits';

// The event log is the only source of truth for a case (docs/architecture.md §The event log).
// Every payload is a strict object: unknown keys are refused, which also keeps `__proto__`-style keys
// out of stored documents.

const ids = z.array(idString).max(LIMITS.listItems);

export const channelCode = z.string().min(1).max(LIMITS.id);
export const kindCode = z.string().min(1).max(LIMITS.id);

/** Who complained. `confidential` masks the identity everywhere until an authorised role reveals it (S1-5). */
export const complainantSchema = z.strictObject({
  anonymous: z.boolean(),
  confidential: z.boolean(),
  name: shortText.optional(),
  phone: z.string().max(40).optional(),
  address: shortText.optional(),
  organisation: shortText.optional(),
  /** Free text such as 业主 / 住院患者 / 客户 — whoever the preset calls the complainant. */
  role: shortText.optional(),
  /** Set by the server, never by a desk: the identity was withheld from this desk (domain/sealing.ts). */
  sealed: z.literal(true).optional(),
});
export type Complainant = z.infer<typeof complainantSchema>;

/** 投诉事件 (时间、起因、过程、结果) — S3-2 service form, used by every preset. */
export const descriptionSchema = z.strictObject({
  time: shortText.optional(),
  cause: text.optional(),
  process: text.optional(),
  result: text.optional(),
  text: longText.optional(),
});

const formValue = z.union([z.string().max(LIMITS.text), z.number(), z.boolean(), z.null()]);
/** Preset-specific form fields (e.g. S3-2 品牌, 规格及数量). Keys are field keys declared by the policy's form. */
export const formValuesSchema = z
  .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,40}$/, 'form.key'), formValue)
  .refine((r) => Object.keys(r).length <= LIMITS.formFields, 'form.tooMany');

export const registeredPayload = z.strictObject({
  number: z.string().regex(/^[A-Z0-9]{2,12}-\d{8}-\d{3,5}$/, 'case.number'),
  kind: kindCode,
  channel: channelCode,
  /** Time the complaint reached the desk, to the minute (S3-2 投诉时间); may precede `at` for letters. */
  receivedAt: epochMs,
  firstReceiverId: idString,
  receptionPoint: shortText.optional(),
  departmentId: idString.optional(),
  category: idString.optional(),
  severity: idString.optional(),
  complainant: complainantSchema,
  subject: requiredShortText,
  description: descriptionSchema,
  demand: text.optional(),
  riskFlags: ids.default([]),
  form: formValuesSchema.default({}),
  /** S9-1: the clerk confirmed the apology was offered. */
  apologised: z.boolean().optional(),
  /**
   * The earlier case this one repeats or follows (S7-7 / S8-11: linked by the clerk at intake from the
   * complainant's earlier cases; S9-8 repair orders spawned by a callback).
   */
  relatedCaseId: idString.optional(),
});

const noteOnly = z.strictObject({ note: text.optional() });

export const eventPayloads = {
  'case.registered': registeredPayload,
  'case.accepted': noteOnly,
  'case.classified': z.strictObject({
    kind: kindCode.optional(),
    category: idString.optional(),
    severity: idString.optional(),
    /** S8-3 valid / invalid complaint. */
    valid: z.boolean().optional(),
    note: text.optional(),
  }),
  'case.assigned': z.strictObject({
    departmentId: idString,
    assigneeId: idString.optional(),
    /** 投诉处理通知单 number (S10-7). */
    noticeNo: shortText.optional(),
    /** Deadline the receiver set for the department, if tighter than the policy's. */
    dueAt: epochMs.optional(),
    instruction: text.optional(),
  }),
  'case.handover_acknowledged': z.strictObject({ departmentId: idString, note: text.optional() }),
  'case.transferred': z.strictObject({
    fromDepartmentId: idString.optional(),
    toDepartmentId: idString.optional(),
    toAssigneeId: idString.optional(),
    /** Forwarded outside the organisation (S1-4 higher authority, S8-7 developer). */
    external: shortText.optional(),
    reason: requiredText,
  }),
  'case.coordinated': z.strictObject({ departmentIds: ids.min(2), coordinatorId: idString, note: text.optional() }),
  'case.recused': z.strictObject({ staffId: idString, reason: requiredText }),
  'case.escalated': z.strictObject({ toRole: idString, toStaffId: idString.optional(), reason: requiredText }),
  'case.risk_flagged': z.strictObject({ flag: idString, note: text.optional() }),
  'case.clock_paused': z.strictObject({ stageId: idString.optional(), reason: requiredText }),
  'case.clock_resumed': z.strictObject({ stageId: idString.optional(), note: text.optional() }),
  'case.extension_requested': z.strictObject({
    requestId: idString,
    stageId: idString,
    newDueAt: epochMs,
    reason: requiredText,
  }),
  'case.extension_decided': z.strictObject({
    requestId: idString,
    approved: z.boolean(),
    approverRole: idString,
    note: text.optional(),
  }),
  'case.sample_sent': z.strictObject({ sample: requiredShortText, lab: shortText.optional() }),
  'case.site_visited': z.strictObject({ note: text.optional() }),
  'case.investigated': z.strictObject({
    inspectorIds: ids.min(1),
    findings: requiredText,
    violation: z.boolean().optional(),
    evidence: z.array(shortText).max(LIMITS.listItems).default([]),
    /** S1-14 danger level of a verified hazard, when the policy rewards by level. */
    dangerLevel: idString.optional(),
    verified: z.boolean().optional(),
  }),
  'case.approval_requested': z.strictObject({ approvalId: idString, step: idString, role: idString, note: text.optional() }),
  'case.approval_decided': z.strictObject({
    approvalId: idString,
    step: idString,
    role: idString,
    approved: z.boolean(),
    opinion: text.optional(),
  }),
  'case.replied': z.strictObject({
    to: z.enum(['complainant', 'receiver', 'superior']),
    method: channelCode,
    content: requiredText,
  }),
  'case.resolved': z.strictObject({
    result: requiredText,
    rectification: text.optional(),
    departmentId: idString.optional(),
  }),
  'case.feedback_given': z.strictObject({ method: channelCode, content: requiredText }),
  'case.feedback_impossible': z.strictObject({ reason: requiredText }),
  'case.callback_done': z.strictObject({
    method: channelCode,
    satisfied: z.boolean(),
    satisfaction: z.number().int().min(1).max(5),
    outcome: requiredText,
    calleeName: shortText.optional(),
    notes: text.optional(),
  }),
  'case.reopened': z.strictObject({ reason: requiredText }),
  'case.rejected': z.strictObject({ reasonCode: idString, explanation: requiredText, referral: text.optional() }),
  'case.closed': noteOnly,
  'case.note': z.strictObject({ text: requiredText, tag: idString.optional() }),
  'case.material_added': z.strictObject({
    kind: z.enum(['material', 'evidence', 'diary']),
    title: requiredShortText,
    description: text.optional(),
  }),
  /** A file kept with the case (issue 13); its bytes are stored and synced separately, addressed by `hash`. */
  'case.attachment_added': z.strictObject({
    hash: contentHash,
    name: requiredShortText,
    type: mimeType,
    size: z.number().int().min(1).max(ATTACHMENT_LIMITS.maxBytes),
    kind: idString,
    caption: shortText.optional(),
    /** Pixel size of a picture, for thumbnails and print layout. */
    width: z.number().int().min(1).max(100_000).optional(),
    height: z.number().int().min(1).max(100_000).optional(),
  }),
  /** Hides a file from the case; the file, its event and this one stay in the history and the archive. */
  'case.attachment_withdrawn': z.strictObject({ attachmentId: z.ulid(), reason: requiredText }),
  'case.signed': z.strictObject({
    signerName: requiredShortText,
    role: idString,
    document: idString,
    /** PNG data URL from signature_pad; absent when signed in ink on paper. */
    image: z
      .string()
      .max(LIMITS.signatureDataUrl)
      .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'signature.image')
      .optional(),
  }),
  'case.document_printed': z.strictObject({ document: idString, copies: z.number().int().min(1).max(50).default(1), printer: shortText.optional() }),
  'case.identity_viewed': z.strictObject({ reason: requiredText }),
  'case.reward_proposed': z.strictObject({
    rewardId: idString,
    amount: money,
    level: idString.optional(),
    toRole: idString.optional(),
    reason: text.optional(),
  }),
  'case.reward_decided': z.strictObject({ rewardId: idString, approved: z.boolean(), amount: money.optional(), approverRole: idString, note: text.optional() }),
  'case.penalty_proposed': z.strictObject({ penaltyId: idString, amount: money, targetRole: idString, stageId: idString.optional(), reason: text.optional() }),
  'case.penalty_decided': z.strictObject({ penaltyId: idString, approved: z.boolean(), approverRole: idString, note: text.optional() }),
  'case.expense_recorded': z.strictObject({ expenseId: idString, amount: money, description: requiredText, liableDepartmentId: idString.optional() }),
} as const;

export type EventType = keyof typeof eventPayloads;
export const EVENT_TYPES = Object.keys(eventPayloads) as EventType[];
export type EventPayload<T extends EventType> = z.infer<(typeof eventPayloads)[T]>;

const envelopeShape = {
  id: z.ulid(),
  caseId: idString,
  orgId: idString,
  siteId: idString,
  deskId: idString,
  actorId: idString,
  at: epochMs,
  policyRevision: z.number().int().min(0),
  v: z.literal(1),
};

function eventSchemaOf<T extends EventType>(type: T) {
  return z.strictObject({ ...envelopeShape, type: z.literal(type), payload: eventPayloads[type] });
}

const eventVariants = EVENT_TYPES.map((t) => eventSchemaOf(t));
export const caseEventSchema = z.discriminatedUnion(
  'type',
  eventVariants as unknown as [ReturnType<typeof eventSchemaOf<EventType>>, ...ReturnType<typeof eventSchemaOf<EventType>>[]],
);

type EnvelopeFields = { [K in keyof typeof envelopeShape]: z.infer<(typeof envelopeShape)[K]> };
/** A case event, discriminated by `type` so `payload` narrows. */
export type CaseEvent = { [T in EventType]: EnvelopeFields & { type: T; payload: EventPayload<T> } }[EventType];
export type CaseEventOf<T extends EventType> = Extract<CaseEvent, { type: T }>;
/** What a caller supplies to create an event; the writer fills the envelope. */
export type NewEvent = { [T in EventType]: { type: T; payload: z.input<(typeof eventPayloads)[T]> } }[EventType];
