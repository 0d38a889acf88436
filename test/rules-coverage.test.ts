import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRulesFile, parseRules, rulesCoverage, testedIdsIn } from '../scripts/rules-coverage';

// CI gate for issue 2: every behaviour rule of RULES.md is named by a test (npm run rules:coverage).

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

describe('rules coverage', () => {
  it('reads rule IDs and tells behaviour rules from (n/a) and (record) ones', () => {
    const rules = parseRules(
      ['## S10', '- S10-11 *(n/a)* Receive peers.', '- S10-12 Publish; 文明户 *(record)*.', '- S10-13 Callbacks are planned.', 'not a rule'].join('\n'),
    );
    expect(rules.map((r) => [r.id, r.behaviour])).toEqual([
      ['S10-11', false],
      ['S10-12', false],
      ['S10-13', true],
    ]);
  });

  it('counts a test only when its title starts with the exact ID', () => {
    // Built from pieces so this file's own text never counts as a test of those rules.
    const call = (fn: string, title: string) => `${fn}(${title}, () => {});`;
    const source = [
      call('it', "'S1-10 approval'"),
      call('test', '"X-4: callbacks"'),
      call('it', "'covers S1-1 somewhere'"),
      call('describe', "'S1-2 group'"),
      call('it.concurrent', '`S7-13 3 h`'),
    ].join('\n');
    expect(testedIdsIn(source)).toEqual(['S1-10', 'X-4', 'S7-13']);
  });

  it('reports a behaviour rule nobody tests', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jiesu-rules-'));
    const file = join(dir, 'RULES.md');
    writeFileSync(file, `${readFileSync(findRulesFile(repoRoot), 'utf8')}\n- S99-1 A rule with no test yet.\n- S99-2 *(n/a)* A habit.\n`);
    try {
      const report = rulesCoverage(repoRoot, { RULES_MD: file });
      expect(report.missing.map((r) => r.id)).toEqual(['S99-1']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the committed docs/RULES.md is the same catalogue as ../shared/RULES.md when that exists', () => {
    const shared = resolve(repoRoot, '../shared/RULES.md');
    const committed = readFileSync(resolve(repoRoot, 'docs/RULES.md'), 'utf8');
    if (existsSync(shared)) expect(parseRules(committed)).toEqual(parseRules(readFileSync(shared, 'utf8')));
    expect(parseRules(committed).length).toBeGreaterThan(100);
  });

  it('every behaviour rule of RULES.md has a test naming its ID, and no test names an unknown ID', () => {
    const report = rulesCoverage(repoRoot);
    expect(report.rules.filter((r) => r.behaviour).length).toBeGreaterThan(100);
    expect(report.missing.map((r) => `${r.id} ${r.text}`)).toEqual([]);
    expect(report.unknown).toEqual([]);
  });
});
