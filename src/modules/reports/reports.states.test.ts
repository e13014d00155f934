import { describe, expect, it } from 'vitest';
import {
  type ReportAction,
  type ReportRelation,
  type ReportState,
  allowedReportActions,
  nextReportState,
} from './reports.states.ts';

const reporter: ReportRelation = { mayReport: true, mayReview: false, ownProject: true };
const reviewer: ReportRelation = { mayReport: false, mayReview: true, ownProject: false };
/** PMO staff who reported on a project's behalf, or are part of it: may report, never review it. */
const reportingStaff: ReportRelation = { mayReport: true, mayReview: true, ownProject: true };
const stranger: ReportRelation = { mayReport: false, mayReview: false, ownProject: false };

// [state, action, relation, the state afterwards or the error code]
const TABLE: [ReportState, ReportAction, ReportRelation, string][] = [
  ['draft', 'edit', reporter, 'draft'],
  ['draft', 'submit', reporter, 'submitted'],
  ['draft', 'accept', reviewer, 'INVALID_STATE'],
  ['draft', 'edit', reviewer, 'FORBIDDEN'],
  ['submitted', 'edit', reporter, 'INVALID_STATE'],
  ['submitted', 'submit', reporter, 'INVALID_STATE'],
  ['submitted', 'accept', reviewer, 'accepted'],
  ['submitted', 'return', reviewer, 'returned'],
  ['submitted', 'accept', reporter, 'FORBIDDEN'],
  ['submitted', 'accept', reportingStaff, 'SELF_APPROVAL'],
  ['submitted', 'return', reportingStaff, 'SELF_APPROVAL'],
  ['submitted', 'accept', stranger, 'FORBIDDEN'],
  ['submitted', 'revise', reporter, 'INVALID_STATE'],
  ['returned', 'revise', reporter, 'returned'],
  ['returned', 'revise', reviewer, 'FORBIDDEN'],
  ['returned', 'accept', reviewer, 'INVALID_STATE'],
  ['returned', 'edit', reporter, 'INVALID_STATE'],
  ['accepted', 'return', reviewer, 'INVALID_STATE'],
  ['accepted', 'revise', reporter, 'INVALID_STATE'],
  ['accepted', 'edit', reporter, 'INVALID_STATE'],
];

describe('the status report state table', () => {
  it.each(TABLE)('%s --%s--> %s', (state, action, relation, expected) => {
    let outcome: string;
    try {
      outcome = nextReportState(state, action, relation).to;
    } catch (err) {
      outcome = (err as { code: string }).code;
    }
    expect(outcome).toBe(expected);
  });

  it('offers exactly the moves the table allows, and none on an older version', () => {
    expect(allowedReportActions('draft', reporter, true)).toEqual(['edit', 'submit']);
    expect(allowedReportActions('submitted', reviewer, true)).toEqual(['accept', 'return']);
    expect(allowedReportActions('submitted', reportingStaff, true)).toEqual([]);
    expect(allowedReportActions('returned', reporter, true)).toEqual(['revise']);
    expect(allowedReportActions('returned', reporter, false)).toEqual([]);
    expect(allowedReportActions('accepted', reviewer, true)).toEqual([]);
  });
});
