import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import {
  makeAbsence,
  makeResourcePerson,
  makeSkill,
  projectByCode,
  seedAllocation,
} from '../../../test/support/factories-resources.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';

let database: TestDatabase;
let app: TestApp;

/**
 * Months far beyond the demo's plan, so that only this file's allocations and absences count.
 * Fresh people with a fresh skill: Bob is free all the time; Ada works 0.8; Dan is booked full in
 * February; Cleo, free, lacks the skill.
 */
const FROM = '2031-01';
const TO = '2031-03';
const ids = { skill: '', ada: '', bob: '', cleo: '', dan: '' };

interface CandidateBody {
  person: { id: string; name: string };
  hasSkill: boolean;
  skillLevel: number | null;
  minFreeFte: number;
  averageFreeFte: number;
  fits: boolean;
  months: { month: string; freeFte: number }[];
}

beforeAll(async () => {
  database = await testDatabase({ demo: true });
  app = testApp(database);
  const db = database.db;
  const skill = await makeSkill(db);
  ids.skill = skill.id;
  ids.ada = (await makeResourcePerson(db, { name: 'Ada Candidate', availability: 0.8, skills: { [skill.id]: 5 } })).id;
  ids.bob = (await makeResourcePerson(db, { name: 'Bob Candidate', skills: { [skill.id]: 2 } })).id;
  ids.dan = (await makeResourcePerson(db, { name: 'Dan Candidate', skills: { [skill.id]: 4 } })).id;
  ids.cleo = (await makeResourcePerson(db, { name: 'Cleo Candidate' })).id;
  await makeResourcePerson(db, { name: 'Eve Candidate', active: false, skills: { [skill.id]: 5 } });
  const project = await projectByCode(db, 'INF-003');
  await seedAllocation(db, { projectId: project.id, personId: ids.dan, from: '2031-02', to: '2031-02', fte: 1 });
  // Two days of leave in March: Bob is a little less free then, still more than Ada.
  await makeAbsence(db, ids.bob, '2031-03-03', '2031-03-04');
});

afterAll(async () => {
  await database?.close();
});

async function candidates(email: string, query: string) {
  const client = await ApiClient.signIn(app, email);
  return client.get(`/api/v1/resources/candidates?${query}`);
}

describe('candidates for an allocation', () => {
  it('ranks holders of the skill first, those free for the FTE before the others, then by free capacity', async () => {
    const res = await candidates('pmo.lead@example.com', `skillId=${ids.skill}&from=${FROM}&to=${TO}&fte=0.5`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: FROM, to: TO, skillId: ids.skill, fte: 0.5 });
    const items = res.body.items as CandidateBody[];
    const names = items.map((c) => c.person.name);
    // The inactive holder of the skill is no candidate.
    expect(names).not.toContain('Eve Candidate');
    const holders = items.filter((c) => c.hasSkill);
    expect(holders.map((c) => c.person.name)).toEqual(['Bob Candidate', 'Ada Candidate', 'Dan Candidate']);
    expect(items.slice(0, 3)).toEqual(holders);

    const [bob, ada, dan] = holders as [CandidateBody, CandidateBody, CandidateBody];
    expect(bob).toMatchObject({ skillLevel: 2, fits: true });
    expect(bob.months.map((m) => m.month)).toEqual(['2031-01', '2031-02', '2031-03']);
    expect(bob.months[0]!.freeFte).toBe(1);
    expect(bob.months[2]!.freeFte).toBeLessThan(1);
    expect(bob.minFreeFte).toBe(bob.months[2]!.freeFte);
    expect(ada).toMatchObject({ skillLevel: 5, fits: true, minFreeFte: 0.8 });
    expect(dan).toMatchObject({ skillLevel: 4, fits: false, minFreeFte: 0 });
    expect(dan.months[1]).toEqual({ month: '2031-02', freeFte: 0 });

    // The free capacity is the person's own capacity view, figure for figure.
    const lead = await ApiClient.signIn(app, 'pmo.lead@example.com');
    const own = await lead.get(`/api/v1/people/${ids.bob}/capacity?from=${FROM}&to=${TO}`);
    expect(bob.months).toEqual(
      own.body.months.map((m: { month: string; freeFte: number }) => ({ month: m.month, freeFte: m.freeFte })),
    );

    const cleo = items.find((c) => c.person.id === ids.cleo)!;
    expect(cleo).toMatchObject({ hasSkill: false, skillLevel: null, fits: true, minFreeFte: 1 });
    // Among the rest, those free for the FTE come before those who are not.
    const rest = items.slice(3);
    const firstShort = rest.findIndex((c) => !c.fits);
    if (firstShort >= 0) expect(rest.slice(firstShort).every((c) => !c.fits)).toBe(true);
  });

  it('without a skill or an FTE ranks by free capacity alone', async () => {
    const res = await candidates('pm@example.com', `from=${FROM}&to=${FROM}&limit=5`);
    expect(res.status).toBe(200);
    const items = res.body.items as CandidateBody[];
    expect(items).toHaveLength(5);
    expect(items.every((c) => !c.hasSkill && c.fits)).toBe(true);
    const free = items.map((c) => c.minFreeFte);
    expect(free).toEqual([...free].sort((a, b) => b - a));
  });

  it('names the field that is wrong, and needs resources.read', async () => {
    const unknown = await candidates('pmo.lead@example.com', `skillId=00000000-0000-4000-8000-000000000000&from=${FROM}`);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details.issues.map((i: { field: string }) => i.field)).toEqual(['skillId']);
    const backwards = await candidates('pmo.lead@example.com', `from=${TO}&to=${FROM}`);
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.details.issues.map((i: { field: string }) => i.field)).toEqual(['to']);
    const zero = await candidates('pmo.lead@example.com', `from=${FROM}&fte=0`);
    expect(zero.status).toBe(422);
    expect(zero.body.error.details.issues.map((i: { field: string }) => i.field)).toEqual(['fte']);
    expect((await candidates('viewer@example.com', `from=${FROM}`)).status).toBe(403);
  });
});
