import type { z } from 'zod';
import type { ConfigDoc, ConfigKind } from './contract';
import { deskSchema, organisationSchema, siteSchema, staffSchema } from '../domain/org';
import { policySchema } from '../domain/policy';
import { siteSurveySchema } from '../analytics/survey';
import { dutyMarkSchema } from '../analytics/duties';

// The schema of each config document kind's `data`: the desk validates with it before it writes
// (data/config.ts putConfig) and the server before it stores a push (server sync/validate.ts).

export const CONFIG_DATA_SCHEMAS = {
  organisation: organisationSchema,
  site: siteSchema,
  desk: deskSchema,
  staff: staffSchema,
  policy: policySchema,
  survey: siteSurveySchema,
  duty: dutyMarkSchema,
} as const satisfies Record<ConfigKind, z.ZodType>;

/** Kinds whose document id is made from their data alone, so an id that disagrees with the data is refused. */
const ID_FROM_DATA: ReadonlySet<ConfigKind> = new Set(['survey', 'duty']);

/** False when a survey or duty mark is filed under an id other than `${kind}:${data.id}`. */
export function configIdMatchesData(doc: Pick<ConfigDoc, 'id' | 'kind' | 'data'>): boolean {
  return !ID_FROM_DATA.has(doc.kind) || doc.id === `${doc.kind}:${String(doc.data.id)}`;
}
