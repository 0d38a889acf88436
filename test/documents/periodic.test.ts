import { describe, expect, it } from 'vitest';
import type { CaseState } from '../../src-shared/domain/case-state';
import type { StageStatus } from '../../src-shared/domain/sla-types';
import { PRESETS, cst, DAY, HOUR, policyFor, realisticCase } from './fixtures';
import { PRINTED_AT, render, signatureImages } from './render';
import { compact, pdfText } from './pdf-tools';

// 投诉数据汇总表 (S8-10) and the S3-5 daily 质量投诉处理流程表.

const property = PRESETS.find((p) => p.id === 's7-property')!;

/** A month of cases, varied the way a busy desk's are: kinds, categories, severities, callbacks. */
function monthOfCases(n: number): { cases: CaseState[]; stagesByCase: Record<string, StageStatus[]> } {
  const policy = policyFor(property);
  const base = realisticCase(property, { signed: false }).state;
  const cases: CaseState[] = [];
  const stagesByCase: Record<string, StageStatus[]> = {};
  const routed = policy.categories.filter((c) => c.departmentId);
  for (let i = 0; i < n; i++) {
    const day = 1 + (i % 30);
    const at = cst(2026, 11, day, 8, 0) + (i % 97) * 5 * 60_000;
    const cat = routed[i % routed.length]!;
    const kind = policy.kinds[i % policy.kinds.length]!;
    const id = `case-${i}`;
    const called = i % 5 !== 0;
    cases.push({
      ...base,
      id,
      number: `HZ01-202611${String(day).padStart(2, '0')}-${String(i).padStart(4, '0')}`,
      kind: kind.code,
      category: cat.code,
      departmentId: cat.departmentId,
      severity: policy.severities[i % policy.severities.length]!.code,
      valid: i % 10 !== 0,
      receivedAt: at,
      registeredAt: at + 60_000,
      resolvedAt: at + DAY,
      subject: `第${i}号：${base.subject}`,
      callbacks: called ? [{ ...base.callbacks[0]!, satisfaction: (i % 3) + 3, satisfied: i % 3 !== 0, at: at + 2 * DAY }] : [],
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
    expect(r.flat).toContain('附：案件明细（共2000件）');
    const numbers = r.text.match(/HZ01-202611\d{2}-\d{4}/g) ?? [];
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
