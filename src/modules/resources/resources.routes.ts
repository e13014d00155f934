import { IdParam, actorOf, createRouter, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import { type ExportColumn, MAX_EXPORT_ROWS, listResponse, sendList, slicePage } from '../../kernel/lists.ts';
import * as absences from './absences.service.ts';
import * as allocations from './allocations.service.ts';
import * as candidates from './candidates.service.ts';
import * as capacity from './capacity.service.ts';
import {
  AbsenceListQuery,
  AbsenceSchema,
  type AbsenceView,
  AllocationCandidatesSchema,
  AllocationListQuery,
  AllocationSchema,
  type AllocationView,
  CandidatesQuery,
  CapacityQuery,
  type CapacityView,
  CapacityViewSchema,
  CreateAbsenceBody,
  CreateAllocationBody,
  PersonCapacityQuery,
  PersonCapacitySchema,
  UpdateAbsenceBody,
  UpdateAllocationBody,
  VersionQuery,
} from './resources.schema.ts';

const TAGS = ['Resources'];

const listAbsences = defineRoute('resources.read', {
  operationId: 'listAbsences',
  method: 'get',
  path: '/people/{id}/absences',
  tags: TAGS,
  summary: "A person's absences (leave, training, sickness), optionally only those touching the months from–to",
  request: { params: IdParam, query: AbsenceListQuery },
  responses: { 200: listResponse(AbsenceSchema) },
});

const createAbsence = defineRoute('resources.manage', {
  operationId: 'createAbsence',
  method: 'post',
  path: '/people/{id}/absences',
  tags: TAGS,
  summary: "Record an absence; it lowers the person's capacity in the months it touches",
  request: { params: IdParam, ...jsonBody(CreateAbsenceBody) },
  responses: { 201: json(AbsenceSchema, 'Created') },
});

const updateAbsence = defineRoute('resources.manage', {
  operationId: 'updateAbsence',
  method: 'patch',
  path: '/absences/{id}',
  tags: TAGS,
  summary: 'Change the dates or reason of an absence',
  request: { params: IdParam, ...jsonBody(UpdateAbsenceBody) },
  responses: { 200: json(AbsenceSchema) },
});

const deleteAbsence = defineRoute('resources.manage', {
  operationId: 'deleteAbsence',
  method: 'delete',
  path: '/absences/{id}',
  tags: TAGS,
  summary: 'Remove an absence',
  request: { params: IdParam, query: VersionQuery },
  responses: { 204: { description: 'Removed' } },
});

const listAllocations = defineRoute('resources.read', {
  operationId: 'listAllocations',
  method: 'get',
  path: '/allocations',
  tags: TAGS,
  summary: 'Allocations on the projects the caller may see, by project, person, skill and months',
  request: { query: AllocationListQuery },
  responses: { 200: listResponse(AllocationSchema) },
});

const getAllocation = defineRoute('resources.read', {
  operationId: 'getAllocation',
  method: 'get',
  path: '/allocations/{id}',
  tags: TAGS,
  summary: 'One allocation',
  request: { params: IdParam },
  responses: { 200: json(AllocationSchema) },
});

const createAllocation = defineRoute('resources.manage', {
  operationId: 'createAllocation',
  method: 'post',
  path: '/allocations',
  tags: TAGS,
  summary:
    'Allocate a person (or an unnamed skill) to a project in FTE over whole months. Refused with 409 OVER_ALLOCATED ' +
    "and the figures if the person would exceed their capacity in any month, unless a lead of the project's PMO " +
    'gives an overrideReason',
  request: jsonBody(CreateAllocationBody),
  responses: { 201: json(AllocationSchema, 'Created') },
});

const updateAllocation = defineRoute('resources.manage', {
  operationId: 'updateAllocation',
  method: 'patch',
  path: '/allocations/{id}',
  tags: TAGS,
  summary: "Change an allocation's person, skill, months or FTE (checked against capacity like a new one)",
  request: { params: IdParam, ...jsonBody(UpdateAllocationBody) },
  responses: { 200: json(AllocationSchema) },
});

const deleteAllocation = defineRoute('resources.manage', {
  operationId: 'deleteAllocation',
  method: 'delete',
  path: '/allocations/{id}',
  tags: TAGS,
  summary: 'Remove an allocation',
  request: { params: IdParam, query: VersionQuery },
  responses: { 204: { description: 'Removed' } },
});

const capacityView = defineRoute('resources.read', {
  operationId: 'getCapacity',
  method: 'get',
  path: '/resources/capacity',
  tags: TAGS,
  summary:
    'The capacity heat map: per skill and month, capacity of the people with the skill against demand; ' +
    'over-allocated people and skill gaps',
  request: { query: CapacityQuery },
  responses: {
    200: {
      description: 'The heat map, or with format=csv|xlsx one row per skill and month',
      content: { ...listResponse(CapacityViewSchema).content, 'application/json': { schema: CapacityViewSchema } },
    },
  },
});

const personCapacity = defineRoute('resources.read', {
  operationId: 'getPersonCapacity',
  method: 'get',
  path: '/people/{id}/capacity',
  tags: TAGS,
  summary: "A person's capacity, allocation and free time per month, in FTE and hours",
  request: { params: IdParam, query: PersonCapacityQuery },
  responses: { 200: json(PersonCapacitySchema) },
});

const allocationCandidates = defineRoute('resources.read', {
  method: 'get',
  path: '/resources/candidates',
  operationId: 'listAllocationCandidates',
  tags: TAGS,
  summary:
    'Active people ranked for an allocation: holders of the skill first, then those free for the FTE in every month ' +
    'from–to, then by their free capacity; with their free FTE per month',
  request: { query: CandidatesQuery },
  responses: { 200: json(AllocationCandidatesSchema) },
});

interface ExportedAbsence {
  absence: AbsenceView;
  person: { id: string; name: string };
}

const ABSENCE_COLUMNS: ExportColumn<ExportedAbsence>[] = [
  { header: 'Person', value: ({ person }) => person.name },
  { header: 'From', value: ({ absence }) => absence.startsOn, kind: 'date' },
  { header: 'To', value: ({ absence }) => absence.endsOn, kind: 'date' },
  // "absent" for a caller who may not read the reason: the same masking as the list.
  { header: 'Reason', value: ({ absence }) => absence.reason },
];

const ALLOCATION_COLUMNS: ExportColumn<AllocationView>[] = [
  { header: 'Project code', value: (a) => a.project.code },
  { header: 'Project', value: (a) => a.project.name },
  { header: 'Person', value: (a) => a.person?.name },
  { header: 'Skill', value: (a) => a.skill?.name },
  { header: 'First month', value: (a) => a.startMonth, kind: 'date' },
  { header: 'Last month', value: (a) => a.endMonth, kind: 'date' },
  { header: 'FTE', value: (a) => a.fte, kind: 'number' },
  { header: 'Over capacity because', value: (a) => a.overrideReason },
];

type SkillMonth = { skill: CapacityView['skills'][number]; cell: CapacityView['skills'][number]['cells'][number] };

const CAPACITY_COLUMNS: ExportColumn<SkillMonth>[] = [
  { header: 'Skill', value: ({ skill }) => skill.name },
  { header: 'Month', value: ({ cell }) => cell.month },
  { header: 'People', value: ({ skill }) => skill.people, kind: 'number' },
  { header: 'Capacity (FTE)', value: ({ cell }) => cell.capacityFte, kind: 'number' },
  { header: 'Allocated (FTE)', value: ({ cell }) => cell.allocatedFte, kind: 'number' },
  { header: 'Unfilled demand (FTE)', value: ({ cell }) => cell.unfilledFte, kind: 'number' },
  { header: 'Free (FTE)', value: ({ cell }) => cell.freeFte, kind: 'number' },
  { header: 'Gap (FTE)', value: ({ cell }) => cell.gapFte, kind: 'number' },
];

export function resourcesRoutes() {
  const router = createRouter();
  const db = (c: Parameters<typeof depsOf>[0]) => depsOf(c).database.db;
  router.openapi(listAbsences, async (c) => {
    const { limit, offset, format, ...filter } = c.req.valid('query');
    let person: ExportedAbsence['person'] | undefined;
    return sendList(c, {
      query: { limit, offset, format },
      fileName: 'absences',
      load: async (page) => {
        const list = await absences.listAbsences(db(c), actorOf(c), c.req.valid('param').id, filter);
        person = list.person;
        return slicePage(list.absences, page);
      },
      exportRows: (items) => items.map((absence) => ({ absence, person: person! })),
      columns: ABSENCE_COLUMNS,
    });
  });
  router.openapi(createAbsence, async (c) =>
    c.json(await absences.createAbsence(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  router.openapi(updateAbsence, async (c) =>
    c.json(await absences.updateAbsence(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(deleteAbsence, async (c) => {
    await absences.deleteAbsence(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  });
  router.openapi(listAllocations, async (c) => {
    const { limit, offset, format, ...filter } = c.req.valid('query');
    return sendList(c, {
      query: { limit, offset, format },
      fileName: 'allocations',
      load: (page) => allocations.listAllocations(db(c), actorOf(c), filter, page),
      columns: ALLOCATION_COLUMNS,
    });
  });
  router.openapi(getAllocation, async (c) =>
    c.json(await allocations.getAllocation(db(c), actorOf(c), c.req.valid('param').id), 200),
  );
  router.openapi(createAllocation, async (c) =>
    c.json(await allocations.createAllocation(db(c), actorOf(c), c.req.valid('json')), 201),
  );
  router.openapi(updateAllocation, async (c) =>
    c.json(await allocations.updateAllocation(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(deleteAllocation, async (c) => {
    await allocations.deleteAllocation(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  });
  router.openapi(capacityView, async (c) => {
    const { format, ...query } = c.req.valid('query');
    const view = await capacity.capacityView(db(c), actorOf(c), query);
    if (format === 'json') return c.json(view, 200);
    const rows = view.skills.flatMap((skill) => skill.cells.map((cell) => ({ skill, cell })));
    return sendList(c, {
      query: { format, limit: MAX_EXPORT_ROWS, offset: 0 },
      fileName: 'capacity',
      load: async () => ({ items: rows, total: rows.length }),
      columns: CAPACITY_COLUMNS,
    });
  });
  router.openapi(allocationCandidates, async (c) =>
    c.json(await candidates.allocationCandidates(db(c), actorOf(c), c.req.valid('query')), 200),
  );
  router.openapi(personCapacity, async (c) =>
    c.json(await capacity.personCapacity(db(c), actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  return router;
}
