import type { PolicyInput, StaffRoles } from '../domain/policy';

// Building blocks every preset shares. Presets are plain data (docs/architecture.md §Policy and the SLA engine):
// nothing here computes, it only keeps the eleven presets consistent with each other.

export type StageInput = NonNullable<PolicyInput['stages']>[number];
export type ChannelInput = PolicyInput['channels'][number];
export type RevisionInput = NonNullable<PolicyInput['revisions']>[number];
export type DocumentInput = PolicyInput['document'];

/** China Standard Time, the offset every preset's working-day and same-day clocks use. */
export const CHINA_UTC_OFFSET = 480;

/** 2026-01-01 00:00 China time: the effective date of every preset's first revision (S0-2). */
export const PRESET_EFFECTIVE_FROM = Date.UTC(2025, 11, 31, 16, 0);

/** Channels named by the regulations (S1-1, S4, S6-1, S10-3 …); each preset picks its own. */
export const CHANNELS = {
  phone: { code: 'phone', name: '电话' },
  hotline: { code: 'hotline', name: '24小时热线' },
  letter: { code: 'letter', name: '来信' },
  fax: { code: 'fax', name: '传真' },
  visit: { code: 'visit', name: '来访' },
  onsite: { code: 'onsite', name: '现场' },
  verbal: { code: 'verbal', name: '口头' },
  window: { code: 'window', name: '窗口' },
  group: { code: 'group', name: '内部工作群' },
  opinionBook: { code: 'opinion_book', name: '投诉意见簿' },
  internal: { code: 'internal', name: '内部转交' },
} satisfies Record<string, ChannelInput>;

/** X-1…X-6 hold across all articles; every preset implements them. */
export const CROSS_RULES = ['X-1', 'X-2', 'X-3', 'X-4', 'X-5', 'X-6'];

/** S0 rules: every preset is a printable, versioned regulation. */
export const DOCUMENT_RULES = ['S0-1', 'S0-2', 'S0-3', 'S0-4'];

/** The first row of the 修改记录 table (S0-2), identical in form for every preset. */
export function firstRevision(orderNo: string): RevisionInput {
  return {
    page: '全文',
    date: PRESET_EFFECTIVE_FROM,
    author: '系统预置',
    status: '首次发布',
    orderNo,
    effectiveFrom: PRESET_EFFECTIVE_FROM,
  };
}

/** Standard appendix sentences (附则, S0-1): interpretation and revision history. */
export function standardAppendix(interpreter: string): string[] {
  return [
    `本制度由${interpreter}负责解释。`,
    '本制度自批准之日起施行;修订时在修改记录表中登记页码、修改日期、修改人、修改状态、修改单号和生效日期,新修订自生效日期起适用于此后登记的案件。',
  ];
}

/** Demo staff helper: one person per role, each in the department given. */
export function staffFor(prefix: string, people: [name: string, roles: string[], departmentId: string][]): StaffRoles[] {
  return people.map(([name, roles, departmentId], i) => ({
    id: `${prefix}-${String(i + 1).padStart(2, '0')}`,
    name,
    roles,
    departmentId,
  }));
}
