import { describe, expect, it } from 'vitest';
import { formatMinute } from '../../src-main/documents/format';
import { PRESETS, policyFor, realisticCase } from './fixtures';
import { caseData, qrImages, render, signatureImages } from './render';
import { compact } from './pdf-tools';

// 投诉处理通知单 and 回访记录表 of a realistic case of every preset.

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
      for (const s of ['回访记录表', '被回访人', '回访时间', '回访方式', '满意度', '回访结果', '处理结果', '被回访人签名', '责任部门负责人签名'])
        expect(r.flat).toContain(s);
      expect(r.flat).toContain(compact(cb.outcome));
      expect(r.flat).toContain(compact(pc.state.result!.text));
      expect(r.flat).toContain(compact(formatMinute(cb.at)));
      expect(r.flat).toContain(pc.calleeName);
      expect(r.flat).toContain(compact(pc.headName));
      expect(r.flat).toContain(pc.state.number);
      expect(signatureImages(r.images)).toHaveLength(2);
    });
  }

  it("S10-18 S9-8 a repair callback checks the work, the staff's service and the charges, signed by the callee", async () => {
    const preset = PRESETS.find((p) => p.id === 's10-property-service') ?? PRESETS.find((p) => policyFor(p).callback.weeklyRepairKind)!;
    const policy = policyFor(preset);
    const repair = policy.kinds.find((k) => k.code === policy.callback.weeklyRepairKind) ?? policy.kinds.find((k) => /维修|报修/.test(k.name))!;
    const pc = realisticCase(preset, { kind: repair.code });
    const r = await render('callback', caseData(pc), `callback-${preset.id}-repair`);
    for (const s of ['维修质量', '服务态度', '收费情况', '被回访人签名']) expect(r.flat).toContain(s);
    expect(r.flat).toContain(pc.calleeName);
    expect(signatureImages(r.images)).toHaveLength(2);
  });

  it('before any callback the form prints boxes and blank lines to fill in by hand', async () => {
    const pc = realisticCase(PRESETS[0]!, { minimal: true });
    const r = await render('callback', caseData(pc), 'callback-minimal');
    expect(r.flat).toContain('□满意');
    expect(r.flat).toContain('日期：年月日');
  });
});
