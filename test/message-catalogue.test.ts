import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// Only the catalogue is imported: every code must be there without any domain module having been loaded
// (issue 12 — the words were registered by the modules that happened to be imported, so a process that
// never imported action-messages rendered the server's refusals as 「无效」).
import { MESSAGE_CODES, isMessageCode, messageFor } from '../src-shared/i18n/validation';

const HAN = /\p{Script=Han}/u;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the message catalogue (issue 12: one path for words)', () => {
  it('holds the codes of every module without those modules being imported', () => {
    expect(messageFor('action.recused', 'action')['zh-CN']).toBe('您已对此案件回避，不能再办理，请交由其他人员。');
    expect(messageFor('sync.actorUnknown', 'actorId').en).toBe('The record’s actor is not a staff member of this organisation; refused.');
    expect(messageFor('intake.required', '事由')['zh-CN']).toBe('请填写「事由」。');
    expect(messageFor('desk.caseUnknown', 'caseId')['zh-CN']).toMatch(/^本台找不到这个案件/);
  });

  it('says every code in Chinese in zh-CN and in English in en', () => {
    const detail = { action: 'accept', status: 'registered', roles: '主管', maximum: 10, minimum: 1, input: 'x', value: 'v', type: 'image/png', name: 'a.png' };
    for (const code of MESSAGE_CODES) {
      const said = messageFor(code, '字段', detail);
      expect(said['zh-CN'], code).toMatch(HAN);
      // The English sentence may quote the field (字段) or a Chinese value, nothing else of Chinese.
      expect(said.en.replaceAll('字段', '').replaceAll('主管', ''), code).not.toMatch(HAN);
      expect(said.en.trim().length, code).toBeGreaterThan(10);
    }
  });

  it('knows every code a schema or refusal in the source names', () => {
    const named = new Set<string>();
    for (const file of ['src-shared', 'src-server', 'src-renderer', 'src-main'].flatMap((d) => sourceFiles(d))) {
      const text = readFileSync(file, 'utf8');
      // zod custom messages are codes (`message: 'case.number'`), as are refusals' `code: 'action.recused'`
      // and the first argument of the host's and the backups' errors (`new HostError('backup.folder', …)`).
      for (const m of text.matchAll(/\b(?:message|code):\s*'([a-z][a-zA-Z]*(?:\.[a-zA-Z]+)+)'/g)) named.add(m[1]!);
      for (const m of text.matchAll(/\b(?:HostError|bridgeError|transportError|backupRefusal|messageFor)\(\s*'([a-z][a-zA-Z]*(?:\.[a-zA-Z]+)+)'/g))
        named.add(m[1]!);
    }
    const unknown = [...named].filter((c) => !isMessageCode(c));
    expect(named.size).toBeGreaterThan(40);
    expect(unknown).toEqual([]);
  });
});
