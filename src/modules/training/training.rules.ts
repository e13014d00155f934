/**
 * Pure training rules: expiry dates and whether a person holds the training a role requires.
 * Days are ISO strings (2026-03-31); they compare correctly as strings.
 */

import { addMonths } from '../../kernel/dates.ts';

export { addDays, addMonths, daysBetween, today } from '../../kernel/dates.ts';

/**
 * When a completion expires: the date given, else the completion date plus the course's
 * validity; null when the course never expires.
 */
export function defaultExpiry(completedOn: string, validityMonths: number | null): string | null {
  return validityMonths === null ? null : addMonths(completedOn, validityMonths);
}

/**
 * A completion is valid up to the day before it expires: `expiresOn` is the first day it no
 * longer counts (a 36-month course completed on 2023-03-31 counts until 2026-03-30).
 */
export function isExpired(expiresOn: string | null, asOf: string): boolean {
  return expiresOn !== null && expiresOn <= asOf;
}

export interface CompletionLike {
  courseId: string;
  completedOn: string;
  expiresOn: string | null;
}

/**
 * The completion that counts for each course as of a day: among those completed on or before
 * it, the latest (a renewal supersedes the older record; on the same day, the one lasting longest).
 */
export function latestCompletions<R extends CompletionLike>(records: readonly R[], asOf: string): Map<string, R> {
  const latest = new Map<string, R>();
  for (const record of records) {
    if (record.completedOn > asOf) continue;
    const current = latest.get(record.courseId);
    if (!current || isLater(record, current)) latest.set(record.courseId, record);
  }
  return latest;
}

function isLater(a: CompletionLike, b: CompletionLike): boolean {
  if (a.completedOn !== b.completedOn) return a.completedOn > b.completedOn;
  if (a.expiresOn === null) return b.expiresOn !== null;
  return b.expiresOn !== null && a.expiresOn > b.expiresOn;
}

export interface RequiredCourse {
  courseId: string;
  code: string;
  title: string;
}

export interface TrainingGap extends RequiredCourse {
  reason: 'missing' | 'expired';
  /** The day the latest completion stopped counting, for `expired`. */
  expiredOn?: string;
}

/**
 * The required courses a person lacks as of a day: never completed (by then), or whose latest
 * completion has expired. Empty when the person holds every required course.
 */
export function trainingGaps(
  required: readonly RequiredCourse[],
  records: readonly CompletionLike[],
  asOf: string,
): TrainingGap[] {
  const latest = latestCompletions(records, asOf);
  const gaps: TrainingGap[] = [];
  const seen = new Set<string>();
  for (const course of required) {
    if (seen.has(course.courseId)) continue;
    seen.add(course.courseId);
    const record = latest.get(course.courseId);
    if (!record) gaps.push({ ...course, reason: 'missing' });
    else if (isExpired(record.expiresOn, asOf)) gaps.push({ ...course, reason: 'expired', expiredOn: record.expiresOn! });
  }
  return gaps;
}

export type QualificationStatus = 'qualified' | 'partial' | 'none';

/**
 * Where a person stands: every required course valid (qualified); some required course held,
 * valid or expired, but not all valid (partial); none of them ever completed (none).
 */
export function qualificationStatus(required: readonly RequiredCourse[], gaps: readonly TrainingGap[]): QualificationStatus {
  if (gaps.length === 0) return 'qualified';
  const distinct = new Set(required.map((c) => c.courseId)).size;
  return gaps.every((g) => g.reason === 'missing') && gaps.length === distinct ? 'none' : 'partial';
}
