import { describe, expect, it } from 'vitest';
import type { DocumentId } from '../../src-shared/bridge';
import { caseEventSchema, type CaseEvent } from '../../src-shared/domain/events';
import { LIMITS } from '../../src-shared/domain/limits';
import { projectCase } from '../../src-shared/domain/projection';
import { EMOJI_PLACEHOLDER } from '../../src-main/documents/printable-text';
import { PRESETS, realisticCase } from './fixtures';
import { caseData, render } from './render';
import { compact, pdfBodyText } from './pdf-tools';

// Issue 11 finding 2: a clerk may type 4,000 characters (LIMITS.text) with line breaks and emoji into any
// free-text field; every character of it is on paper, in every case document, with emoji as 〔表情〕.

const FREE_TEXT_KEYS = new Set([
  'time',
  'cause',
  'process',
  'result',
  'text',
  'demand',
  'findings',
  'content',
  'rectification',
  'outcome',
  'notes',
  'explanation',
  'instruction',
  'opinion',
  'description',
]);
const EMOJI = ['😀', '👍🏽', '👨‍👩‍👧', '🇨🇳', '❤️', '1️⃣'];

/** 4,000 characters: numbered lines (a lost piece shows which), line breaks, emoji, no spaces to break at. */
function longText(tag: string): string {
  let s = '';
  for (let line = 1; s.length < LIMITS.text - 120; line++) {
    s += `${tag}第${line}行：楼上卫生间漏水渗到客厅天花板吊顶发霉墙面起泡已报修多次未果${EMOJI[line % EMOJI.length]}请尽快处理并赔偿损失ABC123。\n`;
  }
  return s.slice(0, LIMITS.text);
}

const printed = (s: string): string => compact(EMOJI.reduce((acc, e) => acc.split(e).join(EMOJI_PLACEHOLDER), s));

/**
 * Replaces every free-text string of every event payload with its own long text: as long as the event's
 * schema allows (4,000 for descriptions and results, 200 for short fields such as 事件时间).
 */
function withLongTexts(events: CaseEvent[]): { events: CaseEvent[]; texts: string[] } {
  let n = 0;
  const rewrite = (v: unknown, key: string): unknown => {
    if (typeof v === 'string' && FREE_TEXT_KEYS.has(key) && v.length > 0) return longText(`〈${++n}〉`);
    if (Array.isArray(v)) return v.map((x) => rewrite(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x, k)]));
    return v;
  };
  const out = events.map((e) => {
    const payload = rewrite(e.payload, '') as Record<string, unknown>;
    for (const issue of caseEventSchema.safeParse({ ...e, payload }).error?.issues ?? []) {
      if (issue.code !== 'too_big' || issue.path[0] !== 'payload') throw new Error(`fixture: ${JSON.stringify(issue)}`);
      let holder = payload as Record<string | number, unknown>;
      for (const k of issue.path.slice(1, -1)) holder = holder[k as string] as Record<string | number, unknown>;
      const last = issue.path.at(-1) as string;
      holder[last] = [...String(holder[last])].slice(0, Number(issue.maximum) - 2).join('');
    }
    return { ...e, payload } as CaseEvent;
  });
  const texts: string[] = [];
  const collect = (v: unknown, key: string): void => {
    if (typeof v === 'string' && v.startsWith('〈') && FREE_TEXT_KEYS.has(key)) texts.push(v);
    else if (Array.isArray(v)) v.forEach((x) => collect(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) collect(x, k);
  };
  out.forEach((e) => collect(e.payload, ''));
  return { events: out, texts };
}

/** A list table's header row, repeated on every page it continues on, falls inside a split row. */
function withoutHeaderRows(flat: string): string {
  return flat.split('序号时间事项经办人内容').join('').split('时间事项内容').join('');
}

describe('long texts on paper (issue 11 finding 2)', () => {
  const pc = realisticCase(PRESETS.find((p) => p.id === 's7-property')!);
  const { events, texts } = withLongTexts(pc.events);
  const state = projectCase(events)!;
  const subject = `${'楼上漏水😀'.repeat(30)}`.slice(0, LIMITS.shortText);

  // Which long texts each document prints: the notice carries the description, demand and instruction;
  // the callback form the result and the callback; the registration the intake; the archive everything.
  const expected: Record<'registration' | 'notice' | 'callback' | 'archive', (t: string) => boolean> = {
    registration: (t) =>
      [
        state.description.process,
        state.description.cause,
        state.description.time,
        state.description.result,
        state.description.text,
        state.demand,
        state.result?.text,
      ].includes(t),
    notice: (t) => [state.demand].includes(t),
    callback: (t) => [state.result?.text, state.result?.rectification, state.callbacks.at(-1)?.outcome].includes(t),
    archive: () => true,
  };

  for (const doc of ['registration', 'notice', 'callback', 'archive'] as const satisfies DocumentId[]) {
    it(`X-5 S1-13 ${doc}: every 4,000-character text with line breaks and emoji prints in full, emoji as 〔表情〕, rows split across pages`, async () => {
      const r = await render(doc, caseData(pc, { case: { ...state, subject }, events }), `long-text-${doc}`);
      const flat = withoutHeaderRows(compact(pdfBodyText(r.bytes)));
      const wanted = texts.filter(expected[doc]);
      expect(wanted.length).toBeGreaterThan(0);
      for (const t of wanted) expect(flat).toContain(printed(t));
      // The 200-character subject: pdftotext reads neighbouring labels (事由, 地址) between its lines, so
      // its emoji are checked as placeholders rather than as one run of text.
      expect(flat.split(EMOJI_PLACEHOLDER).length).toBeGreaterThan(30);
      // No emoji reached the font (it would print an empty box), and nothing was printed as a box.
      for (const e of EMOJI) expect(r.text).not.toContain(e);
      expect(r.text).not.toContain('☒');
      expect(r.pages).toBeGreaterThan(1);
    });
  }

  it("X-5 the notice prints the description's 4,000-character parts joined as its content", async () => {
    const r = await render('notice', caseData(pc, { case: { ...state, subject }, events }), 'long-text-notice-content');
    const flat = compact(pdfBodyText(r.bytes));
    for (const t of [state.description.process, state.description.cause]) expect(flat).toContain(printed(t!).replace(/[。；;.]+$/u, ''));
  });
});
