import type { BrowserContext } from 'playwright-core';

// A fixed clock for the desk's pages that moves Date only (new Date(), Date.now(), dayjs()): time runs on
// from the time set, or stands still when frozen; timers and animation frames stay the browser's own.
//
// Why not Playwright's context.clock: it also fakes setTimeout, setInterval and requestAnimationFrame, and
// when the page falls behind (a CI machine running several browsers on two cores) it replays every tick
// it missed — each second's ticker re-render, each animation frame — one task after another. The replay
// makes the page slower, which makes it miss more: under a 4× CPU slow-down a case action's dialog took
// 3–15 s to save and antd's opening animation stuck in its first step, where the browser's own clock
// took under a second (CI failed walk-s10 and walk-s11 on "the dialog did not close" this way).

interface ClockState {
  /** The page's time at `anchor`. */
  base: number;
  /** The real time (ms since 1970, this machine's clock, shared by the test and its browser) `base` was set at. */
  anchor: number;
  frozen: boolean;
}

/** Runs in the page, before its own scripts: patches Date once, and later calls only move the time. */
function installInPage(s: ClockState): void {
  const g = globalThis as unknown as { __deskClock?: ClockState; Date: DateConstructor };
  const first = !g.__deskClock;
  g.__deskClock = s;
  if (!first) return;
  const Real = g.Date;
  const realNow = Real.now.bind(Real);
  const now = (): number => {
    const c = g.__deskClock!;
    return c.frozen ? c.base : c.base + (realNow() - c.anchor);
  };
  function ClockDate(this: unknown, ...args: unknown[]): Date | string {
    // Date() called without new gives a string, as the real one does.
    if (!new.target) return new Real(now()).toString();
    return args.length === 0 ? new Real(now()) : new Real(...(args as [number]));
  }
  ClockDate.prototype = Real.prototype;
  ClockDate.now = now;
  ClockDate.parse = Real.parse;
  ClockDate.UTC = Real.UTC;
  Object.defineProperty(ClockDate, 'name', { value: 'Date' });
  g.Date = ClockDate as unknown as DateConstructor;
}

const states = new WeakMap<BrowserContext, ClockState>();

async function apply(context: BrowserContext, s: ClockState): Promise<void> {
  states.set(context, s);
  // For pages opened or reloaded from now on (init scripts run in the order added: the last one's time wins)…
  await context.addInitScript(installInPage, s);
  // …and for the pages open now.
  await Promise.all(context.pages().map((p) => p.evaluate(installInPage, s).catch(() => undefined)));
}

function parseDuration(by: number | string): number {
  if (typeof by === 'number') return by;
  const parts = by.split(':').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) throw new Error(`duration "${by}" is not hh:mm:ss`);
  return ((parts[0]! * 60 + parts[1]!) * 60 + parts[2]!) * 1000;
}

export interface PageClock {
  /** The pages' time is `at` now, and runs on. */
  setSystemTime(at: number): Promise<void>;
  /** The pages' time stands at `at` until set again. */
  setFixedTime(at: number): Promise<void>;
  /** Moves the pages' time on by `by` (ms, or "hh:mm:ss"); the desk's one-second ticker sees it on its next tick. */
  fastForward(by: number | string): Promise<void>;
}

/** The clock of a browser context's pages (the real time until set). */
export function clockOf(context: BrowserContext): PageClock {
  const current = (): number => {
    const s = states.get(context);
    if (!s) return Date.now();
    return s.frozen ? s.base : s.base + (Date.now() - s.anchor);
  };
  return {
    setSystemTime: (at) => apply(context, { base: at, anchor: Date.now(), frozen: false }),
    setFixedTime: (at) => apply(context, { base: at, anchor: Date.now(), frozen: true }),
    fastForward: (by) => {
      const frozen = states.get(context)?.frozen ?? false;
      return apply(context, { base: current() + parseDuration(by), anchor: Date.now(), frozen });
    },
  };
}
