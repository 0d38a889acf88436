import { useEffect, useState } from 'react';
import { surveySchema, type Survey } from '../../../src-shared/analytics/survey';
import type { DeskDatabase } from '../../data/database';
import { useDesk } from '../../data/desk-context';

// The yearly survey's tallies live on the desk that runs the survey (an RxDB local document, not
// replicated): one document per year, validated on every read and write.

export const surveyKey = (year: number) => `survey-${year}`;

export async function readSurvey(db: DeskDatabase, year: number): Promise<Survey | undefined> {
  const doc = await db.getLocal<{ survey: Survey }>(surveyKey(year));
  const parsed = surveySchema.safeParse(doc?.get('survey'));
  return parsed.success ? parsed.data : undefined;
}

export async function writeSurvey(db: DeskDatabase, survey: Survey): Promise<void> {
  await db.upsertLocal(surveyKey(survey.year), { survey: surveySchema.parse(survey) });
}

/** The survey of a year; `version` re-reads it after a save. */
export function useSurvey(year: number, version = 0): Survey | undefined {
  const { db } = useDesk();
  const [survey, setSurvey] = useState<Survey | undefined>(undefined);
  useEffect(() => {
    let stale = false;
    void readSurvey(db, year).then((s) => {
      if (!stale) setSurvey(s);
    });
    return () => {
      stale = true;
    };
  }, [db, year, version]);
  return survey;
}
