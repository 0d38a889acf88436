import type { Database } from '../db/types';
import { CHANGES_CHANNEL, siteVisible, type ChangeNotice, type DeskScope } from './scope';
import type { ReplicatedCollection } from '../../src-shared/sync/contract';

// Wakes the SSE streams of this instance whenever any instance commits a push (LISTEN/NOTIFY), so
// desks connected to different instances behind a load balancer all hear about every change.

export interface StreamSubscriber {
  scope: DeskScope;
  collection: ReplicatedCollection;
  wake(notice: ChangeNotice): void;
  close(): void;
}

export class ChangeHub {
  private readonly subscribers = new Set<StreamSubscriber>();
  private unlisten?: () => Promise<void>;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(CHANGES_CHANNEL, (payload) => this.dispatch(payload));
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

  async stop(): Promise<void> {
    for (const sub of [...this.subscribers]) sub.close();
    this.subscribers.clear();
    await this.unlisten?.().catch(() => undefined);
  }
}
