import { createDeskDatabase, deskDatabaseName } from '../../src-renderer/data/database';
import { setUpDesk } from '../../src-renderer/data/setup';
import { registerCase } from '../../src-renderer/data/register';
import { writeEvent, type WriteContext } from '../../src-renderer/data/write-event';
import { emptyIntake, toIntakeValues } from '../../src-renderer/features/intake/intake-model';
import { toLocalInput } from '../../src-renderer/format/time';
import { presetById } from '../../src-shared/presets';
import { policySchema } from '../../src-shared/domain/policy';
import { LIMITS } from '../../src-shared/domain/limits';
import type { NewEvent } from '../../src-shared/domain/events';

// Runs inside Chromium (bench/print-preview.bench.ts as a built entry, test/e2e/print-long.test.ts likewise):
// a 阳光花园 desk (物业 preset) with a long case — every free-text field of the intake at the 4,000-character
// limit, with line breaks and emoji, and 300 events after it — and a short case, both written through the
// desk's own validated write path. The staff member signs in with PIN 2468.

const MINUTE = 60_000;
export const LONG_CASE_EVENTS = 300;
export const SEED_STAFF = { name: '李助理', pin: '2468' };

/** `length` characters of Chinese prose with a line break every few sentences and an emoji now and then; `tag` makes each field's text its own. */
export function longText(tag: string, length: number = LIMITS.text): string {
  const sentence = '业户反映楼上卫生间漏水，天花板已出现霉斑，多次联系未果，要求尽快上门查看并修复。';
  let out = `【${tag}】`;
  for (let i = 0; out.length < length; i++) {
    out += sentence;
    if (i % 3 === 2) out += i % 6 === 5 ? '😠\n' : '\n';
  }
  // The last characters say the field ended intact (a test looks for them in the printed PDF).
  const end = `〔${tag}完〕`;
  return out.slice(0, length - end.length) + end;
}

export interface SeededCases {
  problems: string[];
  staffId?: string;
  long?: { id: string; number: string };
  short?: { id: string; number: string };
}

export async function seedLongCaseDesk(profile: string, now: number, events: number = LONG_CASE_EVENTS): Promise<SeededCases> {
  const problems: string[] = [];
  const db = await createDeskDatabase(deskDatabaseName(profile));
  const preset = presetById('s7-property')!;
  const started = now - 30 * 24 * 60 * MINUTE;
  const setup = await setUpDesk(
    db,
    {
      preset: preset.policy,
      organisationName: '阳光花园物业服务有限公司',
      siteName: '阳光花园小区',
      deskCode: 'YG01',
      deskName: '业主服务中心前台',
      staff: [{ name: SEED_STAFF.name, roles: ['service_assistant', 'butler'], departmentId: 'service_center', pin: SEED_STAFF.pin }],
    },
    started,
  );
  if (!setup.ok) return { problems: setup.errors.map((e) => `${e.path}: ${e.message['zh-CN']}`) };
  const staff = (await db.config.find({ selector: { kind: 'staff' } }).exec()).map(
    (d) => d.toJSON().data as { id: string; name: string; roles: string[]; departmentId?: string },
  )[0]!;
  const policy = policySchema.parse(preset.policy);
  let clock = started;
  const ctx: WriteContext = {
    ...setup.identity,
    actor: { id: staff.id, name: staff.name, roles: staff.roles, departmentId: staff.departmentId },
    policy,
    policyFor: () => policy,
    now: () => clock,
  };

  async function register(long: boolean): Promise<{ id: string; number: string } | undefined> {
    const text = (tag: string, short: string) => (long ? longText(tag) : short);
    const shortLine = (tag: string, short: string) => (long ? longText(tag, LIMITS.shortText) : short);
    const values = {
      ...emptyIntake(policy, clock),
      kind: 'complaint',
      channel: 'phone',
      receivedAt: toLocalInput(clock),
      complainant: {
        anonymous: false,
        confidential: false,
        name: '张女士',
        phone: '13800000000',
        address: shortLine('地址', '阳光花园3-2-1801'),
        organisation: '',
        role: '业主',
      },
      subject: shortLine('标题', '楼上卫生间漏水三天无人处理'),
      description: {
        time: shortLine('时间', '三天前'),
        cause: text('起因', '楼上卫生间漏水'),
        process: text('经过', '多次联系未果'),
        result: text('结果', '天花板霉斑'),
        text: text('内容', '楼上卫生间漏水三天无人处理'),
      },
      demand: text('诉求', '尽快修复'),
      category: 'facilities',
      severity: 'general',
      departmentId: policy.categories.find((x) => x.code === 'facilities')?.departmentId,
      form: { roomNo: '3-2-1801', zone: '三区' },
      apologised: true,
    };
    const reg = await registerCase(db, ctx, 'YG01', toIntakeValues(values, clock));
    if (!reg.ok) {
      problems.push(`register ${long ? 'long' : 'short'}: ${reg.errors.map((e) => `${e.path} ${e.message['zh-CN']}`).join('; ')}`);
      return undefined;
    }
    return { id: reg.state.id, number: reg.state.number };
  }

  const short = await register(false);
  clock += MINUTE;
  const long = await register(true);
  if (long) {
    // 300 events after the registration: accepted, then follow-up notes every ten minutes (the archive lists each).
    for (let i = 0; i < events; i++) {
      clock += 10 * MINUTE;
      const event: NewEvent =
        i === 0
          ? { type: 'case.accepted', payload: {} }
          : { type: 'case.note', payload: { text: `第${i}次跟进：已联系楼上业户，约定明日上午九点入户查看漏水点${i % 10 === 0 ? '🙏' : ''}。` } };
      const r = await writeEvent(db, ctx, long.id, event);
      if (!r.ok) {
        problems.push(`${event.type} #${i}: ${r.errors.map((e) => `${e.path} ${e.message['zh-CN']}`).join('; ')}`);
        break;
      }
    }
  }
  await db.close();
  return { problems, staffId: staff.id, long, short };
}

declare global {
  interface Window {
    longCaseSeed?: { seedLongCaseDesk: typeof seedLongCaseDesk };
  }
}
if (typeof window !== 'undefined') window.longCaseSeed = { seedLongCaseDesk };
