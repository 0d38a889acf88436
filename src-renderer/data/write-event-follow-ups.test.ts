import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { z } from 'zod';
import { callbackWorkflowPreset } from '../../src-shared/presets/s9-callback-workflow';
import type { CaseState } from '../../src-shared/domain/case-state';
import { callbackRows } from '../features/callbacks/callback-model';
import { createDeskDatabase, type DeskDatabase } from './database';
import { loadConfig } from './config';
import { setUpDesk } from './setup';
import { registerCase } from './register';
import { writeEvent, type WriteContext } from './write-event';
import { policyByRevision } from './policy-select';
import { TEST_NOW } from '../../test/helpers/clock';

z.config({ jitless: true });

const open: DeskDatabase[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

const HOUR = 3_600_000;

describe('events that follow an action, applied on the one write path (RxDB + Dexie over fake-indexeddb)', () => {
  it('S9-10 an unsatisfied callback reopens the case and schedules another until the resident is satisfied', async () => {
    const db = await createDeskDatabase(`test_commands_${Date.now()}`, getRxStorageDexie({ indexedDB, IDBKeyRange }));
    open.push(db);
    const setup = await setUpDesk(db, {
      preset: callbackWorkflowPreset,
      organisationName: '华府物业',
      siteName: '华府小区',
      deskCode: 'HF01',
      deskName: '管理处接待处',
      departmentId: 'office',
      // One staff member who may do every step, so the test follows the case rather than the roles.
      staff: [{ name: '管理员小许', roles: ['reception', 'office_admin', 'callback_staff', 'director'], departmentId: 'office', pin: '1234' }],
    });
    if (!setup.ok) throw new Error(JSON.stringify(setup.errors));
    const config = await loadConfig(db);
    const staff = config.staff[0]!;
    let clock = TEST_NOW - 10 * HOUR;
    const ctx: WriteContext = {
      ...setup.identity,
      actor: { id: staff.id, name: staff.name, roles: staff.roles, departmentId: staff.departmentId },
      policy: config.policies[0]!,
      policyFor: (rev) => policyByRevision(config.policies, rev),
      now: () => clock,
    };
    const act = async (caseId: string, event: Parameters<typeof writeEvent>[3]) => {
      clock += HOUR;
      const r = await writeEvent(db, ctx, caseId, event);
      if (!r.ok) throw new Error(`${event.type}: ${JSON.stringify(r.errors)}`);
      return r.state;
    };
    const dueForCallback = async () => {
      const cases = (await db.cases.find().exec()).map((d) => d.toJSON().state as CaseState);
      return callbackRows(cases, ctx.policyFor).map((row) => row.state.id);
    };

    const reg = await registerCase(db, ctx, 'HF01', {
      kind: 'complaint',
      channel: 'visit',
      receivedAt: clock,
      category: 'repair',
      severity: 'normal',
      complainant: { anonymous: false, confidential: false, name: '王先生', phone: '13800000000' },
      subject: '卫生间天花板渗水',
      description: {},
      riskFlags: [],
      form: { roomNo: '5-2-601' },
      apologised: true,
    });
    if (!reg.ok) throw new Error(JSON.stringify(reg.errors));
    const id = reg.state.id;
    await act(id, { type: 'case.accepted', payload: {} });
    await act(id, { type: 'case.resolved', payload: { result: '已更换防水层' } });
    expect(await dueForCallback()).toEqual([id]);

    const reopened = await act(id, { type: 'case.callback_done', payload: { method: 'phone', satisfied: false, satisfaction: 2, outcome: '仍有渗水' } });
    expect(reopened.status).toBe('in_progress');
    expect(reopened.reopenCount).toBe(1);
    const stored = (await db.cases.findOne(id).exec())!.toJSON().state as CaseState;
    expect(stored.status).toBe('in_progress');
    const reopenEntry = stored.timeline.find((e) => e.type === 'case.reopened');
    expect(reopenEntry?.actorId).toBe(staff.id);
    expect(await dueForCallback()).toEqual([]);

    await act(id, { type: 'case.resolved', payload: { result: '再次修补并试水 24 小时' } });
    expect(await dueForCallback()).toEqual([id]);

    const done = await act(id, { type: 'case.callback_done', payload: { method: 'visit', satisfied: true, satisfaction: 5, outcome: '满意' } });
    expect(done.status).toBe('resolved');
    expect(done.reopenCount).toBe(1);
    expect(done.callbacks.map((c) => c.satisfied)).toEqual([false, true]);
    expect(await dueForCallback()).toEqual([]);
  });
});
