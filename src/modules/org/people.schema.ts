import { z } from '@hono/zod-openapi';
import { VersionField } from '../../kernel/http.ts';
import { listQuery } from '../../kernel/lists.ts';
import { Name, Timestamps } from './org.schema.ts';

export const PersonSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    jobTitle: z.string().nullable(),
    orgUnitId: z.string().nullable(),
    orgUnitName: z.string().nullable(),
    costRate: z.number().nullable().openapi({
      description:
        'Cost per hour in the installation currency; null for a caller who may not see cost rates (only admins, PMO leads and analysts, and resource managers may: permission costs.read)',
    }),
    weeklyHours: z.number(),
    availability: z.number().openapi({ description: 'Share of contracted hours available for projects, 0 to 1' }),
    active: z.boolean(),
    ...Timestamps,
  })
  .openapi('Person');

export const PersonSkillSchema = z
  .object({ skillId: z.string(), name: z.string(), category: z.string(), level: z.number().int() })
  .openapi('PersonSkill');

export const PersonDetailSchema = PersonSchema.extend({
  orgUnit: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  skills: z.array(PersonSkillSchema),
  pmos: z.array(z.object({ pmoId: z.string(), code: z.string(), name: z.string(), role: z.enum(['lead', 'analyst']) })),
  positions: z.array(z.object({ positionId: z.string(), code: z.string(), title: z.string() })),
}).openapi('PersonDetail');

const Email = z.email('must be an e-mail address').max(320);
const JobTitle = z.string().trim().max(200).nullable();
const CostRate = z.number().min(0, 'must not be negative').max(9_999_999_999.99);
const WeeklyHours = z.number().min(0, 'must not be negative').max(168, 'a week has 168 hours');
const Availability = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

export const CreatePersonBody = z
  .object({
    name: Name,
    email: Email,
    jobTitle: JobTitle.optional(),
    orgUnitId: z.uuid().nullable().optional(),
    costRate: CostRate.optional(),
    weeklyHours: WeeklyHours.optional(),
    availability: Availability.optional(),
    active: z.boolean().optional(),
  })
  .openapi('CreatePersonInput');

export const UpdatePersonBody = z
  .object({
    version: VersionField,
    name: Name.optional(),
    email: Email.optional(),
    jobTitle: JobTitle.optional(),
    orgUnitId: z.uuid().nullable().optional(),
    costRate: CostRate.optional(),
    weeklyHours: WeeklyHours.optional(),
    availability: Availability.optional(),
    active: z.boolean().optional(),
  })
  .openapi('UpdatePersonInput');

export const PersonSkillsBody = z
  .object({
    version: VersionField,
    skills: z
      .array(
        z.object({
          skillId: z.uuid(),
          level: z.number().int('must be a whole number').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
        }),
      )
      .max(200),
  })
  .openapi('PersonSkillsInput');

export const PeopleQuery = listQuery({
  q: z.string().trim().max(200).optional().openapi({ description: 'Search in name and e-mail' }),
  orgUnitId: z.uuid().optional(),
  skillId: z.uuid().optional(),
  active: z.enum(['true', 'false']).optional(),
});
