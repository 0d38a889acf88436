import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { DocumentId } from '../../../src-shared/bridge';
import type { DocumentInputs } from '../types';
import { buildArchive } from './archive';
import { buildCallback } from './callback';
import { buildDailyQuality } from './daily-quality';
import { buildNotice } from './notice';
import { buildRegistration } from './registration';
import { buildRegulation } from './regulation';
import { buildSummary } from './summary';

// Every printable document in one place: a pure function from data to a pdfmake definition.

export const BUILDERS: { [D in DocumentId]: (input: DocumentInputs[D]) => TDocumentDefinitions } = {
  registration: buildRegistration,
  notice: buildNotice,
  callback: buildCallback,
  archive: buildArchive,
  summary: buildSummary,
  daily_quality: buildDailyQuality,
  regulation: buildRegulation,
};

export function buildDocument<D extends DocumentId>(id: D, input: DocumentInputs[D]): TDocumentDefinitions {
  return BUILDERS[id](input);
}

export { buildArchive, buildCallback, buildDailyQuality, buildNotice, buildRegistration, buildRegulation, buildSummary };
