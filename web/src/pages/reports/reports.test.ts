import { describe, expect, it } from 'vitest';
import {
  type Evm,
  type Mismatch,
  type ReportFormValues,
  addDays,
  asOfFor,
  changedContent,
  daysBetween,
  dueReportLink,
  emptyFormValues,
  evmFigure,
  forecastList,
  formFieldOf,
  lateFrom,
  mismatchLine,
  periodState,
  ragKeys,
  reasonsMissing,
  slipText,
  toContent,
} from './reports.ts';

const values = (extra: Partial<ReportFormValues> = {}): ReportFormValues => ({ ...emptyFormValues('2026-03-10'), ...extra });

describe('the status date a report starts with', () => {
  const period = { periodStart: '2026-03-02', periodEnd: '2026-03-08' };
  it.each([
    ['2026-03-01', null],
    ['2026-03-02', '2026-03-02'],
    ['2026-03-05', '2026-03-05'],
    ['2026-03-08', '2026-03-08'],
    ['2026-03-20', '2026-03-08'],
  ])('on %s it is %s', (today, asOf) => {
    expect(asOfFor(period, today)).toBe(asOf);
  });
});

describe('the link of a due report', () => {
  const item = { project: { id: 'p1' }, periodStart: '2026-03-02', periodEnd: '2026-03-08', draft: null };
  it('opens the draft of its period when there is one', () => {
    expect(dueReportLink({ ...item, draft: { id: 'd1' } }, '2026-03-20')).toBe('/projects/p1/status-reports/d1');
  });
  it('starts a new report dated in its period: today while it runs, its last day once it ended', () => {
    expect(dueReportLink(item, '2026-03-04')).toBe('/projects/p1/status-reports/new?asOf=2026-03-04');
    expect(dueReportLink(item, '2026-03-20')).toBe('/projects/p1/status-reports/new?asOf=2026-03-08');
  });
});

describe('when a missing report turns late', () => {
  it('is overdue the day after the grace days and escalated the day after the escalation days', () => {
    expect(lateFrom('2026-03-31', 3, 5)).toEqual({ overdueFrom: '2026-04-04', escalatedFrom: '2026-04-09' });
    expect(lateFrom('2028-02-28', 0, 1)).toEqual({ overdueFrom: '2028-02-29', escalatedFrom: '2028-03-01' });
  });
  it('counts days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-02-20', '2026-03-02')).toBe(10);
    expect(daysBetween('2026-03-02', '2026-02-20')).toBe(-10);
  });
});

describe('where a period stands', () => {
  it('is its due state until the PMO reviews its newest submitted version', () => {
    expect(periodState('overdue', [])).toEqual({ kind: 'due', state: 'overdue' });
    expect(periodState('due', [{ revision: 1, state: 'draft' }])).toEqual({ kind: 'due', state: 'due' });
    expect(periodState('submitted', [{ revision: 1, state: 'submitted' }])).toEqual({ kind: 'due', state: 'submitted' });
  });
  it('is accepted or returned once reviewed, and stays returned while its revision is drafted', () => {
    expect(periodState('submitted', [{ revision: 1, state: 'accepted' }])).toEqual({ kind: 'report', state: 'accepted' });
    expect(
      periodState('submitted', [
        { revision: 2, state: 'draft' },
        { revision: 1, state: 'returned' },
      ]),
    ).toEqual({ kind: 'report', state: 'returned' });
    expect(
      periodState('submitted', [
        { revision: 1, state: 'returned' },
        { revision: 2, state: 'submitted' },
      ]),
    ).toEqual({ kind: 'due', state: 'submitted' });
  });
});

describe("the form's request body", () => {
  it('leaves out a cleared number or status date, trims reasons and orders forecasts by milestone', () => {
    const content = toContent(
      values({
        asOf: null,
        percentComplete: null,
        actualCost: 0,
        rag: { overall: 'amber', schedule: 'green' },
        ragReasons: { overall: '  Supplier late  ' },
        forecasts: { m2: '2026-06-01', m1: '2026-05-01', m3: null },
      }),
      ['m1', 'm2', 'm3'],
    );
    expect(content).toEqual({
      rag: { overall: 'amber', schedule: 'green' },
      ragReasons: { overall: 'Supplier late' },
      forecastFinish: null,
      accomplishments: '',
      nextSteps: '',
      helpNeeded: '',
      milestoneForecasts: [
        { milestoneId: 'm1', forecastDate: '2026-05-01' },
        { milestoneId: 'm2', forecastDate: '2026-06-01' },
      ],
      actualCost: 0,
    });
    expect(toContent(values({ percentComplete: 40 }), []).asOf).toBe('2026-03-10');
    expect(toContent(values({ percentComplete: 40 }), []).percentComplete).toBe(40);
  });

  it('sends only what changed since the last save, and everything before the first', () => {
    const saved = toContent(values({ percentComplete: 40 }), []);
    const next = toContent(values({ percentComplete: 45, rag: { overall: 'green' } }), []);
    expect(changedContent(next, saved)).toEqual({ percentComplete: 45, rag: { overall: 'green' } });
    expect(changedContent(saved, saved)).toEqual({});
    expect(changedContent(next, null)).toBe(next);
  });

  it('lists the filled forecasts only', () => {
    expect(forecastList({ a: null, b: '2026-01-01' }, ['a', 'b', 'c'])).toEqual([
      { milestoneId: 'b', forecastDate: '2026-01-01' },
    ]);
  });
});

describe('reasons and issues', () => {
  it('asks for a reason for each rating that is not green', () => {
    const keys = ragKeys(['schedule', 'cost', 'scope']);
    expect(keys).toEqual(['overall', 'schedule', 'cost', 'scope']);
    expect(
      reasonsMissing(
        { rag: { overall: 'amber', schedule: 'red', cost: 'green' }, ragReasons: { schedule: ' ', cost: '' } },
        keys,
      ),
    ).toEqual(['overall', 'schedule']);
    expect(reasonsMissing({ rag: { overall: 'red' }, ragReasons: { overall: 'Late supplier' } }, keys)).toEqual([]);
  });

  it('puts each server issue under its input', () => {
    const milestones = [
      { id: 'm1', name: 'Pilot live' },
      { id: 'm2', name: 'Go-live' },
    ];
    expect(formFieldOf('ragReasons.cost', 'is required', [], milestones)).toEqual(['ragReasons', 'cost']);
    expect(formFieldOf('rag.schedule', 'is required', [], milestones)).toEqual(['rag', 'schedule']);
    expect(formFieldOf('milestoneForecasts.1.forecastDate', 'bad', ['m2', 'm1'], milestones)).toEqual(['forecasts', 'm1']);
    expect(formFieldOf('milestoneForecasts', 'needs a forecast for the milestone "Go-live"', [], milestones)).toEqual([
      'forecasts',
      'm2',
    ]);
    expect(formFieldOf('percentComplete', 'is required', [], milestones)).toEqual(['percentComplete']);
    expect(formFieldOf('baseline', 'no baseline', [], milestones)).toBeNull();
    expect(formFieldOf('rag', 'is required', [], milestones)).toBeNull();
  });
});

describe('figures and mismatches as the report shows them', () => {
  const evm: Evm = {
    bac: 100_000,
    pv: 0,
    ev: 10_000,
    ac: 5_000,
    sv: 10_000,
    cv: 5_000,
    spi: null,
    cpi: 2,
    eac: 50_000,
    etc: 45_000,
    vac: 50_000,
    tcpi: 0.9474,
    eacAtBudgetRate: 95_000,
    eacComposite: null,
    tcpiToEac: 1,
    undefinedBecause: { spi: 'PV is 0 before the first planned value' },
  };

  it('writes an undefined figure as a dash with the reason the server gave', () => {
    expect(evmFigure(evm, 'spi', 'ratio')).toEqual({ text: '—', reason: 'PV is 0 before the first planned value' });
    expect(evmFigure(evm, 'cpi', 'ratio')).toEqual({ text: '2', reason: null });
    expect(evmFigure({ ...evm, undefinedBecause: {} }, 'spi', 'ratio').reason).toBe('not computable');
    expect(evmFigure(evm, 'ev', 'money').text).toMatch(/10,000/);
  });

  it('names the dimension, both RAGs and why', () => {
    const m: Mismatch = {
      dimension: 'schedule',
      reported: 'green',
      computed: 'red',
      figure: 'spi',
      value: 0.62,
      because: 'SPI: 0.62 is below the red tolerance 0.8',
    };
    expect(mismatchLine(m)).toBe('Schedule reported green, computed red: 0.62 is below the red tolerance 0.8');
  });

  it('says a slip in days', () => {
    expect([slipText(0), slipText(1), slipText(12), slipText(-3), slipText(null)]).toEqual([
      'on the baseline',
      '1 day late',
      '12 days late',
      '3 days early',
      '—',
    ]);
  });
});
