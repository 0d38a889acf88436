import { combineLatest, filter, firstValueFrom } from 'rxjs';
import type { DeskDatabase } from './database';
import { waiting$ } from './projection-waiting';

// "These cases are on the desk": each has a case document, or is on the projection's waiting list (it waits
// for its policy, or folding it failed and the status bar says so), so waiting for it never hangs a join on
// one bad case. Observed, not polled: both sides emit when the projector writes, in whichever window it runs.

export function casesReady(db: DeskDatabase, caseIds: readonly string[]): Promise<void> {
  return firstValueFrom(
    combineLatest([db.cases.findByIds([...caseIds]).$, waiting$(db)]).pipe(filter(([found, waiting]) => caseIds.every((id) => found.has(id) || id in waiting))),
  ).then(() => undefined);
}
