import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { makeReportingProject, makeReportingType } from '../../../test/support/factories-reports.ts';
import { type Organisation, addPmoMember, makeOrganisation } from '../../../test/support/factories-standards.ts';
import { systemActor } from '../../kernel/actor.ts';
import { createThreshold } from '../org/index.ts';
import { lineOfPmo, routeForProject, thresholdsForPmo } from './approvals.line.ts';

/**
 * The route read from the organisation (factories-standards: CEO ── COO ── enterprise PMO ──
 * programme PMO, CEO ── CFO ── finance PMO): the nearest PMO's members and thresholds, the
 * executive the PMO reports to and the top of its line, with the requester and the project's
 * manager kept off the steps.
 */

let database: TestDatabase;
let org: Organisation;
let projectId: string;

beforeAll(async () => {
  database = await testDatabase();
  org = await makeOrganisation(database.db);
  const system = systemActor('test');
  for (const [upTo, approver] of [
    [10, 'pmo_lead'],
    [25, 'reporting_executive'],
    [100, 'ceo'],
  ] as const) {
    await createThreshold(database.db, system, org.pmos.enterprise.id, {
      subject: 'budget_increase',
      measure: 'percent_of_bac',
      upTo,
      approver,
    });
  }
  await createThreshold(database.db, system, org.pmos.program.id, {
    subject: 'headcount',
    measure: 'count',
    upTo: 2,
    approver: 'pmo_lead',
  });
  const typeId = await makeReportingType(database.db, org);
  projectId = (await makeReportingProject(database.db, org, { typeId, projectManagerId: org.users.pm1.personId! })).id;
});

afterAll(async () => {
  await database?.close();
});

const names = (people: readonly { name: string }[]) => people.map((p) => p.name);

describe('the reporting line of a PMO', () => {
  it('is its own analysts and leads, the executive it reports to and the top of that line', async () => {
    const line = await lineOfPmo(database.db, org.pmos.enterprise.id);
    expect({
      pmo_analyst: names(line.pmo_analyst),
      pmo_lead: names(line.pmo_lead),
      reporting_executive: names(line.reporting_executive),
      ceo: names(line.ceo),
    }).toEqual({
      pmo_analyst: ['Enterprise Analyst'],
      pmo_lead: ['Enterprise Lead'],
      reporting_executive: ['Chief Operating'],
      ceo: ['Chief Executive'],
    });
  });

  it('takes, for a nested PMO, its own lead and the analysts of the nearest PMO above that has some', async () => {
    const line = await lineOfPmo(database.db, org.pmos.program.id);
    expect(names(line.pmo_lead)).toEqual(['Programme Lead']);
    expect(names(line.pmo_analyst)).toEqual(['Enterprise Analyst']);
    expect(names(line.reporting_executive)).toEqual(['Chief Operating']);
  });

  it('gives the thresholds of the nearest PMO that holds any for the subject', async () => {
    const inherited = await thresholdsForPmo(database.db, org.pmos.program.id, 'budget_increase');
    expect(inherited.map((t) => t.upTo).sort((a, b) => a - b)).toEqual([10, 25, 100]);
    expect(await thresholdsForPmo(database.db, org.pmos.program.id, 'headcount')).toEqual([
      { measure: 'count', upTo: 2, approver: 'pmo_lead' },
    ]);
    expect(await thresholdsForPmo(database.db, org.pmos.finance.id, 'budget_increase')).toEqual([]);
  });
});

describe('the route of a change on a project', () => {
  const route = async (percent: number, requesterUserId: string) => {
    const routing = await routeForProject(database.db, projectId, {
      subject: 'budget_increase',
      size: { percent_of_bac: percent },
      requesterUserId,
    });
    return routing.ok ? routing.steps.map((s) => `${s.level}: ${names(s.approvers).join(', ')}`) : `refused at ${routing.level}`;
  };

  it('follows the enterprise PMO’s bands up its line', async () => {
    expect(await route(15, org.users.pm1.userId)).toEqual(['pmo_lead: Enterprise Lead', 'reporting_executive: Chief Operating']);
    expect(await route(40, org.users.pm1.userId)).toEqual([
      'pmo_lead: Enterprise Lead',
      'reporting_executive: Chief Operating',
      'ceo: Chief Executive',
    ]);
  });

  it('keeps the requester and the project manager off the route', async () => {
    // The lead asks: the COO decides the lead's band as well.
    expect(await route(5, org.users.lead.userId)).toEqual(['reporting_executive: Chief Operating']);
    // The project's manager is a PMO lead too: still not on the route of their own project.
    await addPmoMember(database.db, org.pmos.enterprise.id, org.users.pm1.personId!, 'lead');
    expect(await route(5, org.users.analyst.userId)).toEqual(['pmo_lead: Enterprise Lead']);
  });
});
