import type { Staff } from '../../../src-shared/domain/org';
import type { Language, MessageKey, Vars } from '../../i18n/i18n';
import { toLocalInput } from '../../format/time';
import { approvalStepOf, callbackMethodChoices, pendingApprovalSteps, requestableSteps, roleNames } from '../../data/domain';
import type { ActionContext, ActionSpec, FieldSpec, OptionSource } from './action-specs';

// What an action dialog lists and says, as plain data (no React), so a test can read every preset's
// dialogs the way the clerk sees them: each list comes from the case's own policy (issue 16 finding 7).

export interface OptionContext extends ActionContext {
  /** The organisation's staff (派单/转办 narrow them to the chosen department). */
  staff: readonly Staff[];
  chosenDept?: string;
  lang: Language;
}

export type Translate = (key: MessageKey, vars?: Vars) => string;

export interface Choice {
  value: string;
  label: string;
}

export function actionOptions(src: OptionSource | undefined, c: OptionContext, t: Translate): Choice[] {
  const { policy, state, stages } = c;
  switch (src) {
    case 'departments':
      return policy.departments.map((d) => ({ value: d.id, label: d.name }));
    case 'staff':
      // 派单/转办: the chosen department's own staff (issue 16 finding 8); everyone when none is chosen.
      return c.staff.filter((x) => x.active && (!c.chosenDept || x.departmentId === c.chosenDept)).map((x) => ({ value: x.id, label: x.name }));
    case 'roles':
      return policy.roles.map((r) => ({ value: r.code, label: r.name }));
    case 'riskFlags':
      return policy.riskFlags.map((f) => ({ value: f.code, label: f.name }));
    case 'stages':
      return stages.filter((s) => s.state !== 'met').map((s) => ({ value: s.stageId, label: s.name }));
    case 'channels':
      return policy.channels.map((ch) => ({ value: ch.code, label: ch.name }));
    case 'callbackMethods':
      // A callback goes out to the person: 上门, not the intake channel's 来访 (issue 16).
      return callbackMethodChoices(policy, state, c.lang).map((m) => ({ value: m.code, label: m.name }));
    case 'satisfiedChoices':
      return (['yes', 'no'] as const).map((v) => ({ value: v, label: t(`field.satisfied.${v}`) }));
    case 'kinds':
      return policy.kinds.map((k) => ({ value: k.code, label: k.name }));
    case 'categories':
      return policy.categories.map((x) => ({ value: x.code, label: x.name }));
    case 'severities':
      return policy.severities.map((x) => ({ value: x.code, label: x.name }));
    case 'reasons':
      return policy.inadmissibleReasons.map((r) => ({ value: r.code, label: r.text }));
    case 'pendingExtensions':
      return state.extensions
        .filter((e) => !e.decided)
        .map((e) => ({
          value: e.requestId,
          label: `${stages.find((s) => s.stageId === e.stageId)?.name ?? e.stageId} → ${toLocalInput(e.newDueAt).replace('T', ' ')}：${e.reason}`,
        }));
    case 'replyTo':
      return (['complainant', 'receiver', 'superior'] as const).map((v) => ({ value: v, label: t(`reply.${v}`) }));
    case 'approvalSteps':
      return requestableSteps(policy, state).map(({ approval, step }) => ({
        value: `${approval.id}/${step.id}`,
        label: `${approval.name} · ${step.label}（${roleNames(policy, [step.role])}）`,
      }));
    case 'pendingApprovals':
      return pendingApprovalSteps(state).map((x) => {
        const { approval, step } = approvalStepOf(policy, x.approvalId, x.step);
        return { value: `${x.approvalId}/${x.step}`, label: `${approval?.name ?? x.approvalId} · ${step?.label ?? x.step}` };
      });
    case 'decisions':
      return (['approve', 'refuse'] as const).map((v) => ({ value: v, label: t(`field.decision.${v}`) }));
    case 'materialKinds':
      return (['material', 'evidence', 'diary'] as const).map((v) => ({ value: v, label: t(`material.${v}`) }));
    case 'expenses':
      return policy.expenses.map((x) => ({ value: x.id, label: x.name }));
    case 'dangerLevels':
      return policy.rewards.flatMap((r) => r.levels.map((l) => ({ value: l.level, label: l.name })));
    default:
      return [];
  }
}

/** The fields the dialog asks on this case: those the policy has (隐患等级 only with graded rewards). */
export function shownFields(spec: ActionSpec, c: ActionContext): FieldSpec[] {
  return spec.fields.filter((f) => f.when?.(c) ?? true);
}

/** A field's hint in the case's preset's terms, or nothing. */
export function hintOf(f: FieldSpec, c: ActionContext, t: Translate): string | undefined {
  const h = f.hint?.(c);
  return h ? t(h.key, h.vars) : undefined;
}
