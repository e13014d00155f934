import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../../test/support/database.ts';
import { makeCourse, makeMentorship, recordTraining } from '../../../test/support/factories-training.ts';
import {
  type Organisation,
  issueFields,
  makeOrganisation,
  makeProjectTypes,
  signInAs,
} from '../../../test/support/factories-standards.ts';
import { ApiClient, type TestApp, testApp } from '../../../test/support/http.ts';
import { AppError } from '../../kernel/errors.ts';
import { auditEvents, people } from '../../kernel/schema.ts';
import { assertQualifiedProjectManager, missingTraining } from './index.ts';
import { addMonths, today } from './training.rules.ts';

let database: TestDatabase;
let app: TestApp;
let org: Organisation;
type Who = keyof Organisation['users'];
const as = signInAs(() => ({ app, org }));

async function auditActions(entityType: string, entityId: string): Promise<string[]> {
  const rows = await database.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId)))
    .orderBy(auditEvents.chainSeq);
  return rows.map((r) => r.action);
}

let types: { it: string; finance: string };
const course = { pmf: '', agl: '', fin: '' };
const pid = (who: Who) => org.users[who].personId!;

beforeAll(async () => {
  database = await testDatabase();
  app = testApp(database);
  org = await makeOrganisation(database.db);
  types = await makeProjectTypes(database.db, org);
  course.pmf = (
    await makeCourse(database.db, {
      pmoId: org.pmos.enterprise.id,
      code: 'PMF',
      title: 'PM Foundations',
      validityMonths: 36,
      requiredFor: [{ role: 'project_manager', projectTypeId: null }],
    })
  ).id;
  course.agl = (
    await makeCourse(database.db, {
      pmoId: org.pmos.enterprise.id,
      code: 'AGL',
      title: 'Agile Delivery',
      validityMonths: 24,
      requiredFor: [{ role: 'project_manager', projectTypeId: types.it }],
    })
  ).id;
  course.fin = (
    await makeCourse(database.db, {
      pmoId: org.pmos.finance.id,
      code: 'FINC',
      title: 'Finance Controls',
      requiredFor: [
        { role: 'project_manager', projectTypeId: types.finance },
        { role: 'pmo_analyst', projectTypeId: null },
      ],
    })
  ).id;
});

afterAll(async () => {
  await database?.close();
});

describe('the course catalogue', () => {
  let courseId = '';

  it('lets a PMO lead add a course to the catalogue of the PMO, audited', async () => {
    const res = await (await as('lead')).post('/api/v1/courses', {
      pmoId: org.pmos.enterprise.id,
      code: 'RSK-1',
      title: 'Risk management',
      provider: 'Enterprise PMO',
      durationHours: 8,
      validityMonths: 36,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      pmo: { id: org.pmos.enterprise.id, code: 'EPMO', name: 'Enterprise PMO' },
      code: 'RSK-1',
      title: 'Risk management',
      description: null,
      provider: 'Enterprise PMO',
      durationHours: 8,
      validityMonths: 36,
      active: true,
      requirements: [],
      version: 1,
    });
    courseId = res.body.id;
    expect(await auditActions('course', courseId)).toEqual(['course.created']);
  });

  it('lets an analyst manage courses of a PMO nested under theirs, but not of another branch', async () => {
    const nested = await (await as('analyst')).post('/api/v1/courses', {
      pmoId: org.pmos.program.id,
      code: 'PRG-1',
      title: 'Programme onboarding',
    });
    expect(nested.status).toBe(201);
    expect(nested.body.validityMonths).toBeNull();
    const other = await (await as('financeLead')).post('/api/v1/courses', {
      pmoId: org.pmos.enterprise.id,
      code: 'X-1',
      title: 'Not mine',
    });
    expect(other.status).toBe(403);
    const programLead = await (await as('programLead')).patch(`/api/v1/courses/${courseId}`, { version: 1, title: 'Mine?' });
    expect(programLead.status).toBe(403);
  });

  it('refuses a project manager or a viewer (403), a taken code (409), an unknown PMO and bad input (422)', async () => {
    const body = { pmoId: org.pmos.enterprise.id, code: 'Z-1', title: 'Z' };
    expect((await (await as('pm1')).post('/api/v1/courses', body)).status).toBe(403);
    expect((await (await as('viewer')).post('/api/v1/courses', body)).status).toBe(403);
    const taken = await (await as('lead')).post('/api/v1/courses', { ...body, code: 'rsk-1' });
    expect(taken.status).toBe(409);
    expect(issueFields(taken.body)).toEqual(['code']);
    const noPmo = await (await as('admin')).post('/api/v1/courses', { ...body, pmoId: '00000000-0000-4000-8000-000000000000' });
    expect(noPmo.status).toBe(422);
    expect(issueFields(noPmo.body)).toEqual(['pmoId']);
    const bad = await (await as('lead')).post('/api/v1/courses', { ...body, title: ' ', validityMonths: 0 });
    expect(bad.status).toBe(422);
    expect(issueFields(bad.body).sort()).toEqual(['title', 'validityMonths']);
  });

  it('is readable by everyone, filtered, with requirements', async () => {
    const viewer = await as('viewer');
    const all = await viewer.get('/api/v1/courses');
    expect(all.status).toBe(200);
    expect(all.body.items.map((c: { code: string }) => c.code)).toEqual(['AGL', 'FINC', 'PMF', 'PRG-1', 'RSK-1']);
    const agl = all.body.items.find((c: { code: string }) => c.code === 'AGL');
    expect(agl.requirements).toEqual([
      { role: 'project_manager', projectTypeId: types.it, projectType: { id: types.it, code: 'IT', name: 'IT delivery' } },
    ]);
    const finance = await viewer.get(`/api/v1/courses?pmoId=${org.pmos.finance.id}`);
    expect(finance.body.items.map((c: { code: string }) => c.code)).toEqual(['FINC']);
    expect((await viewer.get('/api/v1/courses?q=risk')).body.items.map((c: { code: string }) => c.code)).toEqual(['RSK-1']);
    const one = await viewer.get(`/api/v1/courses/${courseId}`);
    expect(one.body.code).toBe('RSK-1');
    expect((await viewer.get('/api/v1/courses/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('edits a course with its version; a stale version is a 409', async () => {
    const lead = await as('lead');
    const res = await lead.patch(`/api/v1/courses/${courseId}`, {
      version: 1,
      title: 'Risk management in practice',
      active: false,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'Risk management in practice', active: false, version: 2 });
    expect((await lead.patch(`/api/v1/courses/${courseId}`, { version: 1, title: 'Again' })).status).toBe(409);
    expect((await (await as('viewer')).get('/api/v1/courses?active=false')).body.items).toHaveLength(1);
    expect(await auditActions('course', courseId)).toEqual(['course.created', 'course.updated']);
  });

  it('replaces the requirements of a course with its version', async () => {
    const lead = await as('lead');
    const got = await (await as('viewer')).get(`/api/v1/courses/${courseId}/requirements`);
    expect(got.body).toEqual({ courseId, requirements: [], version: 2 });
    const set = await lead.put(`/api/v1/courses/${courseId}/requirements`, {
      version: 2,
      requirements: [
        { role: 'project_manager', projectTypeId: types.it },
        { role: 'pmo_analyst', projectTypeId: null },
      ],
    });
    expect(set.status).toBe(200);
    expect(set.body.version).toBe(3);
    expect(set.body.requirements).toEqual([
      { role: 'pmo_analyst', projectTypeId: null, projectType: null },
      { role: 'project_manager', projectTypeId: types.it, projectType: { id: types.it, code: 'IT', name: 'IT delivery' } },
    ]);
    expect((await lead.put(`/api/v1/courses/${courseId}/requirements`, { version: 2, requirements: [] })).status).toBe(409);
    const badRole = await lead.put(`/api/v1/courses/${courseId}/requirements`, {
      version: 3,
      requirements: [{ role: 'wizard', projectTypeId: null }],
    });
    expect(badRole.status).toBe(422);
    expect(issueFields(badRole.body)).toEqual(['requirements.0.role']);
    const badType = await lead.put(`/api/v1/courses/${courseId}/requirements`, {
      version: 3,
      requirements: [
        { role: 'project_manager', projectTypeId: null },
        { role: 'project_manager', projectTypeId: '00000000-0000-4000-8000-000000000000' },
      ],
    });
    expect(badType.status).toBe(422);
    expect(issueFields(badType.body)).toEqual(['requirements.1.projectTypeId']);
    const twice = await lead.put(`/api/v1/courses/${courseId}/requirements`, {
      version: 3,
      requirements: [
        { role: 'project_manager', projectTypeId: null },
        { role: 'project_manager', projectTypeId: null },
      ],
    });
    expect(issueFields(twice.body)).toEqual(['requirements.1']);
    expect(
      (await (await as('pm1')).put(`/api/v1/courses/${courseId}/requirements`, { version: 3, requirements: [] })).status,
    ).toBe(403);
    const cleared = await lead.put(`/api/v1/courses/${courseId}/requirements`, { version: 3, requirements: [] });
    expect(cleared.body).toEqual({ courseId, requirements: [], version: 4 });
    expect(await auditActions('course', courseId)).toEqual([
      'course.created',
      'course.updated',
      'course.requirements_set',
      'course.requirements_set',
    ]);
  });

  it('answers which active courses a role needs on a project type, including those for every type', async () => {
    const viewer = await as('viewer');
    const codes = async (query: string) =>
      (await viewer.get(`/api/v1/training/requirements?${query}`)).body.items.map(
        (i: { course: { code: string }; projectType: { code: string } | null }) =>
          `${i.course.code}:${i.projectType?.code ?? '*'}`,
      );
    expect(await codes(`role=project_manager&projectTypeId=${types.it}`)).toEqual(['AGL:IT', 'PMF:*']);
    expect(await codes(`role=project_manager&projectTypeId=${types.finance}`)).toEqual(['FINC:FIN', 'PMF:*']);
    expect(await codes('role=project_manager')).toEqual(['AGL:IT', 'FINC:FIN', 'PMF:*']);
    expect(await codes('role=pmo_analyst')).toEqual(['FINC:*']);
    const res = await viewer.get(`/api/v1/training/requirements?role=project_manager&projectTypeId=${types.it}`);
    expect(res.body.items[1]).toEqual({
      course: { id: course.pmf, code: 'PMF', title: 'PM Foundations', validityMonths: 36 },
      role: 'project_manager',
      projectType: null,
    });
    expect((await viewer.get('/api/v1/training/requirements?role=wizard')).status).toBe(422);
    expect((await viewer.get('/api/v1/training/requirements?projectTypeId=00000000-0000-4000-8000-000000000000')).status).toBe(
      422,
    );
  });
});

describe('training records', () => {
  let recordId = '';

  it('defaults the expiry to the completion plus the validity of the course', async () => {
    const analyst = await as('analyst');
    const res = await analyst.post(`/api/v1/people/${pid('pm1')}/training-records`, {
      courseId: course.pmf,
      completedOn: '2025-01-31',
      evidence: 'https://lms.example.com/cert/1',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      person: { id: pid('pm1'), name: 'Project Manager One' },
      course: { id: course.pmf, code: 'PMF', title: 'PM Foundations' },
      completedOn: '2025-01-31',
      expiresOn: '2028-01-31',
      expired: false,
      evidence: 'https://lms.example.com/cert/1',
      recordedBy: 'analyst@factory.test',
      version: 1,
    });
    recordId = res.body.id;
    const never = await analyst.post(`/api/v1/people/${pid('pm1')}/training-records`, {
      courseId: course.fin,
      completedOn: '2024-02-29',
      evidence: 'attendance list 2024-02',
    });
    expect(never.body.expiresOn).toBeNull();
    const given = await analyst.post(`/api/v1/people/${pid('pm1')}/training-records`, {
      courseId: course.agl,
      completedOn: '2023-08-31',
      expiresOn: '2024-02-29',
      evidence: 'cert 3',
    });
    expect(given.body).toMatchObject({ expiresOn: '2024-02-29', expired: true });
    expect(await auditActions('training_record', recordId)).toEqual(['training_record.created']);
  });

  it('refuses bad dates, unknown courses and missing evidence (422), and unknown people (404)', async () => {
    const lead = await as('lead');
    const path = `/api/v1/people/${pid('pm1')}/training-records`;
    const cases: [Record<string, unknown>, string[]][] = [
      [{ courseId: course.pmf, completedOn: '2025-01-01', expiresOn: '2024-12-31', evidence: 'x' }, ['expiresOn']],
      [{ courseId: course.pmf, completedOn: addMonths(today(), 1), evidence: 'x' }, ['completedOn']],
      [{ courseId: '00000000-0000-4000-8000-000000000000', completedOn: '2025-01-01', evidence: 'x' }, ['courseId']],
      [{ courseId: course.pmf, completedOn: '2025-13-01', evidence: 'x' }, ['completedOn']],
      [{ courseId: course.pmf, completedOn: '2025-01-01' }, ['evidence']],
    ];
    for (const [body, expected] of cases) {
      const res = await lead.post(path, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(issueFields(res.body)).toEqual(expected);
    }
    const nobody = await lead.post('/api/v1/people/00000000-0000-4000-8000-000000000000/training-records', {
      courseId: course.pmf,
      completedOn: '2025-01-01',
      evidence: 'x',
    });
    expect(nobody.status).toBe(404);
  });

  it('shows a person their own records and training managers everyone’s; others get 404', async () => {
    const own = await (await as('pm1')).get(`/api/v1/people/${pid('pm1')}/training-records`);
    expect(own.status).toBe(200);
    expect(own.body.items.map((r: { course: { code: string } }) => r.course.code)).toEqual(['PMF', 'FINC', 'AGL']);
    expect((await (await as('lead')).get(`/api/v1/people/${pid('pm1')}/training-records`)).status).toBe(200);
    expect((await (await as('financeLead')).get(`/api/v1/people/${pid('pm1')}/training-records`)).status).toBe(200);
    expect((await (await as('pm2')).get(`/api/v1/people/${pid('pm1')}/training-records`)).status).toBe(404);
    expect((await (await as('viewer')).get(`/api/v1/people/${pid('pm1')}/training-records`)).status).toBe(404);
    expect((await (await as('pm1')).get(`/api/v1/audit/records/training_record/${recordId}`)).status).toBe(200);
    expect((await (await as('pm2')).get(`/api/v1/audit/records/training_record/${recordId}`)).status).toBe(404);
  });

  it('refuses writes to people without training.manage, even on their own records', async () => {
    const pm1 = await as('pm1');
    expect(
      (
        await pm1.post(`/api/v1/people/${pid('pm1')}/training-records`, {
          courseId: course.agl,
          completedOn: '2025-01-01',
          evidence: 'self-declared',
        })
      ).status,
    ).toBe(403);
    expect((await pm1.patch(`/api/v1/training-records/${recordId}`, { version: 1, evidence: 'x' })).status).toBe(403);
    expect((await pm1.delete(`/api/v1/training-records/${recordId}`)).status).toBe(403);
  });

  it('recomputes the expiry when the completion date is corrected, keeps one given, and checks the version', async () => {
    const lead = await as('lead');
    const moved = await lead.patch(`/api/v1/training-records/${recordId}`, { version: 1, completedOn: '2025-03-15' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ completedOn: '2025-03-15', expiresOn: '2028-03-15', version: 2 });
    const explicit = await lead.patch(`/api/v1/training-records/${recordId}`, {
      version: 2,
      completedOn: '2025-03-16',
      expiresOn: '2027-01-01',
      evidence: 'replacement certificate',
    });
    expect(explicit.body).toMatchObject({
      completedOn: '2025-03-16',
      expiresOn: '2027-01-01',
      evidence: 'replacement certificate',
    });
    expect((await lead.patch(`/api/v1/training-records/${recordId}`, { version: 2, evidence: 'stale' })).status).toBe(409);
    const bad = await lead.patch(`/api/v1/training-records/${recordId}`, { version: 3, expiresOn: '2025-01-01' });
    expect(issueFields(bad.body)).toEqual(['expiresOn']);
    expect((await lead.patch('/api/v1/training-records/00000000-0000-4000-8000-000000000000', { version: 1 })).status).toBe(404);
  });

  it('deletes a record with its version, audited; the history stays readable to managers', async () => {
    const lead = await as('lead');
    const extra = await recordTraining(database.db, pid('pm1'), course.agl, '2025-05-05');
    expect((await lead.delete(`/api/v1/training-records/${extra.id}?version=2`)).status).toBe(409);
    expect((await lead.delete(`/api/v1/training-records/${extra.id}?version=1`)).status).toBe(204);
    expect((await lead.delete(`/api/v1/training-records/${extra.id}`)).status).toBe(404);
    expect(await auditActions('training_record', extra.id)).toEqual(['training_record.created', 'training_record.deleted']);
    expect((await lead.get(`/api/v1/audit/records/training_record/${extra.id}`)).status).toBe(200);
    expect((await (await as('pm1')).get(`/api/v1/audit/records/training_record/${extra.id}`)).status).toBe(404);
  });
});

describe('certifications', () => {
  it('records, lists, edits and removes external certifications', async () => {
    const analyst = await as('analyst');
    const created = await analyst.post(`/api/v1/people/${pid('pm1')}/certifications`, {
      name: 'PMP',
      issuer: 'Project Management Institute',
      credentialId: 'PMP-1',
      obtainedOn: '2023-05-01',
      expiresOn: '2026-05-01',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      person: { id: pid('pm1'), name: 'Project Manager One' },
      name: 'PMP',
      issuer: 'Project Management Institute',
      credentialId: 'PMP-1',
      obtainedOn: '2023-05-01',
      expiresOn: '2026-05-01',
      evidence: null,
      version: 1,
    });
    const id = created.body.id;
    const bad = await analyst.post(`/api/v1/people/${pid('pm1')}/certifications`, {
      name: 'PRINCE2',
      issuer: ' ',
      obtainedOn: '2023-05-01',
      expiresOn: '2023-05-01',
    });
    expect(bad.status).toBe(422);
    expect(issueFields(bad.body)).toEqual(['issuer']);
    const badDates = await analyst.post(`/api/v1/people/${pid('pm1')}/certifications`, {
      name: 'PRINCE2',
      issuer: 'PeopleCert',
      obtainedOn: '2023-05-01',
      expiresOn: '2023-05-01',
    });
    expect(issueFields(badDates.body)).toEqual(['expiresOn']);

    expect((await (await as('pm1')).get(`/api/v1/people/${pid('pm1')}/certifications`)).body.items).toHaveLength(1);
    expect((await (await as('pm2')).get(`/api/v1/people/${pid('pm1')}/certifications`)).status).toBe(404);
    expect((await (await as('pm1')).post(`/api/v1/people/${pid('pm1')}/certifications`, {})).status).toBe(403);

    const renewed = await analyst.patch(`/api/v1/certifications/${id}`, {
      version: 1,
      expiresOn: '2029-05-01',
      evidence: 'pmi.org/x',
    });
    expect(renewed.body).toMatchObject({ expiresOn: '2029-05-01', evidence: 'pmi.org/x', version: 2 });
    expect((await analyst.patch(`/api/v1/certifications/${id}`, { version: 1, name: 'x' })).status).toBe(409);
    expect((await analyst.delete(`/api/v1/certifications/${id}?version=2`)).status).toBe(204);
    expect(await auditActions('certification', id)).toEqual([
      'certification.created',
      'certification.updated',
      'certification.deleted',
    ]);
  });
});

describe('missingTraining', () => {
  const db = () => database.db;
  const gaps = async (type: string, asOf: string) =>
    (await missingTraining(db(), pid('pm2'), type, asOf)).map(
      (g) => `${g.code}:${g.reason}${g.expiredOn ? `@${g.expiredOn}` : ''}`,
    );

  it('lists every required course, for the type and for every type, when none was taken', async () => {
    expect(await gaps(types.it, '2025-06-01')).toEqual(['AGL:missing', 'PMF:missing']);
    expect(await gaps(types.finance, '2025-06-01')).toEqual(['FINC:missing', 'PMF:missing']);
    const full = await missingTraining(db(), pid('pm2'), types.it, '2025-06-01');
    expect(full[1]).toEqual({ courseId: course.pmf, code: 'PMF', title: 'PM Foundations', reason: 'missing' });
  });

  it('counts an all-type course for every type, and a type-specific course for its type only', async () => {
    await recordTraining(db(), pid('pm2'), course.pmf, '2022-03-15');
    await recordTraining(db(), pid('pm2'), course.agl, '2023-01-10');
    expect(await gaps(types.it, '2024-06-01')).toEqual([]);
    expect(await gaps(types.finance, '2024-06-01')).toEqual(['FINC:missing']);
  });

  it('judges as of the day given: before a completion it is missing, from its expiry day it is expired', async () => {
    expect(await gaps(types.it, '2022-03-14')).toEqual(['AGL:missing', 'PMF:missing']);
    expect(await gaps(types.it, '2023-01-09')).toEqual(['AGL:missing']);
    expect(await gaps(types.it, '2025-01-09')).toEqual([]);
    expect(await gaps(types.it, '2025-01-10')).toEqual(['AGL:expired@2025-01-10']);
    expect(await gaps(types.it, '2025-03-15')).toEqual(['AGL:expired@2025-01-10', 'PMF:expired@2025-03-15']);
  });

  it('lets a renewal supersede an expired completion', async () => {
    await recordTraining(db(), pid('pm2'), course.agl, '2025-02-01');
    expect(await gaps(types.it, '2025-02-01')).toEqual([]);
    expect(await gaps(types.it, '2025-01-20')).toEqual(['AGL:expired@2025-01-10']);
  });

  it('stops requiring a retired course', async () => {
    const retired = await makeCourse(db(), {
      pmoId: org.pmos.enterprise.id,
      code: 'OLD',
      active: false,
      requiredFor: [{ role: 'project_manager', projectTypeId: types.it }],
    });
    expect(retired.requirements).toHaveLength(1);
    expect(await gaps(types.it, '2025-02-01')).toEqual([]);
  });

  it('refuses an unqualified project manager with a 422 that lists the missing courses', async () => {
    await expect(assertQualifiedProjectManager(db(), pid('pm2'), types.it, '2025-02-01')).resolves.toBeUndefined();
    const error = await assertQualifiedProjectManager(db(), pid('pm2'), types.finance, '2025-02-01').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.status).toBe(422);
    expect(appError.code).toBe('VALIDATION_FAILED');
    expect(appError.details).toEqual({
      issues: [{ field: 'projectManagerId', message: expect.stringContaining('FINC') }],
      missingCourses: [{ courseId: course.fin, code: 'FINC', title: 'Finance Controls', reason: 'missing' }],
    });
    const expired = (await assertQualifiedProjectManager(db(), pid('pm2'), types.it, '2027-03-01', 'managerId').catch(
      (e: unknown) => e,
    )) as AppError;
    expect(expired.message).toContain('AGL (expired 2027-02-01)');
    expect((expired.details as { issues: { field: string }[] }).issues[0]!.field).toBe('managerId');
  });
});

describe('the qualification and expiry views', () => {
  it('shows who is qualified for each type and who lacks which courses', async () => {
    // pm2 holds PMF 2022-03-15 (expires 2025-03-15) and AGL renewed 2025-02-01; pm1 holds PMF 2025-03-16, FINC, AGL expired.
    const lead = await as('lead');
    const res = await lead.get(`/api/v1/training/qualification?projectTypeId=${types.it}&asOf=2025-03-01`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const it = res.body.items[0];
    expect(it.projectType).toEqual({ id: types.it, code: 'IT', name: 'IT delivery' });
    expect(it.requiredCourses.map((c: { code: string }) => c.code)).toEqual(['AGL', 'PMF']);
    expect(it.anyoneQualifies).toBe(false);
    expect(it.qualified).toEqual([{ person: { id: pid('pm2'), name: 'Project Manager Two' } }]);
    expect(it.partiallyQualified).toEqual([
      {
        person: { id: pid('pm1'), name: 'Project Manager One' },
        gaps: [
          { courseId: course.agl, code: 'AGL', title: 'Agile Delivery', reason: 'expired', expiredOn: '2024-02-29' },
          { courseId: course.pmf, code: 'PMF', title: 'PM Foundations', reason: 'missing' },
        ],
      },
    ]);
    const all = await lead.get('/api/v1/training/qualification?asOf=2025-04-01');
    const finance = all.body.items.find((t: { projectType: { code: string } }) => t.projectType.code === 'FIN');
    expect(finance.qualified).toEqual([{ person: { id: pid('pm1'), name: 'Project Manager One' } }]);
    expect(finance.partiallyQualified.map((p: { person: { id: string } }) => p.person.id)).toEqual([pid('pm2')]);
    expect((await lead.get('/api/v1/training/qualification?projectTypeId=00000000-0000-4000-8000-000000000000')).status).toBe(
      422,
    );
    expect((await (await as('pm1')).get('/api/v1/training/qualification')).status).toBe(403);
  });

  it('lists latest completions expiring soon, soonest first, and those expired on request', async () => {
    const lead = await as('lead');
    const res = await lead.get('/api/v1/training/expiries?withinDays=60&asOf=2025-01-01');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        recordId: expect.any(String),
        person: { id: pid('pm2'), name: 'Project Manager Two' },
        course: { id: course.agl, code: 'AGL', title: 'Agile Delivery' },
        completedOn: '2023-01-10',
        expiresOn: '2025-01-10',
        daysLeft: 9,
      },
    ]);
    // Once renewed, the old completion no longer shows; PMF of pm2 expires on 2025-03-15.
    const later = await lead.get('/api/v1/training/expiries?withinDays=90&asOf=2025-02-15');
    expect(later.body.items.map((i: { course: { code: string }; daysLeft: number }) => `${i.course.code}:${i.daysLeft}`)).toEqual(
      ['PMF:28'],
    );
    const expired = await lead.get('/api/v1/training/expiries?withinDays=0&includeExpired=true&asOf=2025-02-15');
    expect(
      expired.body.items.map((i: { course: { code: string }; expiresOn: string }) => `${i.course.code}:${i.expiresOn}`),
    ).toEqual(['AGL:2024-02-29']);
    expect((await lead.get('/api/v1/training/expiries?withinDays=-1')).status).toBe(422);
    expect((await (await as('viewer')).get('/api/v1/training/expiries')).status).toBe(403);
  });
});

describe('mentorships', () => {
  let mentorshipId = '';

  it('pairs a mentor with a mentee under a PMO the actor governs, audited', async () => {
    const res = await (await as('lead')).post('/api/v1/mentorships', {
      pmoId: org.pmos.enterprise.id,
      mentorId: pid('pm1'),
      menteeId: pid('pm2'),
      goals: 'Lead an IT delivery project',
      startedOn: '2025-01-06',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      pmo: { id: org.pmos.enterprise.id, code: 'EPMO', name: 'Enterprise PMO' },
      mentor: { id: pid('pm1'), name: 'Project Manager One' },
      mentee: { id: pid('pm2'), name: 'Project Manager Two' },
      goals: 'Lead an IT delivery project',
      startedOn: '2025-01-06',
      endedOn: null,
      status: 'active',
      sessionCount: 0,
      lastSessionOn: null,
      version: 1,
    });
    mentorshipId = res.body.id;
  });

  it('refuses self-mentoring, unknown people, a second active pair, other PMOs and non-managers', async () => {
    const lead = await as('lead');
    const body = {
      pmoId: org.pmos.enterprise.id,
      mentorId: pid('sponsor'),
      menteeId: pid('teamMember'),
      startedOn: '2025-01-01',
    };
    const self = await lead.post('/api/v1/mentorships', { ...body, menteeId: pid('sponsor') });
    expect(self.status).toBe(422);
    expect(issueFields(self.body)).toEqual(['menteeId']);
    const nobody = await lead.post('/api/v1/mentorships', { ...body, mentorId: '00000000-0000-4000-8000-000000000000' });
    expect(issueFields(nobody.body)).toEqual(['mentorId']);
    const again = await lead.post('/api/v1/mentorships', { ...body, mentorId: pid('pm1'), menteeId: pid('pm2') });
    expect(again.status).toBe(409);
    expect((await (await as('financeLead')).post('/api/v1/mentorships', body)).status).toBe(403);
    expect((await (await as('pm1')).post('/api/v1/mentorships', body)).status).toBe(403);
  });

  it('is visible to its mentor, its mentee and training managers only', async () => {
    for (const who of ['pm1', 'pm2', 'lead', 'financeLead', 'admin'] as const) {
      expect((await (await as(who)).get(`/api/v1/mentorships/${mentorshipId}`)).status, who).toBe(200);
    }
    for (const who of ['teamMember', 'viewer', 'sponsor'] as const) {
      expect((await (await as(who)).get(`/api/v1/mentorships/${mentorshipId}`)).status, who).toBe(404);
      expect((await (await as(who)).get(`/api/v1/mentorships/${mentorshipId}/sessions`)).status, who).toBe(404);
      expect((await (await as(who)).get(`/api/v1/audit/records/mentorship/${mentorshipId}`)).status, who).toBe(404);
    }
    expect((await (await as('teamMember')).get('/api/v1/mentorships')).body.items).toEqual([]);
    expect((await (await as('pm2')).get('/api/v1/mentorships')).body.items.map((m: { id: string }) => m.id)).toEqual([
      mentorshipId,
    ]);
    await makeMentorship(database.db, { pmoId: org.pmos.finance.id, mentorId: pid('financeLead'), menteeId: pid('teamMember') });
    const lead = await as('lead');
    expect((await lead.get('/api/v1/mentorships')).body.items).toHaveLength(2);
    expect((await lead.get(`/api/v1/mentorships?menteeId=${pid('pm2')}`)).body.items).toHaveLength(1);
    expect((await lead.get(`/api/v1/mentorships?mentorId=${pid('financeLead')}&status=active`)).body.items).toHaveLength(1);
    expect((await lead.get('/api/v1/mentorships?status=ended')).body.items).toHaveLength(0);
    expect((await (await as('teamMember')).get('/api/v1/mentorships')).body.items).toHaveLength(1);
  });

  it('takes session notes from the mentor, the mentee or a manager', async () => {
    const path = `/api/v1/mentorships/${mentorshipId}/sessions`;
    const first = await (await as('pm2')).post(path, { heldOn: '2025-01-20', notes: 'Set goals for the quarter.' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      mentorshipId,
      heldOn: '2025-01-20',
      notes: 'Set goals for the quarter.',
      recordedBy: 'pm2@factory.test',
    });
    expect((await (await as('pm1')).post(path, { heldOn: '2025-02-17', notes: 'Reviewed the risk register.' })).status).toBe(201);
    expect((await (await as('teamMember')).post(path, { heldOn: '2025-02-17', notes: 'x' })).status).toBe(404);
    const early = await (await as('pm1')).post(path, { heldOn: '2025-01-01', notes: 'x' });
    expect(issueFields(early.body)).toEqual(['heldOn']);
    const future = await (await as('pm1')).post(path, { heldOn: addMonths(today(), 2), notes: 'x' });
    expect(issueFields(future.body)).toEqual(['heldOn']);
    expect(issueFields((await (await as('pm1')).post(path, { heldOn: '2025-02-18', notes: '' })).body)).toEqual(['notes']);
    const list = await (await as('pm1')).get(path);
    expect(list.body.items.map((s: { heldOn: string }) => s.heldOn)).toEqual(['2025-02-17', '2025-01-20']);
    const mentorship = await (await as('pm1')).get(`/api/v1/mentorships/${mentorshipId}`);
    expect(mentorship.body).toMatchObject({ sessionCount: 2, lastSessionOn: '2025-02-17' });
  });

  it('ends a mentorship, which then takes no more sessions or edits', async () => {
    const lead = await as('lead');
    const path = `/api/v1/mentorships/${mentorshipId}`;
    expect((await (await as('pm1')).patch(path, { version: 1, status: 'ended' })).status).toBe(403);
    expect(issueFields((await lead.patch(path, { version: 1, endedOn: '2025-06-30' })).body)).toEqual(['endedOn']);
    expect(issueFields((await lead.patch(path, { version: 1, status: 'ended', endedOn: '2024-12-31' })).body)).toEqual([
      'endedOn',
    ]);
    const goals = await lead.patch(path, { version: 1, goals: 'Lead an IT project and pass AGL' });
    expect(goals.body).toMatchObject({ goals: 'Lead an IT project and pass AGL', status: 'active', version: 2 });
    expect((await lead.patch(path, { version: 1, status: 'ended' })).status).toBe(409);
    const ended = await lead.patch(path, { version: 2, status: 'ended', endedOn: '2025-06-30' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', endedOn: '2025-06-30', version: 3 });
    const reopen = await lead.patch(path, { version: 3, goals: 'again' });
    expect(reopen.status).toBe(409);
    expect(reopen.body.error.code).toBe('INVALID_STATE');
    expect((await (await as('pm1')).post(`${path}/sessions`, { heldOn: '2025-07-01', notes: 'x' })).body.error.code).toBe(
      'INVALID_STATE',
    );
    expect(await auditActions('mentorship', mentorshipId)).toEqual([
      'mentorship.created',
      'mentorship.session_recorded',
      'mentorship.session_recorded',
      'mentorship.updated',
      'mentorship.ended',
    ]);
    expect((await (await as('pm2')).get(`/api/v1/audit/records/mentorship/${mentorshipId}`)).status).toBe(200);
  });
});

describe('permissions', () => {
  it('refuses every training.manage route to a viewer and a project manager with 403, and anonymous callers with 401', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const routes: [string, string][] = [
      ['POST', '/api/v1/courses'],
      ['PATCH', `/api/v1/courses/${id}`],
      ['PUT', `/api/v1/courses/${id}/requirements`],
      ['POST', `/api/v1/people/${id}/training-records`],
      ['PATCH', `/api/v1/training-records/${id}`],
      ['DELETE', `/api/v1/training-records/${id}`],
      ['POST', `/api/v1/people/${id}/certifications`],
      ['PATCH', `/api/v1/certifications/${id}`],
      ['DELETE', `/api/v1/certifications/${id}`],
      ['POST', '/api/v1/mentorships'],
      ['PATCH', `/api/v1/mentorships/${id}`],
      ['GET', '/api/v1/training/qualification'],
      ['GET', '/api/v1/training/expiries'],
    ];
    for (const who of ['viewer', 'pm1', 'teamMember'] as const) {
      const client = await as(who);
      for (const [method, path] of routes) {
        const res = await client.request(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
        expect(res.status, `${who} ${method} ${path}`).toBe(403);
      }
    }
    const anonymous = ApiClient.anonymous(app);
    expect((await anonymous.get('/api/v1/courses')).status).toBe(401);
    expect((await anonymous.get(`/api/v1/people/${id}/training-records`)).status).toBe(401);
  });

  it('keeps the audit trail verifiable', async () => {
    expect((await (await as('admin')).get('/api/v1/audit/verify')).body.ok).toBe(true);
  });
});

describe('on the demo organisation', () => {
  let demo: TestDatabase;
  let demoApp: TestApp;
  const personId = async (email: string) =>
    (await demo.db.select({ id: people.id }).from(people).where(eq(people.email, email)))[0]!.id;

  beforeAll(async () => {
    demo = await testDatabase({ demo: true });
    demoApp = testApp(demo);
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('shows a trained pm@example.com, an expired refresher, a missing course and expiries coming up', async () => {
    const lead = await ApiClient.signIn(demoApp, 'pmo.lead@example.com');
    const view = await lead.get('/api/v1/training/qualification');
    expect(view.status).toBe(200);
    const byType = Object.fromEntries(
      view.body.items.map((t: { projectType: { code: string } }) => [t.projectType.code, t]),
    ) as Record<
      string,
      {
        qualified: { person: { name: string } }[];
        partiallyQualified: { person: { name: string }; gaps: { code: string; reason: string }[] }[];
      }
    >;
    for (const code of ['IT-DELIVERY', 'BUSINESS-CHANGE', 'INFRASTRUCTURE']) {
      expect(byType[code]!.qualified.map((q) => q.person.name)).toContain('Sam Carter');
    }
    expect(byType['IT-DELIVERY']!.qualified.map((q) => q.person.name)).toEqual(
      expect.arrayContaining(['Lena Fischer', 'Carlos Mendes', 'Yusuf Demir']),
    );
    const hannah = byType['IT-DELIVERY']!.partiallyQualified.find((p) => p.person.name === 'Hannah Moore');
    expect(hannah?.gaps).toEqual([expect.objectContaining({ code: 'AGL-201', reason: 'missing' })]);
    const piotr = byType.INFRASTRUCTURE!.partiallyQualified.find((p) => p.person.name === 'Piotr Zieliński');
    expect(piotr?.gaps).toEqual([expect.objectContaining({ code: 'ENG-210', reason: 'expired' })]);

    const soon = await lead.get('/api/v1/training/expiries?withinDays=90');
    expect(
      soon.body.items.map((i: { person: { name: string }; course: { code: string } }) => `${i.person.name}:${i.course.code}`),
    ).toEqual(expect.arrayContaining(['Lena Fischer:AGL-201', 'Victor Almeida:ENG-210']));
    const pmId = await personId('pm@example.com');
    for (const type of view.body.items as { projectType: { id: string } }[]) {
      expect(await missingTraining(demo.db, pmId, type.projectType.id, today())).toEqual([]);
    }
  });

  it('lets pm@example.com see his own records, certifications and mentorship, but not a colleague’s', async () => {
    const pm = await ApiClient.signIn(demoApp, 'pm@example.com');
    const pmId = await personId('pm@example.com');
    const records = await pm.get(`/api/v1/people/${pmId}/training-records`);
    expect(records.status).toBe(200);
    expect(records.body.items.length).toBeGreaterThanOrEqual(6);
    const certifications = await pm.get(`/api/v1/people/${pmId}/certifications`);
    expect(certifications.body.items.map((c: { name: string }) => c.name).sort()).toEqual(['PMI-ACP', 'PMP']);
    const mentorships = await pm.get('/api/v1/mentorships');
    expect(mentorships.body.items).toHaveLength(1);
    expect(mentorships.body.items[0]).toMatchObject({
      mentor: { name: 'Sam Carter' },
      mentee: { name: 'Carlos Mendes' },
      sessionCount: 2,
    });
    expect((await pm.get(`/api/v1/people/${await personId('hannah.moore@example.com')}/training-records`)).status).toBe(404);
  });
});
