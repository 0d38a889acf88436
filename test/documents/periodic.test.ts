import { describe, expect, it } from 'vitest';
import type { CaseState } from '../../src-shared/domain/case-state';
import type { StageStatus } from '../../src-shared/domain/sla-types';
import { PRESETS, cst, DAY, HOUR, policyFor, realisticCase } from './fixtures';
import { PRINTED_AT, render, signatureImages } from './render';
import { compact, pdfText } from './pdf-tools';
import { ATTENTION_LIST_MAX, summaryReport, summaryRow } from '../../src-shared/analytics/summary-lists';
import { createDocumentHandlers } from '../../src-main/documents/handlers';
import type { DocumentError } from '../../src-main/documents/errors';

// 投诉数据汇总表 (S8-10) and the S3-5 daily 质量投诉处理流程表.

const property = PRESETS.find((p) => p.id === 's7-property')!;

/**
 * A month of cases (or, with `months` 12, a year of 2026), varied the way a busy desk's are: kinds,
 * categories, severities, callbacks.
 */
function monthOfCases(n: number, months = 1): { cases: CaseState[]; stagesByCase: Record<string, StageStatus[]> } {
  const policy = policyFor(property);
  const base = realisticCase(property, { signed: false }).state;
  const cases: CaseState[] = [];
  const stagesByCase: Record<string, StageStatus[]> = {};
  const routed = policy.categories.filter((c) => c.departmentId);
  for (let i = 0; i < n; i++) {
    const day = 1 + (i % (months === 1 ? 30 : 28));
    const month = months === 1 ? 11 : 1 + (Math.floor(i / 7) % months);
    const at = cst(2026, month, day, 8, 0) + (i % 97) * 5 * 60_000;
    const cat = routed[i % routed.length]!;
    const kind = policy.kinds[i % policy.kinds.length]!;
    const id = `case-${i}`;
    const called = i % 5 !== 0;
    cases.push({
      ...base,
      id,
      number: `HZ01-2026${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}-${String(i).padStart(4, '0')}`,
      kind: kind.code,
      category: cat.code,
      departmentId: cat.departmentId,
      severity: policy.severities[i % policy.severities.length]!.code,
      valid: i % 10 !== 0,
      receivedAt: at,
      registeredAt: at + 60_000,
      resolvedAt: at + DAY,
      subject: `第${i}号：${base.subject}`,
      callbacks: called ? [{ ...base.callbacks[0]!, satisfaction: ((i % 7) % 5) + 1, satisfied: (i % 7) % 5 >= 2, at: at + 2 * DAY }] : [],
    });
    stagesByCase[id] = [
      {
        stageId: policy.stages[0]!.id,
        name: policy.stages[0]!.name,
        state: 'met',
        clock: 'natural',
        startedAt: at,
        dueAt: at + HOUR,
        metAt: at + 30 * 60_000,
        metLate: i % 4 === 0,
        paused: false,
        pausedMs: 0,
        extended: false,
        provisional: false,
        notifyRoles: [],
        rules: [],
      },
    ];
  }
  return { cases, stagesByCase };
}

describe('period summary (投诉数据汇总表)', () => {
  it('S8-10 S10-20 X-6 2,000 cases of a month: counts by kind, category, severity and department, on-time rate, callback rate, satisfaction, every case listed once', async () => {
    const policy = policyFor(property);
    const { cases, stagesByCase } = monthOfCases(2000);
    const r = await render(
      'summary',
      {
        organisation: { name: '锦绣花园物业服务中心' },
        policy,
        staffNames: {},
        printedAt: PRINTED_AT,
        period: { label: '2026年11月', from: cst(2026, 11, 1), to: cst(2026, 12, 1) },
        cases,
        stagesByCase,
      },
      'summary-2000-cases',
    );
    expect(r.flat).toContain('投诉数据汇总表');
    expect(r.flat).toContain('2026年11月（2026-11-01至2026-11-30）');
    expect(r.flat).toContain('案件总数2000件');
    // The case list comes after the lists of cases that need attention, which name some cases too.
    expect(r.flat).toContain('附二：案件明细（共2000件）');
    const numbers = r.text.slice(r.text.indexOf('附二')).match(/HZ01-202611\d{2}-\d{4}/g) ?? [];
    expect(new Set(numbers).size).toBe(2000);
    expect(numbers).toHaveLength(2000);

    for (const k of policy.kinds) {
      const n = cases.filter((c) => c.kind === k.code).length;
      expect(r.flat).toContain(`${compact(k.name)}${n}${((n / 2000) * 100).toFixed(1)}%`);
    }
    for (const s of policy.severities) {
      const n = cases.filter((c) => c.severity === s.code).length;
      expect(r.flat).toContain(`${compact(s.name)}${n}`);
    }
    for (const d of policy.departments) {
      const n = cases.filter((c) => c.departmentId === d.id).length;
      if (n) expect(r.flat).toContain(`${compact(d.name)}${n}${((n / 2000) * 100).toFixed(1)}%`);
    }
    // Callback: eligible = resolved, not exempt; done = called back and satisfied (S9-10: an unsatisfied
    // callback is owed a follow-up).
    const exempt = new Set(policy.kinds.filter((k) => k.callbackExempt).map((k) => k.code));
    const eligible = cases.filter((c) => !exempt.has(c.kind));
    const called = eligible.filter((c) => c.callbacks.length > 0);
    const done = called.filter((c) => c.callbacks[0]!.satisfied);
    expect(r.flat).toContain(`${((done.length / eligible.length) * 100).toFixed(1)}%（${done.length}/${eligible.length}）`);
    const late = cases.filter((_, i) => i % 4 === 0).length;
    expect(r.flat).toContain(`${compact(policy.stages[0]!.name)}2000${2000 - late}${late}${(((2000 - late) / 2000) * 100).toFixed(1)}%`);
    const valid = cases.filter((c) => c.valid).length;
    expect(r.flat).toContain(`有效投诉${valid}件`);
    const scored = called;
    const mean = scored.reduce((s, c) => s + c.callbacks[0]!.satisfaction, 0) / scored.length;
    expect(r.flat).toContain(`平均${mean.toFixed(2)}/5`);
    expect(r.flat).toContain(`第${r.pages}页共${r.pages}页`);
  });

  it('a month without cases prints zeros and dashes, never a 0 % that looks like a failure', async () => {
    const r = await render(
      'summary',
      {
        organisation: { name: '锦绣花园物业服务中心' },
        policy: policyFor(property),
        staffNames: {},
        period: { label: '2026年2月', from: cst(2026, 2, 1), to: cst(2026, 3, 1) },
        cases: [],
      },
      'summary-empty',
    );
    expect(r.pages).toBe(1);
    expect(r.flat).toContain('2026年2月（2026-02-01至2026-02-28）');
    expect(r.flat).toContain('案件总数0件');
    expect(r.flat).toContain('回访率—（0/0）');
    expect(r.flat).toContain('本期无已到期环节');
    expect(r.flat).not.toContain('案件明细');
  });

  it('precomputed figures are printed as given', async () => {
    const policy = policyFor(property);
    const r = await render(
      'summary',
      {
        organisation: { name: '锦绣花园物业服务中心' },
        policy,
        staffNames: {},
        period: { label: '2026年第四季度', from: cst(2026, 10, 1), to: cst(2027, 1, 1) },
        figures: {
          total: 37,
          byKind: [{ code: 'complaint', name: '投诉', count: 37 }],
          byCategory: [
            { code: 'facilities', name: '设施设备', count: 20 },
            { code: 'security', name: '秩序维护', count: 17 },
          ],
          bySeverity: [{ code: 'general', name: '一般投诉', count: 37 }],
          byDepartment: [{ code: 'engineering', name: '工程部', count: 37 }],
          stageOnTime: [{ stageId: 'general_reply', name: '一般投诉:1小时内答复', total: 30, onTime: 27 }],
          callbackDue: 30,
          callbackDone: 30,
          satisfactionMean: 4.5,
          satisfiedCount: 28,
          validCount: 3,
          classifiedCount: 37,
          validRateBase: { base: 1200, label: '户' },
        },
      },
      'summary-figures',
    );
    expect(r.pages).toBe(1);
    expect(r.flat).toContain('案件总数37件');
    expect(r.flat).toContain('制表人：');
    expect(r.flat).toContain('审核（主任）：');
    expect(r.flat).toContain('100.0%（30/30）');
    expect(r.flat).toContain('有效投诉率0.3%（以户1200计）');
    expect(r.flat).toContain('一般投诉:1小时内答复3027390.0%');
  });
});

describe('period summary of a long period (issue 14 item 4: lists, not one row per case)', () => {
  const policy = policyFor(property);
  const year = { label: '2026年', from: cst(2026, 1, 1), to: cst(2027, 1, 1) };
  const context = { organisation: { name: '锦绣花园物业服务中心' }, policy, staffNames: {}, printedAt: PRINTED_AT, period: year };
  const { cases, stagesByCase } = monthOfCases(2400, 12);
  const pct = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(1)}%` : '—');
  const exempt = new Set(policy.kinds.filter((k) => k.callbackExempt).map((k) => k.code));
  const numbersIn = (text: string) => text.match(/HZ01-2026\d{4}-\d{4}/g) ?? [];

  it('S10-10 X-6 S8-10 a year of 2,400 cases: figures, a row per month, the cases that need attention capped at 30 a list, and no case list unless asked', async () => {
    const r = await render('summary', { ...context, cases, stagesByCase }, 'summary-year-lists');
    expect(r.flat).toContain('案件总数2400件');
    expect(r.flat).toContain('三、分月统计');
    for (let m = 1; m <= 12; m++) {
      const inMonth = cases.filter((c) => c.receivedAt >= cst(2026, m, 1) && c.receivedAt < cst(2026, m + 1, 1));
      const late = inMonth.filter((c) => stagesByCase[c.id]![0]!.metLate).length;
      const due = inMonth.filter((c) => !exempt.has(c.kind));
      const done = due.filter((c) => c.callbacks[0]?.satisfied).length;
      const called = due.filter((c) => c.callbacks.length);
      const mean = called.reduce((a, c) => a + c.callbacks[0]!.satisfaction, 0) / called.length;
      const valid = inMonth.filter((c) => c.valid).length;
      const n = inMonth.length;
      expect(r.flat).toContain(
        `2026-${String(m).padStart(2, '0')}${n}${pct(n - late, n)}（${n - late}/${n}）${pct(done, due.length)}（${done}/${due.length}）${mean.toFixed(2)}${valid}`,
      );
    }
    // S1-15 the stages finished late, S9-10 the unsatisfied callbacks, S10-20 the valid complaints: each list
    // says how many there are and prints the first 30, earliest first (the lowest scores first for callbacks).
    const late = cases.filter((c) => stagesByCase[c.id]![0]!.metLate);
    const unsatisfied = cases.filter((c) => !exempt.has(c.kind) && c.callbacks.length && !c.callbacks[0]!.satisfied);
    const valid = cases.filter((c) => c.valid);
    expect(r.flat).toContain(`附一：需关注的案件`);
    expect(r.flat).toContain(`（一）环节超时的案件共${late.length}件，以下列出前${ATTENTION_LIST_MAX}件`);
    expect(r.flat).toContain(`（三）回访不满意（2分及以下或不满意）的案件共${unsatisfied.length}件，以下列出前${ATTENTION_LIST_MAX}件`);
    expect(r.flat).toContain(`（四）定为有效投诉的案件共${valid.length}件，以下列出前${ATTENTION_LIST_MAX}件`);
    const byTime = (a: CaseState, b: CaseState) => a.registeredAt - b.registeredAt || a.number.localeCompare(b.number);
    const listed = numbersIn(r.text);
    expect(listed).toEqual([
      ...[...late]
        .sort(byTime)
        .slice(0, ATTENTION_LIST_MAX)
        .map((c) => c.number),
      ...[...unsatisfied]
        .sort((a, b) => a.callbacks[0]!.satisfaction - b.callbacks[0]!.satisfaction || byTime(a, b))
        .slice(0, ATTENTION_LIST_MAX)
        .map((c) => c.number),
      ...[...valid]
        .sort(byTime)
        .slice(0, ATTENTION_LIST_MAX)
        .map((c) => c.number),
    ]);
    expect(r.flat).toContain(`${compact(policy.stages[0]!.name)}超时完成`);
    // No callback was owed and missed: that list is left out rather than printed empty.
    expect(r.flat).not.toContain('逾期未回访');
    expect(r.flat).not.toContain('案件明细');
    expect(r.pages).toBeLessThan(20);
  });

  it('S8-10 the case list is printed when asked: every case once, after the lists', async () => {
    const r = await render('summary', { ...context, cases, stagesByCase, listCases: true }, 'summary-year-with-list');
    expect(r.flat).toContain('附二：案件明细（共2400件）');
    const numbers = numbersIn(r.text.slice(r.text.indexOf('附二')));
    expect(numbers).toHaveLength(2400);
    expect(new Set(numbers).size).toBe(2400);
  });

  it('S8-10 a month of 2,000 cases leaves its list out when the reader unticked it', async () => {
    const month = monthOfCases(2000);
    const r = await render(
      'summary',
      { ...context, period: { label: '2026年11月', from: cst(2026, 11, 1), to: cst(2026, 12, 1) }, ...month, listCases: false },
      'summary-month-no-list',
    );
    expect(r.flat).toContain('案件总数2000件');
    expect(r.flat).not.toContain('三、分月统计');
    expect(r.flat).not.toContain('案件明细');
    expect(r.flat).toContain('附一：需关注的案件');
  });

  it('S10-10 the desk sends figures, months, lists and — only when asked — the rows of the case list, which are printed as sent', async () => {
    const byId = new Map(cases.map((c) => [c.id, c]));
    const analysed = cases.map((state) => ({ state, stages: stagesByCase[state.id]! }));
    const report = summaryReport(analysed, { from: year.from, to: year.to, now: PRINTED_AT, policy }, (id) => byId.get(id));
    const sent = { ...context, figures: report.figures, months: report.months, attention: report.attention };
    const without = await render('summary', sent, 'summary-year-sent');
    expect(without.flat).toContain('案件总数2400件');
    expect(without.flat).toContain('三、分月统计');
    expect(without.flat).not.toContain('案件明细');
    const rows = cases.slice(0, 120).map((c) => summaryRow(c));
    const withList = await render('summary', { ...sent, caseList: rows }, 'summary-year-sent-list');
    expect(withList.flat).toContain('附二：案件明细（共120件）');
    expect(numbersIn(withList.text.slice(withList.text.indexOf('附二')))).toEqual(rows.map((c) => c.number));
  });

  it('hostile or oversized summary input is refused with a Chinese message naming the field, and nothing is rendered', async () => {
    const byId = new Map(cases.map((c) => [c.id, c]));
    const report = summaryReport(
      cases.map((state) => ({ state, stages: stagesByCase[state.id]! })),
      { from: year.from, to: year.to, now: PRINTED_AT, policy },
      (id) => byId.get(id),
    );
    const sent = { ...context, figures: report.figures, months: report.months, attention: report.attention };
    const row = summaryRow(cases[0]!);
    const handlers = createDocumentHandlers({ archiveRoot: '/nonexistent-archive-root' });
    const refusal = async (data: object) => {
      try {
        await handlers['documents.render']({ document: 'summary', data: JSON.parse(JSON.stringify(data)) as Record<string, unknown> });
      } catch (e) {
        return e as DocumentError;
      }
      throw new Error('rendered');
    };
    const cases_ = [
      [{ ...sent, caseList: Array.from({ length: 100_001 }, () => row) }, 'caseList'],
      [{ ...sent, caseList: [{ ...row, complainant: { name: '张三' } }] }, 'caseList.0'],
      [{ ...sent, caseList: [{ ...row, subject: '漏'.repeat(201) }] }, 'caseList.0.subject'],
      [{ ...sent, attention: [{ ...report.attention[0]!, rows: Array.from({ length: ATTENTION_LIST_MAX + 1 }, () => row) }] }, 'attention.0.rows'],
      [{ ...sent, attention: [{ ...report.attention[0]!, total: 1 }] }, 'attention.0'],
      [{ ...sent, attention: [report.attention[0]!, report.attention[0]!] }, 'attention'],
      [{ ...sent, months: [...report.months, report.months[0]!] }, 'months'],
      [{ ...sent, months: [{ ...report.months[0]!, onTime: report.months[0]!.onTimeBase + 1 }] }, 'months.0'],
      [{ ...sent, period: { ...year, to: year.from } }, '(root)'],
      [{ ...sent, listCases: 'yes' }, 'listCases'],
    ] as const;
    for (const [data, field] of cases_) {
      const err = await refusal(data);
      expect(err.code, field).toBe('invalid_input');
      expect(err.messages['zh-CN'], field).toContain(`生成文档所需的数据不完整或有误（${field}：`);
    }
  });
});

describe('daily quality sheet (质量投诉处理流程表)', () => {
  it('S3-5 one signature row per responsible department head, then the vice-president and the general manager', async () => {
    const retail = PRESETS.find((p) => p.id === 's3-retail-quality')!;
    const policy = policyFor(retail);
    const cats = policy.categories.filter((c) => c.departmentId && (!c.kinds || c.kinds.includes('product')));
    const depts = [...new Set(cats.map((c) => c.departmentId!))].slice(0, 2);
    expect(depts).toHaveLength(2);
    const day = cst(2026, 11, 27, 9, 0);
    const cases = [
      realisticCase(retail, { kind: 'product', seq: 1, at: day, category: cats.find((c) => c.departmentId === depts[0])!.code }),
      realisticCase(retail, { kind: 'product', seq: 2, at: day + HOUR, category: cats.find((c) => c.departmentId === depts[1])!.code, signed: false }),
      realisticCase(retail, { kind: 'product', seq: 3, at: day + 2 * HOUR, category: cats.find((c) => c.departmentId === depts[0])!.code, signed: false }),
    ];
    const r = await render(
      'daily_quality',
      {
        organisation: { name: '华美建材门市部' },
        policy,
        staffNames: cases[0]!.staffNames,
        printedAt: PRINTED_AT,
        date: day,
        cases: cases.map((c) => c.state),
      },
      'daily-quality-s3',
    );
    expect(r.flat).toContain('质量投诉处理流程表');
    expect(r.flat).toContain('日期：2026年11月27日');
    for (const c of cases) expect(r.flat).toContain(c.state.number);
    // One row per responsible department, each named, signed (image) or left for ink.
    for (const d of depts) expect(r.flat).toContain(compact(policy.departments.find((x) => x.id === d)!.name));
    // Blank slots print 日期：…年…月…日 for ink: the unsigned department, the vice-president, the general manager.
    expect(pdfText(r.bytes, true).match(/日期：\s+年\s+月\s+日/g)?.length).toBe(1 + 2);
    expect(r.flat).toContain(compact(cases[0]!.headName));
    const approval = policy.approvals.find((a) => a.rules.includes('S3-5'))!;
    for (const step of approval.steps.filter((s) => !/head/.test(s.role))) expect(r.flat).toContain(compact(step.label));
    expect(r.flat.indexOf(compact(approval.steps[1]!.label))).toBeLessThan(r.flat.indexOf(compact(approval.steps[2]!.label)));
    expect(signatureImages(r.images)).toHaveLength(1);
  });

  it('a day without compensation cases prints an empty sheet with signature lines', async () => {
    const retail = PRESETS.find((p) => p.id === 's3-retail-quality')!;
    const r = await render(
      'daily_quality',
      { organisation: { name: '华美建材门市部' }, policy: policyFor(retail), staffNames: {}, date: cst(2026, 11, 28, 12), cases: [] },
      'daily-quality-empty',
    );
    expect(r.flat).toContain('当日无赔偿或退货案件');
    expect(r.flat).toContain('共0件');
  });
});
