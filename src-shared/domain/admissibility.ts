import type { Policy } from './policy';
import type { EventPayload } from './events';

// S4-7 / S6-2 / S1-4: before a complaint is taken on, the receiver checks the policy's inadmissibility
// reasons; an inadmissible complaint is explained and, where the policy says so, referred to the competent
// body. S8-3 / S7-11: categories can also mark a complaint invalid or external.

export interface AdmissibilityQuestion {
  code: string;
  /** The reason as a yes/no question's subject, e.g. 已向人民法院起诉. */
  text: string;
  referral?: string;
}

export type AdmissibilityResult =
  | { admissible: true }
  | {
      admissible: false;
      reasonCode: string;
      /** The policy's wording of the reason. */
      reason: string;
      /** What to tell the complainant about where to go instead. */
      referral?: string;
      /** Ready for a `case.rejected` event. */
      rejection: EventPayload<'case.rejected'>;
    };

/** The checklist the intake screen shows, in the policy's order. */
export function admissibilityQuestions(policy: Policy): AdmissibilityQuestion[] {
  return policy.inadmissibleReasons.map((r) =>
    r.referral !== undefined ? { code: r.code, text: r.text, referral: r.referral } : { code: r.code, text: r.text },
  );
}

/**
 * Decides admissibility from the receiver's answers (reason code → applies?). The first applicable reason
 * in the policy's order is the one recorded; codes the policy does not define are ignored.
 */
export function admissibilityCheck(policy: Policy, answers: Readonly<Record<string, boolean | undefined>>): AdmissibilityResult {
  const hit = policy.inadmissibleReasons.find((r) => answers[r.code] === true);
  if (!hit) return { admissible: true };
  const explanation = hit.referral ? `${hit.text}。${hit.referral}` : `${hit.text}。`;
  const rejection: EventPayload<'case.rejected'> = { reasonCode: hit.code, explanation: explanation.replace(/。。/g, '。') };
  if (hit.referral !== undefined) rejection.referral = hit.referral;
  return hit.referral !== undefined
    ? { admissible: false, reasonCode: hit.code, reason: hit.text, referral: hit.referral, rejection }
    : { admissible: false, reasonCode: hit.code, reason: hit.text, rejection };
}

/** S8-3 / S7-11: what a category says about a complaint's validity and whether an outside body handles it. */
export function categoryAdmissibility(policy: Policy, categoryCode: string | undefined): { valid: boolean; external?: string } {
  const c = categoryCode === undefined ? undefined : policy.categories.find((x) => x.code === categoryCode);
  if (!c) return { valid: true };
  return c.external !== undefined ? { valid: !c.invalid, external: c.external } : { valid: !c.invalid };
}

/** What the receiver answers at intake when the matter is not taken on (S4-7 / S6-2). */
export interface IntakeRejectionAnswer {
  reasonCode: string;
  explanation: string;
  referral?: string;
}

export type IntakeRejectionError = { path: 'inadmissibleReason'; code: 'intake.reasonUnknown' } | { path: 'explanation'; code: 'intake.explanationRequired' };

/**
 * S4-7 / S6-2: the `case.rejected` payload for a matter refused at intake, or why it cannot be recorded.
 * The reason must be one the policy in force defines; the complainant is told why (an explanation is
 * required); where the clerk names no other body, the policy's referral for that reason is used.
 */
export function rejectionAtIntake(
  policy: Policy,
  answer: IntakeRejectionAnswer,
): { ok: true; rejection: EventPayload<'case.rejected'> } | { ok: false; errors: IntakeRejectionError[] } {
  const errors: IntakeRejectionError[] = [];
  const verdict = admissibilityCheck(policy, { [answer.reasonCode]: true });
  if (verdict.admissible) errors.push({ path: 'inadmissibleReason', code: 'intake.reasonUnknown' });
  const explanation = answer.explanation.trim();
  if (!explanation) errors.push({ path: 'explanation', code: 'intake.explanationRequired' });
  if (verdict.admissible || errors.length) return { ok: false, errors };
  const referral = answer.referral?.trim() || verdict.referral;
  const rejection: EventPayload<'case.rejected'> = { reasonCode: verdict.reasonCode, explanation };
  if (referral) rejection.referral = referral;
  return { ok: true, rejection };
}
