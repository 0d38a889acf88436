import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// `npm run rules:coverage`: every behaviour rule of RULES.md (not marked *(n/a)* or *(record)*) must be
// named by at least one test whose title starts with its ID, e.g. it('S7-13 important complaint: …').
// Lists the rules without a test and exits 1 when there is any; `--json` prints the report as JSON.

export interface RuleEntry {
  id: string;
  text: string;
  /** false for *(n/a)* and *(record)* rules, which need no behaviour test. */
  behaviour: boolean;
}

export interface CoverageReport {
  rulesFile: string;
  rules: RuleEntry[];
  /** Rule ID → test files naming it. */
  tested: Map<string, string[]>;
  missing: RuleEntry[];
  /** IDs used in test titles that RULES.md does not define (typos). */
  unknown: { id: string; file: string }[];
}

const RULE_LINE = /^- ((?:S\d+|X)-\d+) (.*)$/;
const NON_BEHAVIOUR = /\*\((?:n\/a|record)\)\*/;
/** it('S7-13 …'), test("X-4: …"), it.each(...)? no — only plain and modified it/test calls with a literal title. */
const TEST_TITLE = /\b(?:it|test)(?:\.(?:only|concurrent|sequential|fails))?\(\s*(['"`])((?:S\d+|X)-\d+)(?=[\s:,.;)'"`])/g;
const TEST_FILE = /\.test\.tsx?$/;
const TEST_ROOTS = ['src-shared', 'src-main', 'src-renderer', 'src-server', 'test', 'scripts'];

export function parseRules(markdown: string): RuleEntry[] {
  const out: RuleEntry[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const m = RULE_LINE.exec(line.trim());
    if (m) out.push({ id: m[1]!, text: m[2]!, behaviour: !NON_BEHAVIOUR.test(m[2]!) });
  }
  return out;
}

/** Rule IDs that start a test title in `source`. */
export function testedIdsIn(source: string): string[] {
  return [...source.matchAll(TEST_TITLE)].map((m) => m[2]!);
}

/** RULES_MD, else ../shared/RULES.md beside the repository, else the committed copy docs/RULES.md. */
export function findRulesFile(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env.RULES_MD, resolve(repoRoot, '../shared/RULES.md'), resolve(repoRoot, 'docs/RULES.md')].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`找不到 RULES.md(已查找:${candidates.join(', ')})。请设置 RULES_MD 环境变量指向规则清单。`);
  return found;
}

function testFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) testFiles(path, out);
    else if (TEST_FILE.test(name)) out.push(path);
  }
  return out;
}

export function rulesCoverage(repoRoot: string, env: NodeJS.ProcessEnv = process.env): CoverageReport {
  const rulesFile = findRulesFile(repoRoot, env);
  const rules = parseRules(readFileSync(rulesFile, 'utf8'));
  const known = new Set(rules.map((r) => r.id));
  const tested = new Map<string, string[]>();
  const unknown: CoverageReport['unknown'] = [];
  for (const root of TEST_ROOTS) {
    for (const file of testFiles(join(repoRoot, root))) {
      const rel = relative(repoRoot, file);
      for (const id of new Set(testedIdsIn(readFileSync(file, 'utf8')))) {
        if (!known.has(id)) unknown.push({ id, file: rel });
        tested.set(id, [...(tested.get(id) ?? []), rel]);
      }
    }
  }
  const missing = rules.filter((r) => r.behaviour && !tested.has(r.id));
  return { rulesFile, rules, tested, missing, unknown };
}

function printReport(report: CoverageReport, json: boolean): void {
  const behaviour = report.rules.filter((r) => r.behaviour);
  if (json) {
    const tested = Object.fromEntries(report.tested);
    console.log(
      JSON.stringify({
        rulesFile: report.rulesFile,
        behaviourRules: behaviour.length,
        tested,
        missing: report.missing.map((r) => r.id),
        unknown: report.unknown,
      }),
    );
    return;
  }
  console.log(`规则清单 Rules: ${report.rulesFile}`);
  console.log(
    `行为规则 behaviour rules: ${behaviour.length}; 已有测试 tested: ${behaviour.length - report.missing.length}; 缺少测试 missing: ${report.missing.length}`,
  );
  for (const r of report.missing) console.log(`  缺少测试 missing  ${r.id}  ${r.text.slice(0, 90)}`);
  for (const u of report.unknown) console.log(`  未知编号 unknown  ${u.id}  in ${u.file}`);
}

function isMain(): boolean {
  const entry = process.argv[1];
  return !!entry && import.meta.url === pathToFileURL(resolve(entry)).href;
}

if (isMain()) {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const report = rulesCoverage(repoRoot);
  printReport(report, process.argv.includes('--json'));
  process.exit(report.missing.length > 0 || report.unknown.length > 0 ? 1 : 0);
}
