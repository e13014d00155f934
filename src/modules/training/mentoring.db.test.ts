import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { makeMentorship } from '../../../test/support/factories-training.ts';
import { type Organisation, makeOrganisation, signInAs } from '../../../test/support/factories-standards.ts';
import { type TestApp, testApp } from '../../../test/support/http.ts';

/**
 * One rule for editing a mentorship and for adding its sessions: its mentor and mentee record
 * sessions; otherwise only a training manager of its PMO (or of a PMO above it) edits it or adds
 * to it. A training manager of another PMO sees it and gets 403 for both.
 */

let database: TestDatabase;
let app: TestApp;
let org: Organisation;
const as = signInAs(() => ({ app, org }));
const pid = (who: keyof Organisation['users']) => org.users[who].personId!;
const ids = { enterprise: '', program: '' };

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
  org = await makeOrganisation(database.db);
  ids.enterprise = (
    await makeMentorship(database.db, { pmoId: org.pmos.enterprise.id, mentorId: pid('pm1'), menteeId: pid('pm2') })
  ).id;
  ids.program = (
    await makeMentorship(database.db, { pmoId: org.pmos.program.id, mentorId: pid('pm2'), menteeId: pid('teamMember') })
  ).id;
});

afterAll(async () => {
  await database?.close();
});

const session = (notes: string) => ({ heldOn: '2025-02-03', notes });

describe('who may add sessions to a mentorship and edit it', () => {
  it('refuses both to a lead of a PMO below the mentorship’s, who still sees it', async () => {
    const programLead = await as('programLead');
    const path = `/api/v1/mentorships/${ids.enterprise}`;
    const seen = await programLead.get(path);
    expect(seen.status).toBe(200);
    const edit = await programLead.patch(path, { version: seen.body.version, goals: 'Take over' });
    expect(edit.status).toBe(403);
    const add = await programLead.post(`${path}/sessions`, session('Not my PMO'));
    expect(add.status).toBe(403);
    expect(add.body.error.code).toBe('FORBIDDEN');
    expect((await programLead.get(`${path}/sessions`)).body.items).toEqual([]);
  });

  it('refuses both to a lead of an unrelated PMO', async () => {
    const financeLead = await as('financeLead');
    const path = `/api/v1/mentorships/${ids.enterprise}`;
    expect((await financeLead.patch(path, { version: 1, goals: 'x' })).status).toBe(403);
    expect((await financeLead.post(`${path}/sessions`, session('x'))).status).toBe(403);
  });

  it('allows both to a lead of the mentorship’s PMO and of a PMO above it', async () => {
    const lead = await as('lead');
    const programLead = await as('programLead');
    expect((await lead.post(`/api/v1/mentorships/${ids.enterprise}/sessions`, session('Quarter goals'))).status).toBe(201);
    expect((await programLead.post(`/api/v1/mentorships/${ids.program}/sessions`, session('Own PMO'))).status).toBe(201);
    expect((await lead.post(`/api/v1/mentorships/${ids.program}/sessions`, session('PMO above'))).status).toBe(201);
    const edited = await programLead.patch(`/api/v1/mentorships/${ids.program}`, { version: 1, goals: 'Run a gate review' });
    expect(edited.status).toBe(200);
    expect((await lead.patch(`/api/v1/mentorships/${ids.program}`, { version: 2, goals: 'And a second' })).status).toBe(200);
  });

  it('lets the mentor and the mentee record sessions but not edit, and nobody else see it', async () => {
    const path = `/api/v1/mentorships/${ids.enterprise}`;
    expect((await (await as('pm1')).post(`${path}/sessions`, session('Mentor notes'))).status).toBe(201);
    expect((await (await as('pm2')).post(`${path}/sessions`, session('Mentee notes'))).status).toBe(201);
    expect((await (await as('pm1')).patch(path, { version: 1, goals: 'x' })).status).toBe(403);
    expect((await (await as('teamMember')).post(`${path}/sessions`, session('x'))).status).toBe(404);
    const notes = (await (await as('lead')).get(`${path}/sessions`)).body.items.map((s: { notes: string }) => s.notes);
    expect(notes.sort()).toEqual(['Mentee notes', 'Mentor notes', 'Quarter goals']);
  });
});
