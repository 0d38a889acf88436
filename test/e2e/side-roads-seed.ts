import { createDeskDatabase, deskDatabaseName } from '../../src-renderer/data/database';
import { setUpDesk } from '../../src-renderer/data/setup';
import { presetById } from '../../src-shared/presets';

// Runs inside the test browser (imported through Vite): the starter desk of walk-case-actions, set up as
// first run would, except that its 办结 stage may be paused. No preset's regulation pauses a clock; an
// organisation chooses it in 制度管理 → 环节与时限 → 可暂停计时 (policy-admin.test), so here the pause and
// resume buttons are there to be pressed.

export async function seedSideRoadsDesk(profile: string, at: number): Promise<string[]> {
  const db = await createDeskDatabase(deskDatabaseName(profile));
  const preset = presetById('starter')!.policy;
  const policy = { ...preset, stages: preset.stages.map((s) => (s.id === 'resolve' ? { ...s, pausable: true } : s)) };
  const setup = await setUpDesk(
    db,
    {
      preset: policy,
      organisationName: '市公共服务中心',
      siteName: '总部',
      deskCode: 'GF01',
      deskName: '前台',
      staff: [
        { name: '赵前台', roles: ['receiver'], departmentId: 'reception', pin: '1111' },
        { name: '李承办', roles: ['handler'], departmentId: 'operations', pin: '2222' },
        { name: '张主任', roles: ['manager'], departmentId: 'operations', pin: '3333' },
      ],
    },
    at,
  );
  return setup.ok ? [] : setup.errors.map((e) => `${e.path}: ${e.message['zh-CN']}`);
}
