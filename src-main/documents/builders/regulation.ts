import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { CLOCK_ZH, departmentName, formatDateZh, formatDay, nameOf, roleName, stageLimitText } from '../format';
import { formTableLayout, frameDocument, listTable, section } from '../frame';
import { EVENT_ZH } from '../describe-event';
import type { RegulationInput } from '../types';
import { withoutRuleRefs } from '../../../src-shared/i18n/rule-refs';

// The regulation itself, generated from the live policy (S0-1): 标题, 引言, 正文 chapters with the deadline
// table built from policy.stages so the paper never disagrees with the timers, 附则, then the revision
// record (S0-2: 页码, 修改日期, 修改人, 修改状态, 修改单号, 生效日期) and the 编制/审核/批准 sign-off.

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (article and chapter numbers). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  const rest = n % 100;
  return `${DIGITS[Math.floor(n / 100)]}百${rest === 0 ? '' : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest)}`;
}

/** Rule references such as (S4-3) are for the software's own tests, not for the printed regulation. */
export { withoutRuleRefs };

/** The preset text numbers its own chapters (一、) and clauses (1.); the printed form numbers them 第x章/第x条. */
export function stripNumbering(text: string): string {
  return text.replace(/^\s*(?:[一二三四五六七八九十百]+[、.．]|\d+[.、．)）]|[（(][一二三四五六七八九十\d]+[)）])\s*/, '');
}

function scope(policy: RegulationInput['policy'], a: RegulationInput['policy']['stages'][number]['appliesTo']): string {
  const parts: string[] = [];
  if (a?.kinds?.length) parts.push(a.kinds.map((k) => nameOf(policy.kinds, k)).join('、'));
  if (a?.severities?.length) parts.push(a.severities.map((s) => nameOf(policy.severities, s)).join('、'));
  if (a?.categories?.length) parts.push(a.categories.map((c) => nameOf(policy.categories, c)).join('、'));
  if (a?.channels?.length) parts.push(a.channels.map((c) => nameOf(policy.channels, c)).join('、'));
  return parts.join('；') || '全部';
}

export function buildRegulation(input: RegulationInput): TDocumentDefinitions {
  const { policy } = input;
  const offset = policy.utcOffsetMinutes ?? 480;
  const doc = policy.document;
  let article = 0;
  const clause = (text: string): Content => ({ text: [{ text: `第${chineseNumber(++article)}条\u3000`, bold: true }, withoutRuleRefs(text)], style: 'clause' });

  // Spaced headings use character spacing, not spaces, so the PDF's text still reads 引言 / 附则 / 签署.
  const content: Content[] = [{ ...(section('引言') as object), characterSpacing: 8 } as Content, { text: doc.purpose, style: 'clause' }];
  doc.chapters.forEach((ch, i) => {
    content.push(section(`第${chineseNumber(i + 1)}章\u3000${stripNumbering(ch.title)}`));
    for (const c of ch.clauses) content.push(clause(stripNumbering(c)));
  });

  // Generated chapters: what the software enforces, printed from the same data it enforces.
  let chapter = doc.chapters.length;
  if (policy.stages.length) {
    content.push(section(`第${chineseNumber(++chapter)}章\u3000处理时限`));
    content.push(clause('各环节处理时限如下表，自起算事项发生时开始计时，时限届满前未完成的按超时处理；经批准延期的，以批准后的时限为准。'));
    const bh = policy.businessHours;
    content.push(
      clause(
        `计时方式：“自然时间”连续计算，含夜间、休息日和节假日；“工作日”不计法定节假日和休息日，调休上班日计入；“工作时间”只计工作日的 ${bh.start}–${bh.end}。`,
      ),
    );
    content.push(
      listTable(
        ['环节', '适用范围', '起算', '时限', '计时方式', '延期审批'],
        ['*', 92, 62, 50, 84, 64],
        policy.stages.map((s) => [
          s.name,
          scope(policy, s.appliesTo),
          s.startsOn.map((e) => EVENT_ZH[e]).join('/'),
          stageLimitText(s),
          CLOCK_ZH[s.clock],
          s.extensionApproverRole ? roleName(policy, s.extensionApproverRole) : '不得延期',
        ]),
        8.5,
      ),
    );
  }
  if (policy.severities.length) {
    content.push(section(`第${chineseNumber(++chapter)}章\u3000投诉分级`));
    for (const s of [...policy.severities].sort((a, b) => b.rank - a.rank)) content.push(clause(`${s.name}：${s.definition}`));
  }
  const routed = policy.categories.filter((c) => c.departmentId || c.external);
  if (routed.length) {
    content.push(section(`第${chineseNumber(chapter + 1)}章\u3000分类与承办部门`));
    content.push(
      listTable(
        ['类别', '承办部门', '说明'],
        [110, 100, '*'],
        routed.map((c) => [
          c.name,
          c.external ? `（外部）${c.external}` : departmentName(policy, c.departmentId),
          withoutRuleRefs(c.description ?? (c.invalid ? '不属于服务承诺范围，登记并解释' : '')),
        ]),
        8.5,
      ),
    );
  }

  content.push({ ...(section('附则') as object), characterSpacing: 8 } as Content);
  for (const a of doc.appendix) content.push(clause(stripNumbering(a)));
  content.push(clause(`本制度自 ${formatDateZh(policy.effectiveFrom, offset)} 起施行（第 ${policy.revision} 版）。`));

  const revisions = [...policy.revisions].sort((a, b) => a.date - b.date);
  const revRows = revisions.map((r) => [r.page, formatDay(r.date, offset), r.author, r.status, r.orderNo, formatDay(r.effectiveFrom, offset)]);
  // Blank rows for the next handwritten revisions, as on the paper original.
  while (revRows.length < revisions.length + 3) revRows.push(['\u3000', '', '', '', '', '']);
  content.push({ text: '附录：修订记录', style: 'section', pageBreak: 'before' });
  content.push(listTable(['页码', '修改日期', '修改人', '修改状态', '修改单号', '生效日期'], [50, 72, 70, '*', 80, 72], revRows));

  const so = input.signOff ?? {};
  const blank = '＿＿＿＿＿＿＿＿';
  const cell = (lbl: string, role: string, name: string | undefined, date: number | undefined): Content => ({
    stack: [
      { text: `${lbl}（${role}）`, bold: true },
      { text: `签名：${name ?? blank}`, margin: [0, 16, 0, 0] },
      { text: `日期：${date ? formatDateZh(date, offset) : '\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日'}`, margin: [0, 8, 0, 2] },
    ],
    margin: [2, 2, 2, 2],
  });
  content.push({ text: '签署', style: 'section', characterSpacing: 8 });
  content.push({
    table: {
      widths: ['*', '*', '*'],
      body: [
        [
          cell('编制', doc.signOff.author, so.authorName, so.authorDate),
          cell('审核', doc.signOff.reviewer, so.reviewerName, so.reviewerDate),
          cell('批准', doc.signOff.approver, so.approverName, so.approverDate),
        ],
      ],
      dontBreakRows: true,
    },
    layout: formTableLayout,
  });

  return frameDocument({
    ctx: input,
    title: doc.title,
    subtitle: `${input.organisation.name}\u3000第 ${policy.revision} 版\u3000${formatDateZh(policy.effectiveFrom, offset)} 起施行`,
    content,
  });
}
