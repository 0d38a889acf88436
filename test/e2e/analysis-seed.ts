import { createDeskDatabase, deskDatabaseName } from '../../src-renderer/data/database';
import { setUpDesk } from '../../src-renderer/data/setup';
import { getDeskIdentity, loadConfig } from '../../src-renderer/data/config';
import { registerCase } from '../../src-renderer/data/register';
import { writeEvent, type WriteContext } from '../../src-renderer/data/write-event';
import { emptyIntake, toIntakeValues } from '../../src-renderer/features/intake/intake-model';
import { toLocalInput } from '../../src-renderer/format/time';
import { presetById } from '../../src-shared/presets';
import { policySchema } from '../../src-shared/domain/policy';
import type { NewEvent } from '../../src-shared/domain/events';

// Runs inside the test browser (imported through Vite): sets up a property-management desk and writes a
// month of cases through the desk's own validated write path, with clocks set in the past, so the
// analysis screen has something real to show. Returns what went wrong, if anything.

const SUBJECTS: [string, string, string][] = [
  ['3号楼电梯故障停运', 'facilities', '3号楼'],
  ['3号楼电梯又故障了', 'facilities', '3号楼'],
  ['３号楼电梯故障停运，困人', 'facilities', '3号楼'],
  ['地下车库漏水', 'facilities', '地下车库'],
  ['夜间装修噪音扰民', 'security', '5栋'],
  ['外来车辆乱停放', 'security', '东门'],
  ['垃圾清运不及时', 'environment', '2栋'],
  ['绿化带杂草未修剪', 'environment', '中心花园'],
  ['管家服务态度差', 'butler_service', '服务中心'],
  ['物业费收费标准不清', 'charges', '服务中心'],
];

/**
 * A desk already set up (a test that typed the first-run form, e.g. to give 李助理 a passphrase) gets only the
 * cases, written by its 李助理; otherwise the desk is set up here with 李助理 on PIN 2468 (who can sign in and
 * work, but not confirm administration: that needs a passphrase).
 */
export async function seedAnalysisDesk(profile: string, now: number, count = 24): Promise<string[]> {
  const problems: string[] = [];
  const db = await createDeskDatabase(deskDatabaseName(profile));
  const preset = presetById('s7-property')!;
  let identity = await getDeskIdentity(db);
  if (!identity) {
    const setup = await setUpDesk(
      db,
      {
        preset: preset.policy,
        organisationName: '阳光花园物业服务有限公司',
        siteName: '阳光花园小区',
        deskCode: 'YG01',
        deskName: '业主服务中心前台',
        staff: [{ name: '李助理', roles: preset.policy.roles.map((r) => r.code), departmentId: 'service_center', pin: '2468' }],
      },
      now - 40 * 86_400_000,
    );
    if (!setup.ok) return setup.errors.map((e) => `${e.path}: ${e.message['zh-CN']}`);
    identity = setup.identity;
  }
  const staff = (await loadConfig(db)).staff.find((s) => s.name === '李助理');
  if (!staff) return ['no 李助理 on this desk'];
  const policy = policySchema.parse(preset.policy);
  const DAY = 86_400_000;
  const monthStart = (() => {
    const d = new Date(now + 8 * 3_600_000);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - 8 * 3_600_000;
  })();
  const span = Math.max(DAY, now - monthStart - 6 * 3_600_000);

  for (let i = 0; i < count; i++) {
    const [subject, category, place] = SUBJECTS[i % SUBJECTS.length]!;
    const received = monthStart + Math.floor((((i * 7919) % 1000) / 1000) * span);
    let clock = received;
    const ctx: WriteContext = {
      ...identity,
      actor: { id: staff.id, name: staff.name, roles: staff.roles, departmentId: staff.departmentId },
      policy,
      policyFor: () => policy,
      now: () => clock,
    };
    const severity = i % 5 === 0 ? 'important' : 'general';
    const values = {
      ...emptyIntake(policy, received),
      kind: i % 9 === 8 ? 'opinion' : 'complaint',
      channel: policy.channels[i % policy.channels.length]!.code,
      receivedAt: toLocalInput(received),
      complainant: {
        anonymous: false,
        confidential: false,
        name: `业主${i + 1}`,
        phone: '13800000000',
        address: `${place}${100 + i}室`,
        organisation: '',
        role: '业主',
      },
      subject,
      description: { time: '', cause: '', process: '', result: '', text: `${subject}，请尽快处理。` },
      demand: '尽快处理',
      category,
      severity,
      departmentId: policy.categories.find((c) => c.code === category)?.departmentId,
      apologised: true,
      form: { ...emptyIntake(policy, received).form, roomNo: place },
    };
    const reg = await registerCase(db, ctx, 'YG01', toIntakeValues(values, received));
    if (!reg.ok) {
      problems.push(`register ${i}: ${reg.errors.map((e) => `${e.path} ${e.message['zh-CN']}`).join('; ')}`);
      continue;
    }
    const id = reg.state.id;
    const step = async (minutes: number, event: NewEvent) => {
      clock += minutes * 60_000;
      if (clock > now) return false;
      const r = await writeEvent(db, ctx, id, event);
      if (!r.ok) problems.push(`${event.type} ${i}: ${r.errors.map((e) => `${e.path} ${e.message['zh-CN']}`).join('; ')}`);
      return r.ok;
    };
    await step(3, { type: 'case.accepted', payload: {} });
    await step(2, { type: 'case.classified', payload: { valid: i % 6 !== 5 } });
    if (i % 11 === 10) continue; // left open: its stages run, some past their deadline
    await step(10, { type: 'case.assigned', payload: { departmentId: values.departmentId ?? 'service_center' } });
    await step(i % 4 === 0 ? 90 : 25, { type: 'case.replied', payload: { to: 'complainant', method: 'phone', content: '已联系业主说明处理安排。' } });
    if (i % 7 === 6) continue;
    await step(i % 3 === 0 ? 3000 : 600, { type: 'case.resolved', payload: { result: '已处理完毕。' } });
    if (i % 4 === 3) continue;
    await step(1440, {
      type: 'case.callback_done',
      payload: { method: 'phone', satisfied: i % 5 !== 4, satisfaction: 5 - (i % 3), outcome: '业主确认已解决。' },
    });
  }
  db.close();
  return problems;
}
