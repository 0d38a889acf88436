// Sign-in lock-out (issue 10 item 3): after a few wrong PINs a staff member's sign-in is locked for a
// delay that doubles with every further wrong attempt. Kept in the page's localStorage, so a reload, a new
// window or a restart of the desk does not reset it; a correct PIN after the delay clears it.
// The wrong attempts count against the credential they were tried on: when an administrator gives the person
// a new PIN or passphrase (重设登录凭据, data/staff-credentials.ts — at this desk or at another, once the new
// verifier arrives), the old credential's lock-out no longer applies and they sign in with the new one at
// once. Only an administrator's passphrase can change a verifier, so a guesser gains nothing from this.
// A 4-digit PIN has 10,000 values: with 3 free tries and doubling delays from 30 s (capped at an hour),
// trying them all at the desk takes months (docs/user-guide.zh-CN.md "被盗的电脑").

export const FREE_ATTEMPTS = 3;
export const FIRST_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 60 * 60_000;

const KEY = 'jiesu.signin-failures';

export interface Failures {
  count: number;
  /** When the last wrong attempt was made (ms since epoch). */
  lastAt: number;
  /** Which credential they were tried on: its verifier's salt (public, unique per verifier); absent in records written before. */
  verifier?: string;
}

/** Who is signing in: their id and the verifier their secret is checked against. */
export type SignInTarget = { id: string; pinHash: string };

/** The tag of a verifier (`<scheme>$<salt>$<hash>`, src-shared/credentials.ts): its salt, new with every credential. */
function verifierTag(pinHash: string): string {
  return pinHash.split('$')[1] ?? '';
}

/** The failures that count against this person's current credential. */
function current(table: Table, who: SignInTarget): Failures | undefined {
  const f = table[who.id];
  return f && (f.verifier === undefined || f.verifier === verifierTag(who.pinHash)) ? f : undefined;
}

/** How long sign-in stays locked after `count` wrong attempts (0 while attempts are still free). */
export function delayAfter(count: number): number {
  if (count < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (count - FREE_ATTEMPTS));
}

/** The time until which sign-in is locked, or undefined when it is open. */
export function lockedUntil(f: Failures | undefined, now: number): number | undefined {
  if (!f) return undefined;
  const until = f.lastAt + delayAfter(f.count);
  return until > now ? until : undefined;
}

type Table = Record<string, Failures>;

function read(storage: Storage | undefined): Table {
  try {
    const raw: unknown = JSON.parse(storage?.getItem(KEY) ?? '{}');
    if (!raw || typeof raw !== 'object') return {};
    const out: Table = {};
    for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
      const f = v as Partial<Failures>;
      if (Number.isInteger(f.count) && Number.isFinite(f.lastAt))
        out[id] = { count: f.count!, lastAt: f.lastAt!, ...(typeof f.verifier === 'string' ? { verifier: f.verifier } : {}) };
    }
    return out;
  } catch {
    return {};
  }
}

function write(storage: Storage | undefined, table: Table): void {
  try {
    storage?.setItem(KEY, JSON.stringify(table));
  } catch {
    // Storage full or unavailable: the lock-out then lasts until the page reloads.
  }
}

/** The sign-in attempts record of this desk (the page's localStorage unless a test gives another). */
export function signInAttempts(storage: Storage | undefined = globalThis.localStorage) {
  return {
    lockedUntil(who: SignInTarget, now: number): number | undefined {
      return lockedUntil(current(read(storage), who), now);
    },
    /** Records a wrong attempt; returns when sign-in opens again (undefined: still free attempts). */
    failed(who: SignInTarget, now: number): number | undefined {
      const table = read(storage);
      const f: Failures = { count: (current(table, who)?.count ?? 0) + 1, lastAt: now, verifier: verifierTag(who.pinHash) };
      table[who.id] = f;
      write(storage, table);
      return lockedUntil(f, now);
    },
    succeeded(who: SignInTarget): void {
      const table = read(storage);
      if (!(who.id in table)) return;
      delete table[who.id];
      write(storage, table);
    },
  };
}
