import { describe, expect, it } from 'vitest';
import { policySchema, type Policy } from '../domain/policy';
import { presetById } from '../presets';
import { diffPolicies, type PolicyChange } from './policy-diff';
import { changeSentence, describeChanges, POLICY_DIFF_TEXT, type DiffLang } from './policy-diff-text';

// The comparison an administrator and the approving manager sign off (S0-2), on the property service
// centre's regulation (S7): every section kind added, removed and changed, read as sentences.

const base: Policy = policySchema.parse(presetById('s7-property')!.policy);

/** The sentences describing what `edit` does to a copy of the preset's revision. */
function sentences(edit: (p: Policy) => void, lang: DiffLang = 'zh-CN', from: Policy = base): string[] {
  const after = structuredClone(from);
  edit(after);
  return describeChanges(diffPolicies(from, after), from, after, lang).map((l) => changeSentence(l, lang));
}

const stage = (p: Policy, id: string) => p.stages.find((s) => s.id === id)!;

const hazardReward = (): Policy['rewards'][number] => ({
  id: 'hazard',
  name: '业户举报安全隐患奖励',
  trigger: 'hazard_verified',
  levels: [
    { level: 'minor', name: '一般隐患', min: 0, max: 200 },
    { level: 'major', name: '重大隐患', min: 200, max: 500 },
  ],
  approverRole: 'senior_butler',
  rules: [],
});

describe('S0-2 the revision comparison in words', () => {
  it('S0-2 the revision saved in the policy editor reads as the sentences a manager signs off', () => {
    expect(
      sentences((p) => {
        p.effectiveFrom = Date.UTC(2026, 10, 29, 16); // 2026-11-30 00:00 in Beijing
        p.categories.push({ code: 'parking', name: '停车管理', departmentId: 'security' });
        stage(p, 'general_reply').ladder = [
          { at: 'warning', notifyRoles: ['butler'] },
          { at: 'breach', notifyRoles: ['senior_butler'] },
        ];
        p.callback.rules[0]!.within = { amount: 3, unit: 'days' };
        p.callback.unsatisfiedReopens = true;
        p.penalties.push({
          id: 'penalty_1',
          name: '一般投诉超时未处理',
          trigger: { on: 'breach' },
          amount: 50,
          targetRole: 'butler',
          approverRole: 'senior_butler',
          perOccurrence: true,
          rules: [],
        });
      }),
    ).toEqual([
      '生效日期: 2026-01-01 → 2026-11-30',
      '类别与派单 · 停车管理（新增）: 责任部门 秩序维护部',
      '环节与时限 · 一般投诉:1小时内答复 · 升级提醒: 超时 → 物业大管家 ｜ 修订后: 预警 → 物业管家；超时 → 物业大管家',
      '回访规则 · 第 1 条 · 时限: 7 天 → 3 天',
      '回访规则 · 回访不满意重新处理: 否 → 是',
      '处罚 · 一般投诉超时未处理（新增）: 50 元，对象 物业管家，审批 物业大管家，每次；触发：环节超时（全部环节）',
    ]);
  });

  it('S0-2 a line keeps its parts apart for the table: section, item, before and after', () => {
    const after = structuredClone(base);
    after.categories.push({ code: 'parking', name: '停车管理', departmentId: 'security' });
    expect(describeChanges(diffPolicies(base, after), base, after)).toEqual([
      {
        key: 'categories[parking]',
        section: 'categories',
        sectionLabel: '类别与派单',
        item: '停车管理',
        heading: '类别与派单 · 停车管理',
        kind: 'added',
        before: undefined,
        after: '责任部门 秩序维护部',
      },
    ]);
  });

  it('S0-2 kinds: added with their form, callback exemption changed, removed', () => {
    expect(
      sentences((p) => {
        p.kinds.push({ code: 'repair', name: '报修', formId: p.forms[0]!.id, callbackExempt: false });
        p.kinds.find((k) => k.code === 'opinion')!.callbackExempt = true;
        p.kinds = p.kinds.filter((k) => k.code !== 'suggestion');
        p.categories.find((c) => c.code === 'suggestion')!.kinds = ['opinion'];
      }),
    ).toEqual([
      '投诉类型 · 业户意见 · 免回访: 否 → 是',
      '投诉类型 · 合理化建议（删除）: 登记表 客户投诉登记表，免回访 是',
      '投诉类型 · 报修（新增）: 登记表 客户投诉登记表，免回访 否',
      '类别与派单 · 合理化建议 · 适用类型: 合理化建议 → 业户意见',
    ]);
  });

  it('S0-2 categories: routed elsewhere, renamed, given a department, removed', () => {
    expect(
      sentences((p) => {
        p.categories.find((c) => c.code === 'facilities')!.departmentId = 'security';
        p.categories.find((c) => c.code === 'charges')!.name = '物业收费';
        delete p.categories.find((c) => c.code === 'environment')!.departmentId;
        p.categories = p.categories.filter((c) => c.code !== 'security');
      }),
    ).toEqual([
      '类别与派单 · 设施设备 · 责任部门: 工程部 → 秩序维护部',
      '类别与派单 · 秩序维护（删除）: 责任部门 秩序维护部',
      '类别与派单 · 环境卫生绿化 · 责任部门（删除）: 环境部',
      '类别与派单 · 物业收费 · 名称: 收费 → 物业收费',
    ]);
  });

  it('S0-2 stages: a limit whose amount and unit both change is one line; clock, extension approver and ladder', () => {
    expect(
      sentences((p) => {
        const s = stage(p, 'general_resolve');
        s.limit = { amount: 3, unit: 'workingDays' };
        s.clock = 'working-days';
        delete s.extensionApproverRole;
        stage(p, 'follow_up').ladder = [];
        stage(p, 'general_reply').extensionApproverRole = 'chief_butler';
      }),
    ).toEqual([
      '环节与时限 · 一般投诉:1小时内答复 · 延期审批（新增）: 首席物业管家',
      '环节与时限 · 一般投诉:2日内处理完毕 · 时限: 2 天 → 3 个工作日',
      '环节与时限 · 一般投诉:2日内处理完毕 · 计时方式: 自然时间 → 工作日',
      '环节与时限 · 一般投诉:2日内处理完毕 · 延期审批（删除）: 物业大管家',
      '环节与时限 · 交待跟办事项:24小时内处理解决或答复 · 升级提醒: 超时 → 物业大管家 ｜ 修订后: 无',
    ]);
  });

  it('S0-2 stages: a stage added or removed in the JSON reads whole, its limit in minutes or hours', () => {
    const [added] = sentences((p) => {
      p.stages.push({
        ...stage(p, 'general_reply'),
        id: 'night_reply',
        name: '夜间答复',
        limit: { amount: 30, unit: 'minutes' },
        ladder: [{ at: 'start', notifyRoles: ['monitor_operator'] }],
      });
    });
    expect(added).toBe(
      '环节与时限 · 夜间答复（新增）: 适用范围 类型 投诉、业户意见；级别 一般投诉，开始于 登记，结束于 答复，时限 30 分钟，计时方式 自然时间，预警时点 80%，可暂停计时 否，升级提醒 开始 → 监控中心值班员，条款 S7-13',
    );
    // A stage's start and stop events read as the timeline names them.
    expect(sentences((p) => (stage(p, 'general_reply').startsOn = ['case.accepted']))).toEqual(['环节与时限 · 一般投诉:1小时内答复 · 开始于: 登记 → 受理']);
    expect(sentences((p) => (p.stages = p.stages.filter((s) => s.id !== 'follow_up')))[0]).toMatch(
      /^环节与时限 · 交待跟办事项:24小时内处理解决或答复（删除）: 适用范围 全部，.*时限 24 小时，/,
    );
  });

  it('S0-2 callback rules are numbered: a rule added, its methods and kinds changed, a rule removed', () => {
    const twoRules = structuredClone(base);
    twoRules.callback.rules.push({
      appliesTo: { kinds: ['suggestion'] },
      within: { amount: 5, unit: 'workingDays' },
      clock: 'working-days',
      methods: ['letter'],
      calleeSigns: true,
    });
    expect(sentences((p) => p.callback.rules.push(structuredClone(twoRules.callback.rules[1]!)))).toEqual([
      '回访规则 · 第 2 条（新增）: 适用范围 类型 合理化建议，时限 5 个工作日，计时方式 工作日，回访方式 来信，被访人签字 是',
    ]);
    expect(
      sentences(
        (p) => {
          p.callback.rules[0]!.methods = ['phone'];
          p.callback.rules[0]!.appliesTo = {};
          p.callback.rules.pop();
          p.callback.weeklyRepairKind = 'opinion';
        },
        'zh-CN',
        twoRules,
      ),
    ).toEqual([
      '回访规则 · 第 1 条 · 适用范围: 类型 投诉、业户意见 → 全部',
      '回访规则 · 第 1 条 · 回访方式: 来访、电话 → 电话',
      '回访规则 · 第 2 条（删除）: 适用范围 类型 合理化建议，时限 5 个工作日，计时方式 工作日，回访方式 来信，被访人签字 是',
      '回访规则 · 每周回访的维修类型（新增）: 业户意见',
    ]);
  });

  it('S0-2 rewards: added with their levels in yuan, a level changed, a level added, removed', () => {
    expect(sentences((p) => p.rewards.push(hazardReward()))).toEqual([
      '奖励 · 业户举报安全隐患奖励（新增）: 触发 隐患经核实，等级 一般隐患 0–200 元、重大隐患 200–500 元，审批 物业大管家',
    ]);
    const withReward = structuredClone(base);
    withReward.rewards.push(hazardReward());
    expect(
      sentences(
        (p) => {
          const r = p.rewards[0]!;
          r.levels[1]!.max = 800;
          r.levels.push({ level: 'severe', name: '特大隐患', min: 800, max: 2000 });
          r.approverRole = 'chief_butler';
        },
        'zh-CN',
        withReward,
      ),
    ).toEqual([
      '奖励 · 业户举报安全隐患奖励 · 等级 · 重大隐患 · 最高: 500 元 → 800 元',
      '奖励 · 业户举报安全隐患奖励 · 等级 · 特大隐患（新增）: 800–2000 元',
      '奖励 · 业户举报安全隐患奖励 · 审批: 物业大管家 → 首席物业管家',
    ]);
    expect(sentences((p) => (p.rewards = []), 'zh-CN', withReward)).toEqual([
      '奖励 · 业户举报安全隐患奖励（删除）: 触发 隐患经核实，等级 一般隐患 0–200 元、重大隐患 200–500 元，审批 物业大管家',
    ]);
  });

  it('S0-2 penalties: amount, stages of the trigger, once per case, removed', () => {
    const withPenalty = structuredClone(base);
    withPenalty.penalties.push({
      id: 'late',
      name: '一般投诉超时未处理',
      trigger: { on: 'breach' },
      amount: 50,
      targetRole: 'butler',
      approverRole: 'senior_butler',
      perOccurrence: true,
      rules: [],
    });
    expect(
      sentences(
        (p) => {
          const x = p.penalties[0]!;
          x.amount = 100;
          x.trigger = { on: 'breach', stageIds: ['general_reply', 'general_resolve'] };
          x.perOccurrence = false;
        },
        'zh-CN',
        withPenalty,
      ),
    ).toEqual([
      '处罚 · 一般投诉超时未处理 · 触发: 环节超时（全部环节） → 环节超时（一般投诉:1小时内答复、一般投诉:2日内处理完毕）',
      '处罚 · 一般投诉超时未处理 · 金额: 50 元 → 100 元',
      '处罚 · 一般投诉超时未处理 · 每次计罚: 是 → 否',
    ]);
    expect(sentences((p) => (p.penalties = []), 'zh-CN', withPenalty)).toEqual([
      '处罚 · 一般投诉超时未处理（删除）: 50 元，对象 物业管家，审批 物业大管家，每次；触发：环节超时（全部环节）',
    ]);
  });

  it('S0-2 departments and roles: added, renamed, removed; each revision names its own roles', () => {
    expect(
      sentences((p) => {
        p.departments.push({ id: 'parking_office', name: '停车场管理处', headRole: 'supervisor' });
        p.departments.find((d) => d.id === 'environment')!.name = '环境绿化部';
        p.roles.push({ code: 'parking_clerk', name: '停车场管理员' });
        p.roles.find((r) => r.code === 'butler')!.name = '楼栋管家';
        p.roles = p.roles.filter((r) => r.code !== 'admin_assistant');
      }),
    ).toEqual([
      '岗位角色 · 楼栋管家 · 名称: 物业管家 → 楼栋管家',
      '岗位角色 · 行政人事助理（删除）: 代码 admin_assistant',
      '岗位角色 · 停车场管理员（新增）: 代码 parking_clerk',
      '部门 · 环境绿化部 · 名称: 环境部 → 环境绿化部',
      '部门 · 停车场管理处（新增）: 负责人 分管主管',
    ]);
    // The ladder names the butler as each revision calls the role.
    expect(
      sentences((p) => {
        p.roles.find((r) => r.code === 'butler')!.name = '楼栋管家';
        stage(p, 'general_reply').ladder = [{ at: 'breach', notifyRoles: ['senior_butler', 'butler'] }];
      })[1],
    ).toBe('环节与时限 · 一般投诉:1小时内答复 · 升级提醒: 超时 → 物业大管家 ｜ 修订后: 超时 → 物业大管家、楼栋管家');
  });

  it('S0-2 the effective date is the day in the organisation’s time zone', () => {
    expect(sentences((p) => (p.effectiveFrom = Date.UTC(2026, 5, 30, 16, 0)))).toEqual(['生效日期: 2026-01-01 → 2026-07-01']);
  });

  it('S0-2 what has no words is still shown, under its data path in compact JSON', () => {
    expect(
      sentences((p) => {
        p.presetId = 'my-property';
        p.forms[0]!.fields[0]!.required = !p.forms[0]!.fields[0]!.required;
      }),
    ).toEqual([
      'presetId: s7-property → my-property',
      `登记表 · 客户投诉登记表 · 填写项 · ${base.forms[0]!.fields[0]!.label} · 必填: ${base.forms[0]!.fields[0]!.required ? '是 → 否' : '否 → 是'}`,
    ]);
    // A section from a newer policy format this desk does not know yet.
    const unknown: PolicyChange[] = [
      {
        section: 'escalations',
        path: 'escalations[night].notify',
        steps: ['escalations', { id: 'night' }, 'notify'],
        kind: 'changed',
        before: { roles: ['butler'] },
        after: [1, true],
      },
      { section: 'stages', path: 'stages[general_reply].sms', steps: ['stages', { id: 'general_reply' }, 'sms'], kind: 'added', after: { to: 'owner' } },
    ];
    expect(describeChanges(unknown, base, base).map((l) => changeSentence(l))).toEqual([
      'escalations[night].notify: {"roles":["butler"]} → [1,true]',
      '环节与时限 · 一般投诉:1小时内答复 · sms（新增）: {"to":"owner"}',
    ]);
  });

  it('S0-2 the regulation text: a clause changed by chapter and clause number', () => {
    const clause = base.document.chapters[1]!.clauses[0]!;
    expect(sentences((p) => (p.document.chapters[1]!.clauses[0] = '明示办公地点和服务热线。'))).toEqual([
      `制度正文 · 第 2 章 · 第 1 款: ${clause} → 明示办公地点和服务热线。`,
    ]);
  });

  it('S0-2 the same comparison in English, with the revisions’ own names', () => {
    expect(
      sentences((p) => {
        p.categories.push({ code: 'parking', name: '停车管理', departmentId: 'security' });
        p.callback.rules[0]!.within = { amount: 3, unit: 'days' };
        p.penalties.push({
          id: 'penalty_1',
          name: '一般投诉超时未处理',
          trigger: { on: 'first_ask_violation' },
          amount: 50,
          targetRole: 'butler',
          approverRole: 'senior_butler',
          perOccurrence: true,
          rules: [],
        });
      }, 'en'),
    ).toEqual([
      'Categories and routing · 停车管理 (added): department 秩序维护部',
      'Callback rules · rule 1 · within: 7 days → 3 days',
      'Penalties · 一般投诉超时未处理 (added): 50 yuan, addressed to 物业管家, approved by 物业大管家, per occurrence; trigger: first-ask rule broken',
    ]);
  });

  it('S0-2 the zh-CN and en wording tables have the same entries, none blank', () => {
    expect(Object.keys(POLICY_DIFF_TEXT.en).sort()).toEqual(Object.keys(POLICY_DIFF_TEXT['zh-CN']).sort());
    expect(Object.values(POLICY_DIFF_TEXT.en).filter((v) => !v.trim())).toEqual([]);
  });

  it('S0-2 two identical revisions describe nothing', () => {
    expect(sentences(() => undefined)).toEqual([]);
  });
});
