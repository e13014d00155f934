/**
 * The demo's reporting history as plain data: for each open project, how its figures ran (SPI,
 * CPI and forecast-finish slip over time), how its manager reports (honestly, or green whatever
 * the numbers say), its key milestones and what its reports talk about. report-history.ts turns
 * this into baselines, milestones and report versions; seed-reports.ts writes them.
 *
 * Every open project starts early enough, and late enough, for its history to span 6 to 12 months
 * whatever day of the month it is seeded on (report-history.test.ts checks this).
 *
 * Dates are as of DEMO_WRITTEN_ON (demo-calendar.ts) and move with the plans by whole months. No
 * milestone date (baseline, or baseline plus slip) falls in May 2026, the month the data is
 * written in, so whichever day of the seed's month the demo is seeded on, the same milestones are
 * achieved and the same ones are still ahead.
 */
import type { RagDimension } from '../modules/reports/reports.tolerances.ts';

export interface DemoMilestone {
  name: string;
  gateKey?: string;
  deliverableKey?: string;
  /** Baseline date. */
  on: string;
  /** Days it ends up late (negative: early); its forecasts drift there in the months before it. */
  slip?: number;
}

/** [months before the seed day, SPI, CPI, forecast-finish slip in days]; linear between knots, flat beyond. */
export type TrendKnot = [monthsAgo: number, spi: number, cpi: number, slipDays?: number];

export interface DemoConcern {
  dimension: RagDimension;
  rag: 'amber' | 'red';
  /** Reported from this many months before the seed day until `toMonthsAgo` (0: the latest). */
  fromMonthsAgo: number;
  toMonthsAgo: number;
  reason: string;
}

export interface DemoReporting {
  code: string;
  /** How the manager reports: the RAG the figures give, or green whatever they say (a watermelon). */
  style: 'honest' | 'always-green';
  /** Performance against the baseline in force. */
  trend: TrendKnot[];
  /** A second baseline version set on `on`: BAC and a curve re-planned from the progress made; `trend` runs after it. */
  rebaseline?: { on: string; bac: number; reason: string; trendBefore: TrendKnot[] };
  /** Put on hold on `since`: progress stops, reports go on. */
  hold?: { since: string; reason: string };
  /** The latest submitted report still waits for the PMO's review. */
  latestAwaitsReview?: boolean;
  /** The report owed on the seed day: due within its grace days (when the calendar allows), or escalated. */
  owed?: 'due' | 'escalated';
  /**
   * The report about this many months back was returned for leaving cost out, revised with the
   * cost (`note` added to its accomplishments) and accepted with `thanks`.
   */
  returned?: { monthsAgo: number; missingCost: number; comment: string; note: string; thanks: string };
  /** The latest submitted report was returned with this comment; its revision is still to come. */
  latestReturned?: string;
  concerns?: DemoConcern[];
  /** What the manager writes when schedule or cost is not green ({spi}, {cpi}, {slip} filled in). */
  reasons?: { schedule?: string; cost?: string };
  helpNeeded?: string;
  /** What the work is about, for accomplishments and next steps. */
  workstreams: string[];
  milestones: DemoMilestone[];
}

const ON_TRACK: TrendKnot[] = [
  [18, 1.0, 1.0],
  [6, 1.01, 0.99],
  [0, 1.0, 1.01],
];

/**
 * Projects that can be the overdue one, in order of preference: the first whose report periods put
 * a report past its grace days but short of escalation on the seed day (monthly reports can be so
 * only early in a month, fortnightly ones one week in two). On the few days none can, the first
 * is escalated instead: a fortnightly one, so that costs its history a fortnight, not a month.
 */
export const OVERDUE_CANDIDATES = ['REG-001', 'DTX-004', 'OPX-002', 'REG-003', 'OPX-004', 'REG-005'];

export const REPORTING: DemoReporting[] = [
  {
    code: 'DTX-001',
    style: 'always-green',
    trend: [
      [15, 1.0, 0.99],
      [6, 0.98, 0.98],
      [0, 0.8, 0.97],
    ],
    latestAwaitsReview: true,
    workstreams: [
      'self-service ordering',
      'order history and invoices',
      'account management',
      'payment integration',
      'accessibility review',
    ],
    milestones: [
      { name: 'Gate 1: approval to plan', gateKey: 'g1-approve-planning', on: '2025-07-11' },
      {
        name: 'Solution architecture signed off',
        gateKey: 'g2-approve-build',
        deliverableKey: 'architecture',
        on: '2025-09-12',
        slip: 6,
      },
      { name: 'Gate 2: approval to build', gateKey: 'g2-approve-build', on: '2025-10-17', slip: 4 },
      { name: 'Self-service ordering feature complete', on: '2026-04-24', slip: 45 },
      { name: 'Gate 3: ready for test', gateKey: 'g3-ready-for-test', on: '2026-06-26', slip: 40 },
      { name: 'Go-live of the new portal', gateKey: 'g4-go-live', on: '2026-09-18', slip: 35 },
    ],
  },
  {
    code: 'DTX-002',
    style: 'honest',
    trend: ON_TRACK,
    returned: {
      monthsAgo: 3,
      missingCost: 48_000,
      comment:
        'Actual cost leaves out the licence pre-payment the vendor invoiced this period (about 48,000). Please include it and resubmit.',
      note: 'Revised: actual cost now includes the licence pre-payment.',
      thanks: 'Thanks, the licence cost is in now.',
    },
    workstreams: [
      'general ledger design',
      'payables process mapping',
      'receivables data migration plan',
      'vendor release assessment',
    ],
    milestones: [
      { name: 'Gate 1: approval to plan', gateKey: 'g1-approve-planning', on: '2025-10-24' },
      { name: 'Vendor release and licences confirmed', on: '2026-01-30', slip: 3 },
      {
        name: 'Requirements signed off',
        gateKey: 'g2-approve-build',
        deliverableKey: 'requirements',
        on: '2026-04-10',
        slip: -2,
      },
      { name: 'Gate 2: approval to build', gateKey: 'g2-approve-build', on: '2026-06-19' },
      { name: 'Parallel run complete', on: '2027-01-29' },
      { name: 'Go-live of the upgraded modules', gateKey: 'g4-go-live', on: '2027-03-05' },
    ],
  },
  {
    code: 'DTX-003',
    style: 'always-green',
    trend: [
      [13, 1.0, 1.0],
      [7, 0.99, 0.96],
      [0, 0.98, 0.82],
    ],
    latestAwaitsReview: true,
    workstreams: ['cloud landing zone', 'ingestion pipelines', 'data quality rules', 'warehouse migration', 'access policies'],
    milestones: [
      { name: 'Gate 1: approval to plan', gateKey: 'g1-approve-planning', on: '2025-07-25' },
      { name: 'Cloud platform landing zone ready', on: '2025-09-26', slip: 10 },
      { name: 'Gate 2: approval to build', gateKey: 'g2-approve-build', on: '2025-10-31', slip: 5 },
      { name: 'First departmental warehouse migrated', on: '2026-03-27', slip: 8 },
      { name: 'Gate 3: ready for test', gateKey: 'g3-ready-for-test', on: '2026-06-26', slip: 12 },
      { name: 'Legacy warehouses switched off', on: '2026-08-21' },
    ],
  },
  {
    code: 'DTX-004',
    style: 'honest',
    trend: [
      [7, 1.0, 1.0],
      [0, 0.97, 1.0, 4],
    ],
    workstreams: ['identity provider selection', 'joiner-mover-leaver design', 'application onboarding plan'],
    milestones: [
      { name: 'Gate 1: approval to plan', gateKey: 'g1-approve-planning', on: '2025-11-28' },
      { name: 'Identity provider selected', on: '2026-02-13', slip: 14 },
      { name: 'Gate 2: approval to build', gateKey: 'g2-approve-build', on: '2026-06-12', slip: 10 },
      { name: 'All group applications on single sign-on', on: '2026-10-16' },
    ],
  },
  {
    code: 'DTX-006',
    style: 'honest',
    trend: ON_TRACK,
    owed: 'due',
    workstreams: ['field engineer interviews', 'work-order process mapping', 'outline business case', 'device options'],
    milestones: [
      { name: 'Field engineer discovery interviews complete', on: '2025-12-12' },
      {
        name: 'Outline business case approved by the sponsor',
        deliverableKey: 'outline-business-case',
        on: '2026-03-13',
        slip: 7,
      },
      { name: 'Gate 1: approval to plan', gateKey: 'g1-approve-planning', on: '2026-06-05' },
      { name: 'Pilot release to 20 engineers', on: '2026-10-30' },
    ],
  },
  {
    code: 'OPX-001',
    style: 'honest',
    trend: [
      [13, 1.0, 1.0],
      [5, 0.96, 0.99, 4],
      [0, 0.92, 0.98, 14],
    ],
    reasons: {
      schedule:
        'Behind plan after the North site go-live needed two extra weeks of hypercare (SPI {spi}); finish forecast {slip} days late.',
    },
    concerns: [
      {
        dimension: 'resources',
        rag: 'amber',
        fromMonthsAgo: 3,
        toMonthsAgo: 1,
        reason: 'Two warehouse super-users are on long-term leave; cover agreed with the South site.',
      },
    ],
    helpNeeded: 'A decision from the COO on moving the East site go-live past the peak season.',
    workstreams: ['North distribution centre rollout', 'South site configuration', 'scanner integration', 'East site training'],
    milestones: [
      { name: 'Gate 1: approval to plan', gateKey: 'g1-approve-planning', on: '2025-07-25' },
      { name: 'Gate 2: approval to build', gateKey: 'g2-approve-build', on: '2025-10-03', slip: 7 },
      { name: 'Distribution centre North live', on: '2026-02-27', slip: 12 },
      { name: 'Gate 3: ready for test', gateKey: 'g3-ready-for-test', on: '2026-06-12', slip: 14 },
      { name: 'Distribution centres South and East live', gateKey: 'g4-go-live', on: '2026-07-24', slip: 14 },
    ],
  },
  {
    code: 'OPX-002',
    style: 'honest',
    trend: ON_TRACK,
    workstreams: ['value-stream mapping', 'target layout', 'operator workshops', 'kanban design'],
    milestones: [
      { name: 'Gate 1: case for change', gateKey: 'g1-case-for-change', on: '2025-10-24' },
      { name: 'Line 3 value-stream map agreed', on: '2026-01-23' },
      {
        name: 'Target layout approved',
        gateKey: 'g2-approve-design',
        deliverableKey: 'target-operating-model',
        on: '2026-04-10',
        slip: 5,
      },
      { name: 'Gate 2: approval of the design', gateKey: 'g2-approve-design', on: '2026-06-26' },
      { name: 'Line 3 running single-piece flow', on: '2026-11-13' },
    ],
  },
  {
    code: 'OPX-003',
    style: 'honest',
    trend: ON_TRACK,
    latestAwaitsReview: true,
    workstreams: ['order and traffic data feeds', 'routing engine options', 'outline business case'],
    milestones: [
      { name: 'Route data feeds agreed', on: '2025-12-12' },
      { name: 'Outline business case ready', deliverableKey: 'outline-business-case', on: '2026-03-20' },
      { name: 'Gate 1: approval to plan', gateKey: 'g1-approve-planning', on: '2026-06-19' },
      { name: 'Pilot with 20 trucks', on: '2026-09-25' },
    ],
  },
  {
    code: 'OPX-004',
    style: 'honest',
    trend: [
      [15, 1.0, 1.0],
      [6, 0.99, 0.96],
      [0, 0.98, 0.94, 5],
    ],
    returned: {
      monthsAgo: 5,
      missingCost: 36_000,
      comment:
        'Actual cost leaves out the contractor invoices for the wave 1 backlog (about 36,000). Please include them and resubmit.',
      note: 'Revised: actual cost now includes the wave 1 contractor invoices.',
      thanks: 'Accepted; the contractor cost is in, and the CPI now matches the finance ledger.',
    },
    reasons: {
      cost: 'Wave 1 needed contractors to clear the invoice backlog (CPI {cpi}); wave 2 plan trimmed to recover part of it.',
    },
    workstreams: ['wave 1 migration', 'wave 2 readiness', 'shared services staffing', 'service level agreements'],
    milestones: [
      { name: 'Gate 1: case for change', gateKey: 'g1-case-for-change', on: '2025-07-25' },
      { name: 'Gate 2: approval of the design', gateKey: 'g2-approve-design', on: '2025-09-26', slip: 3 },
      { name: 'Gate 3: ready to implement', gateKey: 'g3-ready-to-implement', on: '2025-12-12', slip: 10 },
      { name: 'Wave 1: three subsidiaries moved', on: '2026-02-27', slip: 7 },
      { name: 'Wave 2: remaining subsidiaries moved', on: '2026-06-12', slip: 10 },
      { name: 'Gate 4: handover to the business', gateKey: 'g4-handover', on: '2026-06-26', slip: 5 },
    ],
  },
  {
    code: 'OPX-007',
    style: 'honest',
    trend: ON_TRACK,
    owed: 'escalated',
    workstreams: ['hybrid working policy', 'meeting room equipment', 'desk booking', 'manager guidance'],
    milestones: [
      { name: 'Gate 1: case for change', gateKey: 'g1-case-for-change', on: '2025-09-05' },
      { name: 'Gate 2: approval of the design', gateKey: 'g2-approve-design', on: '2025-12-12', slip: 7 },
      {
        name: 'Hybrid working policy approved',
        gateKey: 'g3-ready-to-implement',
        deliverableKey: 'process-designs',
        on: '2026-03-20',
        slip: 14,
      },
      { name: 'Gate 3: ready to implement', gateKey: 'g3-ready-to-implement', on: '2026-06-05', slip: 10 },
      { name: 'Office changes complete', on: '2026-06-26' },
    ],
  },
  {
    code: 'REG-001',
    style: 'honest',
    trend: [
      [10, 1.0, 1.0],
      [5, 0.97, 0.99, 0],
      [0, 0.92, 0.98, 0],
    ],
    latestAwaitsReview: true,
    reasons: {
      schedule: 'Site data collection is behind: 9 of 14 sites reporting (SPI {spi}); the publication date still holds.',
    },
    concerns: [
      {
        dimension: 'risk',
        rag: 'amber',
        fromMonthsAgo: 4,
        toMonthsAgo: 0,
        reason: 'Data owners are not yet named at two plants; the assurance provider needs them by the summer.',
      },
    ],
    helpNeeded: 'Plant directors to name their sustainability data owners.',
    workstreams: ['double materiality assessment', 'site data collection', 'assurance readiness', 'disclosure drafting'],
    milestones: [
      { name: 'Gate 1: case for change', gateKey: 'g1-case-for-change', on: '2025-08-08' },
      { name: 'Double materiality assessment complete', on: '2025-12-19', slip: 21 },
      { name: 'Data collected from all sites', on: '2026-04-24', slip: 45 },
      { name: 'Gate 2: approval of the design', gateKey: 'g2-approve-design', on: '2026-07-10', slip: 30 },
      { name: 'Assured disclosures published', on: '2026-12-18' },
    ],
  },
  {
    code: 'REG-002',
    style: 'honest',
    trend: [
      [12, 1.0, 1.0],
      [6, 0.97, 0.99, 20],
      [0, 0.88, 0.97, 122],
    ],
    reasons: {
      schedule:
        'Two of the twelve systems need vendor patches before automated deletion can run (SPI {spi}); finish forecast {slip} days after plan.',
      cost: 'Vendor patch work is extra cost (CPI {cpi}).',
    },
    latestReturned:
      'The finish is now four months late: please add the recovery plan for the two remaining systems to next steps, with the date legal expects to confirm the interim procedure, and resubmit.',
    helpNeeded: 'Legal to confirm the interim manual deletion procedure for the two remaining systems.',
    workstreams: ['retention rules', 'deletion jobs for core systems', 'vendor patches', 'evidence for the regulator'],
    milestones: [
      { name: 'Gate 1: approval to plan', gateKey: 'g1-approve-planning', on: '2025-07-04' },
      { name: 'Gate 2: approval to build', gateKey: 'g2-approve-build', on: '2025-08-29', slip: 12 },
      { name: 'Retention rules approved by legal', on: '2025-10-31' },
      { name: 'Automated deletion live in 6 of 12 systems', on: '2026-01-30', slip: 28 },
      { name: 'Automated deletion live in all 12 systems', gateKey: 'g3-ready-for-test', on: '2026-03-20', slip: 120 },
      { name: 'Programme closed', gateKey: 'g4-go-live', on: '2026-03-31', slip: 122 },
    ],
  },
  {
    code: 'REG-003',
    style: 'honest',
    trend: ON_TRACK,
    workstreams: ['product range gap analysis', 'risk assessments', 'technical files', 'supplier declarations'],
    milestones: [
      { name: 'Gate 1: concept', gateKey: 'g1-concept', on: '2025-11-14' },
      { name: 'Product range gap analysis complete', on: '2026-02-20', slip: 5 },
      { name: 'Risk assessments for 14 machine families', on: '2026-04-17' },
      { name: 'Gate 2: feasibility', gateKey: 'g2-feasibility', on: '2026-06-19' },
      { name: 'Declarations of conformity reissued', on: '2026-12-04' },
    ],
  },
  {
    code: 'REG-005',
    style: 'honest',
    trend: ON_TRACK,
    workstreams: ['screening vendor shortlist', 'order release process', 'sanctions list feeds'],
    milestones: [
      { name: 'Screening vendor shortlisted', on: '2025-12-05' },
      { name: 'Case for change agreed', deliverableKey: 'case-for-change', on: '2026-03-13', slip: 3 },
      { name: 'Gate 1: case for change', gateKey: 'g1-case-for-change', on: '2026-06-05' },
      { name: 'Screening live for all orders', on: '2026-07-24' },
    ],
  },
  {
    code: 'INF-001',
    style: 'honest',
    rebaseline: {
      on: '2026-01-16',
      bac: 3_950_000,
      reason:
        'Re-baselined after the compressor tender: the supplier delivers eight weeks later and expedited installation adds 150,000; finish date kept.',
      trendBefore: [
        [15, 1.0, 1.0],
        [9, 0.97, 0.99, 10],
        [4, 0.84, 0.98, 45],
      ],
    },
    trend: [
      [4, 0.98, 0.99, 7],
      [0, 1.0, 1.0, 7],
    ],
    reasons: {
      schedule:
        'The compressor tender took seven weeks longer than planned (SPI {spi}); finish forecast {slip} days late until re-planned.',
    },
    workstreams: [
      'site surveys',
      'compressor tender',
      'foundations and pipework design',
      'heat recovery design',
      'installation planning',
    ],
    milestones: [
      { name: 'Gate 1: concept', gateKey: 'g1-concept', on: '2025-07-11' },
      { name: 'Gate 2: feasibility', gateKey: 'g2-feasibility', on: '2025-09-19', slip: 18 },
      { name: 'Compressor tender evaluated', gateKey: 'g3-award', deliverableKey: 'tender-report', on: '2025-11-28', slip: 49 },
      { name: 'Gate 3: contract award', gateKey: 'g3-award', on: '2026-03-27', slip: 70 },
      { name: 'Installation complete', on: '2026-10-16', slip: 14 },
      { name: 'Gate 4: commissioned', gateKey: 'g4-commissioned', on: '2026-11-20', slip: 7 },
    ],
  },
  {
    code: 'INF-002',
    style: 'honest',
    trend: ON_TRACK,
    latestAwaitsReview: true,
    workstreams: ['data centre A core switches', 'second carrier', 'access switch rollout', 'data centre B cut-over plan'],
    milestones: [
      { name: 'Gate 1: approval to plan', gateKey: 'g1-approve-planning', on: '2025-07-04' },
      { name: 'Gate 2: approval to build', gateKey: 'g2-approve-build', on: '2025-09-12', slip: 5 },
      { name: 'Data centre A core switches replaced', on: '2026-02-13' },
      { name: 'Second carrier live', on: '2026-04-10', slip: 12 },
      { name: 'Gate 3: ready for test', gateKey: 'g3-ready-for-test', on: '2026-06-12' },
      { name: 'Data centre B cut over', on: '2026-07-17' },
    ],
  },
  {
    code: 'INF-003',
    style: 'honest',
    trend: ON_TRACK,
    workstreams: ['energy audit', 'heat pump options', 'roof survey for solar'],
    milestones: [
      { name: 'Energy audit of the head office complete', on: '2026-01-23', slip: 7 },
      { name: 'Gate 1: concept', gateKey: 'g1-concept', on: '2026-07-10' },
      { name: 'Heat pump tender issued', on: '2026-10-30' },
      { name: 'Solar array commissioned', on: '2027-06-11' },
    ],
  },
  // On hold: reports go on, progress stops.
  {
    code: 'DTX-005',
    style: 'honest',
    trend: ON_TRACK,
    hold: { since: '2026-02-06', reason: 'On hold by the PMO until the customer master data owner is appointed.' },
    workstreams: ['customer master data model', 'regional CRM comparison', 'migration approach'],
    milestones: [
      { name: 'Gate 1: approval to plan', gateKey: 'g1-approve-planning', on: '2025-07-04' },
      { name: 'Customer master data model agreed', on: '2025-11-28', slip: 21 },
      { name: 'Gate 2: approval to build', gateKey: 'g2-approve-build', on: '2026-02-27', slip: 100 },
      { name: 'Regional CRMs merged', on: '2026-06-19', slip: 90 },
    ],
  },
  {
    code: 'REG-004',
    style: 'honest',
    trend: ON_TRACK,
    hold: { since: '2026-03-02', reason: "On hold at the external auditor's request until the new control framework is issued." },
    workstreams: ['key controls inventory', 'evidence automation design', 'audit liaison'],
    milestones: [
      { name: 'Gate 1: approval to plan', gateKey: 'g1-approve-planning', on: '2025-07-18' },
      { name: 'Key controls inventory complete', on: '2025-12-12' },
      { name: 'Gate 2: approval to build', gateKey: 'g2-approve-build', on: '2026-03-27', slip: 75 },
      { name: 'Controls evidence automated for the year-end audit', on: '2026-10-16', slip: 45 },
    ],
  },
  {
    code: 'INF-004',
    style: 'honest',
    trend: ON_TRACK,
    hold: { since: '2026-01-19', reason: 'Capital spend frozen by the CFO pending the half-year investment review.' },
    workstreams: ['machine specification', 'supplier shortlist', 'cell layout'],
    milestones: [
      { name: 'Gate 1: concept', gateKey: 'g1-concept', on: '2025-09-26' },
      { name: 'Machine specification frozen', on: '2025-12-19', slip: 7 },
      { name: 'Gate 2: feasibility', gateKey: 'g2-feasibility', on: '2026-03-13', slip: 110 },
      { name: 'Machining cell in production', on: '2026-09-18', slip: 110 },
    ],
  },
];
