import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CaseEvent, EventType } from './events';
import { applyEvents, compareEvents, projectCase, projectCases } from './projection';
import { DAY, HOUR, MINUTE, T0, makeEvent, makeRegistration, ulidAt } from './projection.fixtures';

const dept = fc.constantFrom('d-eng', 'd-fin', 'd-med');
const staff = fc.constantFrom('s-1', 's-2', 's-3', 's-4');
const reqId = fc.constantFrom('r1', 'r2');
const words = fc.constantFrom('已处理', '需要复查', '业主不满意', '材料已补');

/** Payloads that reference a small pool of ids, so decisions meet their requests and transfers revisit departments. */
const payloadFor: { [T in EventType]?: fc.Arbitrary<unknown> } = {
  'case.accepted': fc.constant({}),
  'case.classified': fc.record(
    { category: fc.constantFrom('c-noise', 'c-water'), severity: fc.constantFrom('major', 'general'), valid: fc.boolean() },
    { requiredKeys: [] },
  ),
  'case.assigned': fc.record({ departmentId: dept, assigneeId: staff, noticeNo: fc.constantFrom('N-1', 'N-2') }, { requiredKeys: ['departmentId'] }),
  'case.handover_acknowledged': fc.record({ departmentId: dept }),
  'case.transferred': fc.record(
    { toDepartmentId: dept, toAssigneeId: staff, external: fc.constantFrom('开发商工程部'), reason: words },
    { requiredKeys: ['reason'] },
  ),
  'case.coordinated': fc.record({ departmentIds: fc.uniqueArray(dept, { minLength: 2, maxLength: 3 }), coordinatorId: staff }),
  'case.recused': fc.record({ staffId: staff, reason: fc.constant('与投诉人是亲属') }),
  'case.escalated': fc.record({ toRole: fc.constantFrom('chief', 'director'), reason: words }),
  'case.risk_flagged': fc.record({ flag: fc.constantFrom('violence', 'mass') }),
  'case.clock_paused': fc.record({ reason: fc.constant('送检') }),
  'case.clock_resumed': fc.constant({}),
  'case.extension_requested': fc.record({ requestId: reqId, stageId: fc.constant('resolve'), newDueAt: fc.constant(T0 + 5 * DAY), reason: words }),
  'case.extension_decided': fc.record({ requestId: reqId, approved: fc.boolean(), approverRole: fc.constant('chief') }),
  'case.investigated': fc.record(
    { inspectorIds: fc.uniqueArray(staff, { minLength: 1, maxLength: 3 }), findings: words, verified: fc.boolean() },
    { requiredKeys: ['inspectorIds', 'findings'] },
  ),
  'case.approval_requested': fc.record({ approvalId: fc.constant('a1'), step: fc.constantFrom('s1', 's2'), role: fc.constant('leader') }),
  'case.approval_decided': fc.record({ approvalId: fc.constant('a1'), step: fc.constantFrom('s1', 's2'), role: fc.constant('leader'), approved: fc.boolean() }),
  'case.replied': fc.record({ to: fc.constantFrom('complainant', 'receiver', 'superior'), method: fc.constant('phone'), content: words }),
  'case.resolved': fc.record({ result: words, departmentId: dept }, { requiredKeys: ['result'] }),
  'case.feedback_given': fc.record({ method: fc.constant('phone'), content: words }),
  'case.feedback_impossible': fc.record({ reason: fc.constant('电话空号') }),
  'case.callback_done': fc.record({ method: fc.constant('phone'), satisfied: fc.boolean(), satisfaction: fc.integer({ min: 1, max: 5 }), outcome: words }),
  'case.reopened': fc.record({ reason: words }),
  'case.rejected': fc.record(
    { reasonCode: fc.constant('court'), explanation: fc.constant('已向法院起诉'), referral: fc.constant('人民法院') },
    { requiredKeys: ['reasonCode', 'explanation'] },
  ),
  'case.closed': fc.constant({}),
  'case.note': fc.record({ text: words }),
  'case.signed': fc.record({ signerName: fc.constant('李主任'), role: fc.constant('director'), document: fc.constant('register') }),
  'case.identity_viewed': fc.record({ reason: fc.constant('核实身份') }),
  'case.reward_proposed': fc.record({ rewardId: fc.constantFrom('w1', 'w2'), amount: fc.integer({ min: 300, max: 1000 }) }),
  'case.reward_decided': fc.record({ rewardId: fc.constantFrom('w1', 'w2'), approved: fc.boolean(), approverRole: fc.constant('leader') }),
  'case.penalty_proposed': fc.record({ penaltyId: fc.constantFrom('p1'), amount: fc.constant(50), targetRole: fc.constant('head') }),
  'case.penalty_decided': fc.record({ penaltyId: fc.constantFrom('p1'), approved: fc.boolean(), approverRole: fc.constant('gm') }),
  'case.expense_recorded': fc.record({ expenseId: fc.constant('x1'), amount: fc.constant(150), description: fc.constant('慰问水果') }),
  'case.material_added': fc.record({ kind: fc.constantFrom('material', 'evidence', 'diary'), title: fc.constant('现场照片') }),
  'case.attachment_added': fc.record({
    hash: fc.constantFrom('a'.repeat(64), 'b'.repeat(64)),
    name: fc.constant('现场.jpg'),
    type: fc.constant('image/jpeg'),
    size: fc.constant(1000),
    kind: fc.constant('evidence'),
  }),
  'case.attachment_withdrawn': fc.record({ attachmentId: fc.constant('01KBW0000000000000000000AA'), reason: words }),
};
const types = Object.keys(payloadFor) as EventType[];

interface Draft {
  type: EventType;
  payload: unknown;
  offset: number;
  otherCase: boolean;
}

const draftArb: fc.Arbitrary<Draft> = fc.constantFrom(...types).chain((type) =>
  fc.record({
    type: fc.constant(type),
    payload: payloadFor[type]!,
    // A narrow time range makes equal timestamps (ordered by id) common.
    offset: fc.integer({ min: -3, max: 40 }),
    otherCase: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  }),
);

/** A case's events: one registration (sometimes preceded by stray events) plus random later actions. */
const caseEventsArb = fc
  .record({
    drafts: fc.array(draftArb, { maxLength: 40 }),
    regOffset: fc.integer({ min: 0, max: 5 }),
    secondReg: fc.boolean(),
    // Corrupt copies: an existing id delivered again with another time (the earliest copy must win everywhere).
    forged: fc.array(fc.tuple(fc.nat(), fc.integer({ min: -5, max: 45 })), { maxLength: 3 }),
  })
  .map(({ drafts, regOffset, secondReg, forged }) => {
    const events: CaseEvent[] = [makeRegistration(T0 + regOffset * MINUTE, {}, { id: ulidAt(T0 + regOffset * MINUTE, 1) })];
    if (secondReg)
      events.push(makeRegistration(T0 + 20 * MINUTE, { firstReceiverId: 's-4', subject: '冒名重登' }, { id: ulidAt(T0 + 20 * MINUTE, 2), actorId: 's-4' }));
    drafts.forEach((d, i) => {
      const at = T0 + d.offset * MINUTE;
      const envelope = { id: ulidAt(at, 100 + i), actorId: i % 2 ? 's-1' : 's-2', ...(d.otherCase ? { caseId: 'case-2' } : {}) };
      events.push(makeEvent(d.type, d.payload as never, at, envelope));
    });
    const originals = events.length;
    for (const [k, offset] of forged) events.push({ ...events[k % originals]!, at: T0 + offset * MINUTE });
    return events;
  });

/** Delivery: every event at least once, some twice, in any order, split into batches. */
function deliveryArb(events: CaseEvent[]) {
  return fc
    .record({
      order: fc.shuffledSubarray([...events.keys(), ...events.keys()], { minLength: events.length }),
      cuts: fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 100 }),
    })
    .map(({ order, cuts }) => {
      const seen = new Set(order);
      const all = [...order, ...[...events.keys()].filter((i) => !seen.has(i))];
      const batches: CaseEvent[][] = [];
      let i = 0;
      let c = 0;
      while (i < all.length) {
        const n = cuts[c++ % Math.max(1, cuts.length)] ?? 1;
        batches.push(all.slice(i, i + n).map((k) => events[k]!));
        i += n;
      }
      return batches;
    });
}

describe('projectCase', () => {
  it('orders by (at, id) and keeps the first copy of a duplicated id', () => {
    const reg = makeRegistration(T0);
    const a = makeEvent('case.note', { text: '第一条' }, T0 + MINUTE, { id: ulidAt(T0 + MINUTE, 5) });
    const b = makeEvent('case.note', { text: '第二条' }, T0 + MINUTE, { id: ulidAt(T0 + MINUTE, 9) });
    const state = projectCase([b, reg, a, b, a])!;
    expect(state.notes.map((n) => n.text)).toEqual(['第一条', '第二条']);
    expect(state.eventCount).toBe(3);
    expect(state.lastEventId).toBe(b.id);
    expect(compareEvents(a, b)).toBeLessThan(0);
    expect(compareEvents(b, a)).toBeGreaterThan(0);
    expect(compareEvents(a, a)).toBe(0);
  });

  it('is undefined without a registration, and ignores events before it or for other cases', () => {
    expect(projectCase([])).toBeUndefined();
    expect(projectCase([makeEvent('case.accepted', {}, T0)])).toBeUndefined();
    const early = makeEvent('case.note', { text: '登记前' }, T0 - MINUTE);
    const other = makeEvent('case.note', { text: '别的案件' }, T0 + MINUTE, { caseId: 'case-9' });
    const state = projectCase([early, makeRegistration(T0), other])!;
    expect(state.notes).toEqual([]);
    expect(state.eventCount).toBe(1);
  });

  it('never throws on values that are not events', () => {
    const junk = [null, 1, 'x', {}, { id: 'a', caseId: 'case-1', type: 'case.note', at: Number.NaN, payload: {} }] as unknown as CaseEvent[];
    expect(() => projectCase(junk)).not.toThrow();
    expect(projectCase([...junk, makeRegistration(T0)])?.status).toBe('registered');
    const broken = { ...makeEvent('case.coordinated', { departmentIds: ['d-1', 'd-2'], coordinatorId: 's-1' }, T0 + 1), payload: {} } as CaseEvent;
    const reg = makeRegistration(T0);
    expect(() => projectCase([reg, broken])).not.toThrow();
    expect(() => applyEvents(projectCase([reg]), [broken], [reg])).not.toThrow();
  });

  it('fills every field of the registration', () => {
    const reg = makeRegistration(T0 + 5 * MINUTE, {
      receivedAt: T0,
      category: 'c-water',
      severity: 'major',
      departmentId: 'd-eng',
      receptionPoint: '服务台',
      demand: '尽快维修',
      riskFlags: ['mass', 'mass'],
      form: { brand: '某牌' },
      apologised: true,
    });
    const s = projectCase([reg])!;
    expect(s).toMatchObject({
      id: 'case-1',
      orgId: 'org-1',
      siteId: 'site-1',
      deskId: 'desk-1',
      number: 'HZ01-20261127-001',
      policyRevision: 1,
      kind: 'complaint',
      channel: 'phone',
      category: 'c-water',
      severity: 'major',
      status: 'registered',
      registeredAt: T0 + 5 * MINUTE,
      receivedAt: T0,
      firstReceiverId: 'staff-1',
      receptionPoint: '服务台',
      departmentId: 'd-eng',
      departmentsInvolved: ['d-eng'],
      demand: '尽快维修',
      riskFlags: ['mass'],
      form: { brand: '某牌' },
      apologised: true,
      subject: '楼上漏水',
      reopenCount: 0,
    });
  });
});

describe('status machine', () => {
  const reg = makeRegistration(T0);
  let t = T0;
  const next = <T extends EventType>(type: T, payload: Parameters<typeof makeEvent<T>>[1], actorId = 'staff-1') =>
    makeEvent(type, payload, (t += MINUTE), { actorId });

  it('walks registered → accepted → assigned → in_progress → replied → resolved → closed, and reopens', () => {
    const steps: [CaseEvent, string][] = [
      [next('case.accepted', {}), 'accepted'],
      [next('case.assigned', { departmentId: 'd-eng', assigneeId: 's-2', noticeNo: 'N-7' }), 'assigned'],
      [next('case.handover_acknowledged', { departmentId: 'd-eng' }), 'in_progress'],
      [next('case.replied', { to: 'complainant', method: 'phone', content: '已安排维修' }), 'replied'],
      [next('case.resolved', { result: '已修好', departmentId: 'd-eng' }), 'resolved'],
      [next('case.feedback_given', { method: 'phone', content: '已告知业主' }), 'resolved'],
      [next('case.closed', {}), 'closed'],
      [next('case.reopened', { reason: '回访不满意' }), 'in_progress'],
    ];
    const events: CaseEvent[] = [reg];
    for (const [e, status] of steps) {
      events.push(e);
      expect(projectCase(events)?.status, e.type).toBe(status);
    }
    const s = projectCase(events)!;
    expect(s.reopenCount).toBe(1);
    expect(s.closedAt).toBeUndefined();
    expect(s.resolvedAt).toBeUndefined();
    expect(s.result?.text).toBe('已修好');
    expect(s.feedback).toMatchObject({ given: true, content: '已告知业主' });
    expect(s.noticeNos).toEqual(['N-7']);
    expect(s.timeline.map((x) => x.type)).toEqual(events.map((x) => x.type));
  });

  it('X-1 S1-2 the first receiver is immutable: a second registration or any later event cannot change it', () => {
    const reg2 = makeRegistration(T0 + HOUR, { firstReceiverId: 'intruder', subject: '改过的' }, { actorId: 'intruder' });
    const transfer = makeEvent('case.transferred', { toDepartmentId: 'd-fin', toAssigneeId: 'intruder', reason: '转财务' }, T0 + 2 * HOUR);
    const s = projectCase([reg, reg2, transfer])!;
    expect(s.firstReceiverId).toBe('staff-1');
    expect(s.subject).toBe('楼上漏水');
    expect(s.departmentId).toBe('d-fin');
  });

  it('X-1 a transfer needs a new hand-over acknowledgement from the receiving department', () => {
    const events = [
      reg,
      makeEvent('case.assigned', { departmentId: 'd-eng' }, T0 + 1),
      makeEvent('case.handover_acknowledged', { departmentId: 'd-eng' }, T0 + 2),
      makeEvent('case.transferred', { fromDepartmentId: 'd-eng', toDepartmentId: 'd-fin', reason: '属收费问题' }, T0 + 3),
    ];
    const s = projectCase(events)!;
    expect(s).toMatchObject({ status: 'assigned', departmentId: 'd-fin', handoverAcknowledged: false, departmentsInvolved: ['d-eng', 'd-fin'] });
    const stale = projectCase([...events, makeEvent('case.handover_acknowledged', { departmentId: 'd-eng' }, T0 + 4)])!;
    expect(stale.handoverAcknowledged).toBe(false);
    const acked = projectCase([...events, makeEvent('case.handover_acknowledged', { departmentId: 'd-fin' }, T0 + 4)])!;
    expect(acked).toMatchObject({ status: 'in_progress', handoverAcknowledged: true });
  });

  it('S1-9 a recused staff member is recorded and removed from the assignees', () => {
    const s = projectCase([
      reg,
      makeEvent('case.assigned', { departmentId: 'd-eng', assigneeId: 's-2' }, T0 + 1),
      makeEvent('case.recused', { staffId: 's-2', reason: '与举报人是亲属' }, T0 + 2),
    ])!;
    expect(s.recusedStaffIds).toEqual(['s-2']);
    expect(s.assigneeIds).toEqual([]);
  });

  it('S4-7 a rejected case records reason and referral; a rejected case cannot be resolved without reopening', () => {
    const s = projectCase([
      reg,
      makeEvent('case.rejected', { reasonCode: 'court', explanation: '已向法院起诉', referral: '请等待法院判决' }, T0 + 1),
      makeEvent('case.resolved', { result: '不该生效' }, T0 + 2),
    ])!;
    expect(s.status).toBe('rejected');
    expect(s.rejection).toMatchObject({ reasonCode: 'court', referral: '请等待法院判决' });
    expect(s.result).toBeUndefined();
  });

  it('S7-13 after a first reply the case can still be transferred, and it waits for the new department', () => {
    const s = projectCase([
      reg,
      makeEvent('case.assigned', { departmentId: 'd-eng' }, T0 + 1),
      makeEvent('case.handover_acknowledged', { departmentId: 'd-eng' }, T0 + 2),
      makeEvent('case.replied', { to: 'complainant', method: 'phone', content: '已收到，正在安排' }, T0 + 3),
      makeEvent('case.transferred', { toDepartmentId: 'd-fin', reason: '涉及收费' }, T0 + 4),
    ])!;
    expect(s).toMatchObject({ status: 'assigned', departmentId: 'd-fin', handoverAcknowledged: false });
    expect(s.replies).toHaveLength(1);
  });

  it('S8-5 two or more departments involved: the coordinator and every department are recorded', () => {
    const s = projectCase([
      reg,
      makeEvent('case.assigned', { departmentId: 'd-eng', noticeNo: 'TZ-001' }, T0 + 1),
      makeEvent('case.coordinated', { departmentIds: ['d-eng', 'd-fin'], coordinatorId: 's-duty' }, T0 + 2),
    ])!;
    expect(s).toMatchObject({ coordinatorId: 's-duty', departmentsInvolved: ['d-eng', 'd-fin'], departmentId: 'd-eng' });
  });

  it('S10-7 every complaint-handling notice number is kept on the case for tracking', () => {
    const s = projectCase([
      reg,
      makeEvent('case.assigned', { departmentId: 'd-eng', noticeNo: 'TZ-001' }, T0 + 1),
      makeEvent('case.transferred', { toDepartmentId: 'd-fin', reason: '属收费' }, T0 + 2),
      makeEvent('case.assigned', { departmentId: 'd-fin', noticeNo: 'TZ-002' }, T0 + 3),
    ])!;
    expect(s.noticeNos).toEqual(['TZ-001', 'TZ-002']);
  });

  it('X-5 a correction is a new event: the later classification wins and the timeline keeps both', () => {
    const s = projectCase([
      reg,
      makeEvent('case.classified', { severity: 'general', category: 'c-noise' }, T0 + 1),
      makeEvent('case.classified', { severity: 'major' }, T0 + 2),
    ])!;
    expect(s).toMatchObject({ severity: 'major', category: 'c-noise' });
    expect(s.timeline.map((x) => x.type)).toEqual(['case.registered', 'case.classified', 'case.classified']);
  });

  it('extension, approval, reward and penalty decisions attach to their requests; the first decision stands', () => {
    const s = projectCase([
      reg,
      makeEvent('case.extension_requested', { requestId: 'r1', stageId: 'resolve', newDueAt: T0 + 5 * DAY, reason: '等配件' }, T0 + 1),
      makeEvent('case.extension_decided', { requestId: 'r1', approved: true, approverRole: 'chief' }, T0 + 2, { actorId: 'boss' }),
      makeEvent('case.extension_decided', { requestId: 'r1', approved: false, approverRole: 'chief' }, T0 + 3),
      makeEvent('case.approval_requested', { approvalId: 'a1', step: 's1', role: 'leader' }, T0 + 4),
      makeEvent('case.approval_decided', { approvalId: 'a1', step: 's1', role: 'leader', approved: false, opinion: '补充证据' }, T0 + 5),
      makeEvent('case.approval_requested', { approvalId: 'a1', step: 's1', role: 'leader' }, T0 + 6),
      makeEvent('case.reward_proposed', { rewardId: 'w1', amount: 500, level: 'high' }, T0 + 7),
      makeEvent('case.reward_decided', { rewardId: 'w1', approved: true, amount: 600, approverRole: 'leader' }, T0 + 8),
      makeEvent('case.penalty_proposed', { penaltyId: 'p1', amount: 50, targetRole: 'head', stageId: 'reply' }, T0 + 9),
    ])!;
    expect(s.extensions).toHaveLength(1);
    expect(s.extensions[0]!.decided).toMatchObject({ approved: true, by: 'boss' });
    expect(s.approvals).toHaveLength(2);
    expect(s.approvals[0]!.decided).toMatchObject({ approved: false, opinion: '补充证据' });
    expect(s.approvals[1]!.decided).toBeUndefined();
    expect(s.rewards[0]).toMatchObject({ id: 'w1', amount: 500, level: 'high', decided: { approved: true, amount: 600 } });
    expect(s.penalties[0]).toMatchObject({ id: 'p1', targetRole: 'head', stageId: 'reply' });
    expect(s.penalties[0]!.decided).toBeUndefined();
  });
});

describe('applyEvents', () => {
  it('does not modify the state it is given', () => {
    const reg = makeRegistration(T0);
    const s1 = projectCase([reg])!;
    const snapshot = structuredClone(s1);
    const note = makeEvent('case.note', { text: '追加' }, T0 + MINUTE);
    const s2 = applyEvents(s1, [note], [reg])!;
    expect(s1).toStrictEqual(snapshot);
    expect(s2.notes).toHaveLength(1);
  });

  it('a late event that sorts before the last one is placed in order by a rebuild', () => {
    const reg = makeRegistration(T0);
    const late = makeEvent('case.resolved', { result: '已解决' }, T0 + 2 * MINUTE);
    const early = makeEvent('case.accepted', {}, T0 + MINUTE);
    const s = applyEvents(projectCase([reg, late]), [early], [reg, late])!;
    expect(s.timeline.map((x) => x.type)).toEqual(['case.registered', 'case.accepted', 'case.resolved']);
    expect(s).toStrictEqual(projectCase([reg, early, late]));
  });

  it('an id already applied at another time is not applied twice', () => {
    const reg = makeRegistration(T0);
    const note = makeEvent('case.note', { text: '一次' }, T0 + MINUTE);
    const forged = { ...note, at: T0 + HOUR };
    const s = applyEvents(projectCase([reg, note]), [forged], [reg, note])!;
    expect(s.notes).toHaveLength(1);
    expect(s).toStrictEqual(projectCase([reg, note, forged]));
  });

  it('property: incremental delivery in any order with duplicates equals projectCase of the set', () => {
    fc.assert(
      fc.property(
        caseEventsArb.chain((events) => fc.tuple(fc.constant(events), deliveryArb(events), fc.boolean())),
        ([events, batches, historyFirst]) => {
          let state = undefined as ReturnType<typeof projectCase>;
          const history: CaseEvent[] = [];
          for (const batch of batches) {
            if (historyFirst) history.push(...batch);
            state = applyEvents(state, batch, history);
            if (!historyFirst) history.push(...batch);
          }
          expect(state).toStrictEqual(projectCase(events));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: in-order delivery one event at a time equals a rebuild at every step', () => {
    fc.assert(
      fc.property(caseEventsArb, (events) => {
        const sorted = [...events].sort(compareEvents);
        let state = undefined as ReturnType<typeof projectCase>;
        for (let i = 0; i < sorted.length; i++) {
          state = applyEvents(state, [sorted[i]!], sorted.slice(0, i));
          expect(state).toStrictEqual(projectCase(sorted.slice(0, i + 1)));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('projectCases', () => {
  it('projects each case of a mixed stream on its own', () => {
    const a = makeRegistration(T0, { number: 'HZ01-20261127-001' }, { caseId: 'a' });
    const b = makeRegistration(T0 + 1, { number: 'HZ01-20261127-002' }, { caseId: 'b' });
    const noteA = makeEvent('case.note', { text: 'A' }, T0 + 2, { caseId: 'a' });
    const orphan = makeEvent('case.note', { text: '无登记' }, T0 + 3, { caseId: 'c' });
    const map = projectCases([noteA, b, orphan, a]);
    expect([...map.keys()].sort()).toEqual(['a', 'b']);
    expect(map.get('a')!.notes).toHaveLength(1);
    expect(map.get('b')!.number).toBe('HZ01-20261127-002');
    expect(map.get('a')).toStrictEqual(projectCase([a, noteA]));
  });
});
