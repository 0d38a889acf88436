import { describe, expect, it } from 'vitest';
import { CATALOGUE, type Namespace } from './catalogue';
import { t, translate } from './i18n';

const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

// English leaves out a placeholder only where its value is a Chinese word.
const ENGLISH_OMITS: Record<string, string[]> = {
  // 举报人 / 来访人 / 投诉人 from the preset; English says Complainant.
  'desk.intake.complainant': ['person'],
  'desk.case.complainant': ['person'],
};

describe('the desk catalogue (issue 12: one catalogue a language, a namespace a screen family)', () => {
  const namespaces = Object.keys(CATALOGUE['zh-CN']) as Namespace[];

  it('has the same namespaces and keys in English, no English string left in Chinese, the same placeholders', () => {
    const mismatched: string[] = [];
    expect(Object.keys(CATALOGUE.en).sort()).toEqual([...namespaces].sort());
    expect(namespaces).toEqual(expect.arrayContaining(['desk', 'analysis', 'ledger', 'policy', 'attachments']));
    for (const ns of namespaces) {
      const zh = CATALOGUE['zh-CN'][ns] as Record<string, string>;
      const en = CATALOGUE.en[ns] as Record<string, string>;
      expect(Object.keys(en).sort(), ns).toEqual(Object.keys(zh).sort());
      for (const [k, v] of Object.entries(en)) {
        expect(v, `${ns}.${k}`).not.toMatch(/[\u4e00-\u9fff]/);
        const want = placeholders(zh[k]!).filter((p) => !ENGLISH_OMITS[`${ns}.${k}`]?.includes(p!));
        if (placeholders(v).join() !== want.join()) mismatched.push(`${ns}.${k}: ${placeholders(v).join()} ≠ ${want.join()}`);
      }
    }
    expect(mismatched).toEqual([]);
  });

  it('placeholders are filled in either language, in every namespace', () => {
    expect(t('intake.saved', { number: 'YG01-20261127-001' }, 'zh-CN')).toBe('已登记，编号 YG01-20261127-001');
    expect(t('intake.saved', { number: 'YG01-20261127-001' }, 'en')).toBe('Registered as YG01-20261127-001');
    expect(translate('ledger', 'range', { min: 50, max: 200 }, 'zh-CN')).toBe('范围 50–200 元');
  });
});
