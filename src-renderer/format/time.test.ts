import { afterEach, describe, expect, it } from 'vitest';
import { formatDateTime, fromLocalInput, setDisplayOffset, toLocalInput, zoneLabel } from './time';

// Times on screen are the organisation's wall clock whatever zone the machine is set to (issue 11 finding 11).

const CHINA_3PM = Date.parse('2026-11-28T15:00:00+08:00');

afterEach(() => setDisplayOffset(undefined));

describe('display time', () => {
  it('formats in the organisation’s offset, not the machine’s', () => {
    setDisplayOffset(480);
    expect(formatDateTime(CHINA_3PM)).toBe('2026-11-28 15:00:00');
    setDisplayOffset(-480);
    expect(formatDateTime(CHINA_3PM)).toBe('2026-11-27 23:00:00');
  });

  it('reads a datetime-local value as the organisation’s wall clock and round-trips it', () => {
    setDisplayOffset(480);
    expect(fromLocalInput('2026-11-28T15:00')).toBe(CHINA_3PM);
    expect(toLocalInput(CHINA_3PM)).toBe('2026-11-28T15:00');
    expect(fromLocalInput('2026-11-28T14:30:15')).toBe(CHINA_3PM - 29 * 60_000 - 45_000);
  });

  it('refuses what is not a datetime-local value (a six-digit year typed into the field)', () => {
    setDisplayOffset(480);
    expect(fromLocalInput('202612-12-02T10:00')).toBeUndefined();
    expect(fromLocalInput('')).toBeUndefined();
  });

  it('names the zone only where it differs from the machine’s', () => {
    const machine = -new Date(CHINA_3PM).getTimezoneOffset();
    setDisplayOffset(machine);
    expect(zoneLabel(CHINA_3PM)).toBeUndefined();
    setDisplayOffset(machine + 90);
    const h = Math.floor(Math.abs(machine + 90) / 60);
    const m = Math.abs(machine + 90) % 60;
    expect(zoneLabel(CHINA_3PM)).toBe(`UTC${machine + 90 < 0 ? '-' : '+'}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`);
    setDisplayOffset(undefined);
    expect(zoneLabel(CHINA_3PM)).toBeUndefined();
  });
});
