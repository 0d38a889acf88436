import { describe, expect, it } from 'vitest';
import { callbackDue, slaStagesFor } from '../domain/sla';
import { projectCase } from '../domain/projection';
import { retailQualityPreset } from './s3-retail-quality';
import { HOUR, MINUTE, cst, makeEvent, makeRegistration, policyOf, stageById } from './presets.fixtures';
import { intakeSchemaFor } from '../domain/intake';

// RULES.md S3 — (门市)客户质量问题投诉工作责任制度.

const policy = policyOf(retailQualityPreset);
const T = cst(2026, 11, 27, 9, 12);

function product(compensation: 'yes' | 'no' = 'no') {
  return makeRegistration(T, {
    kind: 'product',
    channel: 'group',
    category: 'manufacturing',
    demand: '退货',
    form: {
      customerName: '某建材店',
      shipDate: '2026-11-20',
      brand: '辉煌',
      specQuantity: '600×600 共20箱',
      qualityProblem: '色差明显',
      compensationOrReturn: compensation,
    },
  });
}

function service() {
  return makeRegistration(T, {
    kind: 'service',
    channel: 'group',
    category: 'delivery_service',
    description: { time: '11月26日下午', cause: '送货迟到', process: '客户等候三小时', result: '客户拒收' },
    form: { target: '物流部送货员', purpose: 'improvement', compensationOrReturn: 'no' },
  });
}

describe('S3 retail quality preset', () => {
  it('S3-1 the department manager approves the complaint before it is posted and accepted', () => {
    expect(policy.approvals.find((a) => a.id === 'complaint_approval')).toMatchObject({ before: 'case.accepted', steps: [{ role: 'dept_manager' }] });
    expect(policy.channels.find((c) => c.code === 'group')?.name).toBe('辉煌同仁群');
  });

  it('S3-2 two forms with the regulation fields: product quality and service quality', () => {
    const productForm = policy.forms.find((f) => f.id === 'product_quality')!;
    expect(productForm.fields.filter((f) => f.required).map((f) => f.label)).toEqual([
      '客户名称',
      '发货日期',
      '品牌',
      '规格及数量',
      '产品存在的质量问题',
      '涉及赔款或退/换货',
    ]);
    expect(productForm.requires).toEqual(['complainant.name', 'demand']);
    const svc = policy.forms.find((f) => f.id === 'service_quality')!;
    expect(svc.fields.map((f) => f.label)).toEqual(['投诉对象', '投诉目的', '涉及赔款或退/换货']);
    expect(svc.fields.find((f) => f.key === 'purpose')?.options?.map((o) => o.label)).toEqual(['索赔', '处理', '改进服务质量']);
    expect(svc.requires).toEqual(['complainant.name', 'description.time', 'description.cause', 'description.process', 'description.result']);
    // 投诉时间 to the minute is the registration's receivedAt.
    expect(projectCase([product()])?.receivedAt).toBe(T);
  });

  it('S3-3 product complaint: accepted in 5 min, process information in 30 min, responsibility and reply in 2 h', () => {
    const s = slaStagesFor(policy, [product()], T + MINUTE);
    expect(stageById(s, 'product_accept').dueAt).toBe(T + 5 * MINUTE);
    expect(stageById(s, 'product_process_info').dueAt).toBe(T + 30 * MINUTE);
    expect(stageById(s, 'product_reply').dueAt).toBe(T + 2 * HOUR);
    const done = [
      product(),
      makeEvent('case.accepted', {}, T + 3 * MINUTE),
      makeEvent('case.material_added', { kind: 'material', title: '问题产品工艺流程信息' }, T + 25 * MINUTE),
      makeEvent('case.replied', { to: 'receiver', method: 'group', content: '鉴定:釉料批次问题,生产部负责' }, T + 100 * MINUTE),
    ];
    expect(slaStagesFor(policy, done, T + 3 * HOUR).map((x) => [x.stageId, x.state, x.metLate])).toEqual([
      ['product_accept', 'met', false],
      ['product_process_info', 'met', false],
      ['product_reply', 'met', false],
    ]);
  });

  it('S3-4 service complaint: HR accepts in 5 min, routes in 30 min, plan in 2 h, complainant told within 10 min of the plan', () => {
    const routed = T + 20 * MINUTE;
    const planned = routed + 90 * MINUTE;
    const events = [
      service(),
      makeEvent('case.accepted', {}, T + 2 * MINUTE),
      makeEvent('case.assigned', { departmentId: 'logistics' }, routed),
      makeEvent('case.replied', { to: 'receiver', method: 'group', content: '处理方案' }, planned),
    ];
    const s = slaStagesFor(policy, events, planned + MINUTE);
    expect(stageById(s, 'service_accept').state).toBe('met');
    expect(stageById(s, 'service_route')).toMatchObject({ state: 'met', dueAt: T + 30 * MINUTE });
    expect(stageById(s, 'service_plan')).toMatchObject({ state: 'met', dueAt: routed + 2 * HOUR });
    expect(stageById(s, 'service_notify')).toMatchObject({ state: 'running', dueAt: planned + 10 * MINUTE });
  });

  it('S3-5 compensation or return: the daily flow table signed the same day, then the VP opinion and GM approval before the order desk executes', () => {
    const chain = policy.approvals.find((a) => a.id === 'compensation_chain')!;
    expect(chain.steps.map((s) => s.role)).toEqual(['dept_head', 'vice_president', 'gm_office']);
    expect(chain.before).toBe('case.resolved');
    const repliedAt = cst(2026, 11, 27, 11, 0);
    const withComp = [product('yes'), makeEvent('case.replied', { to: 'receiver', method: 'group', content: '同意退货' }, repliedAt)];
    expect(stageById(slaStagesFor(policy, withComp, repliedAt + MINUTE), 'flow_table_signed').dueAt).toBe(cst(2026, 11, 28, 0, 0));
    const without = [product('no'), makeEvent('case.replied', { to: 'receiver', method: 'group', content: '不涉及赔款' }, repliedAt)];
    expect(slaStagesFor(policy, without, repliedAt + MINUTE).map((s) => s.stageId)).not.toContain('flow_table_signed');
  });

  it('S3-6 no reply within 2 hours: 50 yuan per occurrence charged to the department head', () => {
    const fine = policy.penalties.find((p) => p.id === 'late_reply_fine')!;
    expect(fine).toMatchObject({ amount: 50, targetRole: 'dept_head', approverRole: 'hr_officer', perOccurrence: true });
    expect(fine.trigger).toEqual({ on: 'breach', stageIds: ['product_reply', 'service_plan'] });
    const late = stageById(slaStagesFor(policy, [product()], T + 2 * HOUR + MINUTE), 'product_reply');
    expect(late.state).toBe('breached');
    expect(fine.trigger.stageIds).toContain(late.stageId);
  });

  it('S3-7 a complainant may appeal to the next management level, the supervision or the administration department', () => {
    expect(policy.kinds.find((k) => k.code === 'appeal')?.name).toBe('对处理结果的申诉');
    const dept = new Map(policy.departments.map((d) => [d.id, d.name]));
    const appealTo = policy.categories.filter((c) => c.kinds?.includes('appeal')).map((c) => dept.get(c.departmentId!));
    expect(appealTo).toEqual(['监察部', '行政部']);
    const state = projectCase([
      service(),
      makeEvent('case.escalated', { toRole: 'dept_manager', reason: '对处理结果不服,投诉到上一级管理部门' }, T + 5 * HOUR),
    ]);
    expect(state?.escalations[0]?.toRole).toBe('dept_manager');
  });

  it('S3-8 return freight: voucher by the clerk, signed by the liable head and order-desk manager, paid by finance, followed up by HR', () => {
    const freight = policy.expenses.find((e) => e.id === 'return_freight')!;
    expect(freight.signatureChain).toEqual(['follow_up_clerk', 'dept_head', 'order_desk_manager', 'finance_officer', 'hr_officer']);
    const state = projectCase([
      product('yes'),
      makeEvent('case.expense_recorded', { expenseId: 'return_freight', amount: 320, description: '退货运费', liableDepartmentId: 'production' }, T + 6 * HOUR),
    ]);
    expect(state?.expenses[0]).toMatchObject({ amount: 320, liableDepartmentId: 'production' });
    // The salesperson is notified by HR; no separate callback queue for internal complaints (X-4 exemption).
    expect(callbackDue(policy, [product(), makeEvent('case.resolved', { result: '退货' }, T + HOUR)])).toBeUndefined();
  });

  it('S3-2 the intake refuses a product complaint missing 品牌 or 客户要求, and accepts a complete one', () => {
    const schema = intakeSchemaFor(policy, 'product', 'zh-CN');
    const complete = {
      kind: 'product',
      channel: 'group',
      receivedAt: T,
      category: 'manufacturing',
      complainant: { anonymous: false, confidential: false, name: '业务员小陈' },
      subject: '瓷砖色差',
      description: {},
      demand: '退货',
      riskFlags: [],
      form: {
        customerName: '某建材店',
        shipDate: '2026-11-20',
        brand: '辉煌',
        specQuantity: '600×600 共20箱',
        qualityProblem: '色差明显',
        compensationOrReturn: 'yes',
      },
    };
    expect(schema.safeParse(complete).success).toBe(true);
    const noBrand = schema.safeParse({ ...complete, form: { ...complete.form, brand: '' } });
    const noDemand = schema.safeParse({ ...complete, demand: '' });
    expect(noBrand.success ? [] : noBrand.error.issues.map((i) => i.path.join('.'))).toEqual(['form.brand']);
    expect(noDemand.success ? [] : noDemand.error.issues.map((i) => i.path.join('.'))).toEqual(['demand']);
  });
});
