import { describe, expect, it } from 'vitest';
import { formatMinute } from '../../src-main/documents/format';
import { EVENT_ZH } from '../../src-main/documents/describe-event';
import { PRESETS, realisticCase } from './fixtures';
import { caseData, qrImages, render, signatureImages } from './render';
import { compact } from './pdf-tools';

// 投诉处理通知单, 回访记录表 and 案件档案 of a realistic case of every preset.

describe('handling notice (投诉处理通知单)', () => {
  for (const preset of PRESETS) {
    it(`S10-7 S8-2 S9-2 ${preset.id}: numbered notice to the department with its deadline and the receipt signature`, async () => {
      const pc = realisticCase(preset);
      const assigned = pc.events.find((e) => e.type === 'case.assigned')!;
      if (assigned.type !== 'case.assigned') throw new Error('fixture has no assignment');
      const r = await render('notice', caseData(pc), `notice-${preset.id}`);
      expect(r.pages).toBe(1);
      expect(r.flat).toContain('投诉处理通知单');
      expect(r.flat).toContain(`通知单号${assigned.payload.noticeNo}`);
      expect(r.flat).toContain(compact(pc.policy.departments.find((d) => d.id === assigned.payload.departmentId)!.name));
      expect(r.flat).toContain(`${compact(formatMinute(assigned.payload.dueAt))}前`);
      expect(r.flat).toContain('办结时限');
      expect(r.flat).toContain('时限要求');
      expect(r.flat).toContain(pc.state.number);
      expect(r.flat).toContain(pc.handlerName);
      expect(r.flat).toContain(pc.receiverName);
      expect(signatureImages(r.images)).toHaveLength(1);
      expect(qrImages(r.images)).toHaveLength(1);
    });
  }

  it('a case registered with nothing optional and never assigned still prints, with blanks', async () => {
    const pc = realisticCase(PRESETS[0]!, { minimal: true });
    const r = await render('notice', caseData(pc), 'notice-minimal');
    expect(r.pages).toBe(1);
    expect(r.flat).toContain('投诉处理通知单');
    expect(r.flat).toContain(pc.state.number);
    expect(signatureImages(r.images)).toHaveLength(0);
  });
});

describe('callback record (回访记录表)', () => {
  for (const preset of PRESETS) {
    it(`S9-5 S10-18 S10-15 ${preset.id}: result, callback and the callee's and department head's signatures`, async () => {
      const pc = realisticCase(preset);
      const cb = pc.state.callbacks.at(-1)!;
      const r = await render('callback', caseData(pc), `callback-${preset.id}`);
      expect(r.pages).toBe(1);
      for (const s of ['回访记录表', '被回访人', '回访时间', '回访方式', '满意度', '回访结果', '处理结果', '被回访人签名', '责任部门负责人签名']) expect(r.flat).toContain(s);
      expect(r.flat).toContain(compact(cb.outcome));
      expect(r.flat).toContain(compact(pc.state.result!.text));
      expect(r.flat).toContain(compact(formatMinute(cb.at)));
      expect(r.flat).toContain(pc.calleeName);
      expect(r.flat).toContain(compact(pc.headName));
      expect(r.flat).toContain(pc.state.number);
      expect(signatureImages(r.images)).toHaveLength(2);
    });
  }

  it('before any callback the form prints boxes and blank lines to fill in by hand', async () => {
    const pc = realisticCase(PRESETS[0]!, { minimal: true });
    const r = await render('callback', caseData(pc), 'callback-minimal');
    expect(r.flat).toContain('□满意');
    expect(r.flat).toContain('日期：年月日');
  });
});

describe('case archive (案件档案)', () => {
  for (const preset of PRESETS) {
    it(`S1-13 S4-11 X-5 ${preset.id}: every event, the materials and evidence lists, result and rectification`, async () => {
      const pc = realisticCase(preset);
      const r = await render('archive', caseData(pc), `archive-${preset.id}`);
      for (const s of ['案件档案', '案件概况', '处理过程记录', '书面材料清单', '调查证据清单', '调查与答复', '处理结果', '整改与评价', '签名记录']) expect(r.flat).toContain(s);
      expect(r.flat).toContain(`处理过程记录（共${pc.events.length}条）`);
      for (const e of pc.events) expect(r.flat).toContain(EVENT_ZH[e.type]);
      const evidence = pc.events.flatMap((e) => (e.type === 'case.investigated' ? e.payload.evidence : []));
      for (const ev of evidence) expect(r.flat).toContain(compact(ev));
      for (const m of pc.state.materials) expect(r.flat).toContain(compact(m.title));
      expect(r.flat).toContain(compact(pc.state.result!.text));
      expect(r.flat).toContain(compact(pc.state.result!.rectification!));
      expect(r.flat).toContain(pc.receiverName);
      expect(r.flat).toContain(pc.complainantName);
      // All six signatures of the case are on file in the archive.
      expect(signatureImages(r.images)).toHaveLength(pc.state.signatures.length);
    });
  }

  it('X-5 a 300-event archive pages across sheets without losing a row', async () => {
    const pc = realisticCase(PRESETS[0]!, { extraNotes: 300 - 21 });
    expect(pc.events).toHaveLength(300);
    const r = await render('archive', caseData(pc), 'archive-300-events');
    expect(r.pages).toBeGreaterThan(5);
    expect(r.flat).toContain('处理过程记录（共300条）');
    const notes = r.text.match(/跟进记录第\d{4}条/g) ?? [];
    expect(new Set(notes).size).toBe(279);
    expect(notes).toHaveLength(279);
    // The timeline's 序号 column runs 1…300 with no gap.
    for (let i = 1; i <= 300; i++) expect(r.text).toMatch(new RegExp(`(^|\\n)${i}\\n`));
    expect(r.flat).toContain(`第${r.pages}页共${r.pages}页`);
  });

  it('a minimal case archive prints its one event and 无 for empty lists', async () => {
    const pc = realisticCase(PRESETS[0]!, { minimal: true });
    const r = await render('archive', caseData(pc), 'archive-minimal');
    expect(r.flat).toContain('处理过程记录（共1条）');
    expect(r.flat).toContain('无');
  });
});
