import type { CaseState } from '../domain/case-state';
import type { NewEvent } from '../domain/events';
import { LIMITS } from '../domain/limits';

// Corrective and preventive actions for a repeated problem (S8-11, S10-10, S4-9 rectification follow-up).
// Decision: they are recorded as `case.note` events tagged `capa` (the action) or `capa_followup` on every
// case of the group, not as a new document kind. They then replicate, archive and print with each case
// nothing is deleted, corrections are new notes) and need no new contract. The group view gathers
// them back from its cases and shows each action once.

export const CAPA_TAG = 'capa';
export const CAPA_FOLLOWUP_TAG = 'capa_followup';

export interface CapaInput {
  cause: string;
  corrective: string;
  preventive: string;
  owner?: string;
  /** 'YYYY-MM-DD' the actions are due. */
  due?: string;
}

export type CapaError = 'capa.required' | 'capa.tooLong' | 'capa.noCases' | 'capa.due';

/** The one note text the action is recorded as, readable on its own in a case timeline or archive. */
export function capaText(input: CapaInput, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  const zh = lang === 'zh-CN';
  const parts = [
    `${zh ? '【纠正预防措施】原因' : '[CAPA] Cause'}: ${input.cause.trim()}`,
    `${zh ? '纠正措施' : 'Corrective'}: ${input.corrective.trim()}`,
    `${zh ? '预防措施' : 'Preventive'}: ${input.preventive.trim()}`,
  ];
  if (input.owner?.trim()) parts.push(`${zh ? '责任人' : 'Owner'}: ${input.owner.trim()}`);
  if (input.due) parts.push(`${zh ? '期限' : 'Due'}: ${input.due}`);
  return parts.join(zh ? '；' : '; ');
}

/** One `case.note` per case of the group; an error and no events when the input is incomplete. */
export function capaEvents(
  caseIds: readonly string[],
  input: CapaInput,
): { ok: true; events: { caseId: string; event: NewEvent }[] } | { ok: false; error: CapaError } {
  if (caseIds.length === 0) return { ok: false, error: 'capa.noCases' };
  if (!input.cause.trim() || !input.corrective.trim() || !input.preventive.trim()) return { ok: false, error: 'capa.required' };
  if (input.due !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(input.due)) return { ok: false, error: 'capa.due' };
  const text = capaText(input);
  if (text.length > LIMITS.text) return { ok: false, error: 'capa.tooLong' };
  return { ok: true, events: caseIds.map((caseId) => ({ caseId, event: { type: 'case.note', payload: { text, tag: CAPA_TAG } } })) };
}

export function capaFollowUpEvents(
  caseIds: readonly string[],
  text: string,
): { ok: true; events: { caseId: string; event: NewEvent }[] } | { ok: false; error: CapaError } {
  if (caseIds.length === 0) return { ok: false, error: 'capa.noCases' };
  if (!text.trim()) return { ok: false, error: 'capa.required' };
  if (text.length > LIMITS.text) return { ok: false, error: 'capa.tooLong' };
  return { ok: true, events: caseIds.map((caseId) => ({ caseId, event: { type: 'case.note', payload: { text: text.trim(), tag: CAPA_FOLLOWUP_TAG } } })) };
}

export interface CapaEntry {
  kind: 'action' | 'followUp';
  text: string;
  at: number;
  by: string;
  caseIds: string[];
}

/** Actions and follow-ups recorded on the given cases, each once, oldest first. */
export function capaOf(cases: readonly CaseState[]): CapaEntry[] {
  const byKey = new Map<string, CapaEntry>();
  for (const c of cases) {
    for (const n of c.notes) {
      if (n.tag !== CAPA_TAG && n.tag !== CAPA_FOLLOWUP_TAG) continue;
      const key = `${n.tag}|${n.at}|${n.by}|${n.text}`;
      const e = byKey.get(key);
      if (e) e.caseIds.push(c.id);
      else byKey.set(key, { kind: n.tag === CAPA_TAG ? 'action' : 'followUp', text: n.text, at: n.at, by: n.by, caseIds: [c.id] });
    }
  }
  return [...byKey.values()].sort((a, b) => a.at - b.at);
}
