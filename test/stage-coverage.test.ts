import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACTION_DEFS, ACTION_OF_EVENT, rolesFor, type CaseAction } from '../src-shared/domain/actions';
import type { CaseState } from '../src-shared/domain/case-state';
import type { StageDef } from '../src-shared/domain/policy';
import { projectCase } from '../src-shared/domain/projection';
import { PRESETS } from '../src-shared/presets';
import { cst, makeRegistration, policyOf } from '../src-shared/presets/presets.fixtures';
import { ACTION_SPECS } from '../src-renderer/features/case/action-specs';

// Issue 16: a preset whose stage starts or stops on an event that no desk screen can write leaves a
// timer that can never stop (S2-4's 到场 once always breached). This check derives both sides from the
// code — the stages from the presets, the writable events from the case page's action dialogs and from
// every screen that calls writeEvent with a literal event type — and fails when a stage is unreachable.

const RENDERER = resolve(fileURLToPath(new URL('.', import.meta.url)), '../src-renderer');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [p] : [];
  });
}

/** Event types written by a screen other than the action dialogs: `writeEvent(…, { type: 'case.x', … })`. */
function eventsWrittenByScreens(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(RENDERER)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/writeEvent\([^\n]{0,160}?\{\s*type:\s*'(case\.[a-z_]+)'/g)) found.set(m[1]!, relative(RENDERER, file));
  }
  return found;
}

/** The registered case with the kind, channel, category, severity and form value a stage asks for. */
function caseTheStageAppliesTo(c: CaseState, stage: StageDef): CaseState {
  const a = stage.appliesTo;
  return {
    ...c,
    kind: a.kinds?.[0] ?? c.kind,
    channel: a.channels?.[0] ?? c.channel,
    category: a.categories?.[0] ?? c.category,
    severity: a.severities?.[0] ?? c.severity,
    form: a.form ? { ...c.form, [a.form.key]: a.form.equals } : c.form,
  };
}

const dialogs = new Set<string>(ACTION_SPECS.map((s) => s.type));
const screens = eventsWrittenByScreens();

describe('every stage of every preset can be started and stopped at the desk (issue 16)', () => {
  it('finds the screens that write events outside the action dialogs (the signature pad writes 签字)', () => {
    expect(screens.get('case.signed')).toMatch(/DocumentButtons\.tsx$/);
  });

  for (const preset of PRESETS) {
    it(`${preset.name}: each start and stop event has a desk action a staff member of the preset may take`, () => {
      const policy = policyOf(preset.policy);
      const staff = preset.demoStaff();
      const registered = projectCase([makeRegistration(cst(2026, 11, 27, 9), { kind: policy.kinds[0]!.code, channel: policy.channels[0]!.code })])!;
      const problems: string[] = [];
      for (const stage of policy.stages) {
        const facts = caseTheStageAppliesTo(registered, stage);
        for (const event of new Set([...stage.startsOn, ...stage.stopsOn])) {
          // Intake writes the registration; every other event needs a dialog or a screen.
          if (event === 'case.registered') continue;
          const where = `${stage.name} (${stage.id}) ${stage.startsOn.includes(event) ? '开始' : '结束'}于 ${event}`;
          if (!dialogs.has(event) && !screens.has(event)) {
            problems.push(`${where}: 没有界面能写这个事件`);
            continue;
          }
          const action = ACTION_OF_EVENT[event as keyof typeof ACTION_OF_EVENT] as CaseAction | undefined;
          if (!action) {
            problems.push(`${where}: 没有对应的案件动作`);
            continue;
          }
          const def = ACTION_DEFS[action];
          if (def.offered && !def.offered(policy, facts)) problems.push(`${where}: 动作「${def.label['zh-CN']}」在本预设中不提供`);
          const roles = rolesFor(action, policy, facts);
          if (roles && !staff.some((s) => s.roles.some((r) => roles.includes(r)))) problems.push(`${where}: 预设人员无人持有 ${roles.join('、')}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
