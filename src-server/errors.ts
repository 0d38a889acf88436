import type { FieldError } from '../src-shared/domain/parse';
import { messageFor, type LocalisedMessage } from '../src-shared/i18n/validation';
import type { apiMessages } from '../src-shared/i18n/messages/api';

// Every error a desk or an administrator can meet, by its code; the sentences (zh-CN source and en, saying
// what to do next) are the catalogue's `api.*` (src-shared/i18n/messages/api.ts). Routes throw ApiError;
// the error handler (app.ts) turns it into the JSON body.

/** An error code of the API: the catalogue's `api.*` codes without their namespace. */
export type ErrorCode = keyof typeof apiMessages extends infer K ? (K extends `api.${infer C}` ? C : never) : never;

const messagesOf = (code: ErrorCode): LocalisedMessage => messageFor(`api.${code}`, '');

export interface ErrorBody {
  statusCode: number;
  error: ErrorCode;
  /** zh-CN sentence (the source language); `messages` carries every language. */
  message: string;
  messages: LocalisedMessage;
  /** Per-document field errors for refused pushes: which row, which field, what is wrong. */
  errors?: { index: number; id?: string; errors: FieldError[] }[];
}

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    readonly details?: ErrorBody['errors'],
  ) {
    super(messagesOf(code).en);
  }
}

export function errorBody(statusCode: number, code: ErrorCode, details?: ErrorBody['errors']): ErrorBody {
  const m = messagesOf(code);
  return { statusCode, error: code, message: m['zh-CN'], messages: m, ...(details ? { errors: details } : {}) };
}

/** JSON schema of every error response, for the OpenAPI document. */
export const errorResponseSchema = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { type: 'string' },
    messages: { type: 'object', additionalProperties: { type: 'string' } },
    errors: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
  required: ['statusCode', 'error', 'message'],
} as const;
