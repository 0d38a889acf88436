import { createDeskDatabase, deskDatabaseName } from '../../src-renderer/data/database';
import { setUpDesk, type NewStaffInput } from '../../src-renderer/data/setup';
import { registerCase } from '../../src-renderer/data/register';
import { writeEvent, type WriteContext } from '../../src-renderer/data/write-event';
import { emptyIntake, toIntakeValues } from '../../src-renderer/features/intake/intake-model';
import { toLocalInput } from '../../src-renderer/format/time';
import { presetById } from '../../src-shared/presets';
import { policySchema } from '../../src-shared/domain/policy';
import type { NewEvent } from '../../src-shared/domain/events';

// Runs inside the test browser (imported through Vite, like analysis-seed.ts): sets up a gas-station (S6)
// or fire-brigade (S1) desk and writes its cases through the desk's own validated write path with clocks
// in the past, so the ledger has real breaches and a real verified report to propose money for.
// Returns the case numbers by role in the story, or what went wrong.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface LedgerSeed {
  problems: string[];
  cases: Record<string, string>;
}

interface SeedCase {
  key: string;
  receivedAgo: number;
  kind: string;
  category: string;
  subject: string;
  form: Record<string, string>;
  /** Events after registration: minutes after the previous one, and the event. */
  steps: [number, NewEvent][];
}

const INSPECTORS = ['监督员甲', '监督员乙'];

export type LedgerScenario = 's6' | 's1' | 's3';

const SCENARIOS: Record<
  LedgerScenario,
  { presetId: string; org: string; site: string; code: string; desk: string; staff: NewStaffInput[]; cases: (inspectorIds: string[]) => SeedCase[] }
> = {
  // S6-5 / S6-10: one complaint left uninvestigated for five days (the 3-day stage breached), one
  // investigated the next day (nothing to charge).
  s6: {
    presetId: 's6-gas-station',
    org: '石油城加油加气有限公司',
    site: '兴庆区石油城基地加油加气站',
    code: 'JY01',
    desk: '站内举报投诉登记台',
    staff: [
      { name: '王文员', roles: ['office_clerk', 'receiver'], departmentId: 'office', pin: '1357' },
      { name: '刘总', roles: ['main_leader'], departmentId: 'leadership', pin: '2468' },
      { name: '赵站长', roles: ['station_manager'], departmentId: 'station', pin: '3579' },
      ...INSPECTORS.map((name) => ({ name, roles: ['inspector'], departmentId: 'station', pin: '1111' })),
    ],
    cases: (inspectorIds) => [
      {
        key: 'breached',
        receivedAgo: 5 * DAY,
        kind: 'complaint',
        category: 'fuel_quality',
        subject: '92号汽油加注后车辆抖动',
        form: { ledgerClass: 'complaint' },
        steps: [[5, { type: 'case.accepted', payload: {} }]],
      },
      {
        key: 'onTime',
        receivedAgo: 2 * DAY,
        kind: 'complaint',
        category: 'service_quality',
        subject: '加油员态度生硬',
        form: { ledgerClass: 'complaint' },
        steps: [
          [5, { type: 'case.accepted', payload: {} }],
          [24 * 60, { type: 'case.investigated', payload: { inspectorIds, findings: '调阅监控，属实，已批评教育。', evidence: [] } }],
        ],
      },
    ],
  },
  // S1-14: a hazard report reported to the chief the same day and verified by two inspectors as a
  // 较大火灾隐患 (serious) the next day.
  s1: {
    presetId: 's1-fire-brigade',
    org: '兴庆区消防救援大队',
    site: '火灾隐患举报投诉受理中心',
    code: 'XF01',
    desk: '举报投诉受理台',
    staff: [
      { name: '周值班员', roles: ['duty_officer'], departmentId: 'complaint_center', pin: '1357' },
      { name: '李大队长', roles: ['main_leader'], departmentId: 'leadership', pin: '2468' },
      ...INSPECTORS.map((name) => ({ name, roles: ['inspector'], departmentId: 'fire_supervision', pin: '1111' })),
    ],
    cases: (inspectorIds) => [
      {
        key: 'verified',
        receivedAgo: 2 * DAY,
        kind: 'report',
        category: 'fire_hazard',
        subject: '商场安全出口被货物堵塞',
        form: { hazardPlace: '解放西街百货大楼一层东侧安全出口', reportedUnit: '百货大楼' },
        steps: [
          [10, { type: 'case.approval_requested', payload: { approvalId: 'chief_instruction', step: 'chief', role: 'duty_chief' } }],
          [
            24 * 60,
            {
              type: 'case.investigated',
              payload: {
                inspectorIds,
                findings: '现场核实：东侧安全出口堆放货物，属较大火灾隐患，已责令整改。',
                evidence: [],
                verified: true,
                dangerLevel: 'serious',
              },
            },
          ],
        ],
      },
    ],
  },
  // S3-6: a product-quality complaint three hours old that nobody has answered (the 2-hour reply breached).
  s3: {
    presetId: 's3-retail-quality',
    org: '鲜果多贸易有限公司',
    site: '总部',
    code: 'XG01',
    desk: '客服部投诉台',
    staff: [
      { name: '陈跟单', roles: ['follow_up_clerk', 'order_desk'], departmentId: 'customer_service', pin: '1357' },
      { name: '黄人事', roles: ['hr_officer'], departmentId: 'hr', pin: '2468' },
    ],
    cases: () => [
      {
        key: 'unanswered',
        receivedAgo: 3 * HOUR,
        kind: 'product',
        category: 'manufacturing',
        subject: '芒果干批次发霉',
        form: {
          customerName: '城东超市',
          shipDate: '2026-11-20',
          brand: '鲜果多',
          specQuantity: '500g×40袋',
          qualityProblem: '开袋可见霉点',
          compensationOrReturn: 'no',
        },
        steps: [],
      },
    ],
  },
};

export async function seedLedgerDesk(profile: string, scenario: LedgerScenario, now: number): Promise<LedgerSeed> {
  const sc = SCENARIOS[scenario];
  const problems: string[] = [];
  const cases: Record<string, string> = {};
  const db = await createDeskDatabase(deskDatabaseName(profile));
  const preset = presetById(sc.presetId)!;
  const setup = await setUpDesk(
    db,
    { preset: preset.policy, organisationName: sc.org, siteName: sc.site, deskCode: sc.code, deskName: sc.desk, staff: sc.staff },
    now - 30 * DAY,
  );
  if (!setup.ok) return { problems: setup.errors.map((e) => `${e.path}: ${e.message['zh-CN']}`), cases };
  const staff = (await db.config.find({ selector: { kind: 'staff' } }).exec()).map(
    (d) => d.toJSON().data as { id: string; name: string; roles: string[]; departmentId?: string },
  );
  const clerk = staff.find((s) => s.name === sc.staff[0]!.name)!;
  const inspectorIds = staff.filter((s) => INSPECTORS.includes(s.name)).map((s) => s.id);
  const policy = policySchema.parse(preset.policy);

  for (const c of sc.cases(inspectorIds)) {
    const received = now - c.receivedAgo;
    let clock = received;
    const ctx: WriteContext = {
      ...setup.identity,
      actor: { id: clerk.id, name: clerk.name, roles: clerk.roles, departmentId: clerk.departmentId },
      policy,
      policyFor: () => policy,
      now: () => clock,
    };
    const values = {
      ...emptyIntake(policy, received),
      kind: c.kind,
      channel: 'phone',
      receivedAt: toLocalInput(received),
      complainant: { anonymous: false, confidential: false, name: '张先生', phone: '13800000000', address: '兴庆区解放西街1号', organisation: '', role: '' },
      subject: c.subject,
      description: { time: '', cause: '', process: '', result: '', text: `${c.subject}，请核查处理。` },
      demand: '核查处理',
      category: c.category,
      departmentId: policy.categories.find((x) => x.code === c.category)?.departmentId,
      form: c.form,
      apologised: true,
    };
    const reg = await registerCase(db, ctx, sc.code, toIntakeValues(values, received));
    if (!reg.ok) {
      problems.push(`register ${c.key}: ${reg.errors.map((e) => `${e.path} ${e.message['zh-CN']}`).join('; ')}`);
      continue;
    }
    cases[c.key] = reg.state.number;
    for (const [minutes, event] of c.steps) {
      clock += minutes * 60_000;
      const r = await writeEvent(db, ctx, reg.state.id, event);
      if (!r.ok) problems.push(`${event.type} ${c.key}: ${r.errors.map((e) => `${e.path} ${e.message['zh-CN']}`).join('; ')}`);
    }
  }
  db.close();
  return { problems, cases };
}
