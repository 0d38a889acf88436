import { policySchema, type AppliesTo, type Policy, type StaffRoles } from './policy';
import type { EventType } from './events';
import { fieldErrorsOf, type FieldError, type ParseResult } from './parse';
import { messageFor, type MessageCode } from '../i18n/validation';

// Issue 2 item 4: a policy is checked for shape (policySchema) and for meaning — a route to a missing
// department, a stage that can never stop, a role nobody holds — before an administrator can save it.
// Every problem is a field error with a sentence that says what to fix; nothing here throws.

const WHAT = {
  kind: ['类别', 'kind'],
  severity: ['等级', 'severity'],
  category: ['分类', 'category'],
  channel: ['渠道', 'channel'],
  stage: ['时限', 'stage'],
  dateField: ['日期时间字段', 'date-time form field'],
} as const;

/** Events that can never come after another one of the case, so a stage waiting only for them never stops. */
const NEVER_FOLLOWS: ReadonlySet<EventType> = new Set<EventType>(['case.registered']);

class Collector {
  readonly errors: FieldError[] = [];
  add(path: string, code: MessageCode, detail: Record<string, unknown> = {}): void {
    if (this.errors.length < 100) this.errors.push({ path, code, message: messageFor(code, path, detail) });
  }
}

function checkUnique(c: Collector, path: string, values: readonly string[]): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) c.add(`${path}.${i}`, 'policy.duplicate', { code: v });
    seen.add(v);
  });
}

function checkAppliesTo(c: Collector, path: string, a: AppliesTo, p: Policy): void {
  const sets: [keyof typeof WHAT, readonly string[] | undefined, Set<string>][] = [
    ['kind', a.kinds, new Set(p.kinds.map((k) => k.code))],
    ['severity', a.severities, new Set(p.severities.map((s) => s.code))],
    ['category', a.categories, new Set(p.categories.map((x) => x.code))],
    ['channel', a.channels, new Set(p.channels.map((x) => x.code))],
  ];
  const keys = { kind: 'kinds', severity: 'severities', category: 'categories', channel: 'channels' } as const;
  for (const [what, list, known] of sets) {
    list?.forEach((ref, i) => {
      if (!known.has(ref)) c.add(`${path}.${keys[what as keyof typeof keys]}.${i}`, 'policy.unknownRef', { ref, what: WHAT[what][0], whatEn: WHAT[what][1] });
    });
  }
}

function checkStages(c: Collector, p: Policy): void {
  p.stages.forEach((s, i) => {
    const path = `stages.${i}`;
    const start = new Set(s.startsOn);
    const stops = s.stopsOn;
    let why: [string, string] | undefined;
    if (stops.length === 0) why = ['没有设置结束事件。', 'it has no stop event.'];
    else if (stops.length === start.size && stops.every((t) => start.has(t)))
      why = ['结束事件与开始事件完全相同。', 'its stop events are the same as its start events.'];
    else if (stops.every((t) => NEVER_FOLLOWS.has(t)))
      why = ['它的结束事件（登记）不可能在开始之后发生。', 'its stop events (registration) can never follow its start.'];
    if (why) c.add(`${path}.stopsOn`, 'policy.stageNeverStops', { name: s.name, why: why[0], whyEn: why[1] });
    checkAppliesTo(c, `${path}.appliesTo`, s.appliesTo, p);
    if (s.escalateSeverityTo !== undefined && !p.severities.some((x) => x.code === s.escalateSeverityTo)) {
      c.add(`${path}.escalateSeverityTo`, 'policy.unknownRef', { ref: s.escalateSeverityTo, what: WHAT.severity[0], whatEn: WHAT.severity[1] });
    }
    // S7-13: a deadline taken from the form needs a date or date-time field of that name on some form.
    const dateField = (key: string) => p.forms.some((f) => f.fields.some((x) => x.key === key && (x.type === 'datetime' || x.type === 'date')));
    if (s.dueAtFormField !== undefined && !dateField(s.dueAtFormField)) {
      c.add(`${path}.dueAtFormField`, 'policy.unknownRef', { ref: s.dueAtFormField, what: WHAT.dateField[0], whatEn: WHAT.dateField[1] });
    }
  });
}

/** Every place a policy names a role, with its path. */
function roleReferences(p: Policy): [string, string][] {
  const refs: [string, string][] = [];
  p.departments.forEach((d, i) => d.headRole !== undefined && refs.push([`departments.${i}.headRole`, d.headRole]));
  p.stages.forEach((s, i) => {
    if (s.extensionApproverRole !== undefined) refs.push([`stages.${i}.extensionApproverRole`, s.extensionApproverRole]);
    s.ladder.forEach((l, j) => l.notifyRoles.forEach((r, k) => refs.push([`stages.${i}.ladder.${j}.notifyRoles.${k}`, r])));
  });
  p.approvals.forEach((a, i) => a.steps.forEach((s, j) => refs.push([`approvals.${i}.steps.${j}.role`, s.role])));
  p.riskFlags.forEach((f, i) => f.alertRoles.forEach((r, j) => refs.push([`riskFlags.${i}.alertRoles.${j}`, r])));
  p.penalties.forEach((x, i) => {
    refs.push([`penalties.${i}.targetRole`, x.targetRole]);
    refs.push([`penalties.${i}.approverRole`, x.approverRole]);
  });
  p.rewards.forEach((x, i) => refs.push([`rewards.${i}.approverRole`, x.approverRole]));
  p.expenses.forEach((x, i) => x.signatureChain.forEach((r, j) => refs.push([`expenses.${i}.signatureChain.${j}`, r])));
  p.identityViewerRoles.forEach((r, i) => refs.push([`identityViewerRoles.${i}`, r]));
  if (p.callbackRole !== undefined) refs.push(['callbackRole', p.callbackRole]);
  p.duties?.forEach((d, i) => {
    refs.push([`duties.${i}.role`, d.role]);
    if (d.reportToRole !== undefined) refs.push([`duties.${i}.reportToRole`, d.reportToRole]);
  });
  return refs;
}

/** Roles whose decision a case may wait for: if nobody holds one, such cases stall forever. */
function approverReferences(p: Policy): [string, string][] {
  const refs: [string, string][] = [];
  p.approvals.forEach((a, i) => a.steps.forEach((s, j) => refs.push([`approvals.${i}.steps.${j}.role`, s.role])));
  p.stages.forEach((s, i) => s.extensionApproverRole !== undefined && refs.push([`stages.${i}.extensionApproverRole`, s.extensionApproverRole]));
  p.rewards.forEach((x, i) => refs.push([`rewards.${i}.approverRole`, x.approverRole]));
  p.penalties.forEach((x, i) => refs.push([`penalties.${i}.approverRole`, x.approverRole]));
  return refs;
}

/** The meaning checks on a policy that already has the right shape. */
export function semanticErrors(p: Policy, staff?: readonly StaffRoles[]): FieldError[] {
  const c = new Collector();
  checkUnique(
    c,
    'roles',
    p.roles.map((r) => r.code),
  );
  checkUnique(
    c,
    'departments',
    p.departments.map((d) => d.id),
  );
  checkUnique(
    c,
    'channels',
    p.channels.map((x) => x.code),
  );
  checkUnique(
    c,
    'kinds',
    p.kinds.map((x) => x.code),
  );
  checkUnique(
    c,
    'forms',
    p.forms.map((x) => x.id),
  );
  checkUnique(
    c,
    'categories',
    p.categories.map((x) => x.code),
  );
  checkUnique(
    c,
    'severities',
    p.severities.map((x) => x.code),
  );
  checkUnique(
    c,
    'inadmissibleReasons',
    p.inadmissibleReasons.map((x) => x.code),
  );
  checkUnique(
    c,
    'riskFlags',
    p.riskFlags.map((x) => x.code),
  );
  checkUnique(
    c,
    'stages',
    p.stages.map((x) => x.id),
  );
  checkUnique(
    c,
    'approvals',
    p.approvals.map((x) => x.id),
  );
  checkUnique(
    c,
    'rewards',
    p.rewards.map((x) => x.id),
  );
  checkUnique(
    c,
    'penalties',
    p.penalties.map((x) => x.id),
  );
  checkUnique(
    c,
    'expenses',
    p.expenses.map((x) => x.id),
  );
  if (p.duties)
    checkUnique(
      c,
      'duties',
      p.duties.map((x) => x.id),
    );
  p.forms.forEach((f, i) =>
    checkUnique(
      c,
      `forms.${i}.fields`,
      f.fields.map((x) => x.key),
    ),
  );
  p.approvals.forEach((a, i) =>
    checkUnique(
      c,
      `approvals.${i}.steps`,
      a.steps.map((x) => x.id),
    ),
  );
  p.rewards.forEach((r, i) =>
    checkUnique(
      c,
      `rewards.${i}.levels`,
      r.levels.map((x) => x.level),
    ),
  );
  // The schema accepts an empty name; on a pick list or a printed form it is a blank nobody can choose.
  for (const section of ['roles', 'departments', 'channels', 'kinds', 'categories', 'severities', 'rewards', 'penalties'] as const) {
    p[section].forEach((row, i) => !row.name.trim() && c.add(`${section}.${i}.name`, 'required'));
  }

  const departments = new Set(p.departments.map((d) => d.id));
  const kinds = new Set(p.kinds.map((k) => k.code));
  const forms = new Set(p.forms.map((f) => f.id));
  const stages = new Set(p.stages.map((s) => s.id));
  p.categories.forEach((cat, i) => {
    if (cat.departmentId !== undefined && !departments.has(cat.departmentId))
      c.add(`categories.${i}.departmentId`, 'policy.missingDepartment', { ref: cat.departmentId });
    cat.kinds?.forEach(
      (k, j) => !kinds.has(k) && c.add(`categories.${i}.kinds.${j}`, 'policy.unknownRef', { ref: k, what: WHAT.kind[0], whatEn: WHAT.kind[1] }),
    );
  });
  p.kinds.forEach((k, i) => !forms.has(k.formId) && c.add(`kinds.${i}.formId`, 'policy.missingForm', { ref: k.formId }));
  // A field both required and hidden could never be filled in at intake: every registration would be refused.
  p.forms.forEach((f, i) =>
    f.requires.forEach(
      (field) => f.hides?.includes(field) && c.add(`forms.${i}.hides.${f.hides.indexOf(field)}`, 'policy.requiredHidden', { form: f.title, field }),
    ),
  );
  if (p.callback.weeklyRepairKind !== undefined && !kinds.has(p.callback.weeklyRepairKind)) {
    c.add('callback.weeklyRepairKind', 'policy.unknownRef', { ref: p.callback.weeklyRepairKind, what: WHAT.kind[0], whatEn: WHAT.kind[1] });
  }
  p.penalties.forEach((x, i) =>
    x.trigger.stageIds?.forEach(
      (s, j) => !stages.has(s) && c.add(`penalties.${i}.trigger.stageIds.${j}`, 'policy.unknownRef', { ref: s, what: WHAT.stage[0], whatEn: WHAT.stage[1] }),
    ),
  );
  checkStages(c, p);
  p.approvals.forEach((a, i) => checkAppliesTo(c, `approvals.${i}.appliesTo`, a.appliesTo, p));
  p.callback.rules.forEach((r, i) => checkAppliesTo(c, `callback.rules.${i}.appliesTo`, r.appliesTo, p));
  p.callback.rules.forEach((r, i) =>
    r.methods.forEach(
      (m, j) =>
        !p.channels.some((x) => x.code === m) &&
        c.add(`callback.rules.${i}.methods.${j}`, 'policy.unknownRef', { ref: m, what: WHAT.channel[0], whatEn: WHAT.channel[1] }),
    ),
  );

  const roles = new Set(p.roles.map((r) => r.code));
  for (const [path, ref] of roleReferences(p)) if (!roles.has(ref)) c.add(path, 'policy.unknownRole', { ref });

  if (staff) {
    const held = new Set(staff.flatMap((s) => s.roles));
    for (const [path, ref] of approverReferences(p)) if (roles.has(ref) && !held.has(ref)) c.add(path, 'policy.roleUnheld', { ref });
  }
  return c.errors;
}

/**
 * Validates a policy revision before it is saved or used: shape first, then meaning. With `staff`,
 * also refuses approver roles nobody holds. Never throws.
 */
export function validatePolicy(input: unknown, staff?: readonly StaffRoles[]): ParseResult<Policy> {
  let parsed: ReturnType<typeof policySchema.safeParse>;
  try {
    parsed = policySchema.safeParse(input, { reportInput: true });
  } catch {
    // zod does not throw on data, but a hostile getter or proxy could; treat it as unreadable input.
    return { ok: false, errors: [{ path: '(root)', code: 'invalid', message: messageFor('invalid', '(root)') }] };
  }
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const errors = semanticErrors(parsed.data, staff);
  return errors.length ? { ok: false, errors } : { ok: true, value: parsed.data };
}
