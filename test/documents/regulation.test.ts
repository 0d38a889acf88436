import { describe, expect, it } from 'vitest';
import { formatDay, stageLimitText } from '../../src-main/documents/format';
import { chineseNumber, stripNumbering, withoutRuleRefs } from '../../src-main/documents/builders/regulation';
import { PRESETS, cst, policyFor } from './fixtures';
import { PRINTED_AT, render } from './render';
import { compact } from './pdf-tools';

// The regulation itself, printed from the live policy (S0-1 structure, S0-2 revision record and sign-off).

describe('regulation (工作制度)', () => {
  for (const preset of PRESETS) {
    it(`S0-1 S0-2 ${preset.id}: title, purpose, chapters, deadline table from the stages, revision record and 编制/审核/批准`, async () => {
      const policy = policyFor(preset);
      const r = await render(
        'regulation',
        {
          organisation: { name: '示范单位' },
          policy,
          staffNames: {},
          printedAt: PRINTED_AT,
          signOff: {
            authorName: '张明',
            authorDate: cst(2025, 12, 20),
            reviewerName: '刘芳',
            reviewerDate: cst(2025, 12, 25),
            approverName: '陈志远',
            approverDate: cst(2025, 12, 28),
          },
        },
        `regulation-${preset.id}`,
      );
      const doc = policy.document;
      expect(r.flat).toContain(compact(doc.title));
      expect(r.flat).toContain('引言');
      expect(r.flat).toContain(compact(doc.purpose).slice(0, 40));
      doc.chapters.forEach((ch, i) => expect(r.flat).toContain(`第${chineseNumber(i + 1)}章${compact(stripNumbering(ch.title))}`));
      for (const clause of doc.chapters.flatMap((c) => c.clauses)) expect(r.flat).toContain(compact(withoutRuleRefs(stripNumbering(clause))).slice(0, 20));
      expect(r.flat).not.toMatch(/[（(]S\d+-\d+/);
      // Deadlines: every stage of the live policy, with its limit.
      if (policy.stages.length) expect(r.flat).toContain('处理时限');
      for (const s of policy.stages) {
        // A long stage name wraps inside its cell; its first line is what reads in order.
        expect(r.flat).toContain(compact(s.name).slice(0, 10));
        expect(r.flat).toContain(compact(stageLimitText(s)));
      }
      expect(r.flat).toContain('附则');
      expect(r.flat).toContain('附录：修订记录');
      expect(r.flat).toContain('页码修改日期修改人修改状态修改单号生效日期');
      for (const rev of policy.revisions)
        expect(r.flat).toContain(
          `${compact(rev.page)}${formatDay(rev.date)}${compact(rev.author)}${compact(rev.status)}${compact(rev.orderNo)}${formatDay(rev.effectiveFrom)}`,
        );
      expect(r.flat).toContain(`编制（${compact(doc.signOff.author)}）`);
      expect(r.flat).toContain(`审核（${compact(doc.signOff.reviewer)}）`);
      expect(r.flat).toContain(`批准（${compact(doc.signOff.approver)}）`);
      expect(r.flat).toContain('签名：张明签名：刘芳签名：陈志远');
      expect(r.flat).toContain('日期：2025年12月20日日期：2025年12月25日日期：2025年12月28日');
      expect(r.flat).toContain(`第${policy.revision}版`);
    });
  }

  it('without a recorded sign-off the block prints lines and date blanks for ink', async () => {
    const policy = policyFor(PRESETS[0]!);
    const r = await render('regulation', { organisation: { name: '示范单位' }, policy, staffNames: {} }, 'regulation-unsigned');
    expect(r.flat.match(/签名：＿+/g)).toHaveLength(3);
    expect(r.flat.match(/日期：/g)).toHaveLength(3);
    expect(r.flat).not.toContain('2025年12月');
  });

  it('article numbers read as Chinese numerals', () => {
    expect([1, 10, 11, 20, 21, 99, 100, 105, 110, 123].map(chineseNumber)).toEqual([
      '一',
      '十',
      '十一',
      '二十',
      '二十一',
      '九十九',
      '一百',
      '一百零五',
      '一百一十',
      '一百二十三',
    ]);
    expect(stripNumbering('三、业户意见')).toBe('业户意见');
    expect(stripNumbering('12. 接待')).toBe('接待');
    expect(stripNumbering('（二）投诉界定')).toBe('投诉界定');
    expect(stripNumbering('2026年起施行')).toBe('2026年起施行');
    expect(withoutRuleRefs('当事人作为一次投诉处理(S4-3)。')).toBe('当事人作为一次投诉处理。');
    expect(withoutRuleRefs('首问负责（S1-2、X-1）')).toBe('首问负责');
  });

  it('S10-5 S1-3 a same-day stage reads 当日内, not as its one-minute encoding', () => {
    expect(stageLimitText({ limit: { amount: 1, unit: 'minutes' }, endOfDay: true })).toBe('当日内');
    expect(stageLimitText({ limit: { amount: 3, unit: 'days' }, endOfDay: true })).toBe('3 天（至当日24:00）');
    expect(stageLimitText({ limit: { amount: 2, unit: 'hours' } })).toBe('2 小时');
    expect(stageLimitText({ limit: { amount: 3, unit: 'workingDays' } })).toBe('3 个工作日');
  });
});
