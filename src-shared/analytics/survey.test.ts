import { describe, expect, it } from 'vitest';
import { surveySchema, surveySummary } from './survey';

describe('S10-14 yearly satisfaction survey per service item', () => {
  it('S10-14 summarises each item, weakest first, and refuses impossible tallies', () => {
    const survey = surveySchema.parse({
      id: 'survey-2026',
      year: 2026,
      title: '2026年度业主满意度调查',
      tallies: [
        { item: '供电', respondents: 200, satisfied: 190, scoreSum: 900 },
        { item: '清洁', respondents: 200, satisfied: 150, scoreSum: 700 },
        { item: '治安', respondents: 0, satisfied: 0 },
      ],
    });
    expect(surveySummary(survey)).toEqual([
      { item: '清洁', respondents: 200, satisfiedRate: 0.75, meanScore: 3.5 },
      { item: '供电', respondents: 200, satisfiedRate: 0.95, meanScore: 4.5 },
      { item: '治安', respondents: 0, satisfiedRate: null, meanScore: null },
    ]);
    const bad = surveySchema.safeParse({ id: 's', year: 2026, title: 't', tallies: [{ item: '供水', respondents: 10, satisfied: 11 }] });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0]!.message).toBe('survey.satisfiedTooMany');
  });
});
