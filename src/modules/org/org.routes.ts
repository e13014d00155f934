import { z } from '@hono/zod-openapi';
import { IdParam, actorOf, createRouter, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import { type ExportColumn, PlainListQuery, listResponse, sendList, slicePage } from '../../kernel/lists.ts';
import {
  CreateOrgUnitBody,
  CreatePositionBody,
  CreateSkillBody,
  OrgUnitNodeSchema,
  OrgUnitSchema,
  PositionSchema,
  SkillSchema,
  UpdateOrgUnitBody,
  UpdatePositionBody,
  UpdateSkillBody,
} from './org.schema.ts';
import * as service from './org.service.ts';
import type { OrgUnitView, PositionView, SkillView } from './org.service.ts';
import { peopleRoutes } from './people.routes.ts';
import { pmoRoutes } from './pmo.routes.ts';

const listOf = <T extends z.ZodType>(schema: T) => json(z.object({ items: z.array(schema) }));

// ---- org units ----

const listOrgUnits = defineRoute('org.read', {
  operationId: 'listOrgUnits',
  method: 'get',
  path: '/org-units',
  tags: ['Organisation'],
  summary: 'Every org unit, flat, with its parent and number of children',
  request: { query: PlainListQuery },
  responses: { 200: listResponse(OrgUnitSchema) },
});

const orgUnitTree = defineRoute('org.read', {
  operationId: 'getOrgUnitTree',
  method: 'get',
  path: '/org-units/tree',
  tags: ['Organisation'],
  summary: 'The org units as a tree',
  responses: { 200: listOf(OrgUnitNodeSchema) },
});

const getOrgUnit = defineRoute('org.read', {
  operationId: 'getOrgUnit',
  method: 'get',
  path: '/org-units/{id}',
  tags: ['Organisation'],
  summary: 'One org unit',
  request: { params: IdParam },
  responses: { 200: json(OrgUnitSchema) },
});

const createOrgUnit = defineRoute('org.manage', {
  operationId: 'createOrgUnit',
  method: 'post',
  path: '/org-units',
  tags: ['Organisation'],
  summary: 'Create an org unit',
  request: jsonBody(CreateOrgUnitBody),
  responses: { 201: json(OrgUnitSchema, 'Created') },
});

const updateOrgUnit = defineRoute('org.manage', {
  operationId: 'updateOrgUnit',
  method: 'patch',
  path: '/org-units/{id}',
  tags: ['Organisation'],
  summary: 'Edit an org unit; moving it under one of its own descendants is refused',
  request: { params: IdParam, ...jsonBody(UpdateOrgUnitBody) },
  responses: { 200: json(OrgUnitSchema) },
});

// ---- executive positions ----

const listPositions = defineRoute('org.read', {
  operationId: 'listPositions',
  method: 'get',
  path: '/positions',
  tags: ['Organisation'],
  summary: 'Executive positions (CEO, COO, …) with their holders',
  request: { query: PlainListQuery },
  responses: { 200: listResponse(PositionSchema) },
});

const getPosition = defineRoute('org.read', {
  operationId: 'getPosition',
  method: 'get',
  path: '/positions/{id}',
  tags: ['Organisation'],
  summary: 'One executive position',
  request: { params: IdParam },
  responses: { 200: json(PositionSchema) },
});

const createPosition = defineRoute('org.manage', {
  operationId: 'createPosition',
  method: 'post',
  path: '/positions',
  tags: ['Organisation'],
  summary: 'Create an executive position',
  request: jsonBody(CreatePositionBody),
  responses: { 201: json(PositionSchema, 'Created') },
});

const updatePosition = defineRoute('org.manage', {
  operationId: 'updatePosition',
  method: 'patch',
  path: '/positions/{id}',
  tags: ['Organisation'],
  summary: 'Edit an executive position: title, holder, whom it reports to (no cycles)',
  request: { params: IdParam, ...jsonBody(UpdatePositionBody) },
  responses: { 200: json(PositionSchema) },
});

// ---- skills ----

const listSkills = defineRoute('org.read', {
  operationId: 'listSkills',
  method: 'get',
  path: '/skills',
  tags: ['People'],
  summary: 'The skills catalogue',
  request: { query: PlainListQuery },
  responses: { 200: listResponse(SkillSchema) },
});

const getSkill = defineRoute('org.read', {
  operationId: 'getSkill',
  method: 'get',
  path: '/skills/{id}',
  tags: ['People'],
  summary: 'One skill',
  request: { params: IdParam },
  responses: { 200: json(SkillSchema) },
});

const createSkill = defineRoute('skills.manage', {
  operationId: 'createSkill',
  method: 'post',
  path: '/skills',
  tags: ['People'],
  summary: 'Add a skill to the catalogue',
  request: jsonBody(CreateSkillBody),
  responses: { 201: json(SkillSchema, 'Created') },
});

const updateSkill = defineRoute('skills.manage', {
  operationId: 'updateSkill',
  method: 'patch',
  path: '/skills/{id}',
  tags: ['People'],
  summary: 'Edit a skill',
  request: { params: IdParam, ...jsonBody(UpdateSkillBody) },
  responses: { 200: json(SkillSchema) },
});

interface ExportedOrgUnit {
  unit: OrgUnitView;
  parentName: string | null;
}

const ORG_UNIT_COLUMNS: ExportColumn<ExportedOrgUnit>[] = [
  { header: 'Code', value: ({ unit }) => unit.code },
  { header: 'Name', value: ({ unit }) => unit.name },
  { header: 'Parent', value: ({ parentName }) => parentName },
  { header: 'Sub-units', value: ({ unit }) => unit.childCount, kind: 'number' },
  { header: 'Description', value: ({ unit }) => unit.description },
];

const POSITION_COLUMNS: ExportColumn<PositionView>[] = [
  { header: 'Code', value: (p) => p.code },
  { header: 'Title', value: (p) => p.title },
  { header: 'Holder', value: (p) => p.holderName },
  { header: 'Org unit', value: (p) => p.orgUnitName },
  { header: 'Reports to', value: (p) => p.reportsToCode },
];

const SKILL_COLUMNS: ExportColumn<SkillView>[] = [
  { header: 'Name', value: (s) => s.name },
  { header: 'Category', value: (s) => s.category },
  { header: 'People', value: (s) => s.peopleCount, kind: 'number' },
  { header: 'Description', value: (s) => s.description },
];

/** Every route of the org module: org units, positions, skills, people, PMOs. */
export function orgRoutes() {
  const router = createRouter();
  const db = (c: Parameters<typeof depsOf>[0]) => depsOf(c).database.db;

  router.openapi(listOrgUnits, async (c) =>
    sendList(c, {
      query: c.req.valid('query'),
      fileName: 'org-units',
      load: async (page) => slicePage(await service.listOrgUnits(db(c)), page),
      columns: ORG_UNIT_COLUMNS,
      // An export holds every unit, so each one's parent is among them.
      exportRows: (units) => {
        const names = new Map(units.map((u) => [u.id, u.name]));
        return units.map((unit) => ({ unit, parentName: unit.parentId ? (names.get(unit.parentId) ?? null) : null }));
      },
    }),
  );
  router.openapi(orgUnitTree, async (c) => c.json({ items: await service.orgUnitTree(db(c)) }, 200));
  router.openapi(getOrgUnit, async (c) => c.json(await service.getOrgUnit(db(c), c.req.valid('param').id), 200));
  router.openapi(createOrgUnit, async (c) => c.json(await service.createOrgUnit(db(c), actorOf(c), c.req.valid('json')), 201));
  router.openapi(updateOrgUnit, async (c) =>
    c.json(await service.updateOrgUnit(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(listPositions, async (c) =>
    sendList(c, {
      query: c.req.valid('query'),
      fileName: 'positions',
      load: async (page) => slicePage(await service.listPositions(db(c)), page),
      columns: POSITION_COLUMNS,
    }),
  );
  router.openapi(getPosition, async (c) => c.json(await service.getPosition(db(c), c.req.valid('param').id), 200));
  router.openapi(createPosition, async (c) => c.json(await service.createPosition(db(c), actorOf(c), c.req.valid('json')), 201));
  router.openapi(updatePosition, async (c) =>
    c.json(await service.updatePosition(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(listSkills, async (c) =>
    sendList(c, {
      query: c.req.valid('query'),
      fileName: 'skills',
      load: async (page) => slicePage(await service.listSkills(db(c)), page),
      columns: SKILL_COLUMNS,
    }),
  );
  router.openapi(getSkill, async (c) => c.json(await service.getSkill(db(c), c.req.valid('param').id), 200));
  router.openapi(createSkill, async (c) => c.json(await service.createSkill(db(c), actorOf(c), c.req.valid('json')), 201));
  router.openapi(updateSkill, async (c) =>
    c.json(await service.updateSkill(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  peopleRoutes(router);
  pmoRoutes(router);
  return router;
}
