import { describe, expect, it } from 'vitest';
import { presetById } from '../../../src-shared/presets';
import { policySchema } from '../../../src-shared/domain/policy';
import { ladderRoles, withAppliesKinds, withLadderRoles, LADDER_STEPS } from './section-values';

const property = policySchema.parse(presetById('s7-property')!.policy);
const majorReply = property.stages.find((s) => s.id === 'major_reply')!;

describe('escalation ladder as who is told when', () => {
  it('reads the roles told at start, warning and breach', () => {
    expect(ladderRoles(majorReply.ladder, 'start')).toEqual(['project_head', 'chief_butler', 'branch_gm']);
    expect(ladderRoles(majorReply.ladder, 'warning')).toEqual(['chief_butler']);
    expect(ladderRoles(majorReply.ladder, 'breach')).toEqual(['project_head', 'branch_gm']);
  });

  it('S0-2 writing back the roles it read gives every preset stage its ladder unchanged (the form and the JSON agree)', () => {
    for (const stage of property.stages) {
      let ladder = stage.ladder;
      for (const at of LADDER_STEPS) ladder = withLadderRoles(ladder, at, ladderRoles(ladder, at));
      expect(ladder).toEqual(stage.ladder);
    }
  });

  it('a step added at warning goes between start and breach; no roles removes the step', () => {
    const resolve = property.stages.find((s) => s.id === 'general_resolve')!;
    expect(resolve.ladder).toEqual([{ at: 'breach', notifyRoles: ['senior_butler'] }]);
    const added = withLadderRoles(withLadderRoles(resolve.ladder, 'warning', ['butler']), 'start', ['shift_leader']);
    expect(added).toEqual([
      { at: 'start', notifyRoles: ['shift_leader'] },
      { at: 'warning', notifyRoles: ['butler'] },
      { at: 'breach', notifyRoles: ['senior_butler'] },
    ]);
    expect(withLadderRoles(added, 'breach', [])).toEqual(added.slice(0, 2));
  });
});

describe('rule kinds', () => {
  it('X-4 no kinds picked means all kinds: the list is dropped, the other conditions stay', () => {
    expect(withAppliesKinds({ kinds: ['complaint'], severities: ['major'] }, [])).toEqual({ severities: ['major'] });
    expect(withAppliesKinds(undefined, ['complaint', 'opinion'])).toEqual({ kinds: ['complaint', 'opinion'] });
    expect(withAppliesKinds({ kinds: ['complaint'] }, ['opinion'])).toEqual({ kinds: ['opinion'] });
  });
});
