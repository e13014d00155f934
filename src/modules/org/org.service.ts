import type { PgTable } from 'drizzle-orm/pg-core';
import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { invalid, notFound, versionConflict } from '../../kernel/errors.ts';
import { toNumber } from '../../kernel/rows.ts';
import { recordAudit } from '../audit/index.ts';
import { buildForest, childCounts, type TreeNode, wouldCreateCycle } from './org.graph.ts';
import { alreadyExists, transactOrg as write } from './org.errors.ts';
import * as repo from './org.repo.ts';
import { executivePositions, orgUnits, people } from './org.tables.ts';

/** Refuses a foreign id that names no record, as 422 on the field. */
export async function requireExisting(db: Queryable, table: PgTable, field: string, id: string | null | undefined) {
  if (!id) return;
  if (!(await repo.existingIds(db, table, [id])).has(id)) throw invalid(field, 'does not exist');
}

// ---- org units ----

export interface OrgUnitView {
  id: string;
  code: string;
  name: string;
  description: string | null;
  parentId: string | null;
  childCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

function orgUnitView(row: repo.OrgUnitRow, childCount: number): OrgUnitView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    parentId: row.parentId,
    childCount,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listOrgUnits(db: Db): Promise<OrgUnitView[]> {
  const rows = await repo.listOrgUnits(db);
  const counts = childCounts(rows);
  return rows.map((r) => orgUnitView(r, counts.get(r.id) ?? 0));
}

/** The org units as a forest, siblings by name. */
export async function orgUnitTree(db: Db): Promise<TreeNode<OrgUnitView>[]> {
  return buildForest(await listOrgUnits(db));
}

export async function getOrgUnit(db: Queryable, id: string): Promise<OrgUnitView> {
  const row = await repo.findOrgUnit(db, id);
  if (!row) throw notFound('org unit', id);
  return orgUnitView(row, await repo.childCountOf(db, id));
}

export interface CreateOrgUnitInput {
  code: string;
  name: string;
  description?: string | null;
  parentId?: string | null;
}

export async function createOrgUnit(db: Db, actor: Actor, input: CreateOrgUnitInput): Promise<OrgUnitView> {
  return write(db, 'org unit', async ({ tx }) => {
    if (await repo.findOrgUnitByCode(tx, input.code)) throw alreadyExists('org unit', 'code', input.code);
    await requireExisting(tx, orgUnits, 'parentId', input.parentId);
    const row = await repo.insertOrgUnit(tx, {
      code: input.code,
      name: input.name,
      description: input.description ?? null,
      parentId: input.parentId ?? null,
    });
    const view = orgUnitView(row, 0);
    await recordAudit(tx, actor, { entityType: 'org_unit', entityId: row.id, action: 'org_unit.created', after: view });
    return view;
  });
}

export interface UpdateOrgUnitInput extends Partial<CreateOrgUnitInput> {
  version: number;
}

export async function updateOrgUnit(db: Db, actor: Actor, id: string, input: UpdateOrgUnitInput): Promise<OrgUnitView> {
  return write(db, 'org unit', async ({ tx }) => {
    const before = await repo.findOrgUnit(tx, id);
    if (!before) throw notFound('org unit', id);
    if (before.version !== input.version) throw versionConflict('org unit', id, input.version);
    if (input.code !== undefined && input.code !== before.code) {
      const taken = await repo.findOrgUnitByCode(tx, input.code);
      if (taken && taken.id !== id) throw alreadyExists('org unit', 'code', input.code);
    }
    if (input.parentId !== undefined && input.parentId !== before.parentId) {
      await repo.lockHierarchy(tx, 'org_units');
      await requireExisting(tx, orgUnits, 'parentId', input.parentId);
      if (wouldCreateCycle(id, input.parentId, await repo.orgUnitParents(tx))) {
        throw invalid('parentId', 'would make the org unit its own ancestor');
      }
    }
    const row = await repo.updateOrgUnit(tx, id, input.version, {
      code: input.code,
      name: input.name,
      description: input.description,
      parentId: input.parentId,
    });
    if (!row) throw versionConflict('org unit', id, input.version);
    const childCount = await repo.childCountOf(tx, id);
    const after = orgUnitView(row, childCount);
    await recordAudit(tx, actor, {
      entityType: 'org_unit',
      entityId: id,
      action: 'org_unit.updated',
      before: orgUnitView(before, childCount),
      after,
    });
    return after;
  });
}

// ---- executive positions ----

export interface PositionView {
  id: string;
  code: string;
  title: string;
  orgUnitId: string | null;
  orgUnitName: string | null;
  holderPersonId: string | null;
  holderName: string | null;
  reportsToPositionId: string | null;
  reportsToCode: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

function positionView(row: repo.PositionJoined): PositionView {
  const p = row.position;
  return {
    id: p.id,
    code: p.code,
    title: p.title,
    orgUnitId: p.orgUnitId,
    orgUnitName: row.orgUnitName,
    holderPersonId: p.holderPersonId,
    holderName: row.holderName,
    reportsToPositionId: p.reportsToPositionId,
    reportsToCode: row.reportsToCode,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export async function listPositions(db: Db): Promise<PositionView[]> {
  return (await repo.listPositions(db)).map(positionView);
}

export async function getPosition(db: Queryable, id: string): Promise<PositionView> {
  const row = await repo.findPositionJoined(db, id);
  if (!row) throw notFound('position', id);
  return positionView(row);
}

export interface CreatePositionInput {
  code: string;
  title: string;
  orgUnitId?: string | null;
  holderPersonId?: string | null;
  reportsToPositionId?: string | null;
}

async function checkPositionReferences(tx: Queryable, input: Partial<CreatePositionInput>) {
  await requireExisting(tx, orgUnits, 'orgUnitId', input.orgUnitId);
  await requireExisting(tx, people, 'holderPersonId', input.holderPersonId);
  await requireExisting(tx, executivePositions, 'reportsToPositionId', input.reportsToPositionId);
}

export async function createPosition(db: Db, actor: Actor, input: CreatePositionInput): Promise<PositionView> {
  return write(db, 'position', async ({ tx }) => {
    if (await repo.findPositionByCode(tx, input.code)) throw alreadyExists('position', 'code', input.code);
    await checkPositionReferences(tx, input);
    const row = await repo.insertPosition(tx, {
      code: input.code,
      title: input.title,
      orgUnitId: input.orgUnitId ?? null,
      holderPersonId: input.holderPersonId ?? null,
      reportsToPositionId: input.reportsToPositionId ?? null,
    });
    const view = await getPosition(tx, row.id);
    await recordAudit(tx, actor, { entityType: 'position', entityId: row.id, action: 'position.created', after: view });
    return view;
  });
}

export interface UpdatePositionInput extends Partial<CreatePositionInput> {
  version: number;
}

export async function updatePosition(db: Db, actor: Actor, id: string, input: UpdatePositionInput): Promise<PositionView> {
  return write(db, 'position', async ({ tx }) => {
    const before = await repo.findPositionJoined(tx, id);
    if (!before) throw notFound('position', id);
    if (before.position.version !== input.version) throw versionConflict('position', id, input.version);
    if (input.code !== undefined && input.code !== before.position.code) {
      const taken = await repo.findPositionByCode(tx, input.code);
      if (taken && taken.id !== id) throw alreadyExists('position', 'code', input.code);
    }
    await checkPositionReferences(tx, input);
    if (input.reportsToPositionId !== undefined && input.reportsToPositionId !== before.position.reportsToPositionId) {
      await repo.lockHierarchy(tx, 'executive_positions');
      if (wouldCreateCycle(id, input.reportsToPositionId, await repo.positionParents(tx))) {
        throw invalid('reportsToPositionId', 'would make the position report to itself');
      }
    }
    const row = await repo.updatePosition(tx, id, input.version, {
      code: input.code,
      title: input.title,
      orgUnitId: input.orgUnitId,
      holderPersonId: input.holderPersonId,
      reportsToPositionId: input.reportsToPositionId,
    });
    if (!row) throw versionConflict('position', id, input.version);
    const after = await getPosition(tx, id);
    await recordAudit(tx, actor, {
      entityType: 'position',
      entityId: id,
      action: 'position.updated',
      before: positionView(before),
      after,
    });
    return after;
  });
}

// ---- skills ----

export interface SkillView {
  id: string;
  name: string;
  category: string;
  description: string | null;
  peopleCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

function skillView(row: repo.SkillRow, peopleCount: unknown): SkillView {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    description: row.description,
    peopleCount: toNumber(peopleCount),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listSkills(db: Db): Promise<SkillView[]> {
  return (await repo.listSkills(db)).map((r) => skillView(r.skill, r.peopleCount));
}

export async function getSkill(db: Queryable, id: string): Promise<SkillView> {
  const row = await repo.findSkillJoined(db, id);
  if (!row) throw notFound('skill', id);
  return skillView(row.skill, row.peopleCount);
}

export interface CreateSkillInput {
  name: string;
  category?: string;
  description?: string | null;
}

export async function createSkill(db: Db, actor: Actor, input: CreateSkillInput): Promise<SkillView> {
  return write(db, 'skill', async ({ tx }) => {
    if (await repo.findSkillByName(tx, input.name)) throw alreadyExists('skill', 'name', input.name);
    const row = await repo.insertSkill(tx, {
      name: input.name,
      category: input.category ?? 'general',
      description: input.description ?? null,
    });
    const view = skillView(row, 0);
    await recordAudit(tx, actor, { entityType: 'skill', entityId: row.id, action: 'skill.created', after: view });
    return view;
  });
}

export interface UpdateSkillInput extends Partial<CreateSkillInput> {
  version: number;
}

export async function updateSkill(db: Db, actor: Actor, id: string, input: UpdateSkillInput): Promise<SkillView> {
  return write(db, 'skill', async ({ tx }) => {
    const before = await repo.findSkillJoined(tx, id);
    if (!before) throw notFound('skill', id);
    if (before.skill.version !== input.version) throw versionConflict('skill', id, input.version);
    if (input.name !== undefined && input.name !== before.skill.name) {
      const taken = await repo.findSkillByName(tx, input.name);
      if (taken && taken.id !== id) throw alreadyExists('skill', 'name', input.name);
    }
    const row = await repo.updateSkill(tx, id, input.version, {
      name: input.name,
      category: input.category,
      description: input.description,
    });
    if (!row) throw versionConflict('skill', id, input.version);
    const after = skillView(row, before.peopleCount);
    await recordAudit(tx, actor, {
      entityType: 'skill',
      entityId: id,
      action: 'skill.updated',
      before: skillView(before.skill, before.peopleCount),
      after,
    });
    return after;
  });
}
