import type { Policy } from '../../../src-shared/domain/policy';
import type { RegistrationInput } from '../../data/register';
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
}

export function emptyIntake(policy: Policy | undefined, now: number, defaults: { receptionPoint?: string; departmentId?: string } = {}): IntakeValues {
  return {
    kind: policy?.kinds[0]?.code ?? '',
    channel: policy?.channels[0]?.code ?? '',
    receivedAt: toLocalInput(now),
    complainant: { anonymous: false, confidential: policy?.confidentialByDefault ?? false, name: '', phone: '', address: '', organisation: '', role: '' },
    subject: '',
    description: { time: '', cause: '', process: '', result: '', text: '' },
    demand: '',
    category: undefined,
    severity: undefined,
    departmentId: defaults.departmentId,
    receptionPoint: defaults.receptionPoint,
    riskFlags: [],
    apologised: false,
    form: {},
    inadmissibleReason: undefined,
    explanation: '',
    referral: '',
  };
}

const orUndef = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

function compact<T extends Record<string, string | undefined>>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (orUndef(v) !== undefined) (out as Record<string, string>)[k] = v!.trim();
  return out;
}

/** The registration payload (without the number, allocated at save) for these form values. */
export function registrationOf(v: IntakeValues, firstReceiverId: string, now: number): RegistrationInput {
  const c = v.complainant;
  const form: Record<string, string> = {};
  for (const [k, val] of Object.entries(v.form ?? {})) if (orUndef(val) !== undefined) form[k] = val.trim();
  return {
    kind: v.kind,
    channel: v.channel,
    receivedAt: Math.min(fromLocalInput(v.receivedAt) ?? now, now),
    firstReceiverId,
    receptionPoint: orUndef(v.receptionPoint),
    departmentId: orUndef(v.departmentId),
    category: orUndef(v.category),
    severity: orUndef(v.severity),
    complainant: {
      anonymous: c.anonymous,
      confidential: c.confidential,
      ...(c.anonymous ? {} : compact({ name: c.name, phone: c.phone, address: c.address, organisation: c.organisation, role: c.role })),
    },
    subject: v.subject.trim(),
    description: compact(v.description),
    demand: orUndef(v.demand),
    riskFlags: v.riskFlags ?? [],
    form,
    apologised: v.apologised,
  };
}

/** Maps a path in the registration payload (from the shared schema) to the form field that holds it. */
export function formPathOf(payloadPath: string): string {
  const p = payloadPath.replace(/^payload\./, '');
  if (p === 'receivedAt') return 'receivedAt';
  return p;
}
