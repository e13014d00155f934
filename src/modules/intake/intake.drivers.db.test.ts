import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';
import { auditEvents, initiationRequests, pmos, users } from '../../kernel/schema.ts';
import { capacityLeft } from '../resources/index.ts';
import { assertScoreUsable, requestScore } from './intake.drivers.service.ts';

let database: TestDatabase;
let app: TestApp;
const as: Record<string, ApiClient> = {};
let epmo: string;
let tpmo: string;
const requestIds = new Map<string, string>();

const EMAILS = [
  'pmo.lead@example.com',
  'pmo.analyst@example.com',
  'pm@example.com',
  'prog.lead@example.com',
  'prog.analyst@example.com',
  'viewer@example.com',
] as const;

beforeAll(async () => {
  database = await testDatabase({ demo: true });
  app = testApp(database);
  for (const email of EMAILS) as[email] = await ApiClient.signIn(app, email);
  const pmoRows = await database.db.select({ id: pmos.id, code: pmos.code }).from(pmos);
  epmo = pmoRows.find((p) => p.code === 'EPMO')!.id;
  tpmo = pmoRows.find((p) => p.code === 'TPMO')!.id;
  for (const r of await database.db
    .select({ id: initiationRequests.id, title: initiationRequests.title })
    .from(initiationRequests)) {
    requestIds.set(r.title, r.id);
  }
});

afterAll(async () => {
  await database?.close();
});

const req = (title: string) => {
  const id = requestIds.get(title);
  if (!id) throw new Error(`no demo request ${title}`);
  return id;
};
const CDP = 'Customer data platform';
const CSRD = 'Sustainability reporting automation (CSRD)';
const SUPPLIER = 'Supplier portal self-service';
const ZERO_TRUST = 'Zero-trust network access';
const VALUE = { none: 0, low: 0.25, moderate: 0.5, strong: 0.75, extreme: 1 } as const;

/** The score worked out by hand from the weights and the ratings. */
function byHand(weights: number[], ratings: (keyof typeof VALUE)[]): number {
  return 100 * weights.reduce((s, w, i) => s + w * VALUE[ratings[i]!], 0);
}

describe('driver comparisons of the demo PMOs', () => {
  it("the enterprise PMO's set is consistent; the program PMO's is saved but inconsistent", async () => {
    const e = await as['viewer@example.com']!.get(`/api/v1/pmos/${epmo}/driver-comparisons`);
    expect(e.status).toBe(200);
    expect(e.body.drivers).toEqual([
      'Customer value',
      'Cost reduction',
      'Regulatory compliance',
      'Strategic fit',
      'Risk reduction',
    ]);
    expect(e.body.consistent).toBe(true);
    expect(e.body.cr).toBeLessThan(0.1);
    expect(e.body.canEdit).toBe(false);
    expect(e.body.weights.reduce((s: number, w: number) => s + w, 0)).toBeCloseTo(1, 12);

    const t = await as['prog.lead@example.com']!.get(`/api/v1/pmos/${tpmo}/driver-comparisons`);
    expect(t.body.consistent).toBe(false);
    expect(t.body.cr).toBeCloseTo(0.138, 3);
    expect(t.body.disagreements.length).toBeGreaterThan(0);
    expect(t.body.canEdit).toBe(true);
  });

  it('an unknown PMO is a 404', async () => {
    const unknown = await as['viewer@example.com']!.get('/api/v1/pmos/00000000-0000-4000-8000-000000000000/driver-comparisons');
    expect(unknown.status).toBe(404);
  });
});

describe('ratings and the score', () => {
  it('the score of a request in review is 100 × Σ weight × value, worked out by hand', async () => {
    const set = (await as['pmo.analyst@example.com']!.get(`/api/v1/pmos/${epmo}/driver-comparisons`)).body;
    const cdp = await as['pmo.analyst@example.com']!.get(`/api/v1/requests/${req(CDP)}/ratings`);
    expect(cdp.status).toBe(200);
    expect(cdp.body.ratings.map((r: { rating: string }) => r.rating)).toEqual(['extreme', 'low', 'moderate', 'strong', 'low']);
    expect(cdp.body.score).toBeCloseTo(byHand(set.weights, ['extreme', 'low', 'moderate', 'strong', 'low']), 9);
    // With the seeded weights .2203 .1248 .3640 .2030 .0879: 22.03 + 3.12 + 18.20 + 15.23 + 2.20 ≈ 60.77.
    expect(cdp.body.score).toBeCloseTo(60.77, 1);
    expect(cdp.body.scoreUsable).toBe(true);
    expect(cdp.body.reason).toBeNull();

    const csrd = await as['pmo.lead@example.com']!.get(`/api/v1/requests/${req(CSRD)}/ratings`);
    expect(csrd.body.score).toBeCloseTo(byHand(set.weights, ['low', 'moderate', 'extreme', 'moderate', 'strong']), 9);
    expect(csrd.body.score).toBeCloseTo(64.89, 1);
  });

  it('an unrated request has no usable score; the decision is refused with 409', async () => {
    const supplier = await as['pmo.analyst@example.com']!.get(`/api/v1/requests/${req(SUPPLIER)}/ratings`);
    expect(supplier.body).toMatchObject({ score: null, scoreUsable: false });
    expect(supplier.body.reason).toContain('Customer value');
    await expect(assertScoreUsable(database.db, req(SUPPLIER))).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await assertScoreUsable(database.db, req(CDP))).score).toBeCloseTo(60.77, 1);
  });

  it('an inconsistent driver set makes every score of that PMO unusable', async () => {
    const zt = await as['prog.analyst@example.com']!.get(`/api/v1/requests/${req(ZERO_TRUST)}/ratings`);
    expect(zt.status).toBe(200);
    expect(zt.body.score).not.toBeNull();
    expect(zt.body.scoreUsable).toBe(false);
    expect(zt.body.reason).toContain('inconsistent (CR 0.14 ≥ 0.10)');
    const error = await assertScoreUsable(database.db, req(ZERO_TRUST)).catch((e) => e);
    expect(error).toMatchObject({ code: 'INVALID_STATE', status: 409 });
    expect(error.message).toMatch(/^the driver comparisons of this PMO are inconsistent \(CR 0\.14 ≥ 0\.10\)/);
  });

  it('an analyst rates a submitted request; the score follows', async () => {
    const ratings = [
      { driver: 'Customer value', rating: 'moderate' },
      { driver: 'Cost reduction', rating: 'extreme' },
      { driver: 'Regulatory compliance', rating: 'none' },
      { driver: 'Strategic fit', rating: 'moderate' },
    ] as const;
    const partial = await as['pmo.analyst@example.com']!.put(`/api/v1/requests/${req(SUPPLIER)}/ratings`, { ratings });
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ score: null, scoreUsable: false });
    expect(partial.body.reason).toContain('Risk reduction');

    const full = await as['pmo.analyst@example.com']!.put(`/api/v1/requests/${req(SUPPLIER)}/ratings`, {
      ratings: [{ driver: 'Risk reduction', rating: 'low' }],
    });
    expect(full.status).toBe(200);
    const set = (await as['pmo.analyst@example.com']!.get(`/api/v1/pmos/${epmo}/driver-comparisons`)).body;
    expect(full.body.scoreUsable).toBe(true);
    expect(full.body.score).toBeCloseTo(byHand(set.weights, ['moderate', 'extreme', 'none', 'moderate', 'low']), 9);
    expect(full.body.ratings[0].ratedBy.name).toBeTruthy();
    expect((await requestScore(database.db, req(SUPPLIER))).score).toBeCloseTo(full.body.score, 9);

    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, req(SUPPLIER)), eq(auditEvents.action, 'request.rated')));
    expect(event).toBeDefined();
  });

  it('a driver that is not current is a 422 naming ratings.N.driver', async () => {
    const reply = await as['pmo.analyst@example.com']!.put(`/api/v1/requests/${req(CDP)}/ratings`, {
      ratings: [
        { driver: 'Customer value', rating: 'low' },
        { driver: 'Shareholder happiness', rating: 'extreme' },
      ],
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.details.issues.map((i: { field: string }) => i.field)).toEqual(['ratings.1.driver']);
    const bad = await as['pmo.analyst@example.com']!.put(`/api/v1/requests/${req(CDP)}/ratings`, {
      ratings: [{ driver: 'Customer value', rating: 'huge' }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.issues[0].field).toBe('ratings.0.rating');
  });

  it('a requester cannot rate their own request: 403 SELF_APPROVAL', async () => {
    const [analyst] = await database.db.select().from(users).where(eq(users.email, 'pmo.analyst@example.com'));
    const [own] = await database.db
      .insert(initiationRequests)
      .values({
        code: 'REQ-T001',
        title: 'Analyst’s own request',
        pmoId: epmo,
        requesterUserId: analyst!.id,
        state: 'submitted',
        submittedAt: new Date(),
      })
      .returning();
    const reply = await as['pmo.analyst@example.com']!.put(`/api/v1/requests/${own!.id}/ratings`, {
      ratings: [{ driver: 'Customer value', rating: 'extreme' }],
    });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('SELF_APPROVAL');
    // The lead of the same PMO may rate it.
    const lead = await as['pmo.lead@example.com']!.put(`/api/v1/requests/${own!.id}/ratings`, {
      ratings: [{ driver: 'Customer value', rating: 'low' }],
    });
    expect(lead.status).toBe(200);
  });

  it('refuses raters without the permission, outside the PMO, and decided requests', async () => {
    const body = { ratings: [{ driver: 'Customer value', rating: 'low' }] };
    expect((await as['pm@example.com']!.put(`/api/v1/requests/${req(CDP)}/ratings`, body)).status).toBe(403);
    expect((await as['viewer@example.com']!.put(`/api/v1/requests/${req(CDP)}/ratings`, body)).status).toBe(403);
    // The program PMO's analyst does not see the enterprise PMO's requests.
    expect((await as['prog.analyst@example.com']!.put(`/api/v1/requests/${req(CDP)}/ratings`, body)).status).toBe(404);
    const rejected = await as['pmo.analyst@example.com']!.put(`/api/v1/requests/${req('Trade-fair event app')}/ratings`, body);
    expect(rejected.status).toBe(409);
    expect(rejected.body.error.code).toBe('INVALID_STATE');
    // A draft is its requester's alone.
    const draft = await as['pmo.analyst@example.com']!.put(
      `/api/v1/requests/${req('Warehouse scanning app refresh')}/ratings`,
      body,
    );
    expect(draft.status).toBe(404);
  });
});

describe('the review queue', () => {
  it('ranks by score, unusable scores last, with cost, benefit and the capacity left', async () => {
    const reply = await as['pmo.lead@example.com']!.get(`/api/v1/pmos/${epmo}/review-queue`);
    expect(reply.status).toBe(200);
    const items = reply.body.items as {
      code: string;
      title: string;
      score: number | null;
      scoreUsable: boolean;
      notYetInReview: boolean;
      rank: number;
      totalCost: number;
      totalBenefit: number;
      benefitCostRatio: number | null;
      wantedStart: string | null;
      capacityShortfall: boolean;
      skills: { skillId: string; name: string; months: { month: string; fte: number; capacityLeftFte: number }[] }[];
    }[];
    // The info_requested, rejected, deferred and draft requests are not in the queue.
    expect(items.map((i) => i.title)).not.toContain('Predictive maintenance pilot, plant 2');
    const usable = items.filter((i) => i.scoreUsable);
    expect(usable.map((i) => i.score)).toEqual([...usable.map((i) => i.score)].sort((a, b) => b! - a!));
    const firstUnusable = items.findIndex((i) => !i.scoreUsable);
    if (firstUnusable >= 0) expect(items.slice(firstUnusable).every((i) => !i.scoreUsable)).toBe(true);
    expect(items.map((i) => i.rank)).toEqual(items.map((_, i) => i + 1));
    // CSRD 64.89 before the customer data platform 60.77.
    const titles = items.map((i) => i.title);
    expect(titles.indexOf(CSRD)).toBeLessThan(titles.indexOf(CDP));
    expect(titles).toContain(SUPPLIER);
    expect(items.find((i) => i.title === SUPPLIER)!.notYetInReview).toBe(true);
    expect(items.find((i) => i.title === CDP)!.notYetInReview).toBe(false);
    // The analyst's own test request (rated on one driver only) comes last, unusable.
    expect(items[items.length - 1]).toMatchObject({ code: 'REQ-T001', scoreUsable: false });

    const cdp = items.find((i) => i.title === CDP)!;
    // One number, one value: the queue's score is the request's own, not rounded on the way.
    const ratings = await as['pmo.lead@example.com']!.get(`/api/v1/requests/${req(CDP)}/ratings`);
    expect(cdp.score).toBe(ratings.body.score);
    expect(cdp.totalCost).toBe(550_000);
    expect(cdp.totalBenefit).toBe(770_000);
    expect(cdp.benefitCostRatio).toBeCloseTo(1.4, 3);
    expect(cdp.skills.map((s) => s.name).sort()).toEqual(['Business analysis', 'Data engineering', 'Solution architecture']);
    const dataEng = cdp.skills.find((s) => s.name === 'Data engineering')!;
    expect(dataEng.months.map((m) => m.fte)).toEqual([2, 3, 3, 3, 3, 2, 2]);
    // The demo's dates follow the seed day: the demand starts in the month the request wants to start.
    expect(dataEng.months[0]!.month).toBe(cdp.wantedStart!.slice(0, 7));

    // The capacity left comes from the resources module, figure for figure.
    const skillIds = cdp.skills.map((s) => s.skillId);
    const months = [...new Set(cdp.skills.flatMap((s) => s.months.map((m) => m.month)))];
    const left = await capacityLeft(database.db, skillIds, months);
    for (const skill of cdp.skills) {
      const row = left.find((r) => r.skillId === skill.skillId)!;
      for (const m of skill.months) expect(m.capacityLeftFte).toBe(row.cells.find((c) => c.month === m.month)!.freeFte);
    }
    const short = cdp.skills.some((s) => s.months.some((m) => m.fte > m.capacityLeftFte + 0.005));
    expect(cdp.capacityShortfall).toBe(short);
  });

  it("the program PMO's queue shows its scores as unusable (inconsistent drivers)", async () => {
    const reply = await as['prog.lead@example.com']!.get(`/api/v1/pmos/${tpmo}/review-queue`);
    expect(reply.status).toBe(200);
    expect(reply.body.driverSet.consistent).toBe(false);
    const zt = reply.body.items.find((i: { title: string }) => i.title === ZERO_TRUST);
    expect(zt).toMatchObject({ scoreUsable: false });
    expect(zt.scoreReason).toContain('inconsistent');
  });

  it('only members of the PMO (or of a PMO above it) see its queue', async () => {
    expect((await as['pmo.analyst@example.com']!.get(`/api/v1/pmos/${epmo}/review-queue`)).status).toBe(200);
    // The enterprise PMO is above the program PMO.
    expect((await as['pmo.lead@example.com']!.get(`/api/v1/pmos/${tpmo}/review-queue`)).status).toBe(200);
    expect((await as['prog.analyst@example.com']!.get(`/api/v1/pmos/${epmo}/review-queue`)).status).toBe(403);
    expect((await as['viewer@example.com']!.get(`/api/v1/pmos/${epmo}/review-queue`)).status).toBe(403);
    expect((await as['pm@example.com']!.get(`/api/v1/pmos/${epmo}/review-queue`)).status).toBe(403);
  });
});

describe('setting the driver comparisons', () => {
  /** Wikipedia's leader example criteria: weights .547 .127 .270 .056, consistent. */
  const leader = {
    drivers: ['Experience', 'Education', 'Charisma', 'Age'],
    matrix: [
      [1, 4, 3, 7],
      [1 / 4, 1, 1 / 3, 3],
      [1 / 3, 3, 1, 5],
      [1 / 7, 1 / 3, 1 / 5, 1],
    ],
  };

  it('the PUT reply has the fixed shape: weights, λmax, CI, CR, consistent', async () => {
    const before = (await as['prog.lead@example.com']!.get(`/api/v1/pmos/${tpmo}/driver-comparisons`)).body;
    const reply = await as['prog.lead@example.com']!.put(`/api/v1/pmos/${tpmo}/driver-comparisons`, {
      ...leader,
      version: before.version,
    });
    expect(reply.status).toBe(200);
    for (const key of ['drivers', 'matrix', 'weights', 'lambdaMax', 'ci', 'cr', 'consistent', 'disagreements', 'version']) {
      expect(reply.body).toHaveProperty(key);
    }
    expect(reply.body.drivers).toEqual(leader.drivers);
    reply.body.weights.forEach((w: number, i: number) => {
      expect(w).toBeCloseTo([0.5476, 0.1266, 0.2699, 0.0559][i]!, 4);
    });
    expect(reply.body.cr).toBeCloseTo(0.044, 3);
    expect(reply.body.consistent).toBe(true);
    expect(reply.body.version).toBe(before.version + 1);

    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.entityType, 'pmo'), eq(auditEvents.entityId, tpmo), eq(auditEvents.action, 'pmo.drivers_compared')),
      )
      .orderBy(auditEvents.id)
      .then((rows) => rows.slice(-1));
    expect((event!.before as { consistent: boolean }).consistent).toBe(false);
    expect(event!.after).toMatchObject({ drivers: leader.drivers, consistent: true, version: before.version + 1 });

    // The old drivers are gone: the zero-trust request is no longer fully rated.
    const zt = await as['prog.analyst@example.com']!.get(`/api/v1/requests/${req(ZERO_TRUST)}/ratings`);
    expect(zt.body).toMatchObject({ score: null, scoreUsable: false });
  });

  it('an inconsistent matrix is saved, marked inconsistent, with the worst disagreements', async () => {
    const current = (await as['prog.lead@example.com']!.get(`/api/v1/pmos/${tpmo}/driver-comparisons`)).body;
    // Saaty's (1990) house example criteria: CR 0.169.
    const house = [
      [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
      [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
      [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
      [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
      [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
      [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
      [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
      [4, 7, 5, 8, 6, 6, 2, 1],
    ];
    const drivers = ['Size', 'Transport', 'Neighbourhood', 'Age', 'Yard', 'Facilities', 'Condition', 'Financing'];
    const reply = await as['pmo.lead@example.com']!.put(`/api/v1/pmos/${tpmo}/driver-comparisons`, {
      drivers,
      matrix: house,
      version: current.version,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.consistent).toBe(false);
    expect(reply.body.cr).toBeCloseTo(0.169, 3);
    expect(reply.body.disagreements[0]).toMatchObject({ drivers: ['Neighbourhood', 'Condition'], value: 6, suggested: 1 });
    const saved = (await as['viewer@example.com']!.get(`/api/v1/pmos/${tpmo}/driver-comparisons`)).body;
    expect(saved).toMatchObject({ consistent: false, version: current.version + 1 });
  });

  it('an invalid matrix is a 422 naming the entry; nothing is saved', async () => {
    const current = (await as['pmo.lead@example.com']!.get(`/api/v1/pmos/${epmo}/driver-comparisons`)).body;
    const reply = await as['pmo.lead@example.com']!.put(`/api/v1/pmos/${epmo}/driver-comparisons`, {
      drivers: ['A', 'B', 'C'],
      matrix: [
        [1, 3, 5],
        [1 / 2, 1, 2],
        [1 / 5, 1 / 2, 1],
      ],
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.details.issues.map((i: { field: string }) => i.field)).toEqual(['matrix.1.0']);
    const dup = await as['pmo.lead@example.com']!.put(`/api/v1/pmos/${epmo}/driver-comparisons`, {
      drivers: ['A', 'a'],
      matrix: [
        [1, 2],
        [1 / 2, 1],
      ],
    });
    expect(dup.status).toBe(422);
    expect(dup.body.error.details.issues[0].field).toBe('drivers.1');
    const after = (await as['pmo.lead@example.com']!.get(`/api/v1/pmos/${epmo}/driver-comparisons`)).body;
    expect(after.version).toBe(current.version);
  });

  it('a stale version is a 409', async () => {
    const reply = await as['pmo.lead@example.com']!.put(`/api/v1/pmos/${epmo}/driver-comparisons`, { ...leader, version: 99 });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('VERSION_CONFLICT');
  });

  it('only a lead governing the PMO (or an admin) may set it', async () => {
    const body = { drivers: leader.drivers, matrix: leader.matrix };
    // The program PMO's lead does not govern the enterprise PMO above it.
    const prog = await as['prog.lead@example.com']!.put(`/api/v1/pmos/${epmo}/driver-comparisons`, body);
    expect(prog.status).toBe(403);
    expect(prog.body.error.code).toBe('FORBIDDEN');
    for (const email of ['pmo.analyst@example.com', 'pm@example.com', 'viewer@example.com']) {
      expect((await as[email]!.put(`/api/v1/pmos/${epmo}/driver-comparisons`, body)).status, email).toBe(403);
    }
  });

  it('POST /ahp/evaluate computes without saving, for anyone who may read PMOs', async () => {
    const before = (await as['viewer@example.com']!.get(`/api/v1/pmos/${epmo}/driver-comparisons`)).body;
    const reply = await as['viewer@example.com']!.post('/api/v1/ahp/evaluate', leader);
    expect(reply.status).toBe(200);
    expect(reply.body.cr).toBeCloseTo(0.044, 3);
    expect(reply.body.weights).toHaveLength(4);
    const bad = await as['viewer@example.com']!.post('/api/v1/ahp/evaluate', {
      drivers: ['A', 'B'],
      matrix: [
        [1, 10],
        [0.1, 1],
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.issues.map((i: { field: string }) => i.field)).toEqual(['matrix.0.1', 'matrix.1.0']);
    const after = (await as['viewer@example.com']!.get(`/api/v1/pmos/${epmo}/driver-comparisons`)).body;
    expect(after.version).toBe(before.version);
  });
});
