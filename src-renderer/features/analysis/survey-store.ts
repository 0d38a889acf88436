import { useEffect, useState } from 'react';
import { siteSurveySchema, surveyEntityId, surveySchema, type SiteSurvey, type Survey } from '../../../src-shared/analytics/survey';
import type { DeskDatabase } from '../../data/database';
import { configId, putConfig, type DeskIdentity, type WriteResult } from '../../data/config';
import { useDesk } from '../../data/desk-context';
import { migrateLocalDocument } from './local-migration';

// S10-14 the yearly survey's tallies: one `survey` config document per site and year (why per site:
// siteSurveySchema), written through putConfig like every config document, so it replicates to the
// organisation's other desks and counts as pending until the server has it.
//
// Conflicts: a survey is one whole document with a revision. Edited on two desks offline, both save the
// next revision; when they reconnect the server keeps the later of the two by (revision, save time) and
// hands it to the other desk, whose tallies are then replaced — last writer wins, as for every config
// document (server sync/config-store.ts). Tallies are totals of paper forms, so the desk that lost re-enters
// its count on top of what it now shows.

type SurveySite = Pick<DeskIdentity, 'orgId' | 'siteId'>;

/** Where the survey of a year lived before it was shared: a local document of the desk. */
export const legacySurveyKey = (year: number) => `survey-${year}`;

const surveyDocId = (site: SurveySite, year: number) => configId('survey', surveyEntityId(site.siteId, year));

function fromDoc(data: unknown): SiteSurvey | undefined {
  const parsed = siteSurveySchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Carries a survey this desk kept locally into the shared document. When the site already has one (another
 * desk carried its own over first) the shared one stands and the local one is left untouched, not destroyed.
 */
async function migrateLocalSurvey(db: DeskDatabase, site: SurveySite, year: number): Promise<void> {
  await migrateLocalDocument<{ survey?: unknown }>(db, legacySurveyKey(year), async (local) => {
    if (await db.config.findOne(surveyDocId(site, year)).exec()) return false;
    const old = surveySchema.safeParse(local.survey);
    if (!old.success) return true;
    const written = await writeSurvey(db, site, year, old.data);
    return written.ok;
  });
}

/** The site's survey of a year (carrying over a local one on first read). */
export async function readSurvey(db: DeskDatabase, site: SurveySite, year: number): Promise<SiteSurvey | undefined> {
  await migrateLocalSurvey(db, site, year);
  const doc = await db.config.findOne(surveyDocId(site, year)).exec();
  return doc ? fromDoc(doc.toJSON().data) : undefined;
}

/** Validates and saves the site's survey of a year (the next revision of its document). */
export async function writeSurvey(
  db: DeskDatabase,
  site: SurveySite,
  year: number,
  survey: Pick<Survey, 'title' | 'tallies'>,
  enteredBy?: string,
): Promise<WriteResult<SiteSurvey>> {
  return putConfig(db, 'survey', {
    id: surveyEntityId(site.siteId, year),
    orgId: site.orgId,
    siteId: site.siteId,
    year,
    title: survey.title,
    tallies: survey.tallies,
    ...(enteredBy ? { enteredBy } : {}),
  });
}

/** This desk's site's survey of a year, live: a save on another desk shows once it has synced. */
export function useSurvey(year: number): SiteSurvey | undefined {
  const { db, identity } = useDesk();
  const [survey, setSurvey] = useState<SiteSurvey | undefined>(undefined);
  const orgId = identity?.orgId;
  const siteId = identity?.siteId;
  useEffect(() => {
    setSurvey(undefined);
    if (!orgId || !siteId) return;
    const site = { orgId, siteId };
    let stopped = false;
    let sub: { unsubscribe(): void } | undefined;
    void migrateLocalSurvey(db, site, year)
      .catch(() => undefined)
      .then(() => {
        if (stopped) return;
        sub = db.config.findOne(surveyDocId(site, year)).$.subscribe((doc) => setSurvey(doc ? fromDoc(doc.toJSON().data) : undefined));
      });
    return () => {
      stopped = true;
      sub?.unsubscribe();
    };
  }, [db, orgId, siteId, year]);
  return survey;
}
