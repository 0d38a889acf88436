import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN';
import { en } from './en';
import { t } from './i18n';

describe('desk strings', () => {
  it('English is complete and no English string is left in Chinese', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [k, v] of Object.entries(en)) expect(v, k).not.toMatch(/[\u4e00-\u9fff]/);
  });
  it('placeholders are filled in either language', () => {
    expect(t('intake.saved', { number: 'YG01-20261127-001' }, 'zh-CN')).toBe('已登记，编号 YG01-20261127-001');
    expect(t('intake.saved', { number: 'YG01-20261127-001' }, 'en')).toBe('Registered as YG01-20261127-001');
  });
});
