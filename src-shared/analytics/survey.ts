import { z } from 'zod';
import { idString } from '../domain/limits';

// S10-14: at least one survey a year of owners' opinions on each service item (power, water, fire safety,
// security, cleaning). A survey is entered as tallies per item; its summary sits beside the complaint
// statistics so the weakest items lead the improvement plan and the callbacks that follow.

export const DEFAULT_SURVEY_ITEMS = ['供电', '供水', '消防安全', '治安', '清洁'] as const;

export const surveyTallySchema = z
  .strictObject({
    item: z.string().trim().min(1).max(50),
    respondents: z.number().int().min(0).max(1_000_000),
    satisfied: z.number().int().min(0).max(1_000_000),
    /** Sum of 1–5 scores, when the form asked for a score. */
    scoreSum: z.number().min(0).max(5_000_000).optional(),
  })
  .refine((t) => t.satisfied <= t.respondents, { message: 'survey.satisfiedTooMany', path: ['satisfied'] })
  .refine((t) => t.scoreSum === undefined || t.scoreSum <= t.respondents * 5, { message: 'survey.scoreTooHigh', path: ['scoreSum'] });

export const surveySchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/),
  year: z.number().int().min(2000).max(2200),
  title: z.string().trim().min(1).max(200),
  tallies: z.array(surveyTallySchema).min(1).max(30),
});
export type Survey = z.infer<typeof surveySchema>;

/**
 * The survey as the organisation shares it: a `survey` config document, one per site and year.
 * Per site, not per organisation: S10-14 (第10篇 二.2) has the property service department survey "业主对
 * 各个服务项目" — the owners it serves, on the power, water, fire safety and cleaning of their own estate — so
 * two sites of one organisation run two surveys with different owners, items and results. Every desk of the
 * site sees and edits the same one; a desk of another site keeps its own.
 */
export const siteSurveySchema = surveySchema
  .extend({
    id: z.string().max(140),
    orgId: idString,
    siteId: idString,
    /** The staff member who last saved the tallies. */
    enteredBy: idString.optional(),
  })
  .refine((s) => s.id === surveyEntityId(s.siteId, s.year), { message: 'config.idMismatch', path: ['id'] });
export type SiteSurvey = z.infer<typeof siteSurveySchema>;

/** The survey's entity id; its config document is `survey:${siteId}:${year}`. */
export const surveyEntityId = (siteId: string, year: number) => `${siteId}:${year}`;

export interface SurveyItemResult {
  item: string;
  respondents: number;
  satisfiedRate: number | null;
  meanScore: number | null;
}

/** Per item, weakest first: what the improvement plan should start with. */
export function surveySummary(survey: Survey): SurveyItemResult[] {
  return survey.tallies
    .map((t) => ({
      item: t.item,
      respondents: t.respondents,
      satisfiedRate: t.respondents ? t.satisfied / t.respondents : null,
      meanScore: t.respondents && t.scoreSum !== undefined ? t.scoreSum / t.respondents : null,
    }))
    .sort((a, b) => (a.satisfiedRate ?? 2) - (b.satisfiedRate ?? 2) || a.item.localeCompare(b.item));
}
