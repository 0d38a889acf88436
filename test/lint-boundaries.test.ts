import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Issue 12: no rule in a component. The lint configuration keeps screens (src-renderer/features) from
// importing the domain's values directly; they go through src-renderer/data. This proves the rule bites.

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const eslint = new ESLint({ cwd: repoRoot });

async function problems(code: string, file: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: resolve(repoRoot, file) });
  return (r?.messages ?? []).filter((m) => m.ruleId?.includes('no-restricted-imports')).map((m) => m.message);
}

describe('features reach the domain only through src-renderer/data', () => {
  it('a feature component importing a domain function is refused by lint', { timeout: 60_000 }, async () => {
    const code = "import { validateAction } from '../../../src-shared/domain/actions';\nexport const f = validateAction;\n";
    const found = await problems(code, 'src-renderer/features/case/Example.tsx');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('Features reach the domain through src-renderer/data');
  });

  it('a type import, the data seam itself and a feature test are allowed', { timeout: 60_000 }, async () => {
    expect(
      await problems("import type { Policy } from '../../../src-shared/domain/policy';\nexport type P = Policy;\n", 'src-renderer/features/case/Example.tsx'),
    ).toEqual([]);
    expect(
      await problems("import { validateAction } from '../../src-shared/domain/actions';\nexport const f = validateAction;\n", 'src-renderer/data/example.ts'),
    ).toEqual([]);
    expect(
      await problems(
        "import { policySchema } from '../../../src-shared/domain/policy';\nexport const s = policySchema;\n",
        'src-renderer/features/case/example.test.ts',
      ),
    ).toEqual([]);
  });
});
