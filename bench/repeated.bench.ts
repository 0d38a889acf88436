import type { CaseState } from '../src-shared/domain/case-state';
import { findRepeatedProblems } from '../src-shared/analytics/repeated';
import { bigrams } from '../src-shared/analytics/similarity';
import { caseOf } from '../src-shared/analytics/test-fixtures';
import { report } from './lib';
import { medianOf, YEAR_MS, YEAR_START } from './stats-data';

// Repeated problems over a year (issue 14: "100k cases in one year ≤ 2 s, and 4× the cases ≤ 5× the
// time"), with the analysis screen's options for a year (30-day window, place fields). The cases are
// varied as a large organisation's are: 12 categories, subjects built from a building, a problem and a
// detail, places from building, unit and room. Baseline in the same run: one pass building the subject
// and place bigrams of every case, the work no grouping can avoid.

const PROBLEMS = [
  '电梯故障停运',
  '楼上卫生间漏水',
  '夜间施工噪音',
  '地下车库积水',
  '垃圾清运不及时',
  '门禁卡失灵',
  '绿化带杂草未修剪',
  '楼道灯不亮',
  '外墙瓷砖脱落',
  '消防通道被占用',
  '水压不足',
  '停车位被占',
  '宠物扰民',
  '物业费账单有误',
  '快递柜故障',
  '监控探头损坏',
];
const DETAILS = ['', '，已多次反映', '，影响出行', '，请尽快处理', '，老人被困', '，孩子无法休息', '，要求赔偿', '，周末也有'];

function yearOf(n: number): CaseState[] {
  const template = caseOf({ id: 't', receivedAt: YEAR_START, category: 'c0', subject: '电梯故障停运', place: '1栋1单元101' });
  let seed = 7;
  const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff;
  const int = (k: number) => Math.floor(rnd() * k);
  const out: CaseState[] = [];
  for (let i = 0; i < n; i++) {
    const building = 1 + int(60);
    out.push({
      ...template,
      id: `c${i}`,
      receivedAt: YEAR_START + int(YEAR_MS),
      category: `c${int(12)}`,
      subject: `${building}号楼${PROBLEMS[int(PROBLEMS.length)]}${DETAILS[int(DETAILS.length)]}`,
      form: { location: `${building}栋${1 + int(4)}单元${1 + int(30)}0${1 + int(4)}` },
    });
  }
  return out;
}

const options = { windowMs: 30 * 86_400_000, placeKeys: ['location'] };
let sink = 0;
const sizes = [100_000, 400_000];
const figures: number[] = [];
const baselines: number[] = [];
for (const n of sizes) {
  const cases = yearOf(n);
  baselines.push(medianOf(() => cases.forEach((c) => (sink += bigrams(c.subject).size + bigrams(String(c.form.location)).size)), 3));
  figures.push(medianOf(() => (sink += findRepeatedProblems(cases, options).length), 3));
}
const growth = figures[1]! / figures[0]!;
report({
  bench: 'repeated.year-100k.node',
  figure: Math.round(figures[0]!),
  unit: 'ms',
  baseline: Math.round(baselines[0]!),
  baselineLabel: 'bigrams of every subject and place of the same 100k cases',
  ratio: baselines[0]! / figures[0]!,
  target: '≤ 2000 ms, and 4× the cases ≤ 5× the time',
  meetsTarget: figures[0]! <= 2000 && growth <= 5,
  extra: {
    cases: sizes[0]!,
    windowDays: 30,
    ms400k: Math.round(figures[1]!),
    baseline400kMs: Math.round(baselines[1]!),
    growth4x: Math.round(growth * 100) / 100,
    sink: sink % 7,
  },
});
