import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './backends';
import { startTestServer, demoDesk, type TestServer, type EnrolledDesk } from './setup';
import { pullAll, push } from './client';
import { PRESETS, demoStaff } from '../../src-shared/presets/index';
import { EVENT_TYPES, type CaseEvent, type EventType, type NewEvent } from '../../src-shared/domain/events';
import type { Policy } from '../../src-shared/domain/policy';
import { validateAction } from '../../src-shared/domain/actions';
import { projectCase } from '../../src-shared/domain/projection';
import { makeEvent, makeRegistration, ulidAt, DAY, HOUR, MINUTE } from '../../src-shared/domain/projection.fixtures';
import { TEST_NOW } from '../helpers/clock';
import { storeConfigDocs } from '../../src-server/sync/config-store';
import { acceptedIntake } from '../../src-shared/presets/presets.fixtures';
import { checkEventRows } from '../../src-server/sync/validate';
import { pushEvents } from '../../src-server/sync/events-store';
import type { ConfigDoc } from '../../src-shared/sync/contract';

// Issue 10 item 1: the server authorises every pushed event with the domain's own validateAction
// (src-server/sync/authorise.ts). The server's clock is fixed at TEST_NOW; events are written before it.

const T0 = TEST_NOW - 3 * DAY;
let serial = 0;

/** A schema-valid payload of every event type, naming what the policy offers (the domain then decides). */
function samplePayload(type: Exclude<EventType, 'case.registered'>, p: Policy, staffId: string): NewEvent['payload'] {
  const dept = p.departments[0]?.id ?? 'none';
  const role = p.roles[0]?.code ?? 'none';
  const channel = p.channels[0]?.code ?? 'phone';
  const samples: Record<Exclude<EventType, 'case.registered'>, unknown> = {
    'case.accepted': {},
    'case.classified': { valid: true },
    'case.assigned': { departmentId: dept, noticeNo: `TZ-${++serial}` },
    'case.handover_acknowledged': { departmentId: dept },
    'case.transferred': { toDepartmentId: p.departments[1]?.id ?? dept, reason: '职责调整' },
    'case.coordinated': {
      departmentIds: p.departments
        .slice(0, 2)
        .map((d) => d.id)
        .concat(p.departments.length < 2 ? ['x', 'y'] : [])
        .slice(0, 2),
      coordinatorId: staffId,
    },
    'case.recused': { staffId, reason: '与投诉人有亲属关系' },
    'case.escalated': { toRole: role, reason: '情况严重' },
    'case.risk_flagged': { flag: p.riskFlags?.[0]?.code ?? 'media' },
    'case.clock_paused': { reason: '等待鉴定' },
    'case.clock_resumed': {},
    'case.extension_requested': { requestId: 'r1', stageId: 'reply', newDueAt: T0 + 5 * DAY, reason: '需要调查' },
    'case.extension_decided': { requestId: 'r1', approved: true, approverRole: role },
    'case.sample_sent': { sample: '样品' },
    'case.site_visited': {},
    'case.investigated': { inspectorIds: [staffId], findings: '属实' },
    'case.approval_requested': { approvalId: p.approvals?.[0]?.id ?? 'a', step: 's', role },
    'case.approval_decided': { approvalId: p.approvals?.[0]?.id ?? 'a', step: 's', role, approved: true },
    'case.replied': { to: 'complainant', method: channel, content: '已答复' },
    'case.resolved': { result: '已处理' },
    'case.feedback_given': { method: channel, content: '已反馈' },
    'case.feedback_impossible': { reason: '联系不上' },
    'case.callback_done': { method: channel, satisfied: true, satisfaction: 5, outcome: '满意' },
    'case.reopened': { reason: '不满意' },
    'case.rejected': { reasonCode: p.inadmissibleReasons[0]?.code ?? 'none', explanation: '不予受理' },
    'case.closed': {},
    'case.note': { text: '备注' },
    'case.material_added': { kind: 'material', title: '材料' },
    'case.attachment_added': { hash: 'c'.repeat(64), name: '现场.jpg', type: 'image/jpeg', size: 1000, kind: 'evidence' },
    'case.attachment_withdrawn': { attachmentId: ulidAt(T0, 1), reason: '拍错了' },
    'case.signed': { signerName: '签字人', role, document: 'register' },
    'case.document_printed': { document: 'register' },
    'case.identity_viewed': { reason: '核实身份' },
    'case.reward_proposed': { rewardId: 'r', amount: 300 },
    'case.reward_decided': { rewardId: 'r', approved: true, approverRole: role },
    'case.penalty_proposed': { penaltyId: 'p', amount: 100, targetRole: role },
    'case.penalty_decided': { penaltyId: 'p', approved: true, approverRole: role },
    'case.expense_recorded': { expenseId: 'e', amount: 10, description: '材料费' },
  } as Record<Exclude<EventType, 'case.registered'>, unknown>;
  return samples[type] as NewEvent['payload'];
}

describe.each(BACKENDS)('authorisation of pushed events (%s)', (backend) => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer(backend, { sync: { now: () => TEST_NOW } });
  });
  afterAll(async () => t?.stop());

  function envelope(d: EnrolledDesk, caseId: string, actorId: string) {
    return { caseId, orgId: d.orgId, siteId: d.siteId, deskId: d.deskId, actorId, policyRevision: 1 };
  }

  async function storedIds(d: EnrolledDesk): Promise<Set<string>> {
    return new Set((await pullAll<CaseEvent>(t.url, d.token, 'events')).documents.map((e) => e.id));
  }

  it('for every preset, event type and demo staff member the server decides as the domain does; a refusal stores nothing', async () => {
    let refusedByRole = 0;
    let accepted = 0;
    const typesRefusedByRole = new Set<string>();
    const codes = new Map<string, number>();
    for (const preset of PRESETS) {
      const d = await demoDesk(t, { presetId: preset.id });
      const policy = preset.policy as Policy;
      const staff = demoStaff(preset.id).map((s, i) => ({ ...s, id: d.org.staffIds[i]! }));
      const actions = EVENT_TYPES.filter((x): x is Exclude<EventType, 'case.registered'> => x !== 'case.registered');
      // Case states along the usual path (registered, accepted, handed to a department, replied, resolved),
      // each step done by a staff member the domain allows: roles matter in some states and not in others.
      const steps: NewEvent[] = [
        { type: 'case.accepted', payload: {} },
        { type: 'case.assigned', payload: { departmentId: policy.departments[0]?.id ?? 'none', noticeNo: 'TZ-1' } },
        { type: 'case.replied', payload: { to: 'complainant', method: policy.channels[0]!.code, content: '已答复' } },
        { type: 'case.resolved', payload: { result: '已处理' } },
      ];
      for (let depth = 0; depth <= steps.length; depth++) {
        for (const type of actions) {
          const caseId = `${d.deskCode}-20261125-${String(++serial).padStart(5, '0')}`;
          const reg = makeRegistration(
            T0,
            { ...acceptedIntake(policy), number: caseId, firstReceiverId: staff[0]!.id },
            { ...envelope(d, caseId, staff[0]!.id), id: ulidAt(T0, ++serial) },
          );
          const history: CaseEvent[] = [reg];
          for (const step of steps.slice(0, depth)) {
            const at = T0 + history.length * 10 * MINUTE;
            const by = staff.find((s) => validateAction(projectCase(history)!, policy, s, step, at, history).ok);
            if (!by) break;
            history.push(makeEvent(step.type, step.payload as never, at, { ...envelope(d, caseId, by.id), id: ulidAt(at, ++serial) }) as CaseEvent);
          }
          if (history.length !== depth + 1) continue;
          const state = projectCase(history)!;
          const at = T0 + 2 * HOUR;
          // Every verdict is taken on the same case state: refusals first, then one of the allowed pushes.
          const verdicts = staff.map((s) => {
            const e = makeEvent(type, samplePayload(type, policy, s.id) as never, at, { ...envelope(d, caseId, s.id), id: ulidAt(at, ++serial) });
            const r = validateAction(state, policy, s, { type, payload: e.payload } as NewEvent, at, history);
            return { s, e, ok: r.ok, code: r.ok ? undefined : r.errors[0]!.code };
          });
          // Past the first state, only where the roles decide (keeps the matrix to what it proves).
          if (depth > 0 && !verdicts.some((v) => v.code && /role|department/i.test(v.code))) continue;
          expect((await push(t.url, d.token, 'events', history)).body).toEqual([]);
          for (const v of verdicts.filter((x) => !x.ok)) {
            const res = await push(t.url, d.token, 'events', [v.e]);
            expect(res.status, `${preset.id} ${type} by ${v.s.roles.join(',')}`).toBe(403);
            expect((res.body as unknown as { errors: { errors: { code: string }[] }[] }).errors[0]!.errors[0]!.code).toBe(v.code);
            codes.set(v.code!, (codes.get(v.code!) ?? 0) + 1);
            if (/role|department/i.test(v.code!)) {
              refusedByRole++;
              typesRefusedByRole.add(type);
            }
            expect((await storedIds(d)).has(v.e.id)).toBe(false);
          }
          const allowed = verdicts.find((x) => x.ok);
          if (allowed) {
            expect((await push(t.url, d.token, 'events', [allowed.e])).body, `${preset.id} ${type}`).toEqual([]);
            expect((await storedIds(d)).has(allowed.e.id)).toBe(true);
            accepted++;
          }
        }
      }
    }
    // The matrix really exercises both sides: role refusals of many event types, and acceptances.
    expect(refusedByRole, JSON.stringify([...codes])).toBeGreaterThan(20);
    expect(typesRefusedByRole.size).toBeGreaterThanOrEqual(2);
    expect(accepted).toBeGreaterThan(50);
  }, 300_000);

  it('a forged deskId, an unknown actor and an `at` in 2199 are refused with a reason; nothing of the batch is stored', async () => {
    const d = await demoDesk(t);
    const actor = d.org.staffIds[0]!;
    const caseId = `${d.deskCode}-20261125-90001`;
    const reg = (env: Partial<ReturnType<typeof envelope>>, at = T0) =>
      makeRegistration(at, { number: caseId, firstReceiverId: actor }, { ...envelope(d, caseId, actor), ...env, id: ulidAt(at, ++serial) });
    const good = reg({});
    for (const [bad, code] of [
      [reg({ deskId: 'ANOTHER-DESK' }), 'sync.deskMismatch'],
      [reg({ actorId: 'NOT-STAFF' }), 'sync.actorUnknown'],
      [reg({}, Date.UTC(2199, 0, 1)), 'sync.atAhead'],
      [reg({ policyRevision: 99 }), 'sync.policyUnknown'],
    ] as const) {
      const res = await push(t.url, d.token, 'events', [good, bad]);
      expect(res.status).toBe(403);
      const body = res.body as unknown as {
        error: string;
        message: string;
        errors: { index: number; errors: { code: string; message: { 'zh-CN': string; en: string } }[] }[];
      };
      expect(body.error).toBe('eventsRefused');
      expect(body.message).toMatch(/未获授权/);
      expect(body.errors).toEqual([expect.objectContaining({ index: 1, errors: [expect.objectContaining({ code })] })]);
      expect(body.errors[0]!.errors[0]!.message['zh-CN']).toMatch(/拒绝|晚于/);
      expect(await storedIds(d)).toEqual(new Set());
    }
    // `at` a little ahead of the server clock (a desk clock drifting) is within the skew.
    expect((await push(t.url, d.token, 'events', [reg({}, TEST_NOW + 4 * MINUTE)])).body).toEqual([]);
  });

  it('a registration its intake form would refuse is refused on the field: a receipt time after it was recorded, a category, level, channel or risk flag the policy lacks', async () => {
    const d = await demoDesk(t);
    const actor = d.org.staffIds[0]!;
    const caseId = `${d.deskCode}-20261125-90003`;
    const reg = (payload: Parameters<typeof makeRegistration>[1]) =>
      makeRegistration(T0, { number: caseId, firstReceiverId: actor, ...payload }, { ...envelope(d, caseId, actor), id: ulidAt(T0, ++serial) });
    for (const [bad, path, zh] of [
      // A letter received a day after the clerk registered it: a mistyped or forged receipt time.
      [reg({ receivedAt: T0 + DAY }), 'payload.receivedAt', '「接收时间」不能晚于现在，请检查日期和时间。'],
      // A desk that skips its form (issue 10): codes the organisation's policy does not have would give the
      // case no deadlines, or another category's; each is named on its field.
      [reg({ category: 'made_up' }), 'payload.category', '请从列表中选择「分类」。'],
      [reg({ severity: 'made_up' }), 'payload.severity', '请从列表中选择「等级」。'],
      [reg({ channel: 'made_up' }), 'payload.channel', '请从列表中选择「来源渠道」。'],
      [reg({ riskFlags: ['made_up'] }), 'payload.riskFlags.0', '请从列表中选择「风险标记」。'],
    ] as const) {
      const res = await push(t.url, d.token, 'events', [bad]);
      expect(res.status, path).toBe(403);
      const row = (res.body as unknown as { errors: { errors: { path: string; message: { 'zh-CN': string } }[] }[] }).errors[0]!.errors[0]!;
      expect([row.path, row.message['zh-CN']]).toEqual([path, zh]);
      expect(await storedIds(d)).toEqual(new Set());
    }
    // A letter received two days before it was registered is fine.
    expect((await push(t.url, d.token, 'events', [reg({ receivedAt: T0 - 2 * DAY })])).body).toEqual([]);
  });

  it('a registration missing a field its intake form requires is refused on that field in Chinese; nothing is written', async () => {
    // A hostile desk that skips its form (issue 10): 事由 blank or absent, a field the kind's form requires
    // (S3-2 品牌), a common field the form's `requires` list names (S3-2 诉求, which the form calls 客户要求). Each push is refused on the
    // field, in the words the clerk's form would have used, and the server stores none of it: 事由 by the
    // event's shape (400, every registration has one), the others by the policy's form (403).
    const shape = { status: 400, error: 'invalidDocuments' };
    const form = { status: 403, error: 'eventsRefused' };
    const cases: { presetId?: string; payload: (base: Record<string, unknown>) => Record<string, unknown>; path: string; zh: string; by: typeof shape }[] = [
      { payload: (b) => ({ ...b, subject: '' }), path: 'payload.subject', zh: '请填写「事由」。', by: shape },
      { payload: (b) => ({ ...b, subject: '   ' }), path: 'payload.subject', zh: '请填写「事由」。', by: shape },
      { payload: (b) => Object.fromEntries(Object.entries(b).filter(([k]) => k !== 'subject')), path: 'payload.subject', zh: '请填写「事由」。', by: shape },
      {
        presetId: 's3-retail-quality',
        payload: (b) => ({ ...b, form: { ...(b.form as object), brand: '' } }),
        path: 'payload.form.brand',
        zh: '请填写「品牌」。',
        by: form,
      },
      { presetId: 's3-retail-quality', payload: (b) => ({ ...b, demand: undefined }), path: 'payload.demand', zh: '请填写「客户要求」。', by: form },
    ];
    for (const { presetId, payload, path, zh, by } of cases) {
      const d = await demoDesk(t, presetId ? { presetId } : {});
      const policy = PRESETS.find((x) => x.id === (presetId ?? 'starter'))!.policy as Policy;
      const actor = d.org.staffIds[0]!;
      const caseId = `${d.deskCode}-20261125-90004`;
      const good = makeRegistration(
        T0,
        { number: caseId, firstReceiverId: actor, ...acceptedIntake(policy) },
        { ...envelope(d, caseId, actor), id: ulidAt(T0, ++serial) },
      );
      const bad = { ...good, payload: payload(good.payload as unknown as Record<string, unknown>) } as CaseEvent;
      const res = await push(t.url, d.token, 'events', [bad]);
      const body = res.body as unknown as { error: string; errors: { index: number; errors: { path: string; message: { 'zh-CN': string; en: string } }[] }[] };
      expect({ status: res.status, error: body.error }, path).toEqual(by);
      expect(
        body.errors.map((e) => e.errors.map((x) => [x.path, x.message['zh-CN']])),
        path,
      ).toEqual([[[path, zh]]]);
      expect(body.errors[0]!.errors[0]!.message.en, path).toMatch(/^Please fill in "[^.]/);
      expect(await storedIds(d)).toEqual(new Set());
      // The same registration with the field filled in is stored.
      expect((await push(t.url, d.token, 'events', [good])).body, path).toEqual([]);
    }
  });

  it('later events of a case after a refused one are refused with it; a second registration of a case is refused', async () => {
    const d = await demoDesk(t);
    const [clerk] = d.org.staffIds;
    const caseId = `${d.deskCode}-20261125-90002`;
    const env = envelope(d, caseId, clerk!);
    const reg = makeRegistration(T0, { number: caseId, firstReceiverId: clerk! }, { ...env, id: ulidAt(T0, ++serial) });
    const forged = makeEvent('case.note', { text: '伪造' }, T0 + MINUTE, { ...env, actorId: 'NOT-STAFF', id: ulidAt(T0 + MINUTE, ++serial) });
    const after = makeEvent('case.note', { text: '之后' }, T0 + 2 * MINUTE, { ...env, id: ulidAt(T0 + 2 * MINUTE, ++serial) });
    const res = await push(t.url, d.token, 'events', [reg, forged, after]);
    expect(res.status).toBe(403);
    expect((res.body as unknown as { errors: { index: number; errors: { code: string }[] }[] }).errors.map((e) => [e.index, e.errors[0]!.code])).toEqual([
      [1, 'sync.actorUnknown'],
      [2, 'sync.afterRefused'],
    ]);
    expect(await storedIds(d)).toEqual(new Set());
    expect((await push(t.url, d.token, 'events', [reg])).body).toEqual([]);
    const again = makeRegistration(T0 + HOUR, { number: caseId, firstReceiverId: clerk! }, { ...env, id: ulidAt(T0 + HOUR, ++serial) });
    expect((await push(t.url, d.token, 'events', [again])).status).toBe(403);
  });

  it("S7-16 S7-3 a resolve pushed on a complaint escalated to major without the chief butler's decision is refused; with it, stored", async () => {
    const d = await demoDesk(t, { presetId: 's7-property' });
    const staff = demoStaff('s7-property').map((s, i) => ({ ...s, id: d.org.staffIds[i]! }));
    const butler = staff.find((s) => s.roles.includes('butler'))!.id;
    const chief = staff.find((s) => s.roles.includes('chief_butler'))!.id;
    // An important complaint registered 27 Oct and never resolved: from 28 Nov 00:00 it counts as major (S7-16).
    const at = Date.parse('2026-10-27T10:00:00+08:00');
    const caseId = `${d.deskCode}-20261027-90016`;
    const env = envelope(d, caseId, butler);
    const reg = makeRegistration(
      at,
      {
        number: caseId,
        firstReceiverId: butler,
        channel: 'hotline',
        kind: 'complaint',
        category: 'facilities',
        severity: 'important',
        form: { roomNo: '3-1-802' },
      },
      { ...env, id: ulidAt(at, ++serial) },
    );
    expect((await push(t.url, d.token, 'events', [reg])).body).toEqual([]);
    const now = TEST_NOW - HOUR;
    const resolve = makeEvent('case.resolved', { result: '已修复' }, now, { ...env, id: ulidAt(now, ++serial) });
    const refused = await push(t.url, d.token, 'events', [resolve]);
    expect(refused.status).toBe(403);
    const row = (refused.body as unknown as { errors: { errors: { code: string; message: { 'zh-CN': string } }[] }[] }).errors[0]!.errors[0]!;
    expect(row.code).toBe('action.approvalPending');
    expect(row.message['zh-CN']).toContain('重大投诉最终处理决定');
    expect((await storedIds(d)).has(resolve.id)).toBe(false);
    // The decision asked for and given by the chief butler: the same resolve, later, is stored.
    const request = makeEvent('case.approval_requested', { approvalId: 'major_decision', step: 'chief', role: 'chief_butler' }, now + MINUTE, {
      ...env,
      id: ulidAt(now + MINUTE, ++serial),
    });
    const decided = makeEvent(
      'case.approval_decided',
      { approvalId: 'major_decision', step: 'chief', role: 'chief_butler', approved: true, opinion: '同意' },
      now + 2 * MINUTE,
      { ...env, actorId: chief, id: ulidAt(now + 2 * MINUTE, ++serial) },
    );
    const resolveAfter = makeEvent('case.resolved', { result: '已修复' }, now + 3 * MINUTE, { ...env, id: ulidAt(now + 3 * MINUTE, ++serial) });
    expect((await push(t.url, d.token, 'events', [request, decided, resolveAfter])).body).toEqual([]);
  });

  // The server keeps its folds of recently pushed cases and the organisation's rules between pushes
  // (sync/authorise.ts CaseFolds, sync/rules.ts): each push is judged on what is stored now all the same.
  it('an event stored by another instance between two pushes of a case is part of the fold the next push is judged on', async () => {
    const d = await demoDesk(t);
    const policy = PRESETS.find((p) => p.id === 'starter')!.policy as Policy;
    const staff = demoStaff('starter').map((s, i) => ({ ...s, id: d.org.staffIds[i]! }));
    const caseId = `${d.deskCode}-20261125-90003`;
    const env = envelope(d, caseId, staff[0]!.id);
    const reg = makeRegistration(T0, { number: caseId, firstReceiverId: staff[0]!.id }, { ...env, id: ulidAt(T0, ++serial) });
    const accept = { type: 'case.accepted' as const, payload: {} };
    const may = staff.find((s) => validateAction(projectCase([reg])!, policy, s, accept, T0 + HOUR, [reg]).ok)!;
    const acceptAt = (at: number) => makeEvent(accept.type, accept.payload, at, { ...env, actorId: may.id, id: ulidAt(at, ++serial) });
    expect((await push(t.url, d.token, 'events', [reg])).body).toEqual([]);
    // Another instance on the same database stores the acceptance (this server's push path never sees it).
    const scope = { orgId: d.orgId, siteId: d.siteId, deskId: d.deskId, scope: 'org' as const };
    const checked = checkEventRows([{ newDocumentState: acceptAt(T0 + HOUR) }], scope);
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    expect(await pushEvents(t.server.db, t.server.keyring, scope, checked.docs)).toEqual([]);
    // A second acceptance is judged on the accepted case: refused, as the domain refuses it.
    const again = await push(t.url, d.token, 'events', [acceptAt(T0 + 2 * HOUR)]);
    expect(again.status).toBe(403);
    expect((again.body as unknown as { errors: { errors: { code: string }[] }[] }).errors[0]!.errors[0]!.code).toMatch(/^action\./);
  });

  it('a staff member deactivated and a policy revision published between two pushes are honoured by the next push', async () => {
    const d = await demoDesk(t);
    const policy = PRESETS.find((p) => p.id === 'starter')!.policy as Policy;
    const clerk = d.org.staffIds[0]!;
    const caseId = `${d.deskCode}-20261125-90004`;
    const env = envelope(d, caseId, clerk);
    const note = (at: number) => makeEvent('case.note', { text: '备注' }, at, { ...env, id: ulidAt(at, ++serial) });
    const reg = makeRegistration(T0, { number: caseId, firstReceiverId: clerk }, { ...env, id: ulidAt(T0, ++serial) });
    expect((await push(t.url, d.token, 'events', [reg, note(T0 + MINUTE)])).body).toEqual([]);
    // The clerk is deactivated at T0 + 1 h: a note written after it is refused, one written before is stored.
    const rows = await t.server.db.query<{ doc: string }>("select doc from config_docs where org_id = $1 and kind = 'staff'", [d.orgId]);
    const doc = rows.map((r) => JSON.parse(r.doc) as ConfigDoc).find((c) => (c.data as { id?: string }).id === clerk)!;
    const inactive = { ...doc, rev: doc.rev + 1, updatedAt: T0 + HOUR, data: { ...(doc.data as object), active: false, updatedAt: T0 + HOUR } } as ConfigDoc;
    await t.server.db.transaction((tx) => storeConfigDocs(tx, d.orgId, [inactive]));
    const after = await push(t.url, d.token, 'events', [note(T0 + 2 * HOUR)]);
    expect(after.status).toBe(403);
    expect((after.body as unknown as { errors: { errors: { code: string }[] }[] }).errors[0]!.errors[0]!.code).toBe('sync.actorUnknown');
    expect((await push(t.url, d.token, 'events', [note(T0 + 30 * MINUTE)])).body).toEqual([]);
    // Revision 2 published: a case registered under it is stored (the cached rules knew revision 1 only).
    const rev2: Policy = { ...policy, revision: 2, effectiveFrom: T0 };
    await t.server.db.transaction((tx) =>
      storeConfigDocs(tx, d.orgId, [
        { id: `policy:${policy.id}:2`, orgId: d.orgId, kind: 'policy', rev: 0, updatedAt: T0, data: rev2 as never, _deleted: false },
      ]),
    );
    const other = d.org.staffIds[1]!;
    const case2 = `${d.deskCode}-20261125-90005`;
    const env2 = { ...envelope(d, case2, other), policyRevision: 2 };
    const reg2 = makeRegistration(T0 + 3 * HOUR, { number: case2, firstReceiverId: other }, { ...env2, id: ulidAt(T0 + 3 * HOUR, ++serial) });
    expect((await push(t.url, d.token, 'events', [reg2])).body).toEqual([]);
  });

  it('a desk offline for a week still syncs everything it wrote after an administrator changed the policy meanwhile', async () => {
    const d = await demoDesk(t);
    const policy = PRESETS.find((p) => p.id === 'starter')!.policy as Policy;
    const staff = demoStaff('starter').map((s, i) => ({ ...s, id: d.org.staffIds[i]! }));
    // Whoever may reject under revision 1: the week's work uses that person.
    const week = TEST_NOW - 8 * DAY;
    const written: CaseEvent[] = [];
    for (let n = 1; n <= 5; n++) {
      const at = week + n * DAY;
      const caseId = `${d.deskCode}-2026112${n}-9${String(n).padStart(4, '0')}`;
      const env = envelope(d, caseId, staff[0]!.id);
      const reg = makeRegistration(at, { number: caseId, firstReceiverId: staff[0]!.id }, { ...env, id: ulidAt(at, ++serial) });
      const reject = { type: 'case.rejected' as const, payload: { reasonCode: 'out_of_scope', explanation: '不属于受理范围' } };
      const may = staff.find((s) => validateAction(projectCase([reg])!, policy, s, reject, at + HOUR, [reg]).ok)!;
      written.push(reg, makeEvent(reject.type, reject.payload, at + HOUR, { ...env, actorId: may.id, id: ulidAt(at + HOUR, ++serial) }));
    }
    // Meanwhile the administrator publishes revision 2: no inadmissibility reason and no role may reject.
    const rev2: Policy = { ...policy, revision: 2, effectiveFrom: week + 2 * DAY, inadmissibleReasons: [], roles: policy.roles };
    await t.server.db.transaction((tx) =>
      storeConfigDocs(tx, d.orgId, [
        { id: `policy:${policy.id}:2`, orgId: d.orgId, kind: 'policy', rev: 0, updatedAt: week + 2 * DAY, data: rev2 as never, _deleted: false },
      ]),
    );
    const res = await push(t.url, d.token, 'events', written);
    if (res.status === 500) console.log(t.logs.filter((l) => l.includes('"level":50')).join('\n'));
    expect(res).toEqual({ status: 200, body: [] });
    const stored = await storedIds(d);
    for (const e of written) expect(stored.has(e.id)).toBe(true);
    // A new case registered under revision 2 cannot be rejected: revision 2 offers no reason.
    const at = TEST_NOW - HOUR;
    const caseId = `${d.deskCode}-20261128-99999`;
    const env = { ...envelope(d, caseId, staff[0]!.id), policyRevision: 2 };
    const reg = makeRegistration(at, { number: caseId, firstReceiverId: staff[0]!.id }, { ...env, id: ulidAt(at, ++serial) });
    const reject = makeEvent('case.rejected', { reasonCode: 'out_of_scope', explanation: '不属于受理范围' }, at + MINUTE, {
      ...env,
      actorId: staff[3]!.id,
      id: ulidAt(at + MINUTE, ++serial),
    });
    const late = await push(t.url, d.token, 'events', [reg, reject]);
    expect(late.status).toBe(403);
  });
});
