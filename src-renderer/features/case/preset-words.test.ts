import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../src-shared/presets';
import { policySchema, type Policy } from '../../../src-shared/domain/policy';
import type { Staff } from '../../../src-shared/domain/org';
import { projectCase } from '../../../src-shared/domain/projection';
import { slaStagesFor } from '../../../src-shared/domain/sla';
import { withoutRuleRefs } from '../../../src-shared/i18n/rule-refs';
import { makeRegistration } from '../../../src-shared/domain/projection.fixtures';
import { t } from '../../i18n/i18n';
import { actionVerdicts } from '../../data/domain';
import { ACTION_SPECS, specFor, type ActionContext } from './action-specs';
import { actionOptions, hintOf, shownFields, type OptionContext } from './action-options';
import { emptyIntake, riskFlagsHint } from '../intake/intake-model';

// Issue 16 finding 7: every label, hint and example a clerk reads at the desk comes from the case's own
// preset. For each of the ten regulations (and the starter), every action dialog is built as the desk
// builds it — the fields the policy asks, their labels, hints and choices — beside the intake's hints,
// and no other regulation's words may be among them.

const NOW = Date.UTC(2026, 10, 27, 2, 0); // 2026-11-27 10:00 China time

interface DeskCase extends OptionContext {
  offered: Set<string>;
}

interface Desk {
  id: string;
  policy: Policy;
  /** One case per kind of the preset, as the desk shows it. */
  contexts: DeskCase[];
}

const desks: Desk[] = PRESETS.map((preset) => {
  const policy = policySchema.parse(preset.policy);
  const people = preset.demoStaff();
  const staff = people.map((p) => ({ ...p, orgId: 'org-1', pinHash: '', active: true, rev: 1, updatedAt: NOW }) satisfies Staff);
  const contexts = policy.kinds.map((kind): DeskCase => {
    const category = policy.categories.find((c) => !c.kinds?.length || c.kinds.includes(kind.code))?.code;
    const events = [makeRegistration(NOW, { kind: kind.code, channel: policy.channels[0]!.code, category, severity: policy.severities[0]?.code })];
    const state = projectCase(events)!;
    // Only the actions the case page offers on this preset (送样 only where a stage uses it, S6).
    const offered = new Set(
      actionVerdicts(policy, state, people[0]!, NOW, events)
        .filter((a) => a.offered)
        .map((a) => a.eventType),
    );
    return { state, policy, actor: people[0]!, stages: slaStagesFor(policy, events, NOW), now: NOW, staff, lang: 'zh-CN', offered };
  });
  return { id: preset.id, policy, contexts };
});

/** Everything the action dialogs of a case show: titles, labels of the fields asked, hints and choices. */
function dialogWords(c: DeskCase): string[] {
  return ACTION_SPECS.filter((spec) => c.offered.has(spec.type)).flatMap((spec) => [
    t(spec.label),
    ...shownFields(spec, c).flatMap((f) => [
      t(f.label),
      hintOf(f, c, t) ?? '',
      ...(f.options === 'staff' ? [] : actionOptions(f.options, c, t).map((o) => o.label)),
    ]),
  ]);
}

/** What the intake says besides the policy's own lists: its hints, the preset's form help, the apology prompt. */
function intakeWords(policy: Policy): string[] {
  const risk = riskFlagsHint(policy);
  return [
    risk ? t(risk.key, risk.vars) : '',
    t('intake.inadmissibleHelp'),
    policy.apologyPrompt ?? '',
    ...policy.forms.flatMap((f) => f.fields.map((x) => (x.help ? withoutRuleRefs(x.help) : ''))),
  ];
}

const allWords = (d: Desk) => [...d.contexts.flatMap(dialogWords), ...intakeWords(d.policy)].join('\n');
const presetsSaying = (words: RegExp) => desks.filter((d) => words.test(allWords(d))).map((d) => d.id);
const field = (d: Desk, type: Parameters<typeof specFor>[0], name: string, c: ActionContext = d.contexts[0]!) =>
  shownFields(specFor(type)!, c).find((f) => f.name === name);

describe('each preset speaks its own words at the desk (issue 16 finding 7)', () => {
  it('covers every preset of the catalogue', () => {
    expect(desks.map((d) => d.id).sort()).toEqual(PRESETS.map((p) => p.id).sort());
    expect(desks.length).toBeGreaterThanOrEqual(11);
  });

  it("no dialog or intake hint names a rule ID, its own or another regulation's", () => {
    for (const d of desks) expect(allWords(d), d.id).not.toMatch(/\b[SX]\d*-\d+/);
  });

  it("a regulation's words appear only in presets whose own text has them (S10 has its own 消防治安 category)", () => {
    const ownText = new Map(PRESETS.map((p) => [p.id, JSON.stringify(p.policy)]));
    for (const word of [
      '消防',
      '隐患',
      '举报',
      '致歉',
      '歉意',
      '首长',
      '站长',
      '监督员',
      '业主',
      '住户',
      '病人',
      '患者',
      '地盘',
      '管家',
      '打单部',
      '意见簿',
      '送样',
    ]) {
      const leaked = presetsSaying(new RegExp(word)).filter((id) => !ownText.get(id)!.includes(word));
      expect(leaked, word).toEqual([]);
    }
  });

  it('S1 fire-brigade words (隐患等级, 上级消防机构) are said only in the fire-brigade preset', () => {
    expect(presetsSaying(/隐患/)).toEqual(['s1-fire-brigade']);
    expect(presetsSaying(/上级消防机构/)).toEqual(['s1-fire-brigade']);
  });

  it('举报 (reports) is said only where the regulation takes reports (S1 fire hazards, S6 投诉举报)', () => {
    expect(presetsSaying(/举报/).sort()).toEqual(['s1-fire-brigade', 's6-gas-station']);
  });

  it('S6-4 the investigation asks for at least two inspectors only in the gas-station preset; S2, S10 and S11 ask no minimum and no 隐患等级', () => {
    expect(presetsSaying(/至少\s*\d+\s*名调查人员/)).toEqual(['s6-gas-station']);
    const s6 = desks.find((d) => d.id === 's6-gas-station')!;
    expect(hintOf(field(s6, 'case.investigated', 'inspectorIds')!, s6.contexts[0]!, t)).toBe('本制度要求至少 2 名调查人员');
    for (const id of ['s2-construction-site', 's10-property-service', 's11-office-reception']) {
      const d = desks.find((x) => x.id === id)!;
      const inspectors = field(d, 'case.investigated', 'inspectorIds')!;
      expect(t(inspectors.label), id).toBe('调查人员');
      expect(hintOf(inspectors, d.contexts[0]!, t), id).toBeUndefined();
      expect(field(d, 'case.investigated', 'dangerLevel'), id).toBeUndefined();
    }
  });

  it('分类定级 asks 等级 only where the preset grades complaints (S7-12), not in S2 or S11', () => {
    for (const d of desks) expect(!!field(d, 'case.classified', 'severity'), d.id).toBe(d.policy.severities.length > 0);
    expect(desks.filter((d) => field(d, 'case.classified', 'severity')).map((d) => d.id)).toContain('s7-property');
    for (const id of ['s2-construction-site', 's11-office-reception'])
      expect(
        field(
          desks.find((d) => d.id === id)!,
          'case.classified',
          'severity',
        ),
        id,
      ).toBeUndefined();
  });

  it('S1-14 隐患等级 is asked only where rewards are graded by danger level (the fire brigade)', () => {
    expect(desks.filter((d) => field(d, 'case.investigated', 'dangerLevel')).map((d) => d.id)).toEqual(['s1-fire-brigade']);
  });

  it("S1-4 转办's examples come from the preset: 上级消防机构 in S1, the municipal bodies in S7, none in S11", () => {
    const examples = (id: string) => {
      const d = desks.find((x) => x.id === id)!;
      return hintOf(field(d, 'case.transferred', 'external')!, d.contexts[0]!, t);
    };
    expect(examples('s1-fire-brigade')).toContain('上级消防机构');
    expect(examples('s7-property')).toContain('市政有关部门');
    expect(examples('s11-office-reception')).toBeUndefined();
    for (const d of desks) expect(t(field(d, 'case.transferred', 'external')!.label), d.id).toBe('转至外单位');
  });

  it("S6-9 the gas station's risk-flag hint names its station manager, not the fire brigade's S1-6 leaders", () => {
    const s6 = desks.find((d) => d.id === 's6-gas-station')!;
    const hint = riskFlagsHint(s6.policy)!;
    expect(t(hint.key, hint.vars)).toBe('勾选后立即通知：站长');
    expect(intakeWords(s6.policy).join('\n')).not.toMatch(/S1-6|领导|消防/);
  });

  it('S9-1 the apology is asked only by the callback-workflow preset', () => {
    expect(presetsSaying(/歉意|致歉/)).toEqual(['s9-callback-workflow']);
  });

  it('S2-5 S7-14 S10-18 a callback by visiting reads 上门 (the clerk goes to the person), never the intake channel 来访 or 来信', () => {
    for (const d of desks) {
      for (const c of d.contexts) {
        const methods = actionOptions('callbackMethods', c, t);
        const labels = methods.map((m) => m.label);
        expect(labels.join('、'), `${d.id} ${c.state.kind}`).not.toMatch(/来访|来信/);
        if (methods.some((m) => m.value === 'visit')) expect(labels, `${d.id} ${c.state.kind}`).toContain('上门');
      }
    }
    // The intake still calls the channel 来访: a visitor comes to the desk.
    const s2 = desks.find((d) => d.id === 's2-construction-site')!;
    expect(actionOptions('channels', s2.contexts[0]!, t).find((o) => o.value === 'visit')?.label).toBe('来访');
    expect(actionOptions('callbackMethods', s2.contexts[0]!, t).map((o) => o.label)).toEqual(['上门', '电话']);
  });

  it('接待点: a preset with one reception point proposes it at intake; one with several leaves the choice to the clerk', () => {
    for (const d of desks) {
      const proposed = emptyIntake(d.policy, NOW).receptionPoint;
      expect(proposed, d.id).toBe(d.policy.receptionPoints.length === 1 ? d.policy.receptionPoints[0] : undefined);
    }
    const s11 = desks.find((d) => d.id === 's11-office-reception')!;
    expect(emptyIntake(s11.policy, NOW).receptionPoint).toBe('客户服务中心');
    // The desk's own point, chosen at setup, comes first.
    const s2 = desks.find((d) => d.id === 's2-construction-site')!;
    expect(emptyIntake(s2.policy, NOW, { receptionPoint: '地盘门卫室' }).receptionPoint).toBe('地盘门卫室');
  });
});
