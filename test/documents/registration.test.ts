import { describe, expect, it } from 'vitest';
import { formatMinute } from '../../src-main/documents/format';
import { PRESETS, policyFor, realisticCase, sampleFieldValue, type PresetCase } from './fixtures';
import { caseData, qrImages, render, signatureImages } from './render';
import { formatFormValue } from '../../src-main/documents/format';
import { compact, scanQr } from './pdf-tools';

// 投诉(举报)登记表 of every kind of every preset (S3-2, S8-12, S10-4; first receiver X-1 / S1-2).

function expectFormFields(flat: string, pc: PresetCase): void {
  const kind = pc.policy.kinds.find((k) => k.code === pc.state.kind)!;
  const form = pc.policy.forms.find((f) => f.id === kind.formId)!;
  expect(flat).toContain(compact(form.title.replace(/^《(.*)》$/u, '$1')));
  for (const f of form.fields) {
    expect(flat).toContain(compact(f.label));
    const v = formatFormValue(sampleFieldValue(f, pc.state.registeredAt), f.options, f.type, pc.policy.utcOffsetMinutes);
    expect(flat).toContain(compact(v));
  }
}

describe('registration form (投诉(举报)登记表)', () => {
  for (const preset of PRESETS) {
    for (const kind of policyFor(preset).kinds) {
      it(`S8-12 S10-4 X-1 ${preset.id} / ${kind.name}: the kind's form with its fields, first receiver, time to the minute and both signatures`, async () => {
        const pc = realisticCase(preset, { kind: kind.code });
        const r = await render('registration', caseData(pc), `registration-${preset.id}-${kind.code}`);
        expect(r.pages).toBe(1);
        expectFormFields(r.flat, pc);
        for (const s of ['案件编号', '首问接待人', '登记时间', '受理渠道', '联系电话', '事由', '处理结果']) expect(r.flat).toContain(s);
        expect(r.flat).toContain(pc.state.number);
        expect(r.flat).toContain(pc.receiverName);
        expect(r.flat).toContain(pc.complainantName);
        expect(r.flat).toContain(compact(formatMinute(pc.state.receivedAt)));
        expect(r.flat).toContain(compact(pc.state.subject));
        // A form that does not ask for the demand (S3-2's service form has 投诉目的 instead) does not print it.
        const form = pc.policy.forms.find((f) => f.id === kind.formId)!;
        if (!form.hides?.includes('demand')) expect(r.flat).toContain(compact(pc.state.demand ?? ''));
        expect(r.flat).toContain('第1页共1页');
        expect(signatureImages(r.images)).toHaveLength(2);
        expect(qrImages(r.images)).toHaveLength(1);
        expect(r.fileName).toBe(`登记表_${pc.state.number}.pdf`);
      });
    }
  }

  it('X-2 the QR code on a printed registration form scans back to its case number', async () => {
    const pc = realisticCase(
      PRESETS.find((p) => p.id === 's7-property')!,
      {},
    );
    const r = await render('registration', caseData(pc), 'registration-qr-scan');
    expect(pc.state.number).toMatch(/\d{8}-\d{3}/);
    expect(scanQr(r.bytes)).toBe(pc.state.number);
  });

  it('S3-2 product and service complaint forms each print their own fields', async () => {
    const retail = PRESETS.find((p) => p.id === 's3-retail-quality')!;
    const policy = policyFor(retail);
    const formOfKind = (code: string) => policy.forms.find((f) => f.id === policy.kinds.find((k) => k.code === code)?.formId)!;
    const product = policy.kinds.find((k) => formOfKind(k.code).fields.some((f) => f.label === '发货日期'))!;
    const service = policy.kinds.find((k) => formOfKind(k.code).fields.some((f) => f.label === '投诉对象'))!;
    for (const [kind, own, other] of [
      [product.code, ['客户名称', '发货日期', '品牌', '规格及数量', '产品存在的质量问题', '客户要求'], ['投诉对象', '事件时间', '起因', '经过', '地址']],
      [service.code, ['投诉对象', '投诉目的', '事件时间', '起因', '经过', '结果'], ['发货日期', '客户要求', '地址']],
    ] as const) {
      const pc = realisticCase(retail, { kind });
      const r = await render('registration', caseData(pc), `registration-s3-${kind}`);
      expectFormFields(r.flat, pc);
      for (const l of own) expect(r.flat).toContain(l);
      // Each form prints only what S3-2 lists for it, in its words (issue 16 finding 7).
      for (const l of other) expect(r.flat).not.toContain(l);
      // 投诉时间 to the minute, and the complainant (the salesperson) by name.
      expect(r.flat).toContain(`投诉时间${compact(formatMinute(pc.state.receivedAt))}`);
      expect(r.flat).toContain(pc.complainantName);
    }
  });

  it('a case with no optional fields still prints, with blanks and lines for ink signatures', async () => {
    const pc = realisticCase(PRESETS[0]!, { minimal: true });
    const r = await render('registration', caseData(pc), 'registration-minimal');
    expect(r.pages).toBe(1);
    expect(r.flat).toContain(pc.state.number);
    expect(r.flat).toContain(pc.receiverName);
    expect(r.flat).toContain('日期：年月日');
    expect(signatureImages(r.images)).toHaveLength(0);
  });

  it('S1-5 a confidential complainant is masked unless the reveal was authorised', async () => {
    const preset = PRESETS.find((p) => p.id === 's1-fire-brigade') ?? PRESETS[0]!;
    const pc = realisticCase(preset);
    const state = { ...pc.state, complainant: { ...pc.state.complainant, confidential: true } };
    const masked = await render('registration', caseData(pc, { case: state }), 'registration-confidential');
    expect(masked.flat).not.toContain(pc.complainantName);
    expect(masked.flat).not.toContain(pc.state.complainant.phone!);
    expect(masked.flat).toContain('（保密）');
    const shown = await render('registration', caseData(pc, { case: state, revealIdentity: true }), 'registration-revealed');
    expect(shown.flat).toContain(pc.complainantName);
  });
});
