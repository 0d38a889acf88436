import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors';

// Failed attempts are limited per client address (issue 10 item 6): 150 wrong enrolment codes in
// 0.6 s were all answered. A key that failed `max` times within `windowMs` is refused (429, with
// Retry-After) until its window ends — valid attempts too, or guessing would simply go on.
// In memory and per instance, like @fastify/rate-limit's default store; written here rather than added
// as a dependency because only failures count (a desk that pulls all day is never limited), and a
// revoked desk's retries answer `tokenRevoked`, which is not guessing. Behind a reverse proxy every
// client shares the proxy's address unless Fastify's trustProxy is set (docs/operations.md).

export interface ThrottleLimits {
  /** Failed attempts allowed per address within the window. */
  max: number;
  windowMs: number;
}

/** Wrong enrolment codes per address: a code has ~60 bits, so 10 per 10 minutes ends brute force. */
export const ENROL_LIMITS: ThrottleLimits = { max: 10, windowMs: 10 * 60_000 };
/** Unknown or missing desk/admin tokens per address. */
export const AUTH_LIMITS: ThrottleLimits = { max: 30, windowMs: 60_000 };

/** Wrong administrator passphrases against one staff member (plugins/admin-session.ts; per address the
 * AUTH_LIMITS apply): a passphrase is checked online only, so 5 guesses per quarter hour make guessing hopeless. */
export const ADMIN_SIGNIN_LIMITS: ThrottleLimits = { max: 5, windowMs: 15 * 60_000 };

/** Entries kept before expired ones are swept, so a flood of addresses cannot grow memory for ever. */
const SWEEP_AT = 10_000;

export class Throttle {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limits: ThrottleLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  blockedFor(key: string): number {
    const f = this.failures.get(key);
    if (!f) return 0;
    const left = f.resetAt - this.now();
    if (left <= 0) {
      this.failures.delete(key);
      return 0;
    }
    return f.count >= this.limits.max ? left : 0;
  }

  fail(key: string): void {
    const now = this.now();
    const f = this.failures.get(key);
    if (f && f.resetAt > now) f.count++;
    else this.failures.set(key, { count: 1, resetAt: now + this.limits.windowMs });
    if (this.failures.size > SWEEP_AT) for (const [k, v] of this.failures) if (v.resetAt <= now) this.failures.delete(k);
  }

  /** A failure counted in advance (`reserve`) that turned out a success. */
  refund(key: string): void {
    const f = this.failures.get(key);
    if (f && f.count > 0) f.count--;
  }

  /**
   * Refuses a throttled request with 429 and Retry-After (seconds). With `reserve`, the attempt counts
   * as a failure at once (refund it on success): concurrent attempts then cannot all slip past the
   * check while the first ones are still being judged. `key` counts something else than the address
   * (e.g. the staff member an administrator sign-in names).
   */
  check(request: FastifyRequest, reply: FastifyReply, opts: { reserve?: boolean; key?: string } = {}): void {
    const key = opts.key ?? request.ip;
    const wait = this.blockedFor(key);
    if (wait <= 0) {
      if (opts.reserve) this.fail(key);
      return;
    }
    reply.header('retry-after', String(Math.ceil(wait / 1000)));
    throw new ApiError(429, 'tooManyAttempts');
  }
}
