import { describe, expect, it } from 'vitest';
import { minInspectors } from './actions';
import {
  buildRegistration,
  categoriesForKind,
  commonFieldsOf,
  intakeDefaults,
  intakeSchemaFor,
  intakeValuesOf,
  registrationRefusals,
  type IntakeValues,
} from './intake';
import { samplePolicy } from './policy.fixtures';
import { T0, makeEvent } from './projection.fixtures';
import { parseEvent } from './parse';
import { registeredPayload } from './events';
import { projectCase } from './projection';

const policy = samplePolicy({ categories: [...samplePolicy().categories, { code: 'c-prod', name: '产品', kinds: ['product'], departmentId: 'd-eng' }] });

function productValues(): IntakeValues {
  return {
    ...intakeDefaults(policy, 'product', T0),
    complainant: { anonymous: false, confidential: false, name: '王销售', phone: '138-1234-5678' },
    subject: '瓷砖色差',
    description: { time: '2026-11-26', cause: '批次不同', text: '客户反映同一批货色差明显。' },
    demand: '换货',
    form: { brand: '某牌', quantity: 120, shippedOn: '2026-11-20', grade: 'a' },
  };
}

function messagesOf(kind: string, values: unknown, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const r = intakeSchemaFor(policy, kind, locale).safeParse(values);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('intakeSchemaFor', () => {
  it('accepts a complete S3-2 product-quality form', () => {
    expect(messagesOf('product', productValues())).toEqual({});
  });

  it('S3-2 the product form requires 品牌, 规格及数量 and 客户要求, with Chinese messages that name the field', () => {
    const v = productValues();
    v.form = { brand: '  ', quantity: null, shippedOn: '', grade: '' };
    v.demand = '';
    expect(messagesOf('product', v)).toEqual({
      'form.brand': '请填写「品牌」。',
      'form.quantity': '请填写「规格及数量」。',
      demand: '请填写「诉求」。',
    });
    expect(messagesOf('product', v, 'en')).toMatchObject({ demand: 'Please fill in "Demand".' });
  });

  it('checks lengths, numbers, dates and options of the declared fields', () => {
    const v = productValues();
    v.form = { brand: '长'.repeat(51), quantity: 'many' as unknown as number, shippedOn: '11/20', grade: 'zzz' };
    expect(messagesOf('product', v)).toEqual({
      'form.brand': '「品牌」最多 50 字，现在 51 字，请删减。',
      'form.quantity': '「规格及数量」请填写数字。',
      'form.shippedOn': '「发货日期」请按 年-月-日 填写，例如 2026-11-27。',
      'form.grade': '请从列表中选择「问题等级」。',
    });
  });

  it('requires a subject, a known channel and category for the kind, and a valid phone', () => {
    const v = productValues();
    v.subject = ' ';
    v.channel = 'pigeon';
    v.category = 'c-prod';
    v.complainant.phone = 'call me';
    // c-prod is offered only for the product kind.
    expect(messagesOf('complaint', { ...v, kind: 'complaint', form: { room: '3-201' } })).toEqual({
      subject: '请填写「事由」。',
      channel: '请从列表中选择「来源渠道」。',
      category: '请从列表中选择「分类」。',
      'complainant.phone': '「联系电话」不是有效的电话号码，请只填数字和 + - ( ) 。',
    });
    expect(messagesOf('product', v)).not.toHaveProperty('category');
    expect(categoriesForKind(policy, 'complaint').map((c) => c.code)).not.toContain('c-prod');
  });

  it('an anonymous report needs no name even where the form requires one', () => {
    const v = productValues();
    v.complainant = { anonymous: true, confidential: true };
    expect(messagesOf('product', v)).toEqual({});
  });

  it('S9-1 where the policy prompts an apology, registration needs the confirmation', () => {
    const apologetic = samplePolicy({ apologyPrompt: '请先向业主致歉' });
    const v = { ...intakeDefaults(apologetic, 'complaint', T0), subject: '噪音', form: { room: '1-101' } };
    const r = intakeSchemaFor(apologetic, 'complaint').safeParse(v);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]).toMatchObject({ path: ['apologised'], message: '请先向来访人致歉，再勾选“已致歉”后登记。' });
    expect(intakeSchemaFor(apologetic, 'complaint').safeParse({ ...v, apologised: true }).success).toBe(true);
  });

  it('refuses a receipt time in the future when the desk passes its clock', () => {
    const v = { ...productValues(), receivedAt: T0 + 86_400_000 };
    expect(intakeSchemaFor(policy, 'product', 'zh-CN').safeParse(v).success).toBe(true);
    const r = intakeSchemaFor(policy, 'product', 'zh-CN', T0).safeParse(v);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]).toMatchObject({ path: ['receivedAt'], message: '「接收时间」不能晚于现在，请检查日期和时间。' });
  });

  it('refuses an unknown kind', () => {
    const r = intakeSchemaFor(policy, 'ghost').safeParse(productValues());
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.message).toContain('ghost');
  });

  it('S1-5 defaults to confidential where the policy protects every reporter, not merely where someone may reveal', () => {
    expect(intakeDefaults(samplePolicy({ confidentialByDefault: true }), 'complaint', T0).complainant.confidential).toBe(true);
    // Naming identity viewers alone must not mask every case of an ordinary desk.
    expect(intakeDefaults(policy, 'complaint', T0).complainant.confidential).toBe(false);
  });

  it('S6-4 the policy minimum of inspectors is honoured', () => {
    expect(minInspectors(samplePolicy({ minInspectors: 3 }))).toBe(3);
    expect(minInspectors(samplePolicy({ rules: ['S6-4'] }))).toBe(2);
    expect(minInspectors(samplePolicy({ rules: [] }))).toBe(1);
  });
});

describe('buildRegistration', () => {
  it("S7-7 a case linked at intake to an earlier one keeps the link; S1-5 a confidential or anonymous caller's case is not linked, at the desk and on the server", () => {
    const v = { ...productValues(), relatedCaseId: '01JEARLIERCASE000000000000' };
    expect(messagesOf('product', v)).toEqual({});
    const event = { payload: registeredPayload.parse(buildRegistration(v, { policy, number: 'HZ01-20261127-002', firstReceiverId: 'staff-1' }).payload) };
    expect(registrationRefusals(policy, event.payload, T0, 0)).toEqual([]);
    expect(projectCase([makeEvent('case.registered', event.payload, T0)])!.relatedCaseId).toBe('01JEARLIERCASE000000000000');
    for (const who of [{ confidential: true }, { anonymous: true, name: undefined, phone: undefined }]) {
      const secret = { ...v, complainant: { ...v.complainant, ...who } };
      expect(messagesOf('product', secret)).toEqual({ relatedCaseId: '投诉人要求保密或匿名的案件不能关联到其他案件：请取消关联，或取消保密。' });
      const pushed = { ...event.payload, complainant: { ...event.payload.complainant, ...who } };
      expect(registrationRefusals(policy, pushed, T0, 0).map((e) => e.path)).toEqual(['payload.relatedCaseId']);
    }
  });

  it('S4-4 a category routes the case to its department; the registration event parses and carries no empty fields', () => {
    const v = productValues();
    v.category = 'c-prod';
    v.description.process = '  ';
    v.form = { ...v.form, grade: '', notDeclared: 'x' };
    const event = buildRegistration(v, { policy, number: 'HZ01-20261127-001', firstReceiverId: 'staff-1' });
    expect(event.payload).toMatchObject({
      departmentId: 'd-eng',
      category: 'c-prod',
      demand: '换货',
      form: { brand: '某牌', quantity: 120, shippedOn: '2026-11-20' },
    });
    expect(event.payload.description).toEqual({ time: '2026-11-26', cause: '批次不同', text: '客户反映同一批货色差明显。' });
    expect('grade' in (event.payload.form ?? {})).toBe(false);
    expect('notDeclared' in (event.payload.form ?? {})).toBe(false);
    const stored = makeEvent('case.registered', event.payload, T0);
    const parsed = parseEvent(JSON.parse(JSON.stringify(stored)));
    expect(parsed.ok).toBe(true);
    const state = projectCase([stored])!;
    expect(state).toMatchObject({ firstReceiverId: 'staff-1', number: 'HZ01-20261127-001', departmentId: 'd-eng', subject: '瓷砖色差' });
  });

  it('an explicitly chosen department wins over the category route; anonymous reports carry no contact', () => {
    const v = productValues();
    v.category = 'c-prod';
    v.departmentId = 'd-fin';
    v.complainant = { anonymous: true, confidential: true, name: '不该保存', phone: '13800000000' };
    const event = buildRegistration(v, { policy, number: 'HZ01-20261127-002', firstReceiverId: 'staff-1' });
    expect(event.payload.departmentId).toBe('d-fin');
    expect(event.payload.complainant).toEqual({ anonymous: true, confidential: true });
  });

  it('接待点 (issue 16): where the policy names one reception point, the intake proposes it and a registration without one records it', () => {
    expect(policy.receptionPoints).toEqual(['服务台']);
    expect(intakeDefaults(policy, 'product', T0).receptionPoint).toBe('服务台');
    const v = { ...productValues(), receptionPoint: undefined };
    expect(buildRegistration(v, { policy, number: 'HZ01-20261127-003', firstReceiverId: 'staff-1' }).payload.receptionPoint).toBe('服务台');
    // With several points the clerk chooses; nothing is invented.
    const several = samplePolicy({ receptionPoints: ['服务台', '总值班'] });
    expect(intakeDefaults(several, 'complaint', T0).receptionPoint).toBeUndefined();
    expect(
      buildRegistration({ ...v, kind: 'complaint' }, { policy: several, number: 'HZ01-20261127-004', firstReceiverId: 'staff-1' }).payload.receptionPoint,
    ).toBeUndefined();
    expect(
      buildRegistration({ ...v, kind: 'complaint', receptionPoint: '总值班' }, { policy: several, number: 'HZ01-20261127-005', firstReceiverId: 'staff-1' })
        .payload.receptionPoint,
    ).toBe('总值班');
  });
});

describe('intake messages a clerk reads (issue 11)', () => {
  it('a property intake whose form lacks 分区 and 业户要求的解决期限 keys is not refused in English', async () => {
    const { presetById } = await import('../presets');
    const { validatePolicy } = await import('./policy-validate');
    const parsed = validatePolicy(presetById('s7-property')!.policy);
    expect(parsed.ok).toBe(true);
    const p = (parsed as { ok: true; value: Parameters<typeof intakeSchemaFor>[0] }).value;
    const kind = p.kinds[0]!.code;
    const values: IntakeValues = {
      ...intakeDefaults(p, kind, T0),
      subject: '楼上漏水',
      complainant: { anonymous: false, confidential: false, name: '张女士', phone: '13812345678', address: '3栋1单元1201' },
      form: {},
    };
    const r = intakeSchemaFor(p, kind, 'zh-CN', T0).safeParse(values);
    const messages = r.success ? [] : r.error.issues.map((i) => i.message);
    for (const m of messages) expect(m).not.toMatch(/[A-Za-z]{4,}/);
    expect(messages.join(' ')).not.toMatch(/nonoptional|Invalid input/);
  });

  it('a required field left blank is named as the form labels it: S3 asks 投诉人 and 客户要求, not 投诉人姓名 and 诉求', async () => {
    const { PRESETS } = await import('../presets');
    const { validatePolicy } = await import('./policy-validate');
    const { acceptedIntake } = await import('../presets/presets.fixtures');
    let relabelled = 0;
    for (const preset of PRESETS) {
      const parsed = validatePolicy(preset.policy);
      if (!parsed.ok) throw new Error(`${preset.id}: ${JSON.stringify(parsed.errors)}`);
      const p = parsed.value;
      for (const { code: kind } of p.kinds) {
        const form = p.forms.find((f) => f.id === p.kinds.find((k) => k.code === kind)!.formId)!;
        const accepted = intakeValuesOf({
          ...acceptedIntake(p, kind),
          number: 'X',
          receivedAt: T0,
          firstReceiverId: 's1',
          subject: '漏水',
          riskFlags: [],
        } as never);
        for (const key of form.requires) {
          const own = commonFieldsOf(p, kind).label(key as never);
          if (!own) continue;
          relabelled++;
          const [group, field] = key.split('.') as [keyof IntakeValues, string | undefined];
          const blanked = field ? { ...accepted, [group]: { ...(accepted[group] as object), [field]: '' } } : { ...accepted, [group]: '' };
          const r = intakeSchemaFor(p, kind, 'zh-CN', T0).safeParse(blanked);
          expect(r.success, `${preset.id} ${kind} ${key}`).toBe(false);
          expect(
            r.error!.issues.map((i) => i.message),
            `${preset.id} ${kind} ${key}`,
          ).toContain(`请填写「${own}」。`);
        }
      }
    }
    expect(relabelled).toBeGreaterThanOrEqual(3);
  });

  it('a text over its limit says the limit and the length in 字: 「经过」最多 4000 字，现在 4012 字', () => {
    const values: IntakeValues = { ...intakeDefaults(policy, 'complaint', T0), subject: '漏水', description: { process: 'x'.repeat(4012) } };
    const r = intakeSchemaFor(policy, 'complaint', 'zh-CN', T0).safeParse(values);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toContain('「经过」最多 4000 字，现在 4012 字，请删减。');
  });

  it('the event schema length message reads the same way', () => {
    const e = makeEvent(
      'case.registered',
      {
        number: 'HZ01-20261127-001',
        kind: 'complaint',
        channel: 'phone',
        receivedAt: T0,
        complainant: { anonymous: false, confidential: false },
        subject: '漏水',
        description: { process: '经过' },
        firstReceiverId: 's1',
      },
      T0,
    );
    const r = parseEvent({ ...e, payload: { ...e.payload, description: { process: 'x'.repeat(4012) } } });
    expect(r.ok).toBe(false);
    const m = !r.ok ? r.errors.find((x) => x.code === 'tooBig')?.message : undefined;
    expect(m?.['zh-CN']).toMatch(/最多 4000 字，现在 4012 字，请删减后再保存。$/);
    expect(m?.['zh-CN']).not.toContain('太长或太大');
  });
});
