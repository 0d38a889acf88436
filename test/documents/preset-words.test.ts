import { describe, expect, it } from 'vitest';
import { projectCase } from '../../src-shared/domain/projection';
import type { CaseEvent } from '../../src-shared/domain/events';
import { PRESETS, policyFor, realisticCase, type PresetCase } from './fixtures';
import { caseData, render } from './render';
import { personWordOf } from '../../src-shared/domain/intake';
import { t } from '../../src-renderer/i18n/i18n';

// Issue 16: the printed forms speak the case's own preset — a callback by visiting is 上门 (not the intake
// channel 来访), and 接待点 is never printed blank for a preset with one reception point.

const preset = (id: string) => PRESETS.find((p) => p.id === id)!;

/** The case with its events changed as given, folded again. */
function withEvents(pc: PresetCase, change: (e: CaseEvent) => CaseEvent): PresetCase {
  const events = pc.events.map(change);
  return { ...pc, events, state: projectCase(events)! };
}

describe("printed words of the case's own preset (issue 16)", () => {
  it('S2-5 S10-18 the callback record and the archive print a callback by visiting as 上门, not 来访', async () => {
    const pc = withEvents(realisticCase(preset('s2-construction-site')), (e) =>
      e.type === 'case.callback_done' ? { ...e, payload: { ...e.payload, method: 'visit' } } : e,
    );
    const callback = await render('callback', caseData(pc), 'words-s2-callback-visit');
    expect(callback.flat).toContain('回访方式上门');
    expect(callback.flat).not.toContain('来访');
    const archive = await render('archive', caseData(pc), 'words-s2-archive-visit');
    expect(archive.flat).toContain('上门回访');
    expect(archive.flat).not.toContain('来访回访');
  });

  it("S11 S8-1 接待点 prints the preset's only reception point on the registration form and the archive, even when the case did not record it", async () => {
    for (const id of ['s11-office-reception', 's8-office-intake', 's10-property-service']) {
      const pc = realisticCase(preset(id), { minimal: true });
      expect(pc.state.receptionPoint, id).toBeUndefined();
      const [point] = policyFor(preset(id)).receptionPoints;
      const registration = await render('registration', caseData(pc), `words-${id}-registration-point`);
      expect(registration.flat, id).toContain(`接待点${point}`);
      const archive = await render('archive', caseData(pc), `words-${id}-archive-point`);
      expect(archive.flat, id).toContain(`接待点${point}`);
    }
  });

  it('a preset with several reception points prints the one recorded; a policy with none prints no 接待点 row', async () => {
    const s2 = realisticCase(preset('s2-construction-site'));
    const recorded = await render('registration', caseData(s2), 'words-s2-registration-point');
    expect(recorded.flat).toContain(`接待点${s2.state.receptionPoint}`);
    const none = { ...s2, policy: { ...s2.policy, receptionPoints: [] }, state: { ...s2.state, receptionPoint: undefined } };
    const registration = await render('registration', caseData(none), 'words-no-points-registration');
    expect(registration.flat).not.toContain('接待点');
    expect(registration.flat).toContain('受理渠道');
    const archive = await render('archive', caseData(none), 'words-no-points-archive');
    expect(archive.flat).not.toContain('接待点');
    expect(archive.flat).toContain('首问接待人');
  });

  // Issue 11: a hazard report (S1) called the reporter 投诉人 on screen and 举报人 on paper. For every kind of
  // every preset, the word the intake and the case page show (their zh-CN messages, filled as the screens
  // fill them) is the one the registration form prints beside the name. The fire-brigade e2e
  // (test/e2e/person-word.test.ts) reads the same from the screens and the printed PDF.
  for (const p of PRESETS) {
    it(`${p.id}: the person who brings a case has the same word at intake, on the case page and on the registration form`, async () => {
      for (const kind of policyFor(p).kinds) {
        const pc = realisticCase(p, { kind: kind.code });
        const person = personWordOf(pc.policy, kind.code);
        const atIntake = t('intake.complainant', { person }, 'zh-CN');
        expect(t('case.complainant', { person }, 'zh-CN'), kind.name).toBe(atIntake);
        const r = await render('registration', caseData(pc), `words-${p.id}-${kind.code}-person`);
        // The name row: the word, then the name (masked when confidential: 黄＊＊).
        expect(r.flat, `${p.id} ${kind.name}`).toContain(`${atIntake}${[...pc.complainantName][0]}`);
      }
    });
  }
});
