/**
 * Demo demand: strategic drivers for both PMOs (the enterprise PMO's consistent, the program
 * PMO's inconsistent to show the warning) and initiation requests in every interesting state,
 * with ratings on the ones in review. Writes go straight to the tables, with the audit events
 * the use cases would have recorded, in the seed's transaction.
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '../kernel/actor.ts';
import type { Tx } from '../kernel/db.ts';
import { driverSets, initiationRequests, requestComments, requestRatings } from '../kernel/schema.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { evaluateDriverComparisons } from '../modules/intake/index.ts';
import { type DemoCalendar, DEMO_WRITTEN_ON, demoCalendar } from './demo-calendar.ts';
import { ENTERPRISE_PMO, PROGRAM_PMO } from './demo-data.ts';

export interface IntakeSeedIds {
  pmoIds: ReadonlyMap<string, string>;
  /** Person key (demo-data PEOPLE) → person id. */
  personIds: ReadonlyMap<string, string>;
  /** Skill name → skill id. */
  skillIds: ReadonlyMap<string, string>;
  /** Project type code → id. */
  typeIds: ReadonlyMap<string, string>;
  /** E-mail → user id. */
  userIds: ReadonlyMap<string, string>;
  /** Moves the requests' dates to the seed day; as written (DEMO_WRITTEN_ON) when left out. */
  calendar?: DemoCalendar;
}

type Rating = 'none' | 'low' | 'moderate' | 'strong' | 'extreme';

/** The enterprise PMO's drivers: judgements that hang together (CR ≈ 0.02). */
export const ENTERPRISE_DRIVERS = {
  drivers: ['Customer value', 'Cost reduction', 'Regulatory compliance', 'Strategic fit', 'Risk reduction'],
  matrix: [
    [1, 2, 1 / 2, 1, 3],
    [1 / 2, 1, 1 / 3, 1 / 2, 2],
    [2, 3, 1, 2, 3],
    [1, 2, 1 / 2, 1, 2],
    [1 / 3, 1 / 2, 1 / 3, 1 / 2, 1],
  ],
};

/**
 * The program PMO's drivers: security is put twice as important as delivery speed, although
 * speed weighs as much as security against the rest; the set is inconsistent (CR ≈ 0.14).
 */
export const PROGRAM_DRIVERS = {
  drivers: ['Platform modernisation', 'Security posture', 'Delivery speed', 'Cost to run'],
  matrix: [
    [1, 3, 1, 3],
    [1 / 3, 1, 2, 2],
    [1, 1 / 2, 1, 4],
    [1 / 3, 1 / 2, 1 / 4, 1],
  ],
};

interface DemoRequest {
  title: string;
  requester: string;
  sponsor: string;
  pmo: string;
  type: 'IT-DELIVERY' | 'BUSINESS-CHANGE' | 'INFRASTRUCTURE';
  state: 'draft' | 'submitted' | 'in_review' | 'info_requested' | 'rejected' | 'deferred';
  problem: string;
  objectives: string[];
  benefits: { description: string; amount: number | null }[];
  /** As of DEMO_WRITTEN_ON, like every date here; the calendar moves them to the seed day. */
  wantedStart: string;
  durationMonths: number;
  /** Monthly cost, from the wanted start. */
  monthlyCost: number[];
  /** Skill name → FTE per month from the wanted start (shorter than the duration is fine). */
  skills: Record<string, number[]>;
  risks: { title: string; probability: number; impact: number; response?: string }[];
  submittedAt?: string;
  decidedAt?: string;
  decidedBy?: string;
  rationale?: string;
  revisitOn?: string;
  /** Ratings by the PMO analyst, in the order of the PMO's drivers. */
  ratings?: Rating[];
  comment?: { author: string; body: string };
}

const REQUESTS: DemoRequest[] = [
  {
    title: 'Warehouse scanning app refresh',
    requester: 'pm@example.com',
    sponsor: 'coo',
    pmo: ENTERPRISE_PMO,
    type: 'IT-DELIVERY',
    state: 'draft',
    problem: 'The hand-held scanning app in the logistics hubs runs on a discontinued device platform; spares run out in 2027.',
    objectives: ['Move scanning to supported rugged Android devices', 'Cut mis-picks by a third'],
    benefits: [
      { description: 'Fewer mis-picks and returns', amount: 180_000 },
      { description: 'Happier warehouse staff', amount: null },
    ],
    wantedStart: '2026-11-01',
    durationMonths: 6,
    monthlyCost: [35_000, 45_000, 45_000, 40_000, 30_000, 15_000],
    skills: { 'TypeScript development': [1, 2, 2, 2, 1], 'QA / testing': [0, 0.5, 1, 1, 1], 'UX design': [0.5, 0.5] },
    risks: [{ title: 'Device delivery delays', probability: 3, impact: 3, response: 'Order pilot devices early' }],
  },
  {
    title: 'Supplier portal self-service',
    requester: 'lena.fischer@example.com',
    sponsor: 'cfo',
    pmo: ENTERPRISE_PMO,
    type: 'IT-DELIVERY',
    state: 'submitted',
    problem: 'Suppliers e-mail invoices and certificates; procurement re-keys about 4,000 documents a month.',
    objectives: ['Suppliers upload invoices and certificates themselves', 'Halve the invoice cycle time'],
    benefits: [
      { description: 'Less manual keying in procurement', amount: 240_000 },
      { description: 'Early-payment discounts captured', amount: 90_000 },
    ],
    wantedStart: '2026-10-01',
    durationMonths: 8,
    monthlyCost: [30_000, 40_000, 50_000, 50_000, 50_000, 40_000, 30_000, 20_000],
    skills: {
      'Java development': [1, 2, 2, 2, 2, 1],
      'Business analysis': [1, 1, 0.5],
      Procurement: [0.5, 0.5, 0.5, 0.5],
    },
    risks: [{ title: 'Supplier adoption is slow', probability: 3, impact: 4, response: 'Onboard the top 50 suppliers first' }],
    submittedAt: '2026-05-04T09:30:00Z',
  },
  {
    title: 'Customer data platform',
    requester: 'carlos.mendes@example.com',
    sponsor: 'comdir',
    pmo: ENTERPRISE_PMO,
    type: 'IT-DELIVERY',
    state: 'in_review',
    problem: 'Customer data sits in five systems; sales and service cannot see one customer history.',
    objectives: ['One customer record across sales, service and billing', 'Consent managed in one place'],
    benefits: [
      { description: 'Cross-selling to existing customers', amount: 650_000 },
      { description: 'Service calls resolved at first contact', amount: 120_000 },
    ],
    wantedStart: '2026-09-01',
    durationMonths: 10,
    monthlyCost: [40_000, 60_000, 70_000, 70_000, 70_000, 70_000, 60_000, 50_000, 40_000, 20_000],
    skills: {
      'Data engineering': [2, 3, 3, 3, 3, 2, 2],
      'Solution architecture': [1, 1, 0.5, 0.5],
      'Business analysis': [1, 1, 1],
    },
    risks: [
      { title: 'Data quality in the legacy CRM', probability: 4, impact: 4, response: 'Profile and cleanse before migration' },
      { title: 'Consent rules differ by country', probability: 3, impact: 3 },
    ],
    submittedAt: '2026-04-14T10:00:00Z',
    ratings: ['extreme', 'low', 'moderate', 'strong', 'low'],
  },
  {
    title: 'Sustainability reporting automation (CSRD)',
    requester: 'grace.adeyemi@example.com',
    sponsor: 'cfo',
    pmo: ENTERPRISE_PMO,
    type: 'BUSINESS-CHANGE',
    state: 'in_review',
    problem: 'The CSRD report is assembled by hand from 30 spreadsheets; the auditors found gaps last year.',
    objectives: ['Collect ESG data at source with an audit trail', 'Publish the 2027 report on time'],
    benefits: [
      { description: 'Avoided fines and audit findings', amount: 300_000 },
      { description: 'Less effort at year end', amount: 80_000 },
    ],
    wantedStart: '2026-09-01',
    durationMonths: 7,
    monthlyCost: [25_000, 35_000, 40_000, 40_000, 35_000, 25_000, 15_000],
    skills: {
      'Regulatory compliance': [1, 1, 1, 1, 0.5],
      'Data engineering': [1, 2, 2, 1],
      'Change management': [0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
    },
    risks: [
      { title: 'Regulation details still changing', probability: 3, impact: 3, response: 'Follow the EFRAG updates monthly' },
    ],
    submittedAt: '2026-04-02T08:45:00Z',
    ratings: ['low', 'moderate', 'extreme', 'moderate', 'strong'],
    comment: { author: 'pmo.analyst@example.com', body: 'Which of the 30 spreadsheets are owned outside Finance?' },
  },
  {
    title: 'Predictive maintenance pilot, plant 2',
    requester: 'piotr.zielinski@example.com',
    sponsor: 'engdir',
    pmo: ENTERPRISE_PMO,
    type: 'INFRASTRUCTURE',
    state: 'info_requested',
    problem: 'Unplanned stops of the press line cost about 40 hours a quarter.',
    objectives: ['Sensors on the two press lines', 'Predict bearing failures a week ahead'],
    benefits: [{ description: 'Fewer unplanned stops', amount: 210_000 }],
    wantedStart: '2026-10-01',
    durationMonths: 5,
    monthlyCost: [60_000, 40_000, 30_000, 20_000, 10_000],
    skills: { 'Mechanical engineering': [1, 1, 1, 0.5, 0.5], 'Data engineering': [0, 1, 1, 1] },
    risks: [{ title: 'Sensor vendor lock-in', probability: 2, impact: 3 }],
    submittedAt: '2026-03-20T14:00:00Z',
    comment: {
      author: 'pmo.analyst@example.com',
      body: 'Please add the maintenance cost baseline of the last two years, so the benefit can be checked.',
    },
  },
  {
    title: 'Trade-fair event app',
    requester: 'hannah.moore@example.com',
    sponsor: 'comdir',
    pmo: ENTERPRISE_PMO,
    type: 'IT-DELIVERY',
    state: 'rejected',
    problem: 'Visitors at our trade-fair stands have no way to book follow-up meetings.',
    objectives: ['An app for booking meetings at the stand'],
    benefits: [{ description: 'More qualified leads', amount: 40_000 }],
    wantedStart: '2026-06-01',
    durationMonths: 4,
    monthlyCost: [30_000, 30_000, 25_000, 15_000],
    skills: { 'TypeScript development': [1, 1, 1], 'UX design': [1, 0.5] },
    risks: [],
    submittedAt: '2026-02-10T11:00:00Z',
    decidedAt: '2026-03-05T15:00:00Z',
    decidedBy: 'pmo.lead@example.com',
    rationale:
      'Rejected: the benefit does not cover the cost, and the booking feature of the existing CRM does the job. Marketing will pilot that at the spring fair.',
  },
  {
    title: 'Data-centre consolidation, phase 2',
    requester: 'yusuf.demir@example.com',
    sponsor: 'cto',
    pmo: PROGRAM_PMO,
    type: 'INFRASTRUCTURE',
    state: 'deferred',
    problem: 'Two of the three remaining server rooms run on end-of-life cooling.',
    objectives: ['Move the remaining workloads to the primary data centre', 'Close two server rooms'],
    benefits: [
      { description: 'Lower energy and lease costs', amount: 350_000 },
      { description: 'Less outage risk', amount: null },
    ],
    wantedStart: '2026-07-01',
    durationMonths: 9,
    monthlyCost: [50_000, 60_000, 60_000, 60_000, 50_000, 50_000, 40_000, 30_000, 20_000],
    skills: { 'Network engineering': [1, 2, 2, 2, 1], DevOps: [1, 1, 1, 1] },
    risks: [{ title: 'Migration downtime', probability: 3, impact: 4 }],
    submittedAt: '2026-02-20T09:00:00Z',
    decidedAt: '2026-03-18T16:00:00Z',
    decidedBy: 'prog.lead@example.com',
    rationale: 'Deferred: the network team is fully booked by the WAN renewal until the end of the year. Look again in January.',
    revisitOn: '2027-01-15',
  },
  {
    title: 'Zero-trust network access',
    requester: 'emma.lawson@example.com',
    sponsor: 'cto',
    pmo: PROGRAM_PMO,
    type: 'IT-DELIVERY',
    state: 'in_review',
    problem: 'Remote access still runs through a VPN concentrator that grants the whole network.',
    objectives: ['Per-application access for every remote user', 'Retire the VPN concentrator'],
    benefits: [{ description: 'Smaller attack surface; VPN licences retired', amount: 110_000 }],
    wantedStart: '2026-10-01',
    durationMonths: 6,
    monthlyCost: [30_000, 40_000, 40_000, 30_000, 20_000, 10_000],
    skills: { Security: [1, 1, 1, 1, 0.5], 'Network engineering': [0.5, 1, 1] },
    risks: [{ title: 'Legacy apps without modern authentication', probability: 4, impact: 3 }],
    submittedAt: '2026-04-22T13:15:00Z',
    ratings: ['moderate', 'extreme', 'moderate', 'low'],
  },
];

const DAY_MS = 86_400_000;

/**
 * When a request was drafted, submitted, commented on, rated and decided, in that order, on the
 * seed day's calendar: drafted six days before its submission (a draft, four days before the day
 * the demo was written), commented on two days and rated three days after its submission.
 */
function momentsOf(r: DemoRequest, calendar: DemoCalendar) {
  const submittedAt = r.submittedAt ? calendar.moment(r.submittedAt) : null;
  const decidedAt = r.decidedAt ? calendar.moment(r.decidedAt) : null;
  const createdAt = submittedAt ? new Date(submittedAt.getTime() - 6 * DAY_MS) : calendar.moment(`${DEMO_WRITTEN_ON}T09:15:00Z`);
  if (!submittedAt) createdAt.setTime(createdAt.getTime() - 4 * DAY_MS);
  const after = (days: number) => (submittedAt ? new Date(submittedAt.getTime() + days * DAY_MS) : null);
  const moments = {
    createdAt,
    submittedAt,
    commentedAt: r.comment ? after(2) : null,
    ratedAt: r.ratings ? after(3) : null,
    decidedAt,
  };
  if (decidedAt && submittedAt && decidedAt < submittedAt)
    throw new Error(`demo data: ${r.title} is decided before it was submitted`);
  return moments;
}

function monthsFrom(start: string, count: number): string[] {
  const [y, m] = start.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const total = y * 12 + (m - 1) + i;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  });
}

function lookup<T>(map: ReadonlyMap<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo data: no ${what} ${key}`);
  return value;
}

/** Seeds the demo's driver sets, requests, ratings and comments; call it in the seed's transaction. */
export async function seedIntake(tx: Tx, ids: IntakeSeedIds, actor: Actor): Promise<void> {
  const driverSetsByPmo = new Map<string, string[]>();
  for (const [pmoCode, input] of [
    [ENTERPRISE_PMO, ENTERPRISE_DRIVERS],
    [PROGRAM_PMO, PROGRAM_DRIVERS],
  ] as const) {
    const pmoId = lookup(ids.pmoIds, pmoCode, 'PMO');
    const evaluation = evaluateDriverComparisons({ drivers: [...input.drivers], matrix: input.matrix.map((r) => [...r]) });
    const [row] = await tx
      .insert(driverSets)
      .values({
        pmoId,
        drivers: evaluation.drivers,
        matrix: evaluation.matrix,
        weights: evaluation.weights,
        lambdaMax: evaluation.lambdaMax,
        ci: evaluation.ci,
        cr: evaluation.cr,
        consistent: evaluation.consistent,
      })
      .returning();
    driverSetsByPmo.set(pmoCode, evaluation.drivers);
    const { drivers, matrix, weights, lambdaMax, ci, cr, consistent } = evaluation;
    await recordAudit(tx, actor, {
      entityType: 'pmo',
      entityId: pmoId,
      action: 'pmo.drivers_compared',
      before: null,
      after: { drivers, matrix, weights, lambdaMax, ci, cr, consistent, version: row!.version },
    });
  }

  const analystOf = new Map([
    [ENTERPRISE_PMO, 'pmo.analyst@example.com'],
    [PROGRAM_PMO, 'prog.analyst@example.com'],
  ]);

  const calendar = ids.calendar ?? demoCalendar(DEMO_WRITTEN_ON);
  for (const r of REQUESTS) {
    const wantedStart = calendar.planDay(r.wantedStart);
    const months = monthsFrom(wantedStart, r.durationMonths);
    const { createdAt, submittedAt, decidedAt, commentedAt, ratedAt } = momentsOf(r, calendar);
    const code = await nextCode(tx);
    const [row] = await tx
      .insert(initiationRequests)
      .values({
        code,
        title: r.title,
        problem: r.problem,
        objectives: r.objectives,
        benefits: r.benefits,
        projectTypeId: lookup(ids.typeIds, r.type, 'project type'),
        sponsorId: lookup(ids.personIds, r.sponsor, 'person'),
        pmoId: lookup(ids.pmoIds, r.pmo, 'PMO'),
        requesterUserId: lookup(ids.userIds, r.requester, 'user'),
        wantedStart,
        durationMonths: r.durationMonths,
        costEstimate: r.monthlyCost.map((amount, i) => ({ month: months[i]!, amount })),
        skillDemand: Object.entries(r.skills).flatMap(([skill, ftes]) =>
          ftes.flatMap((fte, i) => (fte > 0 ? [{ skillId: lookup(ids.skillIds, skill, 'skill'), month: months[i]!, fte }] : [])),
        ),
        knownRisks: r.risks.map((k) => ({ ...k, response: k.response ?? null })),
        dependencies: [],
        state: r.state,
        submittedAt,
        decidedAt,
        decidedBy: r.decidedBy ? lookup(ids.userIds, r.decidedBy, 'user') : null,
        decisionRationale: r.rationale ?? null,
        revisitOn: r.revisitOn ? calendar.planDay(r.revisitOn) : null,
        createdAt,
        updatedAt: decidedAt ?? commentedAt ?? submittedAt ?? createdAt,
      })
      .returning();
    const request = row!;
    await recordAudit(tx, actor, { entityType: 'request', entityId: request.id, action: 'request.created', after: request });

    if (r.comment) {
      const [comment] = await tx
        .insert(requestComments)
        .values({
          requestId: request.id,
          authorUserId: lookup(ids.userIds, r.comment.author, 'user'),
          body: r.comment.body,
          createdAt: commentedAt ?? createdAt,
        })
        .returning();
      await recordAudit(tx, actor, {
        entityType: 'request',
        entityId: request.id,
        action: 'request.commented',
        after: { commentId: comment!.id, authorUserId: comment!.authorUserId, body: comment!.body },
      });
    }

    if (r.ratings) {
      const drivers = lookup(driverSetsByPmo, r.pmo, 'driver set');
      if (drivers.length !== r.ratings.length) throw new Error(`demo data: ${r.title} needs ${drivers.length} ratings`);
      const ratedBy = lookup(ids.userIds, lookup(analystOf, r.pmo, 'analyst'), 'user');
      const ratings = drivers.map((driver, i) => ({ driver, rating: r.ratings![i]! }));
      await tx
        .insert(requestRatings)
        .values(ratings.map((x) => ({ requestId: request.id, ...x, ratedBy, ratedAt: ratedAt ?? createdAt })));
      await recordAudit(tx, actor, {
        entityType: 'request',
        entityId: request.id,
        action: 'request.rated',
        before: { ratings: [] },
        after: { ratings, ratedBy },
      });
    }
  }
}

async function nextCode(tx: Tx): Promise<string> {
  const result = (await tx.execute(sql`SELECT nextval('initiation_request_code_seq') AS n`)) as unknown as {
    rows: { n: unknown }[];
  };
  return `REQ-${String(Number(result.rows[0]!.n)).padStart(4, '0')}`;
}
