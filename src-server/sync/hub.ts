import type { Database } from '../db/types';
import { CHANGES_CHANNEL, REVOKED_CHANNEL, siteVisible, type ChangeNotice, type DeskScope, type RevokedNotice } from './scope';
import type { ReplicatedCollection } from '../../src-shared/sync/contract';

// Wakes the SSE streams of this instance whenever any instance commits a push (LISTEN/NOTIFY), so
// desks connected to different instances behind a load balancer all hear about every change. A revoked
// desk's streams are closed the same way, on every instance, as soon as the revocation commits.

export interface StreamSubscriber {
  scope: DeskScope;
  collection: ReplicatedCollection;
  wake(notice: ChangeNotice): void;
  close(): void;
}

export class ChangeHub {
  private readonly subscribers = new Set<StreamSubscriber>();
  private readonly unlisten: (() => Promise<void>)[] = [];

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.unlisten.push(await this.db.listen(CHANGES_CHANNEL, (payload) => this.dispatch(payload)));
    this.unlisten.push(await this.db.listen(REVOKED_CHANNEL, (payload) => this.revoked(payload)));
  }

  /** Streams this instance holds open for one desk (the per-desk cap in plugins/sync.ts). */
  openFor(scope: DeskScope): number {
    let n = 0;
    for (const sub of this.subscribers) if (sub.scope.orgId === scope.orgId && sub.scope.deskId === scope.deskId) n++;
    return n;
  }

  subscribe(sub: StreamSubscriber): () => void {
    this.subscribers.add(sub);
    return () => this.subscribers.delete(sub);
  }

  get size(): number {
    return this.subscribers.size;
  }

  private dispatch(payload: string): void {
    let notice: ChangeNotice;
    try {
      notice = JSON.parse(payload) as ChangeNotice;
    } catch {
      return;
    }
    for (const sub of this.subscribers) {
      if (sub.scope.orgId !== notice.orgId || sub.collection !== notice.collection) continue;
      if (notice.sites && !notice.sites.some((s) => siteVisible(sub.scope, s))) continue;
      sub.wake(notice);
    }
  }

  private revoked(payload: string): void {
    let notice: RevokedNotice;
    try {
      notice = JSON.parse(payload) as RevokedNotice;
    } catch {
      return;
    }
    for (const sub of [...this.subscribers]) if (sub.scope.orgId === notice.orgId && sub.scope.deskId === notice.deskId) sub.close();
  }

  async stop(): Promise<void> {
    for (const sub of [...this.subscribers]) sub.close();
    this.subscribers.clear();
    for (const unlisten of this.unlisten.splice(0)) await unlisten().catch(() => undefined);
  }
}
