/**
 * Small factories for org and portfolio tests on an EMPTY database. Everything goes through the
 * org module's use cases as the system actor, so fixtures are audited like real data.
 */
import { systemActor } from '../../src/kernel/actor.ts';
import type { Db } from '../../src/kernel/db.ts';
import type { Role } from '../../src/kernel/permissions.ts';
import { createUser } from '../../src/modules/auth/index.ts';
import {
  createOrgUnit,
  createPerson,
  createPmo,
  createPosition,
  createSkill,
  getPmo,
  setPmoMembers,
} from '../../src/modules/org/index.ts';

export const ORG_TEST_PASSWORD = 'org-factory-password';

let counter = 0;
const next = () => ++counter;
const system = systemActor('factory');

export function makeOrgUnit(db: Db, values: { code?: string; name?: string; parentId?: string | null } = {}) {
  const n = next();
  return createOrgUnit(db, system, {
    code: values.code ?? `OU-${n}`,
    name: values.name ?? `Org unit ${n}`,
    parentId: values.parentId ?? null,
  });
}

export function makePerson(
  db: Db,
  values: { name?: string; email?: string; orgUnitId?: string | null; jobTitle?: string; costRate?: number } = {},
) {
  const n = next();
  return createPerson(db, system, {
    name: values.name ?? `Person ${n}`,
    email: values.email ?? `person${n}@org-factory.test`,
    orgUnitId: values.orgUnitId ?? null,
    jobTitle: values.jobTitle ?? null,
    costRate: values.costRate,
  });
}

export function makeSkill(db: Db, values: { name?: string; category?: string } = {}) {
  const n = next();
  return createSkill(db, system, { name: values.name ?? `Skill ${n}`, category: values.category });
}

export function makePosition(
  db: Db,
  values: { code?: string; title?: string; holderPersonId?: string | null; reportsToPositionId?: string | null } = {},
) {
  const n = next();
  return createPosition(db, system, {
    code: values.code ?? `EXEC-${n}`,
    title: values.title ?? `Executive ${n}`,
    holderPersonId: values.holderPersonId ?? null,
    reportsToPositionId: values.reportsToPositionId ?? null,
  });
}

export function makePmo(
  db: Db,
  values: {
    reportsToPositionId: string;
    code?: string;
    name?: string;
    parentPmoId?: string | null;
    level?: 'program' | 'portfolio' | 'enterprise';
    orientation?: 'it' | 'business' | 'engineering' | 'operations' | 'transformation';
  },
) {
  const n = next();
  return createPmo(db, system, {
    code: values.code ?? `PMO-${n}`,
    name: values.name ?? `PMO ${n}`,
    level: values.level ?? 'program',
    orientation: values.orientation ?? 'it',
    reportsToPositionId: values.reportsToPositionId,
    parentPmoId: values.parentPmoId ?? null,
  });
}

/** Adds (or re-roles) one member, keeping the others. */
export async function addPmoMember(db: Db, pmoId: string, personId: string, role: 'lead' | 'analyst') {
  const pmo = await getPmo(db, system, pmoId);
  const members = pmo.members.filter((m) => m.personId !== personId).map((m) => ({ personId: m.personId, role: m.role }));
  return setPmoMembers(db, system, pmoId, { version: pmo.version, members: [...members, { personId, role }] });
}

/** A user account (password ORG_TEST_PASSWORD), linked to a new person unless told otherwise. */
export async function makeUser(db: Db, values: { email?: string; roles?: Role[]; personId?: string | null; name?: string } = {}) {
  const n = next();
  const email = values.email ?? `user${n}@org-factory.test`;
  const personId =
    values.personId === undefined ? (await makePerson(db, { name: values.name ?? `User ${n}`, email })).id : values.personId;
  const user = await createUser(db, system, {
    email,
    displayName: values.name ?? `User ${n}`,
    password: ORG_TEST_PASSWORD,
    roles: values.roles ?? [],
    personId,
  });
  return { ...user, personId };
}
