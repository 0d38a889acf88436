import type { CaseEvent } from '../../src-shared/domain/events';
import type { CaseState } from '../../src-shared/domain/case-state';
import { policySchema, type FieldDef, type Policy } from '../../src-shared/domain/policy';
import { makeEvent, makeRegistration } from '../../src-shared/domain/projection.fixtures';
import { projectCase } from '../../src-shared/domain/projection';
import { PRESETS, type PresetEntry } from '../../src-shared/presets';
import { signaturePng } from './signature-png';

// Realistic cases for every preset: what a desk of that sector would really register, hand over,
// investigate, resolve and call back, with drawn signatures, built through the real event schemas and
// folded by the real projection.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Beijing wall-clock time (UTC+8); month 1-based. */
export const cst = (y: number, m: number, d: number, h = 0, min = 0): number => Date.UTC(y, m - 1, d, h - 8, min);

export const ORGANISATION = { name: '锦绣花园物业服务中心' };
export const ORGANISATIONS: Record<string, string> = {
  property: '锦绣花园物业服务中心',
  hospital: '市第一人民医院',
  fire: '市消防救援支队',
  retail: '华美建材门市部',
  fuel: '中石化城南加油站',
  construction: '城建集团滨江项目部',
  general: '城南社区服务中心',
};

interface SectorText {
  person: { name: string; phone: string; address: string; role: string; organisation?: string };
  subject: string;
  time: string;
  cause: string;
  process: string;
  result: string;
  text: string;
  demand: string;
  findings: string;
  evidence: string[];
  material: string;
  reply: string;
  result2: string;
  rectification: string;
  callback: string;
}

const GENERAL: SectorText = {
  person: { name: '李秀英', phone: '13812345678', address: '城南街道锦绣花园3栋1202室', role: '业主' },
  subject: '楼上卫生间漏水渗到我家客厅天花板',
  time: '2026年11月25日晚8点左右',
  cause: '楼上1302室卫生间防水层老化',
  process: '发现天花板渗水后先后两次电话报修，维修人员上门查看后未处理',
  result: '客厅吊顶石膏板发霉变形，墙面乳胶漆起泡',
  text: '卫生间正上方天花板持续渗水三天，已用水桶接水，影响正常生活，请尽快处理。',
  demand: '三天内修好漏点，并修复被泡坏的吊顶和墙面',
  findings: '经工程部现场查看，1302室卫生间地漏周边防水层破损，渗水至1202室客厅吊顶。',
  evidence: ['现场照片6张', '1302室卫生间闭水试验记录'],
  material: '业主手写投诉信（1页）',
  reply: '已告知业主漏点位置与维修安排：11月28日上午9点上门维修，需进入1302室。',
  result2: '已重做1302室卫生间防水层并闭水试验48小时无渗漏；1202室吊顶更换石膏板两块、墙面重新刷漆。',
  rectification: '工程部对同批次户型卫生间开展防水排查，建立报修48小时内回复的跟踪表。',
  callback: '业主表示漏水已止住，吊顶与墙面修复满意，对维修师傅的态度表示认可。',
};

const SECTORS: Record<string, Partial<SectorText>> = {
  hospital: {
    person: { name: '王建国', phone: '13905710023', address: '西湖区文三路58号', role: '门诊病人' },
    subject: '门诊收费处重复收取CT检查费380元',
    time: '2026年11月26日上午10点',
    cause: '收费系统开单后医生改单，原单据未作废',
    process: '缴费后发现清单上有两笔相同的CT费用，到收费窗口询问被告知找开单医生',
    result: '多付380元未退还，往返三个窗口仍无人处理',
    text: '同一项胸部CT被收了两次费，窗口互相推诿。',
    demand: '退还多收的380元并说明原因',
    findings: '财务科核对收费流水，确认同一检查项目重复计费一次，系改单后旧单未作废所致。',
    evidence: ['收费流水单复印件', '医生工作站改单日志截图'],
    material: '患者缴费凭据原件两张',
    reply: '已电话告知患者核实结果，退款将原路退回。',
    result2: '已原路退还380元，收费处向患者当面致歉。',
    rectification: '信息科在改单流程中增加旧单自动作废；财务科每日核对重复计费。',
    callback: '患者确认已收到退款，对处理速度满意。',
  },
  fire: {
    person: { name: '陈立新', phone: '13757112345', address: '滨江区江南大道1088号', role: '群众' },
    subject: '商场地下车库消防通道堆放大量杂物',
    time: '2026年11月26日晚',
    cause: '商户装修垃圾和纸箱长期堆放',
    process: '多次向商场物业反映无果',
    result: '消防通道宽度不足一米，防火卷帘下方也有堆放',
    text: '万达广场B2层东侧消防通道被装修垃圾和纸箱堵塞，卷帘门下方堆满货物，一旦起火无法疏散。',
    demand: '尽快检查并督促清理，依法处罚',
    findings: '监督员现场检查确认：B2层东侧疏散通道被堵塞，防火卷帘下方堆放可燃物，属实。',
    evidence: ['现场检查记录', '现场照片12张', '责令改正通知书'],
    material: '举报人提供的照片4张',
    reply: '已电话告知举报人检查结果和整改期限。',
    result2: '已下发责令改正通知书，商场于次日清理完毕，复查合格；对商场物业依法处以罚款。',
    rectification: '商场建立每日消防通道巡查制度，复查合格。',
    callback: '举报人确认通道已清理，对处理结果满意。',
  },
  construction: {
    person: { name: '刘桂兰', phone: '13588886666', address: '滨江花苑2幢501室', role: '周边居民' },
    subject: '工地夜间浇筑混凝土噪音扰民',
    time: '2026年11月26日晚11点至次日凌晨2点',
    cause: '工地连夜浇筑楼板混凝土',
    process: '泵车和振捣棒持续作业，打电话到项目部无人接听',
    result: '老人和孩子整夜无法入睡',
    text: '工地连续三晚夜间施工，噪音很大，没有看到夜间施工公示。',
    demand: '停止夜间施工，出示夜间施工许可',
    findings: '现场核实：11月26日夜间浇筑未办理夜间施工许可，属实。',
    evidence: ['夜间施工现场照片', '噪声检测记录（72分贝）'],
    material: '居民联名信（12户签名）',
    reply: '地盘主任上门致歉，说明整改安排。',
    result2: '停止夜间浇筑，已向主管部门申办夜间施工许可；送上慰问果篮（约150元）。',
    rectification: '夜间施工一律提前三天公示，并办理许可。',
    callback: '居民表示近一周夜间已无施工噪音，认可处理。',
  },
  fuel: {
    person: { name: '郑海峰', phone: '13811112222', address: '城南路18号', role: '顾客' },
    subject: '加油机显示加满45升，实际油箱只加了约40升',
    time: '2026年11月26日下午3点',
    cause: '怀疑3号加油机计量偏差',
    process: '加油后发现油表未到满格，回站询问当班员工',
    result: '当班员工称机器正常，未作检测',
    text: '在3号加油机加92号汽油，怀疑计量不准。',
    demand: '检测加油机并退还差价',
    findings: '两名检查员现场用标准量器检测3号加油机，误差在允许范围内；油箱容量与车主描述不符。',
    evidence: ['计量检测记录', '加油小票'],
    material: '顾客投诉意见簿记录页复印件',
    reply: '站长当面向顾客说明检测结果。',
    result2: '加油机计量合格；向顾客解释油箱实际容量，赠送洗车券一张。',
    rectification: '每月自检加油机计量并公示检测结果。',
    callback: '顾客接受解释，对站长处理态度满意。',
  },
  retail: {
    person: { name: '赵敏', phone: '13600001111', address: '华美建材门市部销售一部', role: '销售员', organisation: '销售一部' },
    subject: '客户反映600×600抛光砖批次色差明显',
    time: '2026年11月25日上午',
    cause: '同一批次出货中混有两种色号',
    process: '客户铺贴约30平方米后发现色差，已停工',
    result: '已铺贴部分需返工',
    text: '客户铺贴到一半发现同批次瓷砖颜色深浅不一，已停工。',
    demand: '更换同色号产品或退货，并承担返工人工费',
    findings: '生产部核对批次号，确认该批次存在两种色号混装。',
    evidence: ['客户现场照片', '出货单及批次号'],
    material: '客户书面投诉',
    reply: '已告知销售员换货方案，次日送货。',
    result2: '同意换货并承担返工人工费800元，物流部次日送货。',
    rectification: '仓库出库增加色号核对环节。',
    callback: '客户确认已换货，铺贴效果满意。',
  },
};

function sectorText(preset: PresetEntry): SectorText {
  return { ...GENERAL, ...(SECTORS[preset.sector] ?? {}) } as SectorText;
}

/** A value a clerk would type into a preset field, chosen from the field's label and type. */
export function sampleFieldValue(f: FieldDef, at: number): string | number | boolean {
  const l = f.label;
  if (f.type === 'select') return f.options?.[0]?.value ?? '';
  if (f.type === 'date' || f.type === 'datetime') return /发货|日期/.test(l) ? at - 12 * DAY : at + 3 * DAY;
  if (f.type === 'number') return 120;
  if (f.type === 'phone') return '0571-87654321';
  const byLabel: [RegExp, string][] = [
    [/房号/, '3栋1202室'],
    [/分区/, 'A区'],
    [/地点|地址/, '万达广场B2层车库东侧'],
    [/被举报|单位/, '万达广场商业管理有限公司'],
    [/客户名称|客户/, '城西装饰工程有限公司'],
    [/品牌/, '东鹏'],
    [/规格|数量/, '600×600抛光砖 120箱'],
    [/科室/, '心血管内科'],
    [/批示|意见/, '请防火监督科三日内核查处理。'],
    [/对象/, '门市收银员'],
    [/目的/, '希望门市改进服务态度'],
    [/问题/, '同批次瓷砖色差明显，无法继续铺贴。'],
    [/单号|编号|门诊号|住院号/, 'MZ20261127-0318'],
    [/姓名|人/, '周志强'],
  ];
  return byLabel.find(([re]) => re.test(l))?.[1] ?? (f.type === 'textarea' ? `${l}：详见附件材料。` : `${l}（已填）`);
}

export interface PresetCase {
  preset: PresetEntry;
  policy: Policy;
  staffNames: Record<string, string>;
  events: CaseEvent[];
  state: CaseState;
  receiverName: string;
  handlerName: string;
  complainantName: string;
  calleeName: string;
  headName: string;
  organisation: { name: string };
}

export const policyCache = new Map<string, Policy>();
export function policyFor(preset: PresetEntry): Policy {
  let p = policyCache.get(preset.id);
  if (!p) {
    p = policySchema.parse(preset.policy);
    policyCache.set(preset.id, p);
  }
  return p;
}

export interface CaseOptions {
  kind?: string;
  seq?: number;
  /** Registration instant (Beijing 2026-11-27 09:12 by default). */
  at?: number;
  /** Only a registration with no optional fields. */
  minimal?: boolean;
  /** Extra notes appended to the log (the 300-event archive). */
  extraNotes?: number;
  signed?: boolean;
  /** Category code; defaults to the first routed category of the kind. */
  category?: string;
}

export function realisticCase(preset: PresetEntry, o: CaseOptions = {}): PresetCase {
  const policy = policyFor(preset);
  const staff = preset.demoStaff();
  const staffNames = Object.fromEntries(staff.map((s) => [s.id, s.name]));
  const kind = policy.kinds.find((k) => k.code === o.kind) ?? policy.kinds[0]!;
  const form = policy.forms.find((f) => f.id === kind.formId);
  const seq = o.seq ?? 7;
  const t0 = o.at ?? cst(2026, 11, 27, 9, 12);
  const day = new Date(t0 + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '');
  const number = `HZ01-${day}-${String(seq).padStart(3, '0')}`;
  const caseId = `case-${preset.id}-${kind.code}-${seq}`;
  const receiver = staff[0]!;
  const category =
    policy.categories.find((c) => c.code === o.category) ??
    policy.categories.find((c) => !c.invalid && !c.external && (!c.kinds || c.kinds.includes(kind.code)) && c.departmentId) ??
    policy.categories[0];
  const deptId = category?.departmentId ?? policy.departments[0]!.id;
  const handler = staff.find((s) => s.departmentId === deptId && s.id !== receiver.id) ?? staff[1] ?? receiver;
  const severity = [...policy.severities].sort((a, b) => a.rank - b.rank)[0];
  const env = (actor = receiver.id) => ({ caseId, actorId: actor, orgId: 'org-demo', siteId: 'site-1', deskId: 'desk-hz01', policyRevision: policy.revision });
  const tx = sectorText(preset);
  const organisation = { name: ORGANISATIONS[preset.sector] ?? ORGANISATION.name };
  const deptName = policy.departments.find((d) => d.id === deptId)?.name ?? deptId;
  const headName = `${deptName}负责人 孙国华`;

  if (o.minimal) {
    const events = [
      makeRegistration(
        t0,
        {
          number,
          kind: kind.code,
          channel: policy.channels[0]!.code,
          receivedAt: t0,
          firstReceiverId: receiver.id,
          complainant: { anonymous: false, confidential: false },
          subject: '未留姓名的来电',
          description: {},
          form: {},
        },
        env(),
      ),
    ];
    return {
      preset,
      policy,
      staffNames,
      events,
      state: projectCase(events)!,
      receiverName: receiver.name,
      handlerName: handler.name,
      complainantName: '',
      calleeName: '',
      headName,
      organisation,
    };
  }

  const formValues = Object.fromEntries((form?.fields ?? []).map((f) => [f.key, sampleFieldValue(f, t0)]));
  const evs: CaseEvent[] = [];
  let t = t0;
  const step = (ms: number) => (t += ms);
  evs.push(
    makeRegistration(
      t0,
      {
        number,
        kind: kind.code,
        channel: policy.channels[0]!.code,
        receivedAt: t0 - 3 * MINUTE,
        firstReceiverId: receiver.id,
        receptionPoint: policy.receptionPoints[0],
        category: category?.code,
        severity: severity?.code,
        complainant: { anonymous: false, confidential: false, ...tx.person },
        subject: tx.subject,
        description: { time: tx.time, cause: tx.cause, process: tx.process, result: tx.result, text: tx.text },
        demand: tx.demand,
        form: formValues,
        apologised: true,
      },
      env(),
    ),
  );
  const sig = o.signed !== false;
  if (sig) {
    evs.push(
      makeEvent('case.signed', { signerName: tx.person.name, role: 'complainant', document: 'registration', image: signaturePng(1) }, step(2 * MINUTE), env()),
    );
    evs.push(makeEvent('case.signed', { signerName: receiver.name, role: 'receiver', document: 'registration', image: signaturePng(2) }, step(MINUTE), env()));
  }
  evs.push(makeEvent('case.accepted', { note: '已向投诉人致歉并受理' }, step(MINUTE), env()));
  evs.push(makeEvent('case.classified', { category: category?.code, severity: severity?.code, valid: true, note: '属服务承诺范围' }, step(2 * MINUTE), env()));
  evs.push(
    makeEvent(
      'case.assigned',
      {
        departmentId: deptId,
        assigneeId: handler.id,
        noticeNo: `TZ${day}-${String(seq).padStart(3, '0')}`,
        dueAt: t0 + 2 * DAY,
        instruction: '请于两日内到现场核实处理，处理结果当日回复前台。',
      },
      step(8 * MINUTE),
      env(),
    ),
  );
  if (sig)
    evs.push(
      makeEvent(
        'case.signed',
        { signerName: handler.name, role: 'department_receiver', document: 'notice', image: signaturePng(3) },
        step(5 * MINUTE),
        env(handler.id),
      ),
    );
  evs.push(makeEvent('case.handover_acknowledged', { departmentId: deptId, note: '已签收' }, step(MINUTE), env(handler.id)));
  evs.push(makeEvent('case.site_visited', { note: '到达现场查看' }, step(40 * MINUTE), env(handler.id)));
  evs.push(
    makeEvent(
      'case.investigated',
      { inspectorIds: [handler.id, receiver.id], findings: tx.findings, evidence: tx.evidence, verified: true },
      step(2 * HOUR),
      env(handler.id),
    ),
  );
  evs.push(makeEvent('case.material_added', { kind: 'material', title: tx.material, description: '原件已归档' }, step(10 * MINUTE), env()));
  evs.push(
    makeEvent('case.material_added', { kind: 'evidence', title: '现场复核照片', description: '处理前后对比照片各3张' }, step(5 * MINUTE), env(handler.id)),
  );
  evs.push(makeEvent('case.replied', { to: 'complainant', method: 'phone', content: tx.reply }, step(30 * MINUTE), env()));
  evs.push(makeEvent('case.resolved', { result: tx.result2, rectification: tx.rectification, departmentId: deptId }, step(DAY), env(handler.id)));
  evs.push(makeEvent('case.feedback_given', { method: 'phone', content: '已电话告知处理结果' }, step(HOUR), env()));
  evs.push(
    makeEvent(
      'case.callback_done',
      { method: 'phone', satisfied: true, satisfaction: 5, outcome: tx.callback, calleeName: tx.person.name, notes: '建议加强日常巡查' },
      step(DAY),
      env(),
    ),
  );
  if (sig) {
    evs.push(makeEvent('case.signed', { signerName: tx.person.name, role: 'callee', document: 'callback', image: signaturePng(4) }, step(MINUTE), env()));
    evs.push(
      makeEvent('case.signed', { signerName: headName, role: `department_head:${deptId}`, document: 'callback', image: signaturePng(5) }, step(MINUTE), env()),
    );
    evs.push(
      makeEvent(
        'case.signed',
        { signerName: headName, role: `department_head:${deptId}`, document: 'daily_quality', image: signaturePng(6) },
        step(MINUTE),
        env(),
      ),
    );
  }
  for (let i = 0; i < (o.extraNotes ?? 0); i++)
    evs.push(makeEvent('case.note', { text: `跟进记录第${String(i + 1).padStart(4, '0')}条：电话联系业主确认进度` }, step(MINUTE), env()));
  evs.push(makeEvent('case.document_printed', { document: 'registration', copies: 1 }, step(MINUTE), env()));
  evs.push(makeEvent('case.closed', { note: '业主满意，结案' }, step(HOUR), env()));

  return {
    preset,
    policy,
    staffNames,
    events: evs,
    state: projectCase(evs)!,
    receiverName: receiver.name,
    handlerName: handler.name,
    complainantName: tx.person.name,
    calleeName: tx.person.name,
    headName,
    organisation,
  };
}

export { PRESETS };
