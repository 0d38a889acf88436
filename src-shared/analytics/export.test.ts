import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { policySchema } from '../domain/policy';
import { DAY } from '../domain/projection.fixtures';
import { toCsv, toXlsx, type Table } from './export';
import { computeStatistics } from './stats';
import { casesTable, statisticsTables } from './tables';
import { analyticsPolicy, caseOf, stage } from './test-fixtures';

const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);
const policy = policySchema.parse(analyticsPolicy());

describe('export to CSV and XLSX with Chinese headers', () => {
  const table: Table = {
    name: '案件清单',
    headers: ['编号', '事由', '金额（元）'],
    rows: [
      ['HZ01-20261102-001', '楼上漏水, "急"', -100],
      ['HZ01-20261102-002', '=HYPERLINK("http://x")', null],
    ],
  };

  it('CSV starts with a UTF-8 BOM, quotes commas and quotes, and defuses formulas', () => {
    const csv = toCsv(table);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual([
      '编号,事由,金额（元）',
      'HZ01-20261102-001,"楼上漏水, ""急""",-100',
      `HZ01-20261102-002,"'=HYPERLINK(""http://x"")",`,
      '',
    ]);
  });

  it('XLSX is a zip of the SpreadsheetML parts with one sheet per table', () => {
    const bytes = toXlsx([table, { name: '汇总/分析', headers: ['指标'], rows: [['a\u0001b<c>']] }]);
    expect(bytes[0]).toBe(0x50); // "PK"
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    const wb = strFromU8(files['xl/workbook.xml']!);
    expect(wb).toContain('<sheet name="案件清单" sheetId="1" r:id="rId1"/>');
    expect(wb).toContain('<sheet name="汇总 分析" sheetId="2" r:id="rId2"/>');
    const s1 = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(s1).toContain('<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">编号</t></is></c>');
    expect(s1).toContain('<c r="C2"><v>-100</v></c>');
    expect(s1).toContain('<t xml:space="preserve">\'=HYPERLINK(&quot;http://x&quot;)</t>');
    const s2 = strFromU8(files['xl/worksheets/sheet2.xml']!);
    expect(s2).toContain('<t xml:space="preserve">ab&lt;c&gt;</t>');
  });

  it('case and statistics tables carry Chinese headers and hide confidential names (S1-5)', () => {
    const c = caseOf({ id: 'c1', receivedAt: bj(2026, 11, 2, 9, 5), category: 'leak', valid: true, replyAfterMin: 30 });
    const secret = { ...c, id: 'c2', complainant: { ...c.complainant, confidential: true } };
    const t = casesTable([c, secret], policy);
    expect(t.headers.slice(0, 4)).toEqual(['编号', '受理时间', '类型', '类别']);
    expect(t.rows[0]!.slice(1, 4)).toEqual(['2026-11-02 09:05', '投诉', '漏水']);
    expect(t.rows[0]![10]).toBe('张三');
    expect(t.rows[1]![10]).toBe('（保密）');
    const stats = computeStatistics([{ state: c, stages: [stage('reply', 'met')] }], {
      from: bj(2026, 11, 1),
      to: bj(2026, 12, 1),
      granularity: 'month',
      now: bj(2026, 11, 2) + DAY,
      policy,
    });
    const sheets = statisticsTables(stats);
    expect(sheets.map((s) => s.name)).toEqual(['汇总', '趋势', '分类统计', '按时率']);
    expect(sheets[0]!.rows[0]).toEqual(['受理总数', 1, 1]);
    expect(sheets[0]!.rows[2]).toEqual(['答复用时中位数（小时）', 0.5, 1]);
    expect(sheets[3]!.rows).toEqual([['答复', 1, 0, 0, 0, 100]]);
  });
});
