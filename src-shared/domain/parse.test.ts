import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEvent } from './parse';
import { projectCase } from './projection';
import { LIMITS } from './limits';
import type { CaseEvent } from './events';
import { T0, makeEvent, makeRegistration } from './projection.fixtures';

// Issue 2: malformed events — random and hand-made — are refused with a clear error naming the field
// and never reach a projection.

const good = makeEvent('case.note', { text: '正常的记录' }, T0 + 60_000);
const raw = (): Record<string, unknown> => JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
const withPayload = (payload: unknown) => ({ ...raw(), payload });

function refused(input: unknown) {
  const r = parseEvent(input);
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('accepted');
  for (const e of r.errors) {
    expect(e.message['zh-CN'].length).toBeGreaterThan(3);
    expect(e.message.en.length).toBeGreaterThan(3);
  }
  return r.errors;
}

describe('parseEvent refuses malformed events with a clear error', () => {
  it('accepts a well-formed event unchanged', () => {
    const r = parseEvent(raw());
    expect(r).toEqual({ ok: true, value: good });
  });

  it('wrong type of a field', () => {
    const errors = refused({ ...raw(), at: '2026-11-27' });
    expect(errors[0]).toMatchObject({ path: 'at', code: 'type' });
    expect(errors[0]!.message['zh-CN']).toBe('「at」的类型不对，请检查后重新填写。');
    expect(refused(withPayload({ text: 42 }))[0]).toMatchObject({ path: 'payload.text', code: 'type' });
  });

  it('missing fields', () => {
    const { caseId: _omit, ...noCase } = raw();
    expect(refused(noCase)[0]).toMatchObject({ path: 'caseId', code: 'required' });
    expect(refused(withPayload({}))[0]).toMatchObject({ path: 'payload.text', code: 'required' });
    expect(refused(withPayload({ text: '   ' }))[0]).toMatchObject({ path: 'payload.text', code: 'required' });
  });

  it('extra fields, in the envelope and in the payload, including __proto__', () => {
    const envelope = refused({ ...raw(), admin: true });
    expect(envelope[0]).toMatchObject({ path: '(root)', code: 'unknownKey' });
    expect(envelope[0]!.message['zh-CN']).toContain('admin');
    expect(refused(withPayload({ text: 'x', extra: 1 }))[0]).toMatchObject({ path: 'payload', code: 'unknownKey' });
    const proto = JSON.parse(`{"text":"x","__proto__":{"polluted":true}}`) as unknown;
    expect(refused(withPayload(proto))[0]!.code).toBe('unknownKey');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('oversize text and oversize documents', () => {
    expect(refused(withPayload({ text: 'x'.repeat(LIMITS.text + 1) }))[0]).toMatchObject({ path: 'payload.text', code: 'tooBig' });
    const reg = JSON.parse(JSON.stringify(makeRegistration(T0))) as { payload: Record<string, unknown> };
    reg.payload.subject = '长'.repeat(LIMITS.shortText + 1);
    const errors = refused(reg);
    expect(errors[0]).toMatchObject({ path: 'payload.subject', code: 'tooBig' });
    expect(errors[0]!.message['zh-CN']).toContain('最多 200');
    expect(refused(withPayload({ text: 'x'.repeat(LIMITS.eventBytes) }))[0]!.code).toBe('eventTooLarge');
  });

  it('unknown event type', () => {
    const errors = refused({ ...raw(), type: 'case.deleted' });
    expect(errors[0]).toMatchObject({ path: 'type', code: 'eventType' });
    expect(errors[0]!.message['zh-CN']).toContain('不是已知的事件类型');
  });

  it('impossible timestamps: before 2000, after 2200, fractional, NaN, Infinity', () => {
    for (const at of [0, -1, 946_684_799_999, 7_258_118_400_001, T0 + 0.5]) {
      expect(refused({ ...raw(), at })[0]!.path).toBe('at');
    }
    for (const at of [Number.NaN, Number.POSITIVE_INFINITY]) expect(refused({ ...raw(), at })[0]!.path).toBe('at');
    const reg = JSON.parse(JSON.stringify(makeRegistration(T0))) as { payload: Record<string, unknown> };
    reg.payload.receivedAt = 1e20;
    expect(refused(reg)[0]!.path).toBe('payload.receivedAt');
  });

  it('bad identifiers, case numbers and version', () => {
    expect(refused({ ...raw(), id: 'not-a-ulid' })[0]).toMatchObject({ path: 'id', code: 'format' });
    expect(refused({ ...raw(), caseId: 'a b' })[0]).toMatchObject({ path: 'caseId', code: 'id.chars' });
    expect(refused({ ...raw(), v: 2 })[0]).toMatchObject({ path: 'v', code: 'value' });
    const reg = JSON.parse(JSON.stringify(makeRegistration(T0))) as { payload: Record<string, unknown> };
    reg.payload.number = 'HZ01-2026-1';
    expect(refused(reg)[0]).toMatchObject({ path: 'payload.number', code: 'case.number' });
  });

  it('things that are not objects at all, and cyclic objects', () => {
    for (const x of [null, undefined, 0, 'case.note', [], [raw()], true]) refused(x);
    const cyclic: Record<string, unknown> = raw();
    cyclic.self = cyclic;
    expect(refused(cyclic)[0]!.code).toBe('eventTooLarge');
  });

  it('property: random input never throws and is never accepted', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), (x) => {
        const r = parseEvent(x);
        return !r.ok && r.errors.length > 0 && r.errors.every((e) => e.path.length > 0 && e.message['zh-CN'].length > 0);
      }),
      { numRuns: 300 },
    );
  });

  it('property: a valid event with one field replaced by junk is refused or still a valid event, never a throw', () => {
    const reg = JSON.parse(JSON.stringify(makeRegistration(T0))) as Record<string, unknown>;
    const keys = [...Object.keys(reg), ...Object.keys(reg.payload as object).map((k) => `payload.${k}`)];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.anything(), (key, junk) => {
        const doc = JSON.parse(JSON.stringify(reg)) as Record<string, Record<string, unknown>>;
        if (key.startsWith('payload.')) doc.payload![key.slice(8)] = junk;
        else (doc as Record<string, unknown>)[key] = junk;
        const r = parseEvent(doc);
        if (r.ok) expect(parseEvent(JSON.parse(JSON.stringify(r.value))).ok).toBe(true);
        else expect(r.errors[0]!.path === '(root)' || keys.some((k) => r.errors[0]!.path.startsWith(k))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('malformed input never reaches a projection: only parsed events are folded', () => {
    const reg = makeRegistration(T0);
    const inputs: unknown[] = [
      JSON.parse(JSON.stringify(reg)),
      { ...raw(), type: 'case.closed', payload: { note: 'x'.repeat(LIMITS.text + 1) } },
      { ...raw(), type: 'case.rejected', payload: { reasonCode: 'court' } },
      { ...raw(), at: 1, type: 'case.closed', payload: {} },
      JSON.parse(JSON.stringify(good)),
    ];
    const accepted: CaseEvent[] = [];
    const refusedCount = inputs.filter((x) => {
      const r = parseEvent(x);
      if (r.ok) accepted.push(r.value);
      return !r.ok;
    }).length;
    expect(refusedCount).toBe(3);
    const s = projectCase(accepted)!;
    expect(s.status).toBe('registered');
    expect(s.notes.map((n) => n.text)).toEqual(['正常的记录']);
  });
});
