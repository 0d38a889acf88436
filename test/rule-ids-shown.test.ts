import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutRuleRefs } from '../src-shared/i18n/rule-refs';
import { PRESETS } from '../src-shared/presets';
import { MESSAGE_CODES, messageFor } from '../src-shared/i18n/validation';
import { CATALOGUE } from '../src-renderer/i18n/catalogue';

// Issue 11 finding 10: rule IDs (S0-2, S1-6, S7-13 …) are for the software's tests, never for the people
// at the desk.

const RULE_REF = /[（(]\s*[SX]\d*-\d+/u;

/** The desk's message tables, as source: every quoted message that is not a comment. */
function messagesOf(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l))
    .flatMap((l) => [...l.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!));
}

describe('rule IDs are not shown to people', () => {
  it('drops (S4-3), （S1-2、X-1） and (S4-7 / S6-2) from a text and leaves the rest', () => {
    expect(withoutRuleRefs('当事人作为一次投诉处理(S4-3)。')).toBe('当事人作为一次投诉处理。');
    expect(withoutRuleRefs('首问负责（S1-2、X-1）')).toBe('首问负责');
    expect(withoutRuleRefs('应告知有权处理的部门（S4-7 / S6-2）。')).toBe('应告知有权处理的部门。');
    expect(withoutRuleRefs('一般投诉在业户要求的期限内解决(S7-13)')).toBe('一般投诉在业户要求的期限内解决');
  });

  it('no message of the desk names a rule ID', () => {
    const root = join(__dirname, '../src-renderer');
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const [ns, words] of Object.entries(CATALOGUE[lang]))
        for (const [k, m] of Object.entries(words as Record<string, string>)) expect(m, `${lang} ${ns}.${k}`).not.toMatch(RULE_REF);
    }
    for (const m of messagesOf(join(root, 'components/SyncStatus.tsx'))) expect(m, 'SyncStatus.tsx').not.toMatch(RULE_REF);
    // The sentences of codes (refusals the domain, the server and the host give) reach the desk too.
    for (const code of MESSAGE_CODES) for (const m of Object.values(messageFor(code, '字段'))) expect(m, code).not.toMatch(RULE_REF);
  });

  it('every preset intake help reads without its rule ID once the desk shows it', () => {
    for (const preset of PRESETS) {
      for (const form of preset.policy.forms ?? [])
        for (const field of form.fields ?? []) if (field.help) expect(withoutRuleRefs(field.help), `${preset.id} ${field.key}`).not.toMatch(RULE_REF);
    }
  });
});
