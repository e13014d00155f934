import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { invalid, notFound, versionConflict } from '../../kernel/errors.ts';
import type { Page, Paged } from '../../kernel/lists.ts';
import { toNumber } from '../../kernel/rows.ts';
import { recordAudit } from '../audit/index.ts';
import { firstDuplicateIndex } from './org.graph.ts';
import { alreadyExists, transactOrg } from './org.errors.ts';
import { existingIds, findOrgUnit } from './org.repo.ts';
import { requireExisting } from './org.service.ts';
import { redactPerson } from './people.policy.ts';
import * as repo from './people.repo.ts';
import { orgUnits, skills } from './org.tables.ts';

export interface PersonView {
  id: string;
  name: string;
  email: string;
  jobTitle: string | null;
  orgUnitId: string | null;
  orgUnitName: string | null;
  /** Null for an actor who may not see cost rates. */
  costRate: number | null;
  weeklyHours: number;
  availability: number;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PersonDetailView extends PersonView {
  orgUnit: { id: string; code: string; name: string } | null;
  skills: { skillId: string; name: string; category: string; level: number }[];
  pmos: { pmoId: string; code: string; name: string; role: 'lead' | 'analyst' }[];
  positions: { positionId: string; code: string; title: string }[];
}

function personView(row: repo.PersonRow, orgUnitName: string | null): PersonView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    jobTitle: row.jobTitle,
    orgUnitId: row.orgUnitId,
    orgUnitName,
    costRate: toNumber(row.costRate),
    weeklyHours: toNumber(row.weeklyHours),
    availability: toNumber(row.availability),
    active: row.active,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface PeopleQuery {
  q?: string;
  orgUnitId?: string;
  skillId?: string;
  active?: 'true' | 'false';
}

/**
 * One page of the people matching the query, each as the actor may read them (cost rates only for
 * those who may see them), with how many match in all; every match when `page` is null. Paged in SQL.
 */
export async function listPeople(
  db: Queryable,
  actor: Actor,
  query: PeopleQuery = {},
  page: Page | null = null,
): Promise<Paged<PersonView>> {
  const filter = {
    q: query.q || undefined,
    orgUnitId: query.orgUnitId,
    skillId: query.skillId,
    active: query.active === undefined ? undefined : query.active === 'true',
  };
  // One after the other: `db` may be a transaction, one connection.
  const rows = await repo.listPeople(db, filter, page);
  const total = page ? await repo.countPeople(db, filter) : rows.length;
  return { items: rows.map((r) => redactPerson(actor, personView(r.person, r.orgUnitName))), total };
}

/** One person with skills and levels, org unit, PMO memberships and positions held, as the actor may read them. */
export async function getPerson(db: Queryable, actor: Actor, id: string): Promise<PersonDetailView> {
  const row = await repo.findPersonJoined(db, id);
  if (!row) throw notFound('person', id);
  // One query after another: a transaction is one connection.
  const personSkills = await repo.skillsOfPerson(db, id);
  const pmos = await repo.pmosOfPerson(db, id);
  const positions = await repo.positionsOfPerson(db, id);
  const unit = row.person.orgUnitId ? await findOrgUnit(db, row.person.orgUnitId) : undefined;
  return redactPerson(actor, {
    ...personView(row.person, row.orgUnitName),
    orgUnit: unit ? { id: unit.id, code: unit.code, name: unit.name } : null,
    skills: personSkills,
    pmos,
    positions,
  });
}

export interface CreatePersonInput {
  name: string;
  email: string;
  jobTitle?: string | null;
  orgUnitId?: string | null;
  costRate?: number;
  weeklyHours?: number;
  availability?: number;
  active?: boolean;
}

const decimal = (value: number | undefined) => (value === undefined ? undefined : String(value));

export async function createPerson(db: Db, actor: Actor, input: CreatePersonInput): Promise<PersonDetailView> {
  const email = input.email.trim().toLowerCase();
  return transactOrg(db, 'person', async ({ tx }) => {
    if (await repo.findPersonByEmail(tx, email)) throw alreadyExists('person', 'email', email);
    await requireExisting(tx, orgUnits, 'orgUnitId', input.orgUnitId);
    const row = await repo.insertPerson(tx, {
      name: input.name,
      email,
      jobTitle: input.jobTitle ?? null,
      orgUnitId: input.orgUnitId ?? null,
      costRate: decimal(input.costRate),
      weeklyHours: decimal(input.weeklyHours),
      availability: decimal(input.availability),
      active: input.active,
    });
    const view = await getPerson(tx, actor, row.id);
    await recordAudit(tx, actor, {
      entityType: 'person',
      entityId: row.id,
      action: 'person.created',
      after: personView(row, view.orgUnitName),
    });
    return view;
  });
}

export interface UpdatePersonInput extends Partial<CreatePersonInput> {
  version: number;
}

export async function updatePerson(db: Db, actor: Actor, id: string, input: UpdatePersonInput): Promise<PersonDetailView> {
  const email = input.email?.trim().toLowerCase();
  return transactOrg(db, 'person', async ({ tx }) => {
    const before = await repo.findPersonJoined(tx, id);
    if (!before) throw notFound('person', id);
    if (before.person.version !== input.version) throw versionConflict('person', id, input.version);
    if (email !== undefined && email !== before.person.email) {
      const taken = await repo.findPersonByEmail(tx, email);
      if (taken && taken.id !== id) throw alreadyExists('person', 'email', email);
    }
    await requireExisting(tx, orgUnits, 'orgUnitId', input.orgUnitId);
    const row = await repo.updatePerson(tx, id, input.version, {
      name: input.name,
      email,
      jobTitle: input.jobTitle,
      orgUnitId: input.orgUnitId,
      costRate: decimal(input.costRate),
      weeklyHours: decimal(input.weeklyHours),
      availability: decimal(input.availability),
      active: input.active,
    });
    if (!row) throw versionConflict('person', id, input.version);
    const view = await getPerson(tx, actor, id);
    await recordAudit(tx, actor, {
      entityType: 'person',
      entityId: id,
      action: 'person.updated',
      before: personView(before.person, before.orgUnitName),
      after: personView(row, view.orgUnitName),
    });
    return view;
  });
}

export interface PersonSkillsInput {
  version: number;
  skills: { skillId: string; level: number }[];
}

/** Replaces the person's skills and levels; the person's version moves on. */
export async function setPersonSkills(db: Db, actor: Actor, id: string, input: PersonSkillsInput): Promise<PersonDetailView> {
  const duplicate = firstDuplicateIndex(input.skills.map((s) => s.skillId));
  if (duplicate >= 0) throw invalid(`skills.${duplicate}.skillId`, 'is listed twice');
  return transactOrg(db, 'person', async ({ tx }) => {
    const before = await repo.findPerson(tx, id);
    if (!before) throw notFound('person', id);
    if (before.version !== input.version) throw versionConflict('person', id, input.version);
    const known = await existingIds(
      tx,
      skills,
      input.skills.map((s) => s.skillId),
    );
    const unknown = input.skills.findIndex((s) => !known.has(s.skillId));
    if (unknown >= 0) throw invalid(`skills.${unknown}.skillId`, 'does not exist');
    const oldSkills = await repo.skillsOfPerson(tx, id);
    const row = await repo.updatePerson(tx, id, input.version, {});
    if (!row) throw versionConflict('person', id, input.version);
    await repo.replacePersonSkills(tx, id, input.skills);
    const view = await getPerson(tx, actor, id);
    await recordAudit(tx, actor, {
      entityType: 'person',
      entityId: id,
      action: 'person.skills_changed',
      before: { version: before.version, skills: oldSkills.map((s) => ({ skillId: s.skillId, name: s.name, level: s.level })) },
      after: { version: row.version, skills: view.skills.map((s) => ({ skillId: s.skillId, name: s.name, level: s.level })) },
    });
    return view;
  });
}
