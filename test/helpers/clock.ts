// The one instant the tests call "now" (a Saturday afternoon in China, late in a month, before the
// year's end), so no test depends on the machine's date or time zone. Browser tests start the page clock
// here (test/helpers/browser.ts fixClock); Node tests pass it as the write context's `now`.
export const TEST_NOW = Date.parse('2026-11-28T15:00:00+08:00');

/** A clock that starts at TEST_NOW and moves only when the test says so. */
export function testClock(start: number = TEST_NOW): { now: () => number; advance: (ms: number) => number } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}
