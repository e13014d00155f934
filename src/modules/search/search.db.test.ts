import { sql } from 'drizzle-orm';
import { prefixQuery, searchDocument } from '../../kernel/fulltext.ts';
import { initiationRequests } from '../intake/intake.tables.ts';
import { people, pmos } from '../org/org.tables.ts';
import { projects } from '../projects/projects.tables.ts';
import { projectTypes } from '../standards/standards.tables.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';

/**
 * The quick find: full-text search over codes, names and descriptions on both databases, each
 * word a prefix, and only records the caller could open one by one.
 */

const ACCOUNTS = [
  'admin@example.com',
  'pmo.lead@example.com',
  'pmo.analyst@example.com',
  'pm@example.com',
  'ceo@example.com',
  'coo@example.com',
  'cfo@example.com',
  'cto@example.com',
];

let database: TestDatabase;
let app: TestApp;
const clients = new Map<string, ApiClient>();
let draft: { id: string; code: string; title: string };

async function as(email: string): Promise<ApiClient> {
  let client = clients.get(email);
  if (!client) {
    client = await ApiClient.signIn(app, email);
    clients.set(email, client);
  }
  return client;
}

type Hit = { kind: string; id: string; code: string | null; title: string; subtitle: string | null; href: string };

async function find(email: string, q: string, extra = ''): Promise<Hit[]> {
  const reply = await (await as(email)).get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.items;
}

const DETAIL: Record<string, string> = {
  project: '/api/v1/projects/',
  request: '/api/v1/requests/',
  person: '/api/v1/people/',
  pmo: '/api/v1/pmos/',
  standard: '/api/v1/project-types/',
};

beforeAll(async () => {
  database = await testDatabase({ demo: true });
  app = testApp(database);
  const created = await (await as('pm@example.com')).post('/api/v1/requests', {
    title: 'Quantum ledger reconciliation',
    problem: 'Month-end closing takes nine days',
  });
  expect(created.status).toBe(201);
  draft = created.body;
});

afterAll(async () => {
  await database?.close();
});

describe('the quick find', () => {
  it('finds by the prefix of every word, across kinds, with a page to open', async () => {
    const hits = await find('pm@example.com', 'quant ledg');
    expect(hits.map((h) => [h.kind, h.id, h.href])).toEqual([['request', draft.id, `/requests/${draft.id}`]]);
    expect(hits[0]).toMatchObject({ code: draft.code, title: 'Quantum ledger reconciliation' });
  });

  it('finds a request by its code, by the code without its prefix, and by words of its problem', async () => {
    for (const q of [draft.code, draft.code.toLowerCase(), draft.code.replace(/^REQ-/, ''), 'nine days']) {
      const hits = await find('pm@example.com', q, '&kinds=request');
      expect(
        hits.map((h) => h.id),
        q,
      ).toContain(draft.id);
    }
  });

  it('puts an exact code first', async () => {
    const { rows } = (await database.db.execute(sql`select code from projects order by code limit 1`)) as unknown as {
      rows: { code: string }[];
    };
    const code = rows[0]!.code;
    const hits = await find('admin@example.com', code, '&kinds=project');
    expect(hits[0]!.code).toBe(code);
  });

  it('finds people, PMOs and standards by name', async () => {
    const { rows } = (await database.db.execute(
      sql`select (select name from people order by name limit 1) as person, (select name from pmos order by name limit 1) as pmo,
                 (select name from project_types order by name limit 1) as standard`,
    )) as unknown as { rows: { person: string; pmo: string; standard: string }[] };
    const names = rows[0]!;
    expect((await find('pm@example.com', names.person, '&kinds=person')).map((h) => h.title)).toContain(names.person);
    expect((await find('pm@example.com', names.pmo, '&kinds=pmo')).map((h) => h.title)).toContain(names.pmo);
    expect((await find('pm@example.com', names.standard, '&kinds=standard')).map((h) => h.title)).toContain(names.standard);
  });

  it("never shows a draft to anyone but its requester (and the admin, who sees every request's page)", async () => {
    for (const email of ACCOUNTS) {
      const ids = (await find(email, draft.code)).map((h) => h.id);
      const opens = (await (await as(email)).get(`/api/v1/requests/${draft.id}`)).status === 200;
      expect([email, ids.includes(draft.id)]).toEqual([email, opens]);
    }
  });

  it('shows every caller only records they could open one by one', async () => {
    for (const email of ACCOUNTS) {
      for (const q of ['a', 'e', 'pro', 'data', 'REQ', 'PRJ', 'plat']) {
        for (const hit of await find(email, q, '&limit=50')) {
          const detail = await (await as(email)).get(`${DETAIL[hit.kind]}${hit.id}`);
          expect([email, q, hit.kind, hit.code ?? hit.title, detail.status]).toEqual([
            email,
            q,
            hit.kind,
            hit.code ?? hit.title,
            200,
          ]);
        }
      }
    }
  });

  it('keeps to the kinds asked and the limit per kind', async () => {
    const hits = await find('admin@example.com', 'a', '&kinds=person,pmo&limit=3');
    expect(new Set(hits.map((h) => h.kind))).toEqual(new Set(['person', 'pmo']));
    expect(hits.filter((h) => h.kind === 'person').length).toBeLessThanOrEqual(3);
  });

  it('treats search syntax as plain words', async () => {
    for (const q of ["quantum' & !ledger", 'quantum:* | led', '(quantum)', 'quantum\\ledger']) {
      const hits = await find('pm@example.com', q, '&kinds=request');
      expect(
        hits.map((h) => h.id),
        q,
      ).toContain(draft.id);
    }
  });

  it('refuses a query without a letter or digit, an unknown kind and a missing q, naming the field', async () => {
    const pm = await as('pm@example.com');
    for (const [path, field] of [
      ['/api/v1/search?q=%26%26', 'q'],
      ['/api/v1/search?q=x&kinds=widgets', 'kinds'],
      ['/api/v1/search', 'q'],
    ] as const) {
      const reply = await pm.get(path);
      expect([path, reply.status, reply.body.error.details.issues[0].field]).toEqual([path, 422, field]);
    }
  });

  it('is served by the GIN index of each kind, whose expression is the one the query uses', async () => {
    const kinds = [
      ['projects_search', projects, searchDocument(projects.code, projects.name, projects.description)],
      [
        'initiation_requests_search',
        initiationRequests,
        searchDocument(initiationRequests.code, initiationRequests.title, initiationRequests.problem),
      ],
      ['people_search', people, searchDocument(null, people.name, people.jobTitle)],
      ['pmos_search', pmos, searchDocument(pmos.code, pmos.name, pmos.description)],
      ['project_types_search', projectTypes, searchDocument(projectTypes.code, projectTypes.name, projectTypes.description)],
    ] as const;
    for (const [index, table, doc] of kinds) {
      const plan = await database.db.transaction(async (tx) => {
        // With sequential scans priced out, the planner takes the index whenever it can serve the query.
        await tx.execute(sql`set local enable_seqscan = off`);
        const result = (await tx.execute(
          sql`explain select 1 from ${table} where ${doc} @@ ${prefixQuery('data plat')}`,
        )) as unknown as { rows: Record<string, string>[] };
        return result.rows.map((r) => Object.values(r)[0]).join('\n');
      });
      expect(plan, index).toContain(index);
    }
  });
});
