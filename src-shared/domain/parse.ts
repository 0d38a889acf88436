import type { z } from 'zod';
import { LIMITS } from './limits';
import { caseEventSchema, type CaseEvent } from './events';
import { messageFor, type LocalisedMessage, isMessageCode, type MessageCode } from '../i18n/validation';
import { registrationFieldLabel } from './intake';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `payload.complainant.name`. */
  path: string;
  /** Stable key for programs; `message` holds the sentence for people. */
  code: string;
  message: LocalisedMessage;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** A field's name in each language, for a path a person knows by another name. */
export type FieldLabeller = (path: string) => Record<'zh-CN' | 'en', string> | undefined;

/**
 * Turns zod issues into field errors with zh-CN and en sentences. Never throws. With `labelOf`, a field
 * it names is called by that name (a missing one as its form asks for it) instead of by its path.
 */
export function fieldErrorsOf(error: z.ZodError, labelOf?: FieldLabeller): FieldError[] {
  return error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.map(String).join('.') || '(root)';
    const code = issueCode(issue);
    const label = labelOf?.(path);
    if (!label) return { path, code, message: messageFor(code, path, issue) };
    const say = code === 'required' ? 'intake.required' : code;
    return { path, code, message: { 'zh-CN': messageFor(say, label['zh-CN'], issue)['zh-CN'], en: messageFor(say, label.en, issue).en } };
  });
}

function issueCode(issue: z.core.$ZodIssue): MessageCode {
  // Custom messages in schemas are message keys (e.g. 'required', 'case.number').
  if (issue.message && isMessageCode(issue.message) && issue.code !== 'invalid_type') {
    if (issue.code === 'custom' || issue.code === 'invalid_format' || issue.code === 'too_small') return issue.message;
  }
  switch (issue.code) {
    case 'invalid_type':
      return (issue as { input?: unknown }).input === undefined ? 'required' : 'type';
    case 'too_big':
      return 'tooBig';
    case 'too_small':
      return 'tooSmall';
    case 'unrecognized_keys':
      return 'unknownKey';
    case 'invalid_union':
      return 'eventType';
    case 'invalid_value':
      return 'value';
    case 'invalid_format':
      return 'format';
    default:
      return 'invalid';
  }
}

/** Rough serialised size without serialising huge or cyclic input twice. */
function tooLarge(input: unknown): boolean {
  try {
    return JSON.stringify(input).length > LIMITS.eventBytes;
  } catch {
    return true;
  }
}

/**
 * Validates an unknown value as a case event. Returns a typed event or errors naming field and problem.
 * `serialisedLength` is the length of the input's JSON text when the caller already has it (the server
 * serialises every pushed event anyway), so the size check need not serialise it a second time.
 */
export function parseEvent(input: unknown, serialisedLength?: number): ParseResult<CaseEvent> {
  if (serialisedLength === undefined ? tooLarge(input) : serialisedLength > LIMITS.eventBytes) {
    return { ok: false, errors: [{ path: '(root)', code: 'eventTooLarge', message: messageFor('eventTooLarge', '(root)') }] };
  }
  // reportInput lets fieldErrorsOf tell a missing field ("required") from a wrong type ("type").
  const result = caseEventSchema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, value: result.data as CaseEvent };
  // A registration's fields are named as its intake form names them: a desk that skipped its form (a
  // hostile or broken one, issue 10) is told 请填写「事由」, not a path.
  const registration = (input as { type?: unknown } | null)?.type === 'case.registered';
  return { ok: false, errors: fieldErrorsOf(result.error, registration ? registrationFieldLabel : undefined) };
}
