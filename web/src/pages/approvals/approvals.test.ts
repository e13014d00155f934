import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { formatMoney } from '../../lib/format.ts';
import {
  type Approval,
  type MilestoneRow,
  actorText,
  changeBody,
  effectLines,
  effectLink,
  filtersOf,
  formFieldOf,
  issueText,
  levelName,
  onFormFields,
  openQuestion,
  percentText,
  rebaselineDefaults,
  slipText,
} from './approvals.ts';

const milestones: MilestoneRow[] = [
  { id: 'm1', name: 'Design signed off', baselineDate: '2026-09-30' },
  { id: 'm2', name: 'Go-live', baselineDate: '2026-12-15' },
  { id: 'm3', name: 'Handover', baselineDate: '2027-01-31' },
];

describe("the list's filters", () => {
  it.each([
    ['', { state: 'open' }],
    ['state=all', {}],
    ['state=approved&kind=headcount', { state: 'approved', kind: 'headcount' }],
    ['waitingOn=me', { state: 'open', waitingOn: 'me' }],
    ['state=nonsense&kind=nonsense&waitingOn=you', { state: 'open' }],
    ['projectId=p1&pmoId=o1', { state: 'open', projectId: 'p1', pmoId: 'o1' }],
  ])('?%s asks for %j', (search, expected) => {
    expect(filtersOf(new URLSearchParams(search))).toEqual(expected);
  });
});

describe('the words', () => {
  it('name the levels a step is escalated to', () => {
    expect(levelName('reporting_executive')).toBe('reporting executive');
    expect(levelName('pmo_lead')).toBe('PMO lead');
    expect(levelName('board')).toBe('Board');
    expect(levelName(null)).toBe('');
  });

  it('say who acted, for whom, or that Tollgate did', () => {
    expect(actorText({ actor: { id: 'u1', name: 'Olivia Bennett' }, onBehalfOf: null })).toBe('Olivia Bennett');
    expect(actorText({ actor: { id: 'u2', name: 'Quinn Tester' }, onBehalfOf: { id: 'u1', name: 'Olivia Bennett' } })).toBe(
      'Quinn Tester for Olivia Bennett',
    );
    expect(actorText({ actor: null, onBehalfOf: null })).toBe('Tollgate');
  });

  it('write slips and percentages with their sign', () => {
    expect(slipText(0)).toBe('no change');
    expect(slipText(1)).toBe('1 day later');
    expect(slipText(-12)).toBe('12 days earlier');
    expect(percentText(15)).toBe('+15 %');
    expect(percentText(-2.345)).toBe('−2.35 %');
    expect(percentText(null)).toBe('');
  });

  it('find the question waiting for its answer', () => {
    const ask = { id: 'a2', action: 'request_info', comment: 'Which supplier?' } as Approval['actions'][number];
    const actions = [{ id: 'a1', action: 'approve' } as Approval['actions'][number], ask];
    expect(openQuestion({ state: 'info_requested', actions })).toBe(ask);
    expect(openQuestion({ state: 'pending', actions })).toBeNull();
  });
});

describe('what an approval did', () => {
  it('names the new baseline and its BAC for a budget increase', () => {
    expect(effectLines('budget_increase', { baselineNumber: 2, bacBefore: 100_000, bacAfter: 115_000 })).toEqual([
      `Baseline version 2: BAC ${formatMoney(100_000)} → ${formatMoney(115_000)}`,
    ]);
    expect(effectLink('budget_increase', 'p1')).toEqual({ to: '/projects/p1?tab=performance', label: expect.any(String) });
  });

  it('lists what a re-baseline moved', () => {
    expect(
      effectLines('rebaseline', { baselineNumber: 3, bacAfter: 90_000, milestonesMoved: 2, plannedFinishDate: '2027-03-31' }),
    ).toEqual([
      `Baseline version 3: BAC ${formatMoney(90_000)}`,
      '2 milestones moved to their new baseline dates',
      'Planned finish now 31 Mar 2027',
    ]);
  });

  it.each([
    ['headcount', { allocationId: 'a', overAllocationOverridden: false }, 'Allocation created'],
    [
      'headcount',
      { allocationId: 'a', overAllocationOverridden: true },
      'Allocation created over capacity, for the reason given',
    ],
    [
      'infrastructure',
      { infrastructureId: 'i', firstYearCost: 12_000 },
      `Infrastructure recorded: ${formatMoney(12_000)} in its first year`,
    ],
    ['scope_change', { scopeChangeApproved: true }, 'Scope change approved'],
  ] as const)('%s %j -> %s', (kind, effect, line) => {
    expect(effectLines(kind, effect)).toEqual([line]);
  });

  it('says nothing before there is an effect, and links money to performance and people to the team', () => {
    expect(effectLines('budget_increase', null)).toEqual([]);
    expect(effectLink('headcount', 'p1')?.to).toBe('/projects/p1?tab=team');
    expect(effectLink('scope_change', 'p1')).toBeNull();
  });
});

describe('the body of the form', () => {
  it('waits for every field the kind needs', () => {
    expect(changeBody(undefined)).toBeNull();
    expect(changeBody({ kind: 'budget_increase', amount: 1000 })).toBeNull();
    expect(changeBody({ kind: 'headcount', skillId: 's', fte: 1, startMonth: '2027-01' })).toBeNull();
    expect(
      changeBody({ kind: 'infrastructure', item: '  ', cost: 10, recurrence: 'monthly', neededBy: '2027-01-31' }),
    ).toBeNull();
    expect(changeBody({ kind: 'rebaseline', bac: 10, curve: [{ date: '2026-01-31' }] })).toBeNull();
    expect(changeBody({ kind: 'scope_change', description: '' })).toBeNull();
  });

  it('sends the chosen kind only, whatever else the form holds', () => {
    expect(changeBody({ kind: 'budget_increase', amount: 15_000, costCategory: 'contractors', fte: 2, item: 'x' })).toEqual({
      change: { kind: 'budget_increase', amount: 15_000, costCategory: 'contractors' },
      milestoneRows: [],
    });
    expect(changeBody({ kind: 'headcount', skillId: 's', fte: 1.5, startMonth: '2027-01', endMonth: '2027-03' })?.change).toEqual(
      {
        kind: 'headcount',
        skillId: 's',
        fte: 1.5,
        startMonth: '2027-01',
        endMonth: '2027-03',
        personId: null,
      },
    );
    expect(changeBody({ kind: 'scope_change', description: ' Add reporting ' })?.change).toEqual({
      kind: 'scope_change',
      description: 'Add reporting',
      scheduleImpactDays: 0,
      costImpact: 0,
    });
  });

  it('sends the milestones a re-baseline moves, remembering their rows', () => {
    const built = changeBody(
      {
        kind: 'rebaseline',
        bac: 120_000,
        curve: [
          { date: '2026-01-31', plannedValue: 0 },
          { date: '2027-01-31', plannedValue: 120_000 },
        ],
        plannedFinishDate: '2027-02-28',
        milestones: [{ baselineDate: '2026-09-30' }, { baselineDate: '2027-01-15' }, { baselineDate: '2027-02-28' }],
      },
      milestones,
    );
    expect(built?.change).toMatchObject({
      kind: 'rebaseline',
      plannedFinishDate: '2027-02-28',
      milestones: [
        { milestoneId: 'm2', baselineDate: '2027-01-15' },
        { milestoneId: 'm3', baselineDate: '2027-02-28' },
      ],
    });
    expect(built?.milestoneRows).toEqual([1, 2]);
  });

  it('starts a re-baseline from the plan in force', () => {
    const curve = [
      { date: '2026-01-31', plannedValue: 0 },
      { date: '2026-12-31', plannedValue: 100_000 },
    ];
    expect(rebaselineDefaults({ bac: 100_000, curve }, '2026-12-31', milestones)).toEqual({
      bac: 100_000,
      curve,
      plannedFinishDate: '2026-12-31',
      milestones: milestones.map((m) => ({ baselineDate: m.baselineDate })),
    });
    expect(rebaselineDefaults(null, null, [])).toEqual({ bac: null, curve: [], plannedFinishDate: null, milestones: [] });
  });
});

describe("the server's field issues", () => {
  it.each([
    ['change.amount', 'change.amount'],
    ['change.curve.1.plannedValue', 'change.curve.1.plannedValue'],
    ['change.milestones.0.baselineDate', 'change.milestones.1.baselineDate'],
    ['change.milestones.1.milestoneId', 'change.milestones.2.baselineDate'],
    ['change.milestones.7.baselineDate', 'change.milestones.7.baselineDate'],
    ['title', 'title'],
  ])('%s lands on %s', (field, formField) => {
    expect(formFieldOf(field, [1, 2])).toBe(formField);
  });

  it('are renamed in the error the form shows', () => {
    const error = new ApiError(422, 'VALIDATION_FAILED', 'invalid', {
      issues: [{ field: 'change.milestones.0.baselineDate', message: 'use an ISO date' }],
    });
    const renamed = onFormFields(error, [2]) as ApiError;
    expect(renamed).toBeInstanceOf(ApiError);
    expect(renamed.issues).toEqual([{ field: 'change.milestones.2.baselineDate', message: 'use an ISO date' }]);
    const other = new Error('offline');
    expect(onFormFields(other, [2])).toBe(other);
  });

  it('read as the form labels their fields', () => {
    expect(issueText({ field: 'change.curve.1.plannedValue', message: 'must not go down' })).toBe(
      'Curve point 2, planned value: must not go down',
    );
    expect(issueText({ field: 'change.amount', message: 'must be more than 0' })).toBe('Amount: must be more than 0');
    expect(issueText({ field: 'change.milestones.0.milestoneId', message: 'named twice' }, milestones, [1])).toBe(
      'Milestone Go-live: named twice',
    );
    expect(issueText({ field: 'change.curve', message: 'give at least one point' })).toBe('Curve: give at least one point');
  });
});
