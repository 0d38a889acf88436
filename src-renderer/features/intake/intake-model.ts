import type { Policy } from '../../../src-shared/domain/policy';
import type { IntakeValues as DomainIntakeValues } from '../../../src-shared/domain/intake';
import { intakeDefaults, roleNames, soleReceptionPoint } from '../../data/domain';
import type { MessageKey, Vars } from '../../i18n/i18n';
import { fromLocalInput, toLocalInput } from '../../format/time';

// The intake form's values and their mapping to a case.registered payload. Validation is the shared
// schema's job (intakeSchemaFor); this only moves values between the form and the event.

export interface IntakeValues {
  kind: string;
  channel: string;
  receivedAt: string;
  complainant: { anonymous: boolean; confidential: boolean; name: string; phone: string; address: string; organisation: string; role: string };
  subject: string;
  description: { time: string; cause: string; process: string; result: string; text: string };
  demand: string;
  category?: string;
  severity?: string;
  departmentId?: string;
  receptionPoint?: string;
  riskFlags: string[];
  apologised: boolean;
  form: Record<string, string>;
  /** S4-7 / S6-2: set when the matter is not admissible. */
  inadmissibleReason?: string;
  explanation: string;
  referral: string;
  /**
   * The case this intake already registered when writing its 不予受理 failed afterwards: saving again
   * records only the rejection on it, never a second case. Kept in the draft, so a reload keeps it too.
   */
  registered?: { id: string; number: string };
  /** The earlier case the clerk linked this one to (S7-7), from the complainant's earlier cases; kept in the draft. */
  related?: { id: string; number: string };
}

export function emptyIntake(policy: Policy | undefined, now: number, defaults: { receptionPoint?: string; departmentId?: string } = {}): IntakeValues {
  return {
    kind: policy?.kinds[0]?.code ?? '',
    channel: policy?.channels[0]?.code ?? '',
    receivedAt: toLocalInput(now),
    complainant: {
      anonymous: false,
      confidential: policy ? intakeDefaults(policy, policy.kinds[0]?.code ?? '', now).complainant.confidential : false,
      name: '',
      phone: '',
      address: '',
      organisation: '',
      role: '',
    },
    subject: '',
    description: { time: '', cause: '', process: '', result: '', text: '' },
    demand: '',
    category: undefined,
    severity: undefined,
    departmentId: defaults.departmentId,
    // The desk's own point, else the policy's only one (issue 16: 接待点 printed blank).
    receptionPoint: defaults.receptionPoint ?? (policy ? soleReceptionPoint(policy) : undefined),
    riskFlags: [],
    apologised: false,
    form: {},
    inadmissibleReason: undefined,
    explanation: '',
    referral: '',
  };
}

/** The domain's intake values (intake.ts) for these form values; times become epoch ms. */
export function toIntakeValues(v: IntakeValues, now: number): DomainIntakeValues {
  const received = fromLocalInput(v.receivedAt);
  return {
    kind: v.kind,
    channel: v.channel,
    // Kept as typed: a time in the future is refused by the schema with a message (validateIntake), never
    // silently replaced (issue 11 finding 7).
    receivedAt: received ?? now,
    receptionPoint: v.receptionPoint || undefined,
    category: v.category || undefined,
    severity: v.severity || undefined,
    departmentId: v.departmentId || undefined,
    complainant: { ...v.complainant },
    subject: v.subject,
    description: { ...v.description },
    demand: v.demand,
    riskFlags: v.riskFlags ?? [],
    form: { ...v.form },
    apologised: v.apologised,
    relatedCaseId: v.related?.id,
  };
}

/** The form field that holds a path of the domain's intake values (the shapes match). */
export function formPathOf(path: string): string {
  // The link is kept on the form with the earlier case's number, to name it (related.id is the id).
  if (path === 'relatedCaseId') return 'related';
  return path;
}

/** The intake form field a policy uses to book a visitor onto a leaders' reception day (S1-8). */
export const RECEPTION_DAY_FIELD = 'receptionDay';

/**
 * S1-8: the intake opened from a reception day on the calendar — a visit (when the policy has that
 * channel), of a kind whose form has the booking field (the current kind if it does), booked on `day`.
 * Unchanged when no kind of the policy can book a reception day.
 */
export function bookReceptionDay(values: IntakeValues, policy: Policy, day: string): IntakeValues {
  const books = (kind: string) => {
    const formId = policy.kinds.find((k) => k.code === kind)?.formId;
    return policy.forms.find((f) => f.id === formId)?.fields.some((f) => f.key === RECEPTION_DAY_FIELD) ?? false;
  };
  const kind = books(values.kind) ? values.kind : policy.kinds.find((k) => books(k.code))?.code;
  if (!kind) return values;
  const visit = policy.channels.some((c) => c.code === 'visit');
  return { ...values, kind, channel: visit ? 'visit' : values.channel, form: { ...values.form, [RECEPTION_DAY_FIELD]: day } };
}

/**
 * The risk flags' hint: who this preset alerts at once (S1-6 the brigade's leaders, S6-9 the station
 * manager), from the policy's flags, never one regulation's words for all (issue 16 finding 7).
 */
export function riskFlagsHint(policy: Policy): { key: MessageKey; vars: Vars } | undefined {
  if (policy.riskFlags.length === 0) return undefined;
  return { key: 'intake.riskFlagsHelp', vars: { roles: roleNames(policy, [...new Set(policy.riskFlags.flatMap((f) => f.alertRoles))]) } };
}
