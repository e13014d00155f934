import { describe, expect, it } from 'vitest';
import { dashboardScenario } from '../../../test/support/dashboard-scenario.ts';
import { systemActor } from '../../kernel/actor.ts';
import { addDays, today } from '../../kernel/dates.ts';
import { getPortfolioDashboard } from './index.ts';

/** The portfolio dashboard's figures, filters, visibility and lists, and the project list's reporting columns. */

const s = dashboardScenario();
const day = today();

describe('the portfolio dashboard of the enterprise PMO lead', () => {
  it('rolls up earned value weighted by value, and budget against actual and EAC, as worked out by hand', async () => {
    const board = await s.dashboard('lead');
    expect(board.projects.total).toBe(6);
    expect(board.evm).toMatchObject({ spi: 0.9706, cpi: 1.0443, ev: 165_000, pv: 170_000, ac: 158_000, projects: 3 });
    expect(board.budget).toMatchObject({ bac: 400_000, ac: 158_000, eac: 418_333.33, projects: 3, totalBudget: 610_000 });
  });

  it('counts by phase and state, and the RAG per dimension and colour, reported and computed', async () => {
    const board = await s.dashboard('lead');
    expect(board.projects.byPhase.map((p: { key: string; name: string; count: number }) => [p.key, p.name, p.count])).toEqual([
      ['initiate', expect.any(String), 5],
      ['plan', 'Plan', 1],
    ]);
    expect(board.projects.byState).toEqual([{ state: 'active', count: 6, link: expect.stringContaining('state=active') }]);
    expect(board.rag.dimensions).toEqual(['overall', 'schedule', 'cost', 'scope']);
    const counts = Object.fromEntries(board.rag.counts.map((c: { dimension: string }) => [c.dimension, c]));
    expect(counts.overall.reported).toEqual({ green: 2, amber: 0, red: 1, none: 3 });
    expect(counts.overall.computed).toEqual({ green: 1, amber: 0, red: 2, none: 3 });
    expect(counts.schedule.computed).toEqual({ green: 1, amber: 0, red: 2, none: 3 });
    expect(counts.scope.reported).toEqual({ green: 3, amber: 0, red: 0, none: 3 });
    // Scope has no figures to compute from: never computed.
    expect(counts.scope.computed).toEqual({ green: 0, amber: 0, red: 0, none: 6 });
    expect(counts.schedule.links.computed.red).toBe('/api/v1/projects?computedRag=schedule%3Ared');
    // The matrix pages the projects by code, each with its reported and computed RAG.
    expect(board.rag.rows.total).toBe(6);
    const rowA = board.rag.rows.items.find((r: { project: { id: string } }) => r.project.id === s.ids.A);
    expect(rowA).toMatchObject({
      reported: { overall: 'green', schedule: 'green', cost: 'green', scope: 'green', quality: null },
      computed: { overall: 'red', schedule: 'red', cost: 'red', scope: null },
      lastAsOf: day,
      reviewState: 'accepted',
    });
    const rowOf = (id: string) => board.rag.rows.items.find((r: { project: { id: string } }) => r.project.id === id);
    expect(rowOf(s.ids.B).reviewState).toBe('returned');
    expect(rowOf(s.ids.F).reviewState).toBe('submitted');
    expect(rowOf(s.ids.D)).toMatchObject({ reviewState: null, lastAsOf: null, reported: { overall: null } });
    // The matrix in full pages at its own route, in the same order.
    const page = await (await s.as('lead')).get('/api/v1/dashboard/rag-matrix?limit=2&offset=2');
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body).toMatchObject({ total: 6, limit: 2, offset: 2 });
    expect(page.body.next).toContain('offset=4');
    expect(page.body.items.map((r: { project: { code: string } }) => r.project.code)).toEqual(
      board.rag.rows.items.slice(2, 4).map((r: { project: { code: string } }) => r.project.code),
    );
    expect(board.rag.rows.listLink).toBe('/api/v1/dashboard/rag-matrix');
  });

  it('lists the mismatches and the late reports, capped, with their totals', async () => {
    const board = await s.dashboard('lead');
    expect(board.mismatches.total).toBe(1);
    expect(s.codesOf(board.mismatches.items)).toEqual(['A']);
    // Each mismatched dimension names the figure that disagrees: SPI 0.8, CPI 0.8.
    expect(board.mismatches.items[0].dimensions).toEqual(
      expect.arrayContaining([
        { dimension: 'schedule', reported: 'green', computed: 'red', figure: 'spi', value: 0.8 },
        { dimension: 'cost', reported: 'green', computed: 'red', figure: 'cpi', value: 0.8 },
        expect.objectContaining({ dimension: 'overall', reported: 'green', computed: 'red' }),
      ]),
    );
    expect(board.mismatches.items[0]).toMatchObject({ asOf: day, reviewState: 'accepted' });
    expect(board.mismatches.listLink).toBe('/api/v1/dashboard/mismatches');
    expect(board.late).toMatchObject({ total: 2, overdue: 1, escalated: 1 });
    expect(s.codesOf(board.late.items)).toEqual(['D', 'G']);
    expect(board.late.items[0]).toMatchObject({ dueState: 'escalated', daysLate: 24, dueOn: addDays(day, -24) });
    expect(board.late.items[0].escalatedAt).not.toBeNull();
    expect(board.late.items[1]).toMatchObject({ dueState: 'overdue', daysLate: 5, dueOn: addDays(day, -5) });
    expect(board.late.items[0].projectManager).toEqual({ id: s.org.users.pm1.personId, name: expect.any(String) });
    expect(board.late.listLink).toBe('/api/v1/dashboard/late-reports');
    const capped = await s.dashboard('lead', '?limit=1');
    expect(capped.late.total).toBe(2);
    expect(s.codesOf(capped.late.items)).toEqual(['D']);
  });

  it("keeps the PMO's record from counters, not from the reports", async () => {
    const board = await s.dashboard('lead');
    expect(board.pmoRecord).toMatchObject({
      reportsSubmitted: 3,
      reportsOnTime: 2,
      onTimeRate: 0.6667,
      reportsReviewed: 2,
      reviewsWithinWeek: 1,
      withinWeekRate: 0.5,
      averageReviewHours: 144,
      reportsAwaitingReview: 1,
    });
  });

  it('opens, behind every figure, a project list that counts the same projects', async () => {
    const lead = await s.as('lead');
    const board = await s.dashboard('lead');
    const figures: [string, number][] = [
      [board.projects.link, board.projects.total],
      [board.evm.link, board.evm.projects],
      [board.budget.link, board.budget.projects],
      // The PMO's record counts the reports of the projects that have reported.
      [board.pmoRecord.link, board.evm.projects],
      [board.mismatches.link, board.mismatches.total],
      [board.late.link, board.late.total],
      [board.late.overdueLink, board.late.overdue],
      [board.late.escalatedLink, board.late.escalated],
      ...board.projects.byPhase.map((p: { link: string; count: number }) => [p.link, p.count]),
      ...board.projects.byState.map((s: { link: string; count: number }) => [s.link, s.count]),
      ...board.rag.counts.flatMap(
        (c: {
          links: Record<string, Record<string, string>>;
          reported: Record<string, number>;
          computed: Record<string, number>;
        }) =>
          (['reported', 'computed'] as const).flatMap((source) =>
            (['green', 'amber', 'red'] as const).map(
              (colour) => [c.links[source]![colour]!, c[source][colour]!] as [string, number],
            ),
          ),
      ),
    ];
    for (const [link, count] of figures) {
      const list = await lead.get(link);
      expect(list.status, link).toBe(200);
      expect(list.body.total, link).toBe(count);
    }
  });
});

describe('filters and visibility', () => {
  it('narrows to a portfolio, a PMO, or what reports to an executive position', async () => {
    const inPortfolio = await s.dashboard('lead', `?portfolioId=${s.portfolioId}`);
    expect(inPortfolio.projects.total).toBe(2);
    // A and F: 55,000 / 70,000 both ways.
    expect(inPortfolio.evm).toMatchObject({ spi: 0.7857, cpi: 0.7857, projects: 2 });
    expect(inPortfolio.mismatches.link).toBe(`/api/v1/projects?portfolioId=${s.portfolioId}&mismatch=true`);
    const program = await s.dashboard('lead', `?pmoId=${s.org.pmos.program.id}`);
    expect(program.projects.total).toBe(1);
    expect(program.evm).toMatchObject({ spi: null, cpi: null, projects: 0 });
    expect((await s.dashboard('lead', `?executivePositionId=${s.org.positions.coo.id}`)).projects.total).toBe(6);
    // The lead sees nothing of the finance PMO, which reports to the CFO.
    expect((await s.dashboard('lead', `?executivePositionId=${s.org.positions.cfo.id}`)).projects.total).toBe(0);
    // The admin sees all seven; under the CFO only C.
    const all = await s.dashboard('admin');
    expect(all.projects.total).toBe(7);
    // 190,000 / 195,000 and 190,000 / 178,000.
    expect(all.evm).toMatchObject({ spi: 0.9744, cpi: 1.0674, projects: 4 });
    const cfoLine = await s.dashboard('admin', `?executivePositionId=${s.org.positions.cfo.id}`);
    expect(cfoLine.projects.total).toBe(1);
    expect(cfoLine.evm).toMatchObject({ spi: 1, cpi: 1.25, ev: 25_000, pv: 25_000, ac: 20_000 });
    // The CEO's line holds everything.
    expect((await s.dashboard('admin', `?executivePositionId=${s.org.positions.ceo.id}`)).projects.total).toBe(7);
  });

  it('shows an executive only what reports to them, and a project manager only their projects', async () => {
    const cfo = await s.dashboard('cfo');
    expect(cfo.projects.total).toBe(1);
    expect(cfo.evm).toMatchObject({ spi: 1, cpi: 1.25 });
    expect(cfo.mismatches.total).toBe(0);
    const coo = await s.dashboard('coo');
    expect(coo.projects.total).toBe(6);
    expect(coo.mismatches.total).toBe(1);
    // pm1 manages A and D.
    const pm1 = await s.dashboard('pm1');
    expect(pm1.projects.total).toBe(2);
    expect(s.codesOf(pm1.rag.rows.items).sort()).toEqual(['A', 'D']);
    expect(pm1.evm).toMatchObject({ spi: 0.8, cpi: 0.8, projects: 1 });
    expect(s.codesOf(pm1.late.items)).toEqual(['D']);
    expect((await s.dashboard('viewer')).projects.total).toBe(0);
    // A filter never widens what the caller sees.
    expect((await s.dashboard('pm1', `?executivePositionId=${s.org.positions.ceo.id}`)).projects.total).toBe(2);
  });

  it('refuses malformed filters naming the field, and is the same figure through the service', async () => {
    const lead = await s.as('lead');
    for (const [query, field] of [
      ['?pmoId=abc', 'pmoId'],
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?offset=-1', 'offset'],
      ['?nonsense=1', 'nonsense'],
    ] as const) {
      const reply = await lead.get(`/api/v1/dashboard${query}`);
      expect(reply.status, query).toBeGreaterThanOrEqual(400);
      expect(reply.status, query).toBeLessThan(500);
      expect(JSON.stringify(reply.body), query).toContain(field);
    }
    const direct = await getPortfolioDashboard(s.database.db, systemActor('test'), {
      executivePositionId: s.org.positions.coo.id,
    });
    expect(direct.projects.total).toBe(6);
    expect(direct.evm.spi).toBe(0.9706);
  });
});

describe('the lists behind the dashboard', () => {
  it('page and export the mismatches, the late reports and the RAG matrix, with the filters and visibility', async () => {
    const lead = await s.as('lead');
    const mismatches = await lead.get('/api/v1/dashboard/mismatches');
    expect(mismatches.status).toBe(200);
    expect(mismatches.body).toMatchObject({ total: 1, limit: 100, offset: 0, next: null });
    expect(s.codesOf(mismatches.body.items)).toEqual(['A']);
    const late = await lead.get('/api/v1/dashboard/late-reports?limit=1');
    expect(late.body).toMatchObject({ total: 2, limit: 1 });
    expect(s.codesOf(late.body.items)).toEqual(['D']);
    expect(late.body.next).toContain('offset=1');
    expect(s.codesOf((await lead.get(late.body.next)).body.items)).toEqual(['G']);
    // Filters narrow, visibility holds: the finance PMO's project is the CFO's, not the lead's.
    expect((await lead.get(`/api/v1/dashboard/rag-matrix?pmoId=${s.org.pmos.finance.id}`)).body.total).toBe(0);
    const cfo = await s.as('cfo');
    expect(s.codesOf((await cfo.get('/api/v1/dashboard/rag-matrix')).body.items)).toEqual(['C']);
    expect((await cfo.get('/api/v1/dashboard/mismatches')).body.total).toBe(0);
    expect((await (await s.as('pm1')).get('/api/v1/dashboard/late-reports')).body.total).toBe(1);
    expect((await lead.get(`/api/v1/dashboard/mismatches?portfolioId=${s.portfolioId}`)).body.total).toBe(1);

    // The mismatch export has a row per project, a column per dimension with the figure.
    const csv = await lead.get('/api/v1/dashboard/mismatches?format=csv');
    expect(csv.status).toBe(200);
    const [header, ...lines] = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(header).toContain('Code,Project,Status date,Review,Mismatched dimensions,Overall mismatch,Schedule mismatch');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('SPI 0.8 (reported green, computed red)');
    expect(lines[0]).toContain('CPI 0.8 (reported green, computed red)');
    const lateCsv = await lead.get('/api/v1/dashboard/late-reports?format=csv');
    expect(String(lateCsv.body)).toContain('escalated');
    expect(String(lateCsv.body).trim().split(/\r?\n/)).toHaveLength(3);
    const matrix = await lead.get('/api/v1/dashboard/rag-matrix?format=xlsx');
    expect(matrix.status).toBe(200);
    expect(matrix.headers.get('content-type')).toContain('spreadsheetml');
    for (const bad of ['?limit=0', '?pmoId=nope', '?format=pdf', '?offset=-1', '?mismatch=true']) {
      const reply = await lead.get(`/api/v1/dashboard/mismatches${bad}`);
      expect(reply.status, bad).toBeGreaterThanOrEqual(400);
      expect(reply.status, bad).toBeLessThan(500);
    }
  });
});

describe('the project list', () => {
  it('carries the reporting columns and filters by them', async () => {
    const lead = await s.as('lead');
    const list = await lead.get('/api/v1/projects');
    expect(list.status).toBe(200);
    const byId = new Map(list.body.items.map((p: { id: string }) => [p.id, p]));
    expect((byId.get(s.ids.A) as { reporting: unknown }).reporting).toMatchObject({
      reportedOverall: 'green',
      computedOverall: 'red',
      mismatch: true,
      spi: 0.8,
      cpi: 0.8,
      lastAsOf: day,
      lastReportState: 'accepted',
      dueState: 'upcoming',
      mismatches: expect.arrayContaining([
        { dimension: 'schedule', reported: 'green', computed: 'red', figure: 'spi', value: 0.8 },
      ]),
    });
    expect((byId.get(s.ids.D) as { reporting: unknown }).reporting).toMatchObject({ dueState: 'escalated', spi: null });
    expect((byId.get(s.ids.E) as { reporting: unknown }).reporting).toBeNull();

    const total = async (query: string) => {
      const reply = await lead.get(`/api/v1/projects${query}`);
      expect(reply.status, `${query} ${JSON.stringify(reply.body)}`).toBe(200);
      return (reply.body.items as { id: string }[]).map((p) => Object.entries(s.ids).find(([, id]) => id === p.id)?.[0]).sort();
    };
    expect(await total('?mismatch=true')).toEqual(['A']);
    expect(await total('?mismatch=false')).toEqual(['B', 'D', 'E', 'F', 'G']);
    expect(await total('?dueState=overdue')).toEqual(['G']);
    expect(await total('?dueState=overdue,escalated')).toEqual(['D', 'G']);
    expect(await total('?computedOverall=red')).toEqual(['A', 'F']);
    expect(await total('?reportedOverall=green&computedOverall=red')).toEqual(['A']);
    expect(await total('?computedRag=schedule:green')).toEqual(['B']);
    expect(await total('?reportedRag=scope:green')).toEqual(['A', 'B', 'F']);
    expect(await total('?reported=false')).toEqual(['D', 'E', 'G']);
    expect(await total('?phase=plan')).toEqual(['E']);
    expect(await total(`?portfolioId=${s.portfolioId}&mismatch=true`)).toEqual(['A']);
    expect(await total(`?pmoId=${s.org.pmos.program.id}`)).toEqual(['E']);
    expect(await total(`?executivePositionId=${s.org.positions.cfo.id}`)).toEqual([]);
    const admin = await s.as('admin');
    const cfoLine = await admin.get(`/api/v1/projects?executivePositionId=${s.org.positions.cfo.id}`);
    expect(cfoLine.body.items.map((p: { id: string }) => p.id)).toEqual([s.ids.C]);
    for (const bad of ['?dueState=late', '?computedRag=schedule', '?computedRag=speed:red', '?mismatch=yes']) {
      const reply = await lead.get(`/api/v1/projects${bad}`);
      expect(reply.status, bad).toBe(422);
    }
  });

  it('exports the reporting columns with the filters applied', async () => {
    const lead = await s.as('lead');
    const reply = await lead.get('/api/v1/projects?mismatch=true&format=csv');
    expect(reply.status).toBe(200);
    const text = String(reply.body);
    const [header, ...rows] = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(header).toContain('RAG (computed)');
    expect(header).toContain('Next report due');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('red');
    expect(rows[0]).toContain('cost: CPI 0.8 (reported green, computed red)');
  });
});
