import type { AttentionList, SummaryMonth, SummaryRow } from '../../src-shared/analytics/summary-lists';
import type { CaseEvent } from '../../src-shared/domain/events';
import type { CaseState } from '../../src-shared/domain/case-state';
import type { Policy } from '../../src-shared/domain/policy';
import type { StageStatus } from '../../src-shared/domain/sla-types';

// What each document builder reads. The renderer sends these as plain JSON through `documents.render`;
// input.ts validates them before a builder sees them.

export interface OrganisationHeader {
  name: string;
  /** PNG or JPEG data URL printed beside the name. */
  logo?: string;
}

export interface DocumentContext {
  organisation: OrganisationHeader;
  policy: Policy;
  /** staff id → display name (first receiver, handlers, signers). */
  staffNames: Record<string, string>;
  /** When the document is produced; printed in the footer. Defaults to now. */
  printedAt?: number;
}

export interface CaseDocumentInput extends DocumentContext {
  case: CaseState;
  /** The case's events; the archive and the notice need them, the other forms use them when present. */
  events?: CaseEvent[];
  /** The clerk is authorised and the reveal was recorded (case.identity_viewed, S1-5). */
  revealIdentity?: boolean;
  /** The SLA engine's stages for this case; computed from the events when absent. */
  stages?: StageStatus[];
  /** Attachment pictures (hash → JPEG/PNG data URL) the archive draws; files without one are listed only. */
  attachmentImages?: Record<string, string>;
}

export interface NoticeInput extends CaseDocumentInput {
  /** Which 通知单 to print when the case was assigned more than once; defaults to the latest. */
  noticeNo?: string;
}

export interface StageOnTime {
  stageId: string;
  name: string;
  /** Stages that ended (met or breached) in the period. */
  total: number;
  onTime: number;
}

export interface CountRow {
  code: string;
  name: string;
  count: number;
}

/** 投诉数据汇总表 figures (S8-10), reshaped from the shared statistics by src-shared/analytics/tables.ts summaryFigures. */
export interface SummaryFigures {
  total: number;
  byKind: CountRow[];
  byCategory: CountRow[];
  bySeverity: CountRow[];
  byDepartment: CountRow[];
  stageOnTime: StageOnTime[];
  /** Cases due a callback in the period and those called back (S9-7, S10-20). */
  callbackDue: number;
  callbackDone: number;
  /** Mean 1–5 satisfaction of the callbacks, and how many were satisfied. */
  satisfactionMean?: number;
  satisfiedCount: number;
  /** S8-3 classified valid / all classified; the target's base (households…) when given. */
  validCount: number;
  classifiedCount: number;
  /** Valid complaints per base unit (S10-20 target < 1 %), when the base size is known. */
  validRateBase?: { base: number; label: string };
}

export interface SummaryInput extends DocumentContext {
  period: { label: string; from: number; to: number };
  figures?: SummaryFigures;
  /** The period's cases: listed row by row, and the source of the figures when none are given. */
  cases?: CaseState[];
  /** The SLA engine's stages per case id, for the on-time rates when figures are computed here. */
  stagesByCase?: Record<string, StageStatus[]>;
  /** Per-month figures of a quarter or a year (computed from `cases` when not given). */
  months?: SummaryMonth[];
  /** The short lists of cases that need attention (computed from `cases` when not given). */
  attention?: AttentionList[];
  /** Every case of the period, one row each (附：案件明细): sent only when the reader asks for it. */
  caseList?: SummaryRow[];
  /** Whether `cases` are also listed one row each; by default when there are at most 2,000 of them. */
  listCases?: boolean;
}

export interface DailyQualityInput extends DocumentContext {
  /** Any instant of the business day the sheet covers. */
  date: number;
  /** The day's compensation / return cases (S3-5). */
  cases: CaseState[];
}

export interface SignOffInput {
  authorName?: string;
  authorDate?: number;
  reviewerName?: string;
  reviewerDate?: number;
  approverName?: string;
  approverDate?: number;
}

export interface RegulationInput extends DocumentContext {
  signOff?: SignOffInput;
}

export interface DocumentInputs {
  registration: CaseDocumentInput;
  notice: NoticeInput;
  callback: CaseDocumentInput;
  archive: CaseDocumentInput;
  summary: SummaryInput;
  daily_quality: DailyQualityInput;
  regulation: RegulationInput;
}
