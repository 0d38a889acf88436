import type { CaseEvent, Complainant, NewEvent } from '../../src-shared/domain/events';
import type { CaseState } from '../../src-shared/domain/case-state';
export { CASE_STATUSES } from '../../src-shared/domain/case-state';
import type { Policy, StaffRoles } from '../../src-shared/domain/policy';
import type { FieldError } from '../../src-shared/domain/parse';
import { messageFor, type LocalisedMessage } from '../../src-shared/i18n/validation';
import {
  approvalStepOf,
  availableActions,
  caseAt,
  eventsFollowingDecision,
  minInspectors,
  nextNoticeNo,
  pendingApprovalSteps,
  requestableSteps,
  roleNames,
  validateAction,
  type ActionAvailability,
} from '../../src-shared/domain/actions';
export {
  approvalStepOf,
  caseAt,
  eventsFollowingDecision,
  minInspectors,
  nextNoticeNo,
  pendingApprovalSteps,
  requestableSteps,
  roleNames,
  type ActionAvailability,
};
export { rejectionAtIntake } from '../../src-shared/domain/admissibility';
import { buildRegistration, intakeSchemaFor, personWordOf, RECEIPT_SKEW_MS, registrationRefusals, type IntakeValues } from '../../src-shared/domain/intake';
export { commonFieldsOf, personWordOf } from '../../src-shared/domain/intake';
export { placeFieldOf } from '../../src-shared/domain/contact-key';
import { applyEvents, compareEvents as compare, projectCase } from '../../src-shared/domain/projection';
import { caseDeadlineSummary, slaStagesFor } from '../../src-shared/domain/sla';
export { slaStagesFor };
import { canRevealIdentity as canReveal, maskComplainant } from '../../src-shared/domain/masking';
import { isIdentityAtRest } from './at-rest-crypto';
export { administersWithPin, canAdminister, holdsAdminRole } from '../../src-shared/domain/administration';
export { credentialChangeRefusal, credentialResetterRefusal } from '../../src-shared/domain/credential-change';
export { kindOfSecret, verifierKind, verifyCredential } from '../../src-shared/credentials';
export { maySignInAt } from '../../src-shared/domain/org';
// Plain domain values and functions the screens use as they are (no wrapper needed: they decide nothing
// a screen could get wrong on its own). Features reach the domain only through this module (eslint).
export { policySchema } from '../../src-shared/domain/policy';
export { validatePolicy } from '../../src-shared/domain/policy-validate';
export { nextRevision } from '../../src-shared/domain/revisions';
export { SIGNABLE_DOCUMENTS, SIGNATURE_ROLES, SIGNATURE_SLOTS, signedRole } from '../../src-shared/domain/signature-slots';
export { eventName } from '../../src-shared/domain/event-names';
export {
  ATTACHMENT_LIMITS,
  attachmentKindsOf,
  attachmentsOf,
  bodyRefusal,
  isPicture,
  liveAttachments,
  sha256Hex,
  type Attachment,
} from '../../src-shared/domain/attachments';
export { callbackDue, callbackDueAt } from '../../src-shared/domain/sla';
export { riskFlagAlerts, stageAlerts } from '../../src-shared/domain/alerts';
export { intakeDefaults, soleReceptionPoint } from '../../src-shared/domain/intake';
export { addHolidayRange, addMakeUpDay, noticeOf, removeNoticeEntry, MAX_RANGE_DAYS, type NoticeRefusal } from '../../src-shared/domain/calendar-notice';
export { statutoryHolidays, type StatutoryHolidayName } from '../../src-shared/domain/statutory-holidays';
export { crossesProvisionalDays, isProvisionalYear, provisionalYearAhead } from '../../src-shared/domain/calendar';
export {
  awaitingCallback,
  callbackMethodChoices,
  callbackMethodName,
  callbackMethods,
  eventsFollowingCallback,
  unsatisfiedCallback,
  type AwaitingCallback,
} from '../../src-shared/domain/callback-outcome';

// The renderer's single seam onto the shared domain (projection, intake, actions, masking, SLA). It only
// delegates: no business rule is decided here or in any component.

/** `history` is every stored event of the case (it may already hold `newEvents`). */
export function foldEvents(state: CaseState | undefined, newEvents: CaseEvent[], history: CaseEvent[]): CaseState | undefined {
  return applyEvents(state, newEvents, history);
}

export function rebuildCase(events: CaseEvent[]): CaseState | undefined {
  return projectCase(events);
}

/** The total order of a case's events: (at, id). */
export function compareEvents(a: CaseEvent, b: CaseEvent): number {
  return compare(a, b);
}

/** The domain's verdict on an event about to be written by `actor` (status, role, policy); `history`: the case's stored events. */
export function checkAction(policy: Policy, state: CaseState | undefined, event: CaseEvent, actor: StaffRoles, history: readonly CaseEvent[]): FieldError[] {
  if (event.type === 'case.registered') {
    if (state) return [{ path: 'type', code: 'action.alreadyRegistered', message: messageFor('action.alreadyRegistered', 'type') }];
    // The server's check of a registration, applied before it is written here too (src-server/sync/authorise.ts).
    return registrationRefusals(policy, event.payload, event.at, RECEIPT_SKEW_MS);
  }
  if (!state) return [{ path: 'caseId', code: 'desk.caseUnknown', message: messageFor('desk.caseUnknown', 'caseId') }];
  const r = validateAction(state, policy, actor, { type: event.type, payload: event.payload } as NewEvent, event.at, history);
  return r.ok ? [] : r.errors;
}

/** Every action with the domain's verdict for `actor` at `now` (allowed, or the reason and who can). */
export function actionVerdicts(policy: Policy, state: CaseState, actor: StaffRoles, now: number, events: readonly CaseEvent[]): ActionAvailability[] {
  return availableActions(state, policy, actor, now, events);
}

export interface IntakeError {
  path: string;
  message: string;
}

/**
 * Validates intake values with the preset's schema for the kind (required fields, options, S9-1 apology).
 * `now` is the desk's clock: a receive time after it is refused with a message (issue 11 finding 7).
 */
export function validateIntake(policy: Policy, values: IntakeValues, lang: 'zh-CN' | 'en', now: number): IntakeError[] {
  const r = intakeSchemaFor(policy, values.kind, lang, now).safeParse(values);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ path: i.path.map(String).join('.') || 'kind', message: i.message }));
}

/** The case.registered event for validated intake values (routing by category is the domain's). */
export function registrationEvent(policy: Policy, values: IntakeValues, number: string, firstReceiverId: string): NewEvent {
  return buildRegistration(values, { policy, number, firstReceiverId });
}

/** The complainant as anyone may see it: masked when confidential (S1-5). */
export function maskedComplainant(c: Complainant): Complainant {
  // An identity kept encrypted on this desk is stored as its masks already (at-rest-crypto.ts).
  if (isIdentityAtRest(c)) {
    const { atRest: _sealed, ...masks } = c;
    return masks;
  }
  return maskComplainant(c);
}

/** May this staff member reveal a confidential identity? (policy.identityViewerRoles, S1-5) */
export function canRevealIdentity(policy: Policy, actor: StaffRoles): boolean {
  return canReveal(policy, actor);
}

/** Why this staff member may not reveal a confidential identity, naming who may (S1-5); undefined when allowed. */
export function revealIdentityRefusal(policy: Policy, actor: StaffRoles, kind: string): LocalisedMessage | undefined {
  if (canReveal(policy, actor)) return undefined;
  return messageFor('action.identityRole', 'action', { roles: roleNames(policy, policy.identityViewerRoles) || '—', person: personWordOf(policy, kind) });
}

export function complainantForIndex(state: CaseState): Complainant {
  return maskedComplainant(state.complainant);
}

/** One line naming the complainant for lists: masked, anonymous or the name. */
export function complainantDisplay(state: CaseState, t: (k: 'case.masked' | 'case.anonymous') => string): string {
  const c = maskedComplainant(state.complainant);
  if (state.complainant.anonymous) return t('case.anonymous');
  if (state.complainant.confidential) return `${c.name ?? '***'}（${t('case.masked')}）`;
  return c.name ?? '';
}

export function deadlineOf(policy: Policy, _state: CaseState, events: CaseEvent[], now: number): number | undefined {
  return caseDeadlineSummary(slaStagesFor(policy, events, now))?.dueAt;
}
