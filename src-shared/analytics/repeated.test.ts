import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseState } from '../domain/case-state';
import { projectCase } from '../domain/projection';
import { DAY, makeEvent, makeRegistration } from '../domain/projection.fixtures';
import { capaEvents, capaFollowUpEvents, capaOf } from './capa';
import { fireBrigadePreset } from '../presets/s1-fire-brigade';
import { PRESETS } from '../presets';
import { policyOf } from '../presets/presets.fixtures';
import { findRepeatedProblems, placeFieldsOf } from './repeated';
import { textSimilarity } from './similarity';
import { caseOf, eventsFor, type CaseSpec } from './test-fixtures';

const t0 = Date.UTC(2026, 10, 2, 1);
const c = (id: string, dayOffset: number, category: string, subject: string, place?: string) =>
  caseOf({ id, receivedAt: t0 + dayOffset * DAY, category, subject, ...(place ? { place } : {}) } satisfies CaseSpec);

describe('repeated problems (S7-7, S8-11, S10-10)', () => {
  it('normalised bigram similarity ignores punctuation, spaces and full-width digits', () => {
    expect(textSimilarity('３号楼 电梯故障停运！', '3号楼电梯故障停运')).toBe(1);
    expect(textSimilarity('3号楼电梯故障停运', '3号楼电梯又故障了')).toBeCloseTo(5 / 11, 12);
    expect(textSimilarity('地下车库漏水', '楼上卫生间漏水')).toBeCloseTo(1 / 10, 12);
    expect(textSimilarity('', '漏水')).toBe(0);
  });

  const cases = [
    c('a1', 0, 'elevator', '3号楼电梯故障停运'),
    c('a2', 3, 'elevator', '3号楼电梯又故障了'),
    c('a3', 9, 'elevator', '３号楼电梯故障停运，困人'),
    // Same category, unrelated subject and place: a true negative.
    c('n1', 4, 'elevator', '电梯广告屏太吵', '1号楼大堂'),
    // Same subject, other category: not grouped with the elevator cases.
    c('n2', 2, 'noise', '3号楼电梯故障停运'),
    // Same subject but two months later: outside the window.
    c('n3', 70, 'elevator', '3号楼电梯故障停运'),
    // Different wording, same place: linked by place.
    c('p1', 1, 'leak', '卫生间天花板渗水', '5栋2单元1201'),
    c('p2', 6, 'leak', '厨房墙面有水迹', '5栋2单元1201室'),
    c('p3', 8, 'leak', '地下车库漏水', '地下车库B区'),
  ];

  it('groups near-duplicates of one category within the window, and nothing else', () => {
    const groups = findRepeatedProblems(cases, { placeKeys: ['location'] });
    expect(groups.map((g) => [g.category, g.caseIds])).toEqual([
      ['elevator', ['a1', 'a2', 'a3']],
      ['leak', ['p1', 'p2']],
    ]);
    expect(groups[0]!.firstAt).toBe(t0);
    expect(groups[0]!.lastAt).toBe(t0 + 9 * DAY);
    expect(groups[1]!.places).toEqual(['5栋2单元1201', '5栋2单元1201室']);
  });

  it('a narrower window or a stricter threshold splits groups', () => {
    expect(findRepeatedProblems(cases, { windowMs: 2 * DAY, placeKeys: ['location'] })).toEqual([]);
    const strict = findRepeatedProblems(cases, { subjectThreshold: 0.9, placeThreshold: 1.01, placeKeys: ['location'] });
    expect(strict.map((g) => g.caseIds)).toEqual([]);
    const longWindow = findRepeatedProblems(cases, { windowMs: 90 * DAY, placeKeys: ['location'] });
    expect(longWindow[0]!.caseIds).toEqual(['a1', 'a2', 'a3', 'n3']);
  });
});

describe('repeated problems without comparing every pair (issue 14)', () => {
  /** The definition: every pair of one category within the window, linked when subject or place is alike. */
  function everyPair(cases: readonly CaseState[], o: { windowMs: number; subjectThreshold: number; placeThreshold: number; placeKeys: string[] }): string[][] {
    const byCategory = new Map<string, CaseState[]>();
    for (const x of cases) byCategory.set(x.category!, [...(byCategory.get(x.category!) ?? []), x]);
    const out: string[][] = [];
    for (const list of byCategory.values()) {
      list.sort((a, b) => a.receivedAt - b.receivedAt || a.id.localeCompare(b.id));
      const root = list.map((_, i) => i);
      const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i]!)));
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) {
          if (list[j]!.receivedAt - list[i]!.receivedAt > o.windowMs) continue;
          const place = (x: CaseState) => (typeof x.form.location === 'string' ? x.form.location : '');
          if (textSimilarity(list[i]!.subject, list[j]!.subject) >= o.subjectThreshold || textSimilarity(place(list[i]!), place(list[j]!)) >= o.placeThreshold)
            root[find(j)] = find(i);
        }
      const groups = new Map<number, string[]>();
      list.forEach((x, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), x.id]));
      out.push(...[...groups.values()].filter((g) => g.length >= 2));
    }
    return out.map((g) => [...g].sort()).sort((a, b) => a.join().localeCompare(b.join()));
  }

  it('finds exactly the groups that comparing every pair finds, for any texts, times and thresholds', () => {
    const text = fc.array(fc.constantFrom('电', '梯', '故', '障', '漏', '水', '3', '号', '楼', '噪', '音', ' '), { maxLength: 8 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 40 }), category: fc.constantFrom('a', 'b'), subject: text, place: text }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom(0.3, 0.4, 0.5, 0.6, 1),
        fc.constantFrom(0.4, 0.6, 1),
        (specs, windowDays, subjectThreshold, placeThreshold) => {
          const cases = specs.map((x, i) =>
            caseOf({ id: `c${i}`, receivedAt: t0 + x.day * DAY, category: x.category, subject: x.subject.trim() ? x.subject : '无', place: x.place }),
          );
          const o = { windowMs: windowDays * DAY, subjectThreshold, placeThreshold, placeKeys: ['location'] };
          const found = findRepeatedProblems(cases, o)
            .map((g) => [...g.caseIds].sort())
            .sort((a, b) => a.join().localeCompare(b.join()));
          expect(found).toEqual(everyPair(cases, o));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('places in repeated problems come from the field each preset declares (S1-5)', () => {
  it("S1-5 a confidential reporter's home address never shows as a place; the fire preset groups by 隐患地点", () => {
    const policy = policyOf(fireBrigadePreset);
    expect(placeFieldsOf(policy)).toEqual(['hazardPlace']);
    const reported = (id: string, day: number, subject: string, hazardPlace: string) =>
      projectCase([
        makeRegistration(
          t0 + day * DAY,
          {
            number: `XF01-2026110${day + 1}-001`,
            kind: policy.kinds[0]!.code,
            category: 'exit',
            subject,
            complainant: { anonymous: false, confidential: true, name: '王五', phone: '13900001111', address: '幸福路8号3单元502' },
            form: { hazardPlace },
          },
          { caseId: id },
        ),
      ])!;
    const cases = [
      reported('h1', 0, '安全出口被杂物堵塞', '东方商场二楼'),
      reported('h2', 2, '消防通道上锁', '东方商场二楼 '),
      reported('h3', 3, '灭火器过期', '西湖小区'),
    ];
    const groups = findRepeatedProblems(cases, { placeKeys: placeFieldsOf(policy) });
    expect(groups.map((g) => g.caseIds)).toEqual([['h1', 'h2']]);
    expect(groups[0]!.places).toEqual(['东方商场二楼']);
    expect(JSON.stringify(groups)).not.toContain('幸福路');
    // Without declared place fields nothing but the subject links cases, and no address is shown.
    const bySubject = findRepeatedProblems(cases);
    expect(bySubject).toEqual([]);
  });

  it('every preset declares where its problems are, or has none (a product or service complaint), never an identity field', () => {
    const places = Object.fromEntries(PRESETS.map((p) => [p.id, placeFieldsOf(policyOf(p.policy))]));
    for (const keys of Object.values(places)) for (const k of keys) expect(k).not.toMatch(/name|phone|address|idNo/i);
    expect(places['s1-fire-brigade']).toEqual(['hazardPlace']);
    expect(places['s7-property']).toEqual(['roomNo']);
  });
});

describe('S8-11 corrective and preventive actions', () => {
  it('records the action on every case of the group and reads it back once', () => {
    const r = capaEvents(['a1', 'a2'], {
      cause: '电梯控制板老化',
      corrective: '更换控制板',
      preventive: '每月维保增加控制板检测',
      owner: '工程部李工',
      due: '2026-12-05',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.events).toHaveLength(2);
    const at = t0 + 10 * DAY;
    const states = ['a1', 'a2'].map((id, i) => {
      const evs = eventsFor({ id, receivedAt: t0 + i * DAY, category: 'elevator', subject: '电梯故障' });
      const note = r.events[i]!.event;
      if (note.type !== 'case.note') throw new Error('expected a note');
      evs.push(makeEvent('case.note', note.payload, at, { caseId: id, actorId: 'staff-9' }));
      const follow = capaFollowUpEvents([id], '12月3日已更换，运行正常。');
      if (follow.ok && follow.events[0]!.event.type === 'case.note')
        evs.push(makeEvent('case.note', follow.events[0]!.event.payload, at + DAY, { caseId: id, actorId: 'staff-9' }));
      return projectCase(evs)!;
    });
    const entries = capaOf(states);
    expect(entries.map((e) => [e.kind, e.caseIds])).toEqual([
      ['action', ['a1', 'a2']],
      ['followUp', ['a1', 'a2']],
    ]);
    expect(entries[0]!.text).toBe(
      '【纠正预防措施】原因: 电梯控制板老化；纠正措施: 更换控制板；预防措施: 每月维保增加控制板检测；责任人: 工程部李工；期限: 2026-12-05',
    );
  });

  it('bad input records nothing', () => {
    expect(capaEvents(['a1'], { cause: ' ', corrective: '换', preventive: '查' })).toEqual({ ok: false, error: 'capa.required' });
    expect(capaEvents([], { cause: '因', corrective: '换', preventive: '查' })).toEqual({ ok: false, error: 'capa.noCases' });
    expect(capaEvents(['a1'], { cause: '因', corrective: '换', preventive: '查', due: '12/5' })).toEqual({ ok: false, error: 'capa.due' });
  });
});
