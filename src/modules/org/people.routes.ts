import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { type AppEnv, IdParam, actorOf, defineRoute, depsOf, json, jsonBody } from '../../kernel/http.ts';
import {
  CreatePersonBody,
  PeopleQuery,
  PersonDetailSchema,
  PersonSchema,
  PersonSkillsBody,
  UpdatePersonBody,
} from './people.schema.ts';
import * as service from './people.service.ts';

const listPeople = defineRoute('org.read', {
  operationId: 'listPeople',
  method: 'get',
  path: '/people',
  tags: ['People'],
  summary: 'People, searchable by name or e-mail and filtered by org unit or skill',
  request: { query: PeopleQuery },
  responses: { 200: json(z.object({ items: z.array(PersonSchema) })) },
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

export function peopleRoutes(router: OpenAPIHono<AppEnv>) {
  router.openapi(listPeople, async (c) =>
    c.json({ items: await service.listPeople(depsOf(c).database.db, actorOf(c), c.req.valid('query')) }, 200),
  );
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
