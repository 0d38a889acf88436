import type { PolicyInput, StaffRoles } from '../domain/policy';
import { fireBrigadeDemoStaff, fireBrigadePreset } from './s1-fire-brigade';
import { constructionSiteDemoStaff, constructionSitePreset } from './s2-construction-site';
import { retailQualityDemoStaff, retailQualityPreset } from './s3-retail-quality';
import { hospitalDemoStaff, hospitalPreset } from './s4-hospital';
import { gasStationDemoStaff, gasStationPreset } from './s6-gas-station';
import { propertyDemoStaff, propertyPreset } from './s7-property';
import { officeIntakeDemoStaff, officeIntakePreset } from './s8-office-intake';
import { callbackWorkflowDemoStaff, callbackWorkflowPreset } from './s9-callback-workflow';
import { propertyServiceDemoStaff, propertyServicePreset } from './s10-property-service';
import { officeReceptionDemoStaff, officeReceptionPreset } from './s11-office-reception';
import { starterDemoStaff, starterPreset } from './starter';

// The catalogue the setup wizard and the policy viewer list. Each entry's policy is input data for
// policySchema (an organisation's first revision starts as a copy of it).

export type PresetSector = 'fire' | 'construction' | 'retail' | 'hospital' | 'fuel' | 'property' | 'general';

export interface PresetEntry {
  id: string;
  /** zh-CN name shown in the wizard. */
  name: string;
  nameEn: string;
  /** One-line description, zh-CN and en. */
  description: string;
  descriptionEn: string;
  sector: PresetSector;
  /** Seed articles this preset serves (S2 and S5 are the same regulation). */
  articles: string[];
  policy: PolicyInput;
  demoStaff: () => StaffRoles[];
}

export const PRESETS: readonly PresetEntry[] = [
  {
    id: 's7-property',
    name: '物业管理:业户意见和投诉',
    nameEn: 'Property management: owners’ opinions and complaints',
    description: '重大/重要/一般三级投诉,24小时、3小时、1小时答复时限,超时需大管家或首席管家批准。',
    descriptionEn: 'Major / important / general complaints with 24 h, 3 h and 1 h reply limits; overruns need the senior or chief butler.',
    sector: 'property',
    articles: ['S7'],
    policy: propertyPreset,
    demoStaff: propertyDemoStaff,
  },
  {
    id: 's4-hospital',
    name: '医院:投诉接待',
    nameEn: 'Hospital: complaint reception',
    description: '24小时接待,医疗投诉转医教科、收费转财务科、行风转综合办;五类不予受理情形。',
    descriptionEn: '24-hour reception; medical → medical affairs, billing → finance, conduct → general office; five inadmissible situations.',
    sector: 'hospital',
    articles: ['S4'],
    policy: hospitalPreset,
    demoStaff: hospitalDemoStaff,
  },
  {
    id: 's1-fire-brigade',
    name: '消防:火灾隐患举报投诉查处',
    nameEn: 'Fire brigade: fire-hazard reports',
    description: '24小时受理、当日报告值班首长、处理意见经行政领导审批后反馈;举报人身份保密;核实后奖励300–1000元。',
    descriptionEn: '24×7 intake, same-day report to the duty chief, leader-approved feedback, confidential reporters, 300–1000 yuan rewards.',
    sector: 'fire',
    articles: ['S1'],
    policy: fireBrigadePreset,
    demoStaff: fireBrigadeDemoStaff,
  },
  {
    id: 's2-construction-site',
    name: '建筑工地:地盘施工投诉',
    nameEn: 'Construction site: neighbour complaints',
    description: '地盘主任第一时间到场,登门慰问约150元,综合解决方案报工程部经理、分管副总、物业公司总经理审批。',
    descriptionEn: 'The site director goes to the spot at once, a ~150 yuan goodwill visit, the solution approved by engineering, the VP and the GM.',
    sector: 'construction',
    articles: ['S2', 'S5'],
    policy: constructionSitePreset,
    demoStaff: constructionSiteDemoStaff,
  },
  {
    id: 's3-retail-quality',
    name: '门市:客户质量问题投诉',
    nameEn: 'Retail: product and service quality complaints',
    description: '产品、服务两类投诉表;5分钟受理、30分钟公布或分流、2小时回复,超时每次罚责任部门负责人50元。',
    descriptionEn: 'Product and service forms; accept in 5 min, publish or route in 30 min, reply in 2 h, 50 yuan per late reply.',
    sector: 'retail',
    articles: ['S3'],
    policy: retailQualityPreset,
    demoStaff: retailQualityDemoStaff,
  },
  {
    id: 's6-gas-station',
    name: '加油加气站:投诉举报调查处理',
    nameEn: 'Fuel station: complaint and report investigation',
    description: '3日内调查(送样检验7日)、意见簿5天/1天回复;超时扣站长100元、分管经理200元,违反首问扣50元。',
    descriptionEn: 'Investigate in 3 days (7 after a sample), opinion book 5 / 1 days; late: −100 manager, −200 manager in charge, −50 first-ask.',
    sector: 'fuel',
    articles: ['S6'],
    policy: gasStationPreset,
    demoStaff: gasStationDemoStaff,
  },
  {
    id: 's8-office-intake',
    name: '管理处:受理投诉工作流程',
    nameEn: 'Management office: complaint intake',
    description: '服务中心前台统一受理,20分钟内送达责任部门;有效/无效投诉识别;开发商问题3个工作日内回访,其余处理结束后3日内回访。',
    descriptionEn: 'Single front-desk intake, hand-over within 20 min, valid/invalid complaints, developer issues called back in 3 working days.',
    sector: 'property',
    articles: ['S8'],
    policy: officeIntakePreset,
    demoStaff: officeIntakeDemoStaff,
  },
  {
    id: 's9-callback-workflow',
    name: '管理处:投诉与回访工作流程',
    nameEn: 'Management office: complaint and callback workflow',
    description: '先致歉再登记;限期解决;投诉百分百回访,每周回访上周维修单,不满意再次回访直至满意。',
    descriptionEn: 'Apologise, register, fix by a deadline; 100 % callbacks, weekly repair callbacks, call back again until satisfied.',
    sector: 'property',
    articles: ['S9'],
    policy: callbackWorkflowPreset,
    demoStaff: callbackWorkflowDemoStaff,
  },
  {
    id: 's10-property-service',
    name: '物业服务部:接待业主来访投诉',
    nameEn: 'Property service department: visits and complaints',
    description: '集中登记、当天核实、通知单编号,一周内答复;维修回访被回访人签名,24小时内通知整改;回访率100%、有效投诉率<1%。',
    descriptionEn: 'Central registration, same-day verification, numbered notices, reply within a week; signed repair callbacks; targets 100 % / <1 %.',
    sector: 'property',
    articles: ['S10'],
    policy: propertyServicePreset,
    demoStaff: propertyServiceDemoStaff,
  },
  {
    id: 's11-office-reception',
    name: '管理处:接待来访投诉',
    nameEn: 'Management office: reception of visits and complaints',
    description: '客户服务中心接待,当天调查核实并报主任,由主任决定处理办法和责任部门,件件有回音。',
    descriptionEn: 'The customer service centre receives, verifies the same day and reports; the director decides; every matter answered.',
    sector: 'property',
    articles: ['S11'],
    policy: officeReceptionPreset,
    demoStaff: officeReceptionDemoStaff,
  },
  {
    id: 'starter',
    name: '通用投诉受理(起步模板)',
    nameEn: 'General complaint desk (starter)',
    description: '首问负责、派单、办结、反馈和回访的基本流程,时限可按本单位制度修改。',
    descriptionEn: 'First-ask, hand-over, resolution, feedback and callback with editable default limits.',
    sector: 'general',
    articles: [],
    policy: starterPreset,
    demoStaff: starterDemoStaff,
  },
];

export function presetById(id: string): PresetEntry | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** A demo organisation's staff holding every role the preset needs; empty for an unknown preset. */
export function demoStaff(presetId: string): StaffRoles[] {
  return presetById(presetId)?.demoStaff() ?? [];
}
