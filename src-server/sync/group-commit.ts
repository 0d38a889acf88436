import type { Database } from '../db/types';
import type { Keyring } from '../confidential/keyring';
import type { DeskScope } from './scope';
import type { CheckedEvent } from './validate';
import { preparePush, writePushes, type PreparedPush, type PushOutcome, type StoredRow, type WrittenRange } from './events-store';

// Group commit of event pushes (docs/architecture.md §Sync, issue 14 item 2). Every push of an organisation
// takes its sequence lock until commit, so pushes of one organisation written one transaction each wait on
// one another, one commit and one change notice apiece. Here a push that arrives while a write of its
// organisation is in flight waits in this process; when that write ends, everything waiting is written in
// one transaction in arrival order — one lock, one commit, one notice — and each push is answered with its
// own conflicts or error once that transaction has committed. The grouping is per process: other instances
// on the same database are ordered by the lock in SQL, as before.

/** Rows one group writes at most, so a transaction (and the lock it holds) stays short; a larger push goes alone. */
export const GROUP_ROWS_MAX = 2000;

interface Waiting {
  push: PreparedPush;
  answer(outcome: PushOutcome): void;
}

export class GroupCommitter {
  /** Pushes waiting per organisation; an organisation is present while a write of it is in flight. */
  private readonly queues = new Map<string, Waiting[]>();

  constructor(
    private readonly db: Database,
    private readonly keyring: Keyring,
    private readonly maxRows = GROUP_ROWS_MAX,
  ) {}

  /**
   * Stores a push's new events and returns its conflicts, once the group it was written in has committed.
   * `found`: the rows' stored events as read for this push already (preparePush).
   */
  async push(scope: DeskScope, rows: readonly CheckedEvent[], found?: readonly StoredRow[]): Promise<string[]> {
    return (await this.store(scope, rows, found)).conflicts;
  }

  /** As push, also saying which sequence numbers its group took (none when it stored nothing). */
  async store(scope: DeskScope, rows: readonly CheckedEvent[], found?: readonly StoredRow[]): Promise<{ conflicts: string[]; written?: WrittenRange }> {
    // The check against what is stored runs per push before it queues, beside the write in flight: a
    // re-push that stores nothing never waits, and a push's own refusals stay its own.
    const prepared = await preparePush(this.db, this.keyring, scope, rows, found);
    if (prepared.fresh.length === 0) return { conflicts: prepared.conflicts };
    const outcome = await new Promise<PushOutcome>((answer) => this.enqueue({ push: prepared, answer }));
    if (!outcome.ok) throw outcome.error;
    return outcome;
  }

  /** Pushes of the organisation waiting for its write in flight. */
  waiting(orgId: string): number {
    return this.queues.get(orgId)?.length ?? 0;
  }

  private enqueue(waiting: Waiting): void {
    const orgId = waiting.push.scope.orgId;
    const queue = this.queues.get(orgId);
    if (queue) return void queue.push(waiting);
    // Nothing in flight: written at once, so a push of a quiet organisation never waits for company.
    this.queues.set(orgId, []);
    void this.writeFrom(orgId, [waiting]);
  }

  private async writeFrom(orgId: string, first: Waiting[]): Promise<void> {
    let group = first;
    for (;;) {
      const outcomes = await writePushes(
        this.db,
        this.keyring,
        group.map((w) => w.push),
      ).catch((error: unknown) => group.map((): PushOutcome => ({ ok: false, error })));
      group.forEach((w, k) => w.answer(outcomes[k]!));
      const queue = this.queues.get(orgId)!;
      if (queue.length === 0) return void this.queues.delete(orgId);
      group = queue.splice(0, this.groupLength(queue));
    }
  }

  /** How many waiting pushes, from the oldest, fit in one group: at least one, at most maxRows rows. */
  private groupLength(queue: readonly Waiting[]): number {
    let rows = queue[0]!.push.fresh.length;
    let n = 1;
    while (n < queue.length && rows + queue[n]!.push.fresh.length <= this.maxRows) rows += queue[n++]!.push.fresh.length;
    return n;
  }
}
