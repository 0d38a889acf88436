import type { CaseEvent } from '../../src-shared/domain/events';

// Seeded hostile variants of a valid event: wrong types, oversized strings, deep nesting, prototype
// pollution keys, unknown keys, missing fields, foreign organisations. Each is either a document
// (sent as JSON) or raw JSON text (for keys JSON.stringify would not emit, like __proto__).

export type Hostile = { kind: string; doc: unknown } | { kind: string; raw: string };

const FIELDS = ['id', 'caseId', 'orgId', 'siteId', 'deskId', 'actorId', 'type', 'at', 'policyRevision', 'v', 'payload'] as const;
const STRING_FIELDS = new Set(['id', 'caseId', 'orgId', 'siteId', 'deskId', 'actorId', 'type']);
/** Wrong for a string field: other types, or strings outside the id alphabet. */
const NOT_AN_ID: unknown[] = [null, 0, -1, 1e308, true, [], {}, [1, 2], { $gt: '' }, '', 'DROP TABLE events;', '\u0000', '💥'.repeat(10), '../../etc/passwd'];
/** Wrong for a number or object field. */
const NOT_A_NUMBER: unknown[] = [null, '', '0', '1', true, [], {}, [1, 2], { $gt: '' }, 'NaN', -1, 1.5, 1e308];
const WRONG_VALUES: unknown[] = [...NOT_AN_ID, ...NOT_A_NUMBER];

/** Deeply nested JSON as text: serialising such a value in JS would itself overflow the stack. */
function deepJson(depth: number): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += i % 2 ? '[' : '{"nested":';
    close = (i % 2 ? ']' : '}') + close;
  }
  return `${open}"bottom"${close}`;
}

export function hostileVariant(rnd: () => number, valid: CaseEvent, foreignOrgId: string): Hostile {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const copy = structuredClone(valid) as unknown as Record<string, unknown>;
  const payload = copy.payload as Record<string, unknown>;
  switch (Math.floor(rnd() * 14)) {
    case 0: {
      const field = pick(FIELDS);
      copy[field] =
        field === 'payload'
          ? pick([null, 'x', 1, [], true])
          : pick(STRING_FIELDS.has(field) ? NOT_AN_ID : NOT_A_NUMBER.filter((v) => !(field === 'policyRevision' && v === 1)));
      return { kind: 'wrong type', doc: copy };
    }
    case 1:
      payload[pick(['subject', 'demand', 'number', 'kind'])] = 'x'.repeat(Math.floor(5_000 + rnd() * 500_000));
      return { kind: 'huge string', doc: copy };
    case 2:
      copy[pick(['id', 'caseId', 'actorId'])] = 'A'.repeat(65 + Math.floor(rnd() * 10_000));
      return { kind: 'huge id', doc: copy };
    case 3: {
      payload.description = '__DEEP__';
      return { kind: 'deep nesting', raw: JSON.stringify(copy).replace('"__DEEP__"', deepJson(50 + Math.floor(rnd() * 20_000))) };
    }
    case 4: {
      const json = JSON.stringify(copy);
      const where = pick(['root', 'payload']);
      const inject = '"__proto__":{"polluted":"yes","isAdmin":true},';
      return { kind: '__proto__', raw: where === 'root' ? `{${inject}${json.slice(1)}` : json.replace('"payload":{', `"payload":{${inject}`) };
    }
    case 5: {
      const json = JSON.stringify(copy);
      return { kind: 'constructor.prototype', raw: `{"constructor":{"prototype":{"polluted":"yes"}},${json.slice(1)}` };
    }
    case 6:
      (pick([copy, payload]) as Record<string, unknown>)[pick(['constructor', 'prototype', 'toString', 'hasOwnProperty', 'extra', '$where'])] = pick(
        WRONG_VALUES.concat(['x']),
      );
      return { kind: 'unknown key', doc: copy };
    case 7:
      delete copy[pick(FIELDS)];
      return { kind: 'missing field', doc: copy };
    case 8:
      copy.type = pick(['case.deleted', 'case.registered ', 'CASE.REGISTERED', '', 'case.__proto__', 'case.closed']);
      if (copy.type === 'case.closed') copy.payload = { note: 5 };
      return { kind: 'bad type', doc: copy };
    case 9:
      copy.at = pick([-1, 0, 1.5, 9e15, Number.MAX_SAFE_INTEGER, '2026-11-27T00:00:00Z']);
      return { kind: 'bad time', doc: copy };
    case 10:
      copy.orgId = foreignOrgId;
      return { kind: 'foreign organisation', doc: copy };
    case 11:
      copy._deleted = true;
      return { kind: 'deletion', doc: copy };
    case 12:
      return { kind: 'not an object', doc: pick([null, 42, 'event', [copy], true]) };
    default:
      copy.v = pick([0, 2, '1', 1.0000001]);
      return { kind: 'bad version', doc: copy };
  }
}
