import type { CaseEvent, Complainant, EventType } from '../../src-shared/domain/events';
import { registeredPayload } from '../../src-shared/domain/events';
import type { CaseState } from '../../src-shared/domain/case-state';
import type { Policy, StaffRoles } from '../../src-shared/domain/policy';
import { fieldErrorsOf, type FieldError } from '../../src-shared/domain/parse';
import { applyEvents, projectCase } from '../../src-shared/domain/projection';
import { caseDeadlineSummary, slaStagesFor } from '../../src-shared/domain/sla';
import type { RegistrationInput } from './register';

// The renderer's single seam onto the shared domain (projection, intake, actions, masking, SLA). It only
// delegates: no business rule is decided here or in any component.
// intake.ts, actions.ts and masking.ts are bound when present (they are being written alongside this
// desk); until then the shared event schemas alone validate, and confidential identities are hidden.

type DomainModule = Record<string, unknown>;
const optional = import.meta.glob<DomainModule>(['../../src-shared/domain/intake.ts', '../../src-shared/domain/actions.ts', '../../src-shared/domain/masking.ts'], { eager: true });
const mod = (name: string): DomainModule => optional[`../../src-shared/domain/${name}.ts`] ?? {};
function fn<F>(module: string, name: string): F | undefined {
  const f = mod(module)[name];
  return typeof f === 'function' ? (f as F) : undefined;
}

/** `history` is every stored event of the case (it may already hold `newEvents`). */
export function foldEvents(state: CaseState | undefined, newEvents: CaseEvent[], history: CaseEvent[]): CaseState | undefined {
  return applyEvents(state, newEvents, history);
}

export function rebuildCase(events: CaseEvent[]): CaseState | undefined {
  return projectCase(events);
}

type ValidationResult = FieldError[] | { ok: boolean; errors?: FieldError[] } | undefined;
function errorsOf(r: ValidationResult): FieldError[] {
  if (!r) return [];
  if (Array.isArray(r)) return r;
  return r.ok ? [] : r.errors ?? [];
}

/** The domain's verdict on an event about to be written by `actor` (status, role, policy). */
export function checkAction(policy: Policy, state: CaseState | undefined, event: CaseEvent, actor: StaffRoles): FieldError[] {
  const validateAction = fn<(p: Policy, s: CaseState | undefined, e: CaseEvent, a: StaffRoles) => ValidationResult>('actions', 'validateAction');
  return validateAction ? errorsOf(validateAction(policy, state, event, actor)) : [];
}

/** Actions (event types) the domain allows `actor` on this case now. */
export function actionsFor(policy: Policy, state: CaseState, actor: StaffRoles): EventType[] {
  const availableActions = fn<(p: Policy, s: CaseState, a: StaffRoles) => unknown[]>('actions', 'availableActions');
  if (!availableActions) return [];
  return availableActions(policy, state, actor).map((a) => (typeof a === 'string' ? a : (a as { type: EventType }).type)) as EventType[];
}

/** Validates a registration as the preset's intake form for `kind` requires (required fields, limits). */
export function validateIntake(policy: Policy, kind: string, input: RegistrationInput): FieldError[] {
  const intakeSchemaFor = fn<(p: Policy, k: string) => { safeParse(v: unknown): { success: boolean; error?: unknown } }>('intake', 'intakeSchemaFor');
  const schema = intakeSchemaFor ? intakeSchemaFor(policy, kind) : registeredPayload.omit({ number: true });
  const r = schema.safeParse(input);
  return r.success ? [] : fieldErrorsOf(r.error as Parameters<typeof fieldErrorsOf>[0]);
}

/** The complainant as anyone may see it: masked when confidential (S1-5). */
export function maskedComplainant(c: Complainant): Complainant {
  const maskComplainant = fn<(c: Complainant) => Complainant>('masking', 'maskComplainant');
  if (maskComplainant) return maskComplainant(c);
  if (!c.confidential) return c;
  return { anonymous: c.anonymous, confidential: true, role: c.role };
}

/** May this staff member reveal a confidential identity? (policy.identityViewerRoles, S1-5) */
export function canRevealIdentity(policy: Policy, actor: StaffRoles): boolean {
  const canReveal = fn<(p: Policy, a: StaffRoles) => boolean>('masking', 'canRevealIdentity');
  if (canReveal) return canReveal(policy, actor);
  return actor.roles.some((r) => policy.identityViewerRoles.includes(r));
}

export function complainantForIndex(state: CaseState): Complainant {
  return maskedComplainant(state.complainant);
}

/** One line naming the complainant for lists: masked, anonymous or the name. */
export function complainantDisplay(state: CaseState, t: (k: 'case.masked' | 'case.anonymous') => string): string {
  const c = maskedComplainant(state.complainant);
  if (state.complainant.anonymous) return t('case.anonymous');
  if (state.complainant.confidential && !c.name) return `*** (${t('case.masked')})`;
  return c.name ?? '';
}

export function deadlineOf(policy: Policy, _state: CaseState, events: CaseEvent[], now: number): number | undefined {
  return caseDeadlineSummary(slaStagesFor(policy, events, now))?.dueAt;
}
