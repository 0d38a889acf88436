// The SLA engine's output (docs/architecture.md §Policy and the SLA engine: `(policy, events, now) → stages`). Everything that shows or acts
// on a deadline reads these; nothing else computes deadlines.

export type StageState = 'pending' | 'running' | 'warning' | 'breached' | 'met';

export interface StageStatus {
  stageId: string;
  name: string;
  state: StageState;
  clock: 'natural' | 'working-days' | 'business-hours';
  startedAt?: number;
  /** Current deadline (after approved extensions). */
  dueAt?: number;
  /** The deadline the policy first set, kept on record when an extension moves it. */
  originalDueAt?: number;
  warnAt?: number;
  metAt?: number;
  /** Met, but after the deadline. */
  metLate?: boolean;
  /** The case was closed or rejected before the stage was met: its clock stopped here and it no longer changes. */
  stoppedAt?: number;
  /** Milliseconds left (negative when breached); undefined for pending or met stages. */
  remainingMs?: number;
  paused: boolean;
  pausedMs: number;
  extended: boolean;
  /**
   * The deadline was counted across days of a provisional year (statutory holidays computed from the
   * law, the State Council's notice not entered yet: domain/calendar.ts `crossesProvisionalDays`), so it
   * may move when the notice is entered. Never set on a natural clock, which ignores holidays.
   */
  provisional: boolean;
  /** Roles to notify now, from the stage's escalation ladder. */
  notifyRoles: string[];
  rules: string[];
}
