import type { OpenAPIHono } from '@hono/zod-openapi';
import { type AppEnv, IdParam, actorOf, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import { type ExportColumn, listResponse, sendList } from '../../kernel/lists.ts';
import {
  CreatePersonBody,
  PeopleQuery,
  PersonDetailSchema,
  PersonSchema,
  PersonSkillsBody,
  UpdatePersonBody,
} from './people.schema.ts';
import * as service from './people.service.ts';
import type { PersonView } from './people.service.ts';

const listPeople = defineRoute('org.read', {
  operationId: 'listPeople',
  method: 'get',
  path: '/people',
  tags: ['People'],
  summary: 'People, searchable by name or e-mail and filtered by org unit or skill',
  request: { query: PeopleQuery },
  responses: { 200: listResponse(PersonSchema) },
});

const getPerson = defineRoute('org.read', {
  operationId: 'getPerson',
  method: 'get',
  path: '/people/{id}',
  tags: ['People'],
  summary: 'One person with skills, org unit, PMO memberships and positions held',
  request: { params: IdParam },
  responses: { 200: json(PersonDetailSchema) },
});

const createPerson = defineRoute('people.manage', {
  operationId: 'createPerson',
  method: 'post',
  path: '/people',
  tags: ['People'],
  summary: 'Add a person',
  request: jsonBody(CreatePersonBody),
  responses: { 201: json(PersonDetailSchema, 'Created') },
});

const updatePerson = defineRoute('people.manage', {
  operationId: 'updatePerson',
  method: 'patch',
  path: '/people/{id}',
  tags: ['People'],
  summary: 'Edit a person: name, e-mail, org unit, cost rate, capacity, active',
  request: { params: IdParam, ...jsonBody(UpdatePersonBody) },
  responses: { 200: json(PersonDetailSchema) },
});

const setSkills = defineRoute('people.manage', {
  operationId: 'setPersonSkills',
  method: 'put',
  path: '/people/{id}/skills',
  tags: ['People'],
  summary: "Replace a person's skills and levels (1 novice to 5 expert)",
  request: { params: IdParam, ...jsonBody(PersonSkillsBody) },
  responses: { 200: json(PersonDetailSchema) },
});

const PERSON_COLUMNS: ExportColumn<PersonView>[] = [
  { header: 'Name', value: (p) => p.name },
  { header: 'E-mail', value: (p) => p.email },
  { header: 'Job title', value: (p) => p.jobTitle },
  { header: 'Org unit', value: (p) => p.orgUnitName },
  // Empty for a caller who may not see cost rates: the same masking as the list.
  { header: 'Cost rate', value: (p) => p.costRate, kind: 'money' },
  { header: 'Weekly hours', value: (p) => p.weeklyHours, kind: 'number' },
  { header: 'Availability', value: (p) => p.availability, kind: 'number' },
  { header: 'Active', value: (p) => (p.active ? 'yes' : 'no') },
];

export function peopleRoutes(router: OpenAPIHono<AppEnv>) {
  router.openapi(listPeople, async (c) => {
    const query = c.req.valid('query');
    return sendList(c, {
      query,
      fileName: 'people',
      load: (page) => service.listPeople(depsOf(c).database.db, actorOf(c), query, page),
      columns: PERSON_COLUMNS,
    });
  });
  router.openapi(getPerson, async (c) =>
    c.json(await service.getPerson(depsOf(c).database.db, actorOf(c), c.req.valid('param').id), 200),
  );
  router.openapi(createPerson, async (c) =>
    c.json(await service.createPerson(depsOf(c).database.db, actorOf(c), c.req.valid('json')), 201),
  );
  router.openapi(updatePerson, async (c) =>
    c.json(await service.updatePerson(depsOf(c).database.db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(setSkills, async (c) =>
    c.json(await service.setPersonSkills(depsOf(c).database.db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
