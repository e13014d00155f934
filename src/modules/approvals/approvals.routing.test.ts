import { describe, expect, it } from 'vitest';
import { type Approver, type ReportingLine, type RoutingInput, type Threshold, routeApproval } from './approvals.routing.ts';

const person = (key: string): Approver => ({ userId: `u-${key}`, personId: `p-${key}`, name: key });
const analyst = person('analyst');
const lead = person('lead');
const secondLead = person('lead2');
const coo = person('coo');
const ceo = person('ceo');
const poolManager = person('pool');

/** The enterprise PMO of the demo: it reports to the COO, who reports to the CEO. */
const line: ReportingLine = { pmo_analyst: [analyst], pmo_lead: [lead], reporting_executive: [coo], ceo: [ceo] };

const budgetBands: Threshold[] = [
  { measure: 'percent_of_bac', upTo: 10, approver: 'pmo_lead' },
  { measure: 'percent_of_bac', upTo: 25, approver: 'reporting_executive' },
  { measure: 'percent_of_bac', upTo: 100, approver: 'ceo' },
];
const amountBands: Threshold[] = [
  { measure: 'amount', upTo: 50_000, approver: 'pmo_analyst' },
  { measure: 'amount', upTo: 250_000, approver: 'pmo_lead' },
];
const headcountBands: Threshold[] = [
  { measure: 'count', upTo: 3, approver: 'pmo_lead' },
  { measure: 'count', upTo: 10, approver: 'reporting_executive' },
];
const scheduleBands: Threshold[] = [
  { measure: 'days', upTo: 30, approver: 'pmo_lead' },
  { measure: 'days', upTo: 90, approver: 'reporting_executive' },
];
const infrastructureBands: Threshold[] = [
  { measure: 'amount', upTo: 25_000, approver: 'pmo_analyst' },
  { measure: 'amount', upTo: 150_000, approver: 'pmo_lead' },
];

const base = (over: Partial<RoutingInput>): RoutingInput => ({
  subject: 'budget_increase',
  size: {},
  thresholds: budgetBands,
  line,
  excluded: new Set(),
  ...over,
});

/** The route as level: approvers, or the refusal. */
function route(input: RoutingInput): string[] | string {
  const routing = routeApproval(input);
  if (!routing.ok) return `refused at ${routing.level}`;
  return routing.steps.map(
    (s) => `${s.level}: ${s.approvers.map((a) => a.name).join(', ')}${s.quorum > 1 ? ` (${s.quorum})` : ''}`,
  );
}

describe('routing by the delegation of authority', () => {
  // subject × measure × size × thresholds × reporting line → steps and approvers
  it.each<[string, Partial<RoutingInput>, string[] | string]>([
    ['5 % of BAC: the PMO lead alone', { size: { percent_of_bac: 5 } }, ['pmo_lead: lead']],
    ['exactly 10 % of BAC: still the PMO lead alone (up to is inclusive)', { size: { percent_of_bac: 10 } }, ['pmo_lead: lead']],
    [
      '15 % of BAC: the PMO lead, then the executive the PMO reports to',
      { size: { percent_of_bac: 15 } },
      ['pmo_lead: lead', 'reporting_executive: coo'],
    ],
    [
      '30 % of BAC: lead, executive, CEO',
      { size: { percent_of_bac: 30 } },
      ['pmo_lead: lead', 'reporting_executive: coo', 'ceo: ceo'],
    ],
    [
      '150 % of BAC, above every band: every level',
      { size: { percent_of_bac: 150 } },
      ['pmo_lead: lead', 'reporting_executive: coo', 'ceo: ceo'],
    ],
    [
      'read in two measures, the stricter wins: 8 % of BAC but 120,000 of money needs the analyst and the lead',
      { size: { percent_of_bac: 8, amount: 120_000 }, thresholds: [...budgetBands, ...amountBands] },
      ['pmo_analyst: analyst', 'pmo_lead: lead'],
    ],
    [
      'a measure the request cannot be read in is passed over',
      { size: { percent_of_bac: 15 }, thresholds: [...budgetBands, ...amountBands] },
      ['pmo_lead: lead', 'reporting_executive: coo'],
    ],
    ['2 people: the PMO lead', { subject: 'headcount', size: { count: 2 }, thresholds: headcountBands }, ['pmo_lead: lead']],
    [
      '5 people and a pool: its resource manager first, then lead and executive',
      { subject: 'headcount', size: { count: 5 }, thresholds: headcountBands, resourceManagers: [poolManager] },
      ['resource_manager: pool', 'pmo_lead: lead', 'reporting_executive: coo'],
    ],
    [
      'a slip of 45 days: lead, then executive',
      { subject: 'schedule_change', size: { days: 45 }, thresholds: scheduleBands },
      ['pmo_lead: lead', 'reporting_executive: coo'],
    ],
    [
      'infrastructure of 20,000: the PMO analyst decides what is delegated to them',
      { subject: 'infrastructure', size: { amount: 20_000 }, thresholds: infrastructureBands },
      ['pmo_analyst: analyst'],
    ],
    [
      'a subject with no threshold: the PMO lead decides',
      { subject: 'infrastructure', size: { amount: 20_000 }, thresholds: [] },
      ['pmo_lead: lead'],
    ],
    [
      'two PMO leads: either may act',
      { size: { percent_of_bac: 5 }, line: { ...line, pmo_lead: [lead, secondLead] } },
      ['pmo_lead: lead, lead2'],
    ],
    [
      'a quorum of two leads',
      { size: { percent_of_bac: 5 }, line: { ...line, pmo_lead: [lead, secondLead] }, quorum: { pmo_lead: 2 } },
      ['pmo_lead: lead, lead2 (2)'],
    ],
    [
      'a quorum above who may act is capped at them',
      { size: { percent_of_bac: 5 }, quorum: { pmo_lead: 3 } },
      ['pmo_lead: lead'],
    ],
    [
      'a PMO that reports straight to the CEO: the executive and CEO levels are one step',
      { size: { percent_of_bac: 30 }, line: { ...line, reporting_executive: [ceo] } },
      ['pmo_lead: lead', 'ceo: ceo'],
    ],
  ])('%s', (_name, over, expected) => {
    expect(route(base(over))).toEqual(expected);
  });
});

describe('separation of duties', () => {
  it('never puts the requester or the project manager on a step: their level moves up the line', () => {
    // The PMO lead asks on a project of theirs: the executive the PMO reports to decides instead.
    expect(route(base({ size: { percent_of_bac: 5 }, excluded: new Set([lead.userId]) }))).toEqual(['reporting_executive: coo']);
    // … and where the executive was needed too, it is one step, not two.
    expect(route(base({ size: { percent_of_bac: 15 }, excluded: new Set([lead.userId]) }))).toEqual(['reporting_executive: coo']);
    // One of two leads asks: the other decides.
    expect(
      route(
        base({ size: { percent_of_bac: 5 }, line: { ...line, pmo_lead: [lead, secondLead] }, excluded: new Set([lead.userId]) }),
      ),
    ).toEqual(['pmo_lead: lead2']);
  });

  it('says why a level moved', () => {
    const routing = routeApproval(base({ size: { percent_of_bac: 5 }, excluded: new Set([lead.userId]) }));
    expect(routing.ok && routing.steps[0]!.because).toMatch(
      /5 % of BAC is within the PMO lead's 10 % of BAC .*moved up to the reporting executive/,
    );
  });

  it('refuses a route nobody may take', () => {
    const alone: ReportingLine = { pmo_analyst: [], pmo_lead: [lead], reporting_executive: [lead], ceo: [lead] };
    expect(route(base({ size: { percent_of_bac: 5 }, line: alone, excluded: new Set([lead.userId]) }))).toBe(
      'refused at pmo_lead',
    );
    expect(
      route(
        base({
          subject: 'headcount',
          size: { count: 1 },
          thresholds: headcountBands,
          resourceManagers: [poolManager],
          excluded: new Set([poolManager.userId]),
        }),
      ),
    ).toBe('refused at resource_manager');
  });

  it('moves an empty level up even when nobody was excluded (a PMO with no analyst)', () => {
    expect(
      route(
        base({
          subject: 'infrastructure',
          size: { amount: 20_000 },
          thresholds: infrastructureBands,
          line: { ...line, pmo_analyst: [] },
        }),
      ),
    ).toEqual(['pmo_lead: lead']);
  });
});

describe('the reasons on the route', () => {
  it('names the size and the band that put each step there', () => {
    const routing = routeApproval(base({ size: { percent_of_bac: 15 } }));
    expect(routing.ok && routing.steps.map((s) => s.because)).toEqual([
      "15 % of BAC is above the PMO lead's 10 % of BAC",
      "15 % of BAC is within the reporting executive's 25 % of BAC",
    ]);
  });
});
