import type { MessageTable } from '../message-table';

const q = (v: unknown) => String(v ?? '');

export const policyMessages = {
  'policy.duplicate': {
    'zh-CN': (f, d) => `「${f}」的代码「${q(d.code)}」重复了，每个代码只能用一次，请改成不同的代码。`,
    en: (f, d) => `"${f}": the code "${q(d.code)}" is used more than once; give each one its own code.`,
  },
  'policy.missingDepartment': {
    'zh-CN': (f, d) => `「${f}」路由到的部门「${q(d.ref)}」不存在，请先添加该部门或改选已有部门。`,
    en: (f, d) => `"${f}" routes to department "${q(d.ref)}", which does not exist; add the department or choose an existing one.`,
  },
  'policy.requiredHidden': {
    'zh-CN': (_f, d) => `登记表「${q(d.form)}」把「${q(d.field)}」设为必填，又设为不显示：登记人看不到就无法填写。请取消其中一项。`,
    en: (_f, d) => `Form "${q(d.form)}" both requires and hides "${q(d.field)}": a clerk cannot fill in what is not shown. Undo one of them.`,
  },
  'policy.missingForm': {
    'zh-CN': (f, d) => `「${f}」使用的登记表「${q(d.ref)}」不存在，请先添加该表或改选已有的表。`,
    en: (f, d) => `"${f}" uses the form "${q(d.ref)}", which does not exist; add the form or choose an existing one.`,
  },
  'policy.unknownRole': {
    'zh-CN': (f, d) => `「${f}」引用的角色「${q(d.ref)}」不在角色列表中，请先添加该角色或改选已有角色。`,
    en: (f, d) => `"${f}" names the role "${q(d.ref)}", which is not in the list of roles; add the role or choose an existing one.`,
  },
  'policy.unknownRef': {
    'zh-CN': (f, d) => `「${f}」引用的${q(d.what)}「${q(d.ref)}」不存在，请改选已有的${q(d.what)}。`,
    en: (f, d) => `"${f}" names the ${q(d.whatEn)} "${q(d.ref)}", which does not exist; choose an existing one.`,
  },
  'policy.stageNeverStops': {
    'zh-CN': (f, d) => `时限「${q(d.name)}」（${f}）永远不会结束：${q(d.why)}请为它选择一个会在开始之后发生的结束事件。`,
    en: (f, d) => `The stage "${q(d.name)}" (${f}) can never stop: ${q(d.whyEn)} Choose a stop event that can happen after it starts.`,
  },
  'policy.roleUnheld': {
    'zh-CN': (f, d) => `「${f}」需要角色「${q(d.ref)}」审批，但目前没有任何人员担任该角色，请先给人员分配此角色。`,
    en: (f, d) => `"${f}" needs approval by the role "${q(d.ref)}", but no staff member holds it; assign the role to someone first.`,
  },
  'penalty.targetUnheld': {
    'zh-CN': (f, d) => `「${f}」处罚的角色「${q(d.role)}」目前没有任何人员担任，这项处罚无人可罚；请先给人员分配此角色或改选角色。`,
    en: (f, d) =>
      `"${f}" addresses the role "${q(d.role)}", which no staff member holds, so nobody can be penalised; assign the role to someone or choose another.`,
  },
} satisfies MessageTable;
