import { parseEvent, fieldErrorsOf, type FieldError } from '../../src-shared/domain/parse';
import type { CaseEvent } from '../../src-shared/domain/events';
import { configDocSchema, type ConfigDoc } from '../../src-shared/sync/contract';
import { CONFIG_DATA_SCHEMAS, configIdMatchesData } from '../../src-shared/sync/config-kinds';
import { messageFor, type MessageCode } from '../../src-shared/i18n/validation';
import { canonicalForm, canonicalJson } from './canonical';
import { siteVisible, type DeskScope } from './scope';

// Push validation: every row is checked with the shared zod schemas before anything is stored; one bad
// row refuses the whole batch (a clear 400 listing rows and fields), so a push is all-or-nothing.

export interface RowError {
  index: number;
  id?: string;
  errors: FieldError[];
}

export type RowCheck<T> = { ok: true; docs: T[] } | { ok: false; errors: RowError[]; forbidden: boolean };

export interface CheckedEvent {
  event: CaseEvent;
  /** Canonical JSON of the event as pushed (without `_deleted`): what is stored and compared. */
  canonical: string;
  /** JSON.parse(canonical), kept from serialising it: the event as a read of the stored text gives it (never modified). */
  json: Record<string, unknown>;
}

export interface CheckedConfig {
  doc: ConfigDoc;
  canonical: string;
  /** Canonical JSON of the assumed master state; null when the desk assumed none, '' when unreadable. */
  assumedCanonical: string | null;
}

const MAX_LISTED = 20;

function fieldError(path: string, code: MessageCode): FieldError {
  return { path, code, message: messageFor(code, path) };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function rowDoc(row: unknown): { doc?: Record<string, unknown>; assumed?: unknown; error?: FieldError } {
  if (!isPlainObject(row)) return { error: fieldError('(row)', 'type') };
  for (const key of Object.keys(row)) {
    if (key !== 'newDocumentState' && key !== 'assumedMasterState') return { error: fieldError(key, 'unknownKey') };
  }
  const doc = row.newDocumentState;
  if (!isPlainObject(doc)) return { error: fieldError('newDocumentState', doc === undefined ? 'required' : 'type') };
  return { doc, assumed: row.assumedMasterState };
}

/** Canonical JSON of a pushed document and its parsed form, or null when it cannot be serialised (nesting too deep for the stack). */
function canonicalOrNull(doc: Record<string, unknown>): { text: string; parsed: Record<string, unknown> } | null {
  try {
    return canonicalForm(doc) as { text: string; parsed: Record<string, unknown> };
  } catch {
    return null;
  }
}

export function checkEventRows(rows: readonly unknown[], scope: DeskScope): RowCheck<CheckedEvent> {
  const errors: RowError[] = [];
  const docs: CheckedEvent[] = [];
  let forbidden = false;
  rows.forEach((row, index) => {
    if (errors.length >= MAX_LISTED) return;
    const { doc, error } = rowDoc(row);
    if (!doc) return void errors.push({ index, errors: [error!] });
    const { _deleted: deleted, ...event } = doc;
    const id = typeof event.id === 'string' ? event.id.slice(0, 64) : undefined;
    // Events are append-only: a deletion is never accepted.
    if (deleted !== undefined && deleted !== false) return void errors.push({ index, id, errors: [fieldError('_deleted', 'value')] });
    // Serialised once: the canonical text is what is stored and compared, and its length (the same as
    // JSON.stringify's: only the key order differs) is the size parseEvent checks before the schema.
    const form = canonicalOrNull(event);
    if (form === null) return void errors.push({ index, id, errors: [fieldError('(root)', 'eventTooLarge')] });
    const canonical = form.text;
    const parsed = parseEvent(event, canonical.length);
    if (!parsed.ok) return void errors.push({ index, id, errors: parsed.errors });
    if (parsed.value.orgId !== scope.orgId || !siteVisible(scope, parsed.value.siteId)) {
      forbidden = true;
      return void errors.push({ index, id, errors: [fieldError(parsed.value.orgId !== scope.orgId ? 'orgId' : 'siteId', 'value')] });
    }
    docs.push({ event: parsed.value, canonical, json: form.parsed });
  });
  return errors.length ? { ok: false, errors, forbidden } : { ok: true, docs };
}

/** The data's own organisation, where its schema carries one. */
function dataOrg(doc: ConfigDoc): string | undefined {
  if (doc.kind === 'organisation') return typeof doc.data.id === 'string' ? doc.data.id : undefined;
  if (doc.kind === 'policy') return undefined;
  return typeof doc.data.orgId === 'string' ? doc.data.orgId : undefined;
}

function checkConfigDoc(input: unknown, scope: DeskScope): { doc?: ConfigDoc; errors?: FieldError[]; forbidden?: boolean } {
  const tooBig = (() => {
    try {
      return JSON.stringify(input).length > 1_000_000;
    } catch {
      return true;
    }
  })();
  if (tooBig) return { errors: [fieldError('(root)', 'eventTooLarge')] };
  const parsed = configDocSchema.safeParse(input);
  if (!parsed.success) return { errors: fieldErrorsOf(parsed.error) };
  const doc = parsed.data;
  if (!doc.id.startsWith(`${doc.kind}:`)) return { errors: [fieldError('id', 'format')] };
  const data = CONFIG_DATA_SCHEMAS[doc.kind].safeParse(doc.data);
  if (!data.success) return { errors: fieldErrorsOf(data.error).map((e) => ({ ...e, path: `data.${e.path}` })) };
  if (!configIdMatchesData(doc)) return { errors: [fieldError('id', 'config.idMismatch')] };
  const owner = dataOrg(doc);
  if (doc.orgId !== scope.orgId || (owner !== undefined && owner !== scope.orgId)) {
    return { errors: [fieldError('orgId', 'value')], forbidden: true };
  }
  // A site's survey is written by that site's desks (or an organisation-wide one), like its events.
  if (doc.kind === 'survey' && !siteVisible(scope, String(doc.data.siteId))) return { errors: [fieldError('data.siteId', 'value')], forbidden: true };
  return { doc };
}

export function checkConfigRows(rows: readonly unknown[], scope: DeskScope): RowCheck<CheckedConfig> {
  const errors: RowError[] = [];
  const docs: CheckedConfig[] = [];
  let forbidden = false;
  rows.forEach((row, index) => {
    if (errors.length >= MAX_LISTED) return;
    const { doc, assumed, error } = rowDoc(row);
    if (!doc) return void errors.push({ index, errors: [error!] });
    const id = typeof doc.id === 'string' ? doc.id.slice(0, 140) : undefined;
    const checked = checkConfigDoc(doc, scope);
    if (!checked.doc) {
      forbidden ||= checked.forbidden === true;
      return void errors.push({ index, id, errors: checked.errors ?? [] });
    }
    // The assumed master is only compared, never stored; an unparseable one simply never matches.
    const assumedDoc = assumed == null ? null : configDocSchema.safeParse(assumed);
    docs.push({
      doc: checked.doc,
      canonical: canonicalJson(checked.doc),
      assumedCanonical: assumedDoc === null ? null : assumedDoc.success ? canonicalJson(assumedDoc.data) : '',
    });
  });
  return errors.length ? { ok: false, errors, forbidden } : { ok: true, docs };
}
