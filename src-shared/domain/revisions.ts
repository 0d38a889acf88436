import type { CaseState } from './case-state';
import type { Policy, PolicyInput, StaffRoles } from './policy';
import type { ParseResult } from './parse';
import { validatePolicy } from './policy-validate';
import { messageFor } from '../i18n/validation';
import { wallClock, wallClockText } from '../wall-clock';

// S0-2: policies are versioned revisions with effective dates, and a case is governed by the revision in
// force when it was registered (recorded on every event as `policyRevision`). S0-4: rules change by
// editing a revision, never by changing code.

/** Newest first by effective date, then by revision number. */
function byEffective(a: Policy, b: Policy): number {
  return b.effectiveFrom - a.effectiveFrom || b.revision - a.revision;
}

/** The revision in force at `at`: the latest effective one that has started (with the newest calendar, see policyByRevision). Undefined before the first. */
export function policyInForce(revisions: readonly Policy[], at: number): Policy | undefined {
  const p = [...revisions].filter((r) => r.effectiveFrom <= at).sort(byEffective)[0];
  return p && withNewestCalendar(revisions, p);
}

/**
 * A revision by its number, or undefined when it has not reached this desk or server yet. Desk and
 * server both use this, so a case whose revision is missing shows no deadlines on either, rather than
 * deadlines of a revision it was not registered under.
 *
 * One exception to S0-2: the calendar. Which days the State Council gives off is a fact about the
 * country, not a rule of the organisation's regulation, so every case counts working days with the
 * `calendarOverrides` of the newest revision on hand — the year's notice, entered once, moves the
 * deadlines of cases registered before it too.
 */
export function policyByRevision(revisions: readonly Policy[], revision: number): Policy | undefined {
  const found = revisions.find((p) => p.revision === revision);
  return found && withNewestCalendar(revisions, found);
}

// Same objects for the same inputs: the calendar caches its per-day answers per policy object.
const calendarVariants = new WeakMap<Policy, WeakMap<object, Policy>>();

/** `policy` with the calendar overrides of the highest-numbered revision in `revisions`. */
export function withNewestCalendar(revisions: readonly Policy[], policy: Policy): Policy {
  let newest = policy;
  for (const p of revisions) if (p.revision > newest.revision) newest = p;
  const overrides = newest.calendarOverrides;
  if (newest === policy || overrides === policy.calendarOverrides) return policy;
  let byOverrides = calendarVariants.get(policy);
  if (!byOverrides) calendarVariants.set(policy, (byOverrides = new WeakMap()));
  let variant = byOverrides.get(overrides);
  if (!variant) {
    variant = JSON.stringify(overrides) === JSON.stringify(policy.calendarOverrides) ? policy : { ...policy, calendarOverrides: overrides };
    byOverrides.set(overrides, variant);
  }
  return variant;
}

/**
 * The revision that governs a case: the one recorded at its registration (S0-2), even after newer
 * revisions take effect. If that revision has not reached this desk yet, the one in force at registration.
 */
export function policyForCase(revisions: readonly Policy[], state: Pick<CaseState, 'policyRevision' | 'registeredAt'>): Policy | undefined {
  const p = revisions.find((r) => r.revision === state.policyRevision) ?? policyInForce(revisions, state.registeredAt);
  return p && withNewestCalendar(revisions, p);
}

export interface RevisionMeta {
  /** 修改人. */
  author: string;
  /** 修改状态 / reason, e.g. 修订第三章时限. */
  reason: string;
  /** 生效日期 (epoch ms). */
  effectiveFrom: number;
  /** 修改日期 (epoch ms), normally now. */
  date: number;
  /** 页码 affected; defaults to 全文. */
  page?: string;
  /** 修改单号; defaults to the previous one counted on (YH-2026-001 → YH-2026-002), else `<policy id>-R<revision>`. */
  orderNo?: string;
}

/** The next 修改单号 in the organisation's own series: the last number's trailing digits plus one, same width. */
export function nextOrderNo(current: Pick<Policy, 'id' | 'revision' | 'revisions'>): string {
  const last = current.revisions.at(-1)?.orderNo ?? '';
  const m = /^(.*?)(\d+)$/.exec(last);
  if (!m) return `${current.id}-R${current.revision + 1}`;
  return `${m[1]}${String(Number(m[2]) + 1).padStart(m[2]!.length, '0')}`;
}

/** Fields an editor may not change: they identify the policy line and its revision. */
type Locked = 'id' | 'presetId' | 'revision' | 'effectiveFrom' | 'revisions';

/**
 * The admin editor's save: applies `changes` to `current` as revision n+1 with its effective date and
 * appends the S0-2 revision record. The result is validated like any policy (with `staff`, approver roles
 * nobody holds are refused). Nothing is modified in place.
 */
export function nextRevision(
  current: Policy,
  changes: Partial<Omit<PolicyInput, Locked>>,
  meta: RevisionMeta,
  staff?: readonly StaffRoles[],
): ParseResult<Policy> {
  const errors = [];
  if (!meta.author.trim()) errors.push({ path: 'author', code: 'revision.authorRequired', message: messageFor('revision.authorRequired', 'author') });
  if (!meta.reason.trim()) errors.push({ path: 'reason', code: 'revision.authorRequired', message: messageFor('revision.authorRequired', 'reason') });
  if (!(meta.effectiveFrom >= current.effectiveFrom)) {
    // The date in the organisation's zone, as 制度管理 shows it (a UTC date is the day before in China until 08:00).
    const current_ = wallClockText(wallClock(current.effectiveFrom, current.utcOffsetMinutes), 'day');
    errors.push({
      path: 'effectiveFrom',
      code: 'revision.effectiveTooEarly',
      message: messageFor('revision.effectiveTooEarly', 'effectiveFrom', { current: current_ }),
    });
  }
  if (errors.length) return { ok: false, errors };
  const revision = current.revision + 1;
  const record = {
    page: meta.page ?? '全文',
    date: meta.date,
    author: meta.author.trim(),
    status: meta.reason.trim(),
    orderNo: meta.orderNo?.trim() || nextOrderNo(current),
    effectiveFrom: meta.effectiveFrom,
  };
  const draft: unknown = {
    ...structuredClone(current),
    ...structuredClone(changes),
    id: current.id,
    presetId: current.presetId,
    revision,
    effectiveFrom: meta.effectiveFrom,
    revisions: [...current.revisions, record],
  };
  return validatePolicy(draft, staff);
}
