import { attachmentPath } from '../../src-shared/sync/contract';
import { messageFor } from '../../src-shared/i18n/validation';
import type { BodyRefusal, BodyStore, PendingBody } from './body-store';

// The desk's uploader of attachment bodies (issue 13, docs/architecture.md §Attachments). Bodies attached
// at this desk wait in the body store with `uploaded: 0`; once the event that names a body is on the
// server (the server accepts a body only then), the uploader asks the server whether it holds the body
// (HEAD) and sends it (PUT) only when it does not — the first body of a pass alone, then up to three at
// once (IN_FLIGHT), and after a failure none is started. All its state is in the body store,
// so a restart resumes where it stopped, and a body is never sent again once the server holds it:
//
// - the server holds it (HEAD 200, PUT 200/201): marked uploaded;
// - the server refuses it (PUT 400/413/415: hash, size or type wrong): marked refused with the server's
//   reason, shown on the attachment, never sent again;
// - its event is not on the server yet (written offline; or PUT 404 attachmentUnknown): left waiting and
//   tried again after the next push (`poke`), not on a timer — an event the server refused is listed in
//   the status bar already, and its body is not sent for ever;
// - the network, the server or the desk token failed (no answer, 5xx, 401, 429): the pass stops and is
//   tried again after a back-off that doubles from `retryMs` to `maxRetryMs`.

/** Where the event naming a body stands: none on this desk, written here and not on the server yet, or on the server. */
export type BodyReadiness = 'unreferenced' | 'unpushed' | 'pushed';

export interface BodyUploaderOptions {
  store: Pick<BodyStore, 'notUploaded' | 'get' | 'markUploaded' | 'markRefused'>;
  /** Where sync requests go (the server, or the browser shell's relay that adds the desk token). */
  syncUrl: string;
  fetch: typeof fetch;
  /**
   * Whether the server has the event naming this body. An unreferenced body (a crash between keeping the
   * body and writing its event) is never sent: the server would refuse it, and no case shows it.
   */
  readiness(bodies: readonly PendingBody[]): Promise<Map<string, BodyReadiness>>;
  /** First retry after a failure; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Injected in tests: when the next try is scheduled (ms), and the timer functions. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export type UploadOutcome = 'uploaded' | 'refused' | 'waiting' | 'failed';

export interface BodyUploader {
  /** Runs a pass soon (a new body, a push completed, the network is back). */
  poke(): void;
  /** Runs one pass now (after any running one) and resolves with what became of each body it tried. */
  pass(): Promise<Map<string, UploadOutcome>>;
  /** The delay before the next retry after a failure, or undefined when none is scheduled. */
  readonly retryInMs: number | undefined;
  stop(): void;
}

const PAGE = 20;
/**
 * Bodies on their way at once once one has gone through: a body's PUT overlaps the next one's HEAD and its
 * read from the store, and the server's hashing and storing (docs/performance.md "Attachment bodies up and down").
 */
export const IN_FLIGHT = 3;
/** Answers that say the body itself is wrong: sending it again would be refused again. */
const REFUSING = new Set([400, 409, 413, 415, 422]);

async function refusalOf(res: Response): Promise<BodyRefusal> {
  let body: { error?: string; messages?: BodyRefusal['message'] } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // Not our server's JSON (a proxy page): a generic message below.
  }
  return {
    code: body.error ?? `http${res.status}`,
    message: body.messages ?? messageFor('sync.bodyRefused', '', { status: res.status }),
  };
}

export function createBodyUploader(opts: BodyUploaderOptions): BodyUploader {
  const base = opts.syncUrl.replace(/\/+$/, '');
  const retryMs = opts.retryMs ?? 2_000;
  const maxRetryMs = opts.maxRetryMs ?? 60_000;
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const stopper = new AbortController();
  let delay = retryMs;
  let timer: unknown;
  let retryInMs: number | undefined;
  let running: Promise<Map<string, UploadOutcome>> | undefined;
  let again = false;

  async function send(hash: string): Promise<UploadOutcome> {
    const url = base + attachmentPath(hash);
    try {
      const head = await opts.fetch(url, { method: 'HEAD', signal: stopper.signal });
      if (head.ok) {
        await opts.store.markUploaded(hash);
        return 'uploaded';
      }
      // 404 is "not there yet"; anything else (401, 429, 5xx) is not the body's fault.
      if (head.status !== 404) return 'failed';
      const body = await opts.store.get(hash);
      if (!body) return 'waiting';
      const put = await opts.fetch(url, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: body.bytes, signal: stopper.signal });
      if (put.ok) {
        await opts.store.markUploaded(hash);
        return 'uploaded';
      }
      if (put.status === 404) return 'waiting';
      if (REFUSING.has(put.status)) {
        await opts.store.markRefused(hash, await refusalOf(put));
        return 'refused';
      }
      return 'failed';
    } catch {
      return 'failed';
    }
  }

  async function runPass(): Promise<Map<string, UploadOutcome>> {
    const outcomes = new Map<string, UploadOutcome>();
    const sending = new Set<Promise<void>>();
    /** A failure was answered: no body is started after it (those on their way finish). */
    let failed = false;
    /** A body went through this pass: the network works, several may be on their way. */
    let through = false;
    const start = (hash: string): void => {
      const p: Promise<void> = send(hash).then((outcome) => {
        sending.delete(p);
        outcomes.set(hash, outcome);
        if (outcome === 'failed') failed = true;
        else through = true;
      });
      sending.add(p);
    };
    let after: PendingBody | undefined;
    try {
      pages: for (;;) {
        if (stopper.signal.aborted) break;
        const page = await opts.store.notUploaded(PAGE, after);
        if (page.length === 0) break;
        after = page.at(-1);
        const ready = await opts.readiness(page);
        for (const { hash } of page) {
          const r = ready.get(hash) ?? 'unreferenced';
          if (r === 'unreferenced') continue;
          if (r === 'unpushed') {
            outcomes.set(hash, 'waiting');
            continue;
          }
          // One body until one has gone through, then up to IN_FLIGHT at once.
          while (!failed && sending.size >= (through ? IN_FLIGHT : 1)) await Promise.race(sending);
          // The network or the server is down: stop here and try again later rather than fail every body.
          if (failed || stopper.signal.aborted) break pages;
          start(hash);
        }
      }
    } finally {
      await Promise.all(sending);
    }
    return outcomes;
  }

  function schedule(outcomes: Map<string, UploadOutcome>): void {
    if (stopper.signal.aborted) return;
    if ([...outcomes.values()].includes('failed')) {
      retryInMs = delay;
      timer = setTimer(() => {
        timer = undefined;
        retryInMs = undefined;
        poke();
      }, delay);
      delay = Math.min(maxRetryMs, delay * 2);
    } else {
      delay = retryMs;
    }
  }

  function pass(): Promise<Map<string, UploadOutcome>> {
    if (running) {
      again = true;
      return running.then(() => pass());
    }
    if (timer !== undefined) {
      clearTimer(timer);
      timer = undefined;
      retryInMs = undefined;
    }
    running = runPass()
      .catch(() => new Map<string, UploadOutcome>()) // the database closing under a pass
      .then((outcomes) => {
        running = undefined;
        schedule(outcomes);
        if (again) {
          again = false;
          poke();
        }
        return outcomes;
      });
    return running;
  }

  function poke(): void {
    if (stopper.signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    void pass();
  }

  return {
    poke,
    pass,
    get retryInMs() {
      return retryInMs;
    },
    stop() {
      stopper.abort();
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
    },
  };
}
