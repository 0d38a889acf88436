import type { CaseEvent, NewEvent } from '../../src-shared/domain/events';
import type { Policy } from '../../src-shared/domain/policy';
import { validateAction } from '../../src-shared/domain/actions';
import { projectCase } from '../../src-shared/domain/projection';
import { makeEvent, makeRegistration, ulidAt, MINUTE, HOUR, DAY } from '../../src-shared/domain/projection.fixtures';
import { acceptedIntake, policyOf } from '../../src-shared/presets/presets.fixtures';
import { starterPreset } from '../../src-shared/presets/starter';

const STARTER = policyOf(starterPreset);

// Seeded generation of realistic desk work (registrations and their handling) so sync and fault tests
// are reproducible: the same seed gives the same events, ids included.

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DeskWork {
  orgId: string;
  siteId: string;
  deskId: string;
  deskCode: string;
  actorIds: string[];
  /** First day, 00:00 UTC+8 as epoch ms. */
  start: number;
  days: number;
  casesPerDay: number;
  /** Added to every event's `at` (a desk clock hours off). */
  clockSkewMs?: number;
  /**
   * The organisation's policy and staff, when not the starter preset's: each step is then done by a staff
   * member the domain allows (as a real desk would, since the server authorises every event), and cases
   * are handed to the policy's first department.
   */
  org?: { policy: Policy; staff: readonly { id: string; roles: readonly string[] }[] };
}

function ymd(at: number): string {
  const d = new Date(at + 8 * HOUR);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** A week (or any span) of one desk's cases and their handling, in the order the desk wrote them. */
export function generateDeskWork(seed: number, w: DeskWork): CaseEvent[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const id = (at: number) => ulidAt(at, Math.floor(rnd() * 2 ** 48));
  const skew = w.clockSkewMs ?? 0;
  const out: CaseEvent[] = [];
  const policy = w.org?.policy ?? STARTER;
  for (let day = 0; day < w.days; day++) {
    for (let n = 1; n <= w.casesPerDay; n++) {
      const at = w.start + day * DAY + 9 * HOUR - 8 * HOUR + Math.floor(rnd() * 8 * HOUR) + skew;
      // The seed is part of the serial, so two batches of work of one desk never register the same case twice
      // (the server refuses a second registration: src-server/sync/authorise.ts).
      const caseId = `${w.deskCode}-${ymd(at)}-${String((seed % 90) * 1000 + n).padStart(5, '0')}`;
      const env = { caseId, orgId: w.orgId, siteId: w.siteId, deskId: w.deskId, actorId: pick(w.actorIds), policyRevision: 1 };
      out.push(
        makeRegistration(
          at,
          {
            ...acceptedIntake(policy, undefined, Math.floor(rnd() * 4)),
            number: caseId,
            firstReceiverId: env.actorId,
            subject: pick(['楼上漏水', '电梯故障', '噪音扰民', '服务态度差', '账单错误']),
          },
          { ...env, id: id(at) },
        ),
      );
      const steps = Math.floor(rnd() * 5);
      let t = at;
      const plan: [number, NewEvent][] = [
        [5 * MINUTE, { type: 'case.accepted', payload: {} }],
        [30 * MINUTE, { type: 'case.assigned', payload: { departmentId: w.org?.policy.departments[0]?.id ?? 'operations' } }],
        [2 * HOUR, { type: 'case.replied', payload: { to: 'complainant', method: 'phone', content: '已安排人员处理。' } }],
        [DAY, { type: 'case.resolved', payload: { result: '已修复并回复投诉人。' } }],
      ];
      for (const [gap, step] of plan.slice(0, steps)) {
        t += gap;
        const actorId = w.org
          ? allowedActor(
              w.org,
              out.filter((e) => e.caseId === caseId),
              step,
              t,
            )
          : env.actorId;
        if (!actorId) break;
        out.push(makeEvent(step.type, step.payload as never, t, { ...env, actorId, id: id(t) }) as CaseEvent);
      }
    }
  }
  return out;
}

/** The first staff member the domain lets take `step` on the case so far, if any. */
function allowedActor(org: NonNullable<DeskWork['org']>, history: CaseEvent[], step: NewEvent, at: number): string | undefined {
  const state = projectCase(history);
  return state && org.staff.find((s) => validateAction(state, org.policy, s, step, at, history).ok)?.id;
}

export function byId<T extends { id: string }>(docs: readonly T[]): Map<string, T> {
  return new Map(docs.map((d) => [d.id, d]));
}

/** Drops RxDB's `_deleted` flag so server documents compare with the events desks wrote. */
export function withoutDeletedFlag<T extends object>(doc: T): Omit<T, '_deleted'> {
  const { _deleted: _d, ...rest } = doc as T & { _deleted?: boolean };
  return rest;
}
