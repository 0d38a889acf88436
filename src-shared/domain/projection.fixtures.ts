import type { z } from 'zod';
import { caseEventSchema, eventPayloads, type CaseEventOf, type EventType } from './events';

// Builders for valid events in tests and benchmarks (SLA, presets, server and UI tests use them too).
// Every event goes through the real schema, so a fixture can never be something a desk would refuse.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(n: number, width: number): string {
  let out = '';
  let v = Math.floor(Math.abs(n));
  for (let i = 0; i < width; i++) {
    out = CROCKFORD[v % 32]! + out;
    v = Math.floor(v / 32);
  }
  return out;
}

/** A deterministic, valid ULID whose time part is `at` and whose random part is `seq`. */
export function ulidAt(at: number, seq: number): string {
  return base32(at, 10) + base32(seq, 16);
}

export interface Envelope {
  caseId: string;
  orgId: string;
  siteId: string;
  deskId: string;
  actorId: string;
  policyRevision: number;
}

export const DEFAULT_ENVELOPE: Envelope = {
  caseId: 'case-1',
  orgId: 'org-1',
  siteId: 'site-1',
  deskId: 'desk-1',
  actorId: 'staff-1',
  policyRevision: 1,
};

/** 2026-11-27 09:00 Beijing time. */
export const T0 = Date.UTC(2026, 10, 27, 1, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

let counter = 0;

/**
 * Builds one parsed event. `id` defaults to a fresh ULID at `at`; pass `envelope` fields to override.
 * Throws on an invalid payload, which in a test is what you want.
 */
export function makeEvent<T extends EventType>(
  type: T,
  payload: z.input<(typeof eventPayloads)[T]>,
  at: number,
  envelope: Partial<Envelope> & { id?: string } = {},
): CaseEventOf<T> {
  const id = envelope.id ?? ulidAt(at, ++counter);
  const doc = { ...DEFAULT_ENVELOPE, ...envelope, id, at, type, payload, v: 1 };
  return caseEventSchema.parse(doc) as CaseEventOf<T>;
}

/** A minimal valid registration; override any payload field. */
export function makeRegistration(
  at: number,
  payload: Partial<z.input<(typeof eventPayloads)['case.registered']>> = {},
  envelope: Partial<Envelope> & { id?: string } = {},
): CaseEventOf<'case.registered'> {
  return makeEvent(
    'case.registered',
    {
      number: 'HZ01-20261127-001',
      kind: 'complaint',
      channel: 'phone',
      receivedAt: at,
      firstReceiverId: envelope.actorId ?? DEFAULT_ENVELOPE.actorId,
      complainant: { anonymous: false, confidential: false, name: '张三', phone: '13812345678' },
      subject: '楼上漏水',
      description: { text: '卫生间天花板漏水三天。' },
      ...payload,
    },
    at,
    envelope,
  );
}

/** A plain payload for the lifecycle events a test's case stories are made of (rejected, reopened, note; others empty). */
export function storyPayload(type: EventType): Record<string, string> {
  if (type === 'case.rejected') return { reasonCode: 'out_of_scope', explanation: '不属于受理范围' };
  if (type === 'case.reopened') return { reason: '业主不满意' };
  if (type === 'case.note') return { text: '已回访' };
  return {};
}
