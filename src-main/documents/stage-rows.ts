import type { Policy, StageDef } from '../../src-shared/domain/policy';
import type { CaseState } from '../../src-shared/domain/case-state';
import { formatMinute, stageLimitText } from './format';
import type { CaseDocumentInput } from './types';

// The deadlines that apply to a case, as printed on the notice and in the archive: the policy's limit and
// clock, with the SLA engine's due time and outcome when the caller supplied them.

export function stageApplies(stage: Pick<StageDef, 'appliesTo'>, c: Pick<CaseState, 'kind' | 'severity' | 'category' | 'channel'>): boolean {
  const a = stage.appliesTo ?? {};
  const ok = (list: string[] | undefined, v: string | undefined): boolean => !list || list.length === 0 || (v !== undefined && list.includes(v));
  return ok(a.kinds, c.kind) && ok(a.severities, c.severity) && ok(a.categories, c.category) && ok(a.channels, c.channel);
}

export interface StageRow {
  name: string;
  limit: string;
  clock: StageDef['clock'];
  due: string;
  outcome: string;
  /** The SLA engine says it has not started (its start event has not happened). */
  notStarted?: boolean;
}

const STATE_ZH = { pending: '未开始', running: '计时中', warning: '即将超时', breached: '已超时', met: '已完成' } as const;

export function stageRows(input: Pick<CaseDocumentInput, 'case' | 'policy' | 'stages'>): StageRow[] {
  const { case: c, policy } = input;
  const offset = policy.utcOffsetMinutes ?? 480;
  const statuses = new Map((input.stages ?? []).map((s) => [s.stageId, s]));
  // The SLA engine knows which stages apply (form conditions, escalated severity); without it, the
  // policy's appliesTo decides.
  const defs = input.stages?.length
    ? input.stages.map((s) => policy.stages.find((d) => d.id === s.stageId)).filter((d): d is StageDef => d !== undefined)
    : applicableStages(policy, c);
  return defs.map((st) => {
    const s = statuses.get(st.id);
    let outcome = s ? STATE_ZH[s.state] : '';
    if (s?.state === 'met') outcome = s.metLate ? `超时完成 ${formatMinute(s.metAt, offset)}` : `按时完成 ${formatMinute(s.metAt, offset)}`;
    if (s?.extended) outcome += '（已延期）';
    return { name: st.name, limit: stageLimitText(st), clock: st.clock, due: formatMinute(s?.dueAt, offset), outcome, notStarted: s?.state === 'pending' };
  });
}

export function applicableStages(policy: Policy, c: Pick<CaseState, 'kind' | 'severity' | 'category' | 'channel'>): StageDef[] {
  return policy.stages.filter((st) => stageApplies(st, c));
}
