import type { PolicyInput } from '../src-shared/domain/policy';

// Where organisations get their policy from. The shared presets (src-shared/presets, one per regulation)
// are the real source; STARTER_POLICY is a small generic policy kept for a server started before any
// preset is chosen and for quick tests.

export type PresetLookup = (presetId: string) => PolicyInput | undefined;

const T2026 = Date.UTC(2026, 0, 1);

export const STARTER_POLICY: PolicyInput = {
  id: 'starter',
  presetId: 'starter',
  name: '通用接诉制度（入门）',
  revision: 1,
  effectiveFrom: T2026,
  roles: [
    { code: 'receiver', name: '接待员' },
    { code: 'handler', name: '承办人' },
    { code: 'supervisor', name: '主管' },
  ],
  departments: [
    { id: 'office', name: '办公室', headRole: 'supervisor' },
    { id: 'service', name: '服务部' },
  ],
  channels: [
    { code: 'visit', name: '来访' },
    { code: 'phone', name: '电话' },
    { code: 'letter', name: '信函' },
  ],
  kinds: [{ code: 'complaint', name: '投诉', formId: 'basic' }],
  forms: [{ id: 'basic', title: '投诉登记表', fields: [] }],
  categories: [{ code: 'service', name: '服务质量', departmentId: 'service' }],
  severities: [
    { code: 'normal', name: '一般', rank: 1, definition: '一般投诉' },
    { code: 'important', name: '重要', rank: 2, definition: '重要投诉' },
  ],
  inadmissibleReasons: [{ code: 'outside', text: '不属于本单位受理范围' }],
  riskFlags: [],
  stages: [
    { id: 'reply', name: '答复', startsOn: ['case.registered'], stopsOn: ['case.replied', 'case.resolved'], limit: { amount: 1, unit: 'days' }, clock: 'natural' },
    { id: 'resolve', name: '办结', startsOn: ['case.registered'], stopsOn: ['case.resolved', 'case.rejected'], limit: { amount: 5, unit: 'workingDays' }, clock: 'working-days' },
  ],
  approvals: [],
  callback: { rules: [], unsatisfiedReopens: false },
  rewards: [],
  penalties: [],
  expenses: [],
  analysisPeriods: ['monthly'],
  document: {
    title: '投诉处理制度',
    purpose: '规范投诉的受理与处理。',
    chapters: [{ title: '受理', clauses: ['接到投诉后及时登记。'] }],
    appendix: [],
    signOff: { author: '办公室', reviewer: '主管', approver: '负责人' },
    source: 'X',
  },
};

/** The default lookup: shared presets when present, otherwise the starter policy by its id. */
export const defaultPresets: PresetLookup = (presetId) => (presetId === STARTER_POLICY.presetId ? STARTER_POLICY : undefined);
