import { generateDeskWork } from '../test/sync/fixtures';
import type { CaseEvent } from '../src-shared/domain/events';
import type { EnrolResponse } from '../src-shared/sync/contract';

/**
 * `n` events an enrolled desk wrote (~3 per case, 100 cases a day from 1 January 2025), generated
 * `days` days at a time until there are enough: the sync benches' pushed work.
 */
export function eventsFor(desk: EnrolResponse, staffIds: string[], n: number, seed: number, days = 20): CaseEvent[] {
  const out: CaseEvent[] = [];
  for (let chunk = 0; out.length < n; chunk++) {
    out.push(
      ...generateDeskWork(seed + chunk, {
        orgId: desk.orgId,
        siteId: desk.siteId,
        deskId: desk.deskId,
        deskCode: desk.deskCode,
        actorIds: staffIds,
        start: Date.UTC(2025, 0, 1) + chunk * days * 86_400_000,
        days,
        casesPerDay: 100,
      }),
    );
  }
  return out.slice(0, n);
}
