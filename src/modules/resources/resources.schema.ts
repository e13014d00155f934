import { z } from '@hono/zod-openapi';
import { VersionField } from '../../kernel/http.ts';
import { listQuery, pageParams } from '../../kernel/lists.ts';

const Ref = z.object({ id: z.string(), name: z.string() });
const day = z.iso.date('use an ISO date: 2026-03-31');

/** A month, `2027-01`, or its first day, `2027-01-01`. */
export const MonthInput = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, 'use a month, 2027-01, or its first day, 2027-01-01')
  .openapi({ example: '2027-01' });

const Fte = z
  .number()
  .positive('must be more than 0')
  .max(99.99, 'must be at most 99.99')
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'use at most two decimals')
  .openapi({ description: 'Full-time equivalents of the person’s contracted week', example: 0.5 });

const OverrideReason = z
  .string()
  .trim()
  .min(3, 'give a reason of at least 3 characters')
  .max(2000)
  .openapi({ description: 'Allocate beyond capacity anyway (PMO lead of the governing PMO, or admin), and why' });

// ---- absences ----

export const AbsenceSchema = z
  .object({
    id: z.string(),
    personId: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    reason: z.string().openapi({
      description:
        'Why the person is away. Only the person, and those who may record absences (resource managers, PMO leads, the admin), read it; everyone else reads "absent"',
    }),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Absence');

export const CreateAbsenceBody = z
  .object({
    startsOn: day,
    endsOn: day,
    reason: z.string().trim().min(1, 'is required').max(500),
  })
  .openapi('CreateAbsenceInput');

export const UpdateAbsenceBody = z
  .object({
    version: VersionField,
    startsOn: day.optional(),
    endsOn: day.optional(),
    reason: z.string().trim().min(1, 'is required').max(500).optional(),
  })
  .openapi('UpdateAbsenceInput');

export const AbsenceListQuery = listQuery({
  from: MonthInput.optional().openapi({ description: 'Only absences reaching into this month or later' }),
  to: MonthInput.optional().openapi({ description: 'Only absences starting in this month or earlier' }),
});

// ---- allocations ----

export const AllocationSchema = z
  .object({
    id: z.string(),
    project: z.object({ id: z.string(), code: z.string(), name: z.string() }),
    person: Ref.nullable(),
    skill: Ref.nullable(),
    startMonth: z.string().openapi({ description: 'First day of the first month', example: '2027-01-01' }),
    endMonth: z.string().openapi({ description: 'First day of the last month', example: '2027-06-01' }),
    fte: z.number(),
    overrideReason: z.string().nullable(),
    createdBy: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Allocation');

export const CreateAllocationBody = z
  .object({
    projectId: z.uuid(),
    personId: z.uuid().nullable().optional(),
    skillId: z.uuid().nullable().optional(),
    startMonth: MonthInput,
    endMonth: MonthInput,
    fte: Fte,
    overrideReason: OverrideReason.nullable().optional(),
  })
  .openapi('CreateAllocationInput');

export const UpdateAllocationBody = z
  .object({
    version: VersionField,
    personId: z.uuid().nullable().optional(),
    skillId: z.uuid().nullable().optional(),
    startMonth: MonthInput.optional(),
    endMonth: MonthInput.optional(),
    fte: Fte.optional(),
    overrideReason: OverrideReason.nullable().optional(),
  })
  .openapi('UpdateAllocationInput');

export const AllocationListQuery = listQuery({
  projectId: z.uuid().optional(),
  personId: z.uuid().optional(),
  skillId: z.uuid().optional(),
  from: MonthInput.optional().openapi({ description: 'Only allocations reaching into this month or later' }),
  to: MonthInput.optional().openapi({ description: 'Only allocations starting in this month or earlier' }),
});

export { VersionQuery } from '../../kernel/http.ts';

// ---- capacity ----

const ViewFrom = MonthInput.optional().openapi({ description: 'First month; the current month if left out' });
const ViewTo = MonthInput.optional().openapi({ description: 'Last month (at most 36 in all); from + 11 months if left out' });

export const CapacityQuery = z.object({
  from: ViewFrom,
  to: ViewTo,
  skillId: z.uuid().optional(),
  orgUnitId: z.uuid().optional().openapi({ description: 'People of this org unit and the units below it' }),
  format: pageParams.format.openapi({
    description: 'json (the heat map), or csv / xlsx: one row per skill and month with capacity, allocated and free FTE',
  }),
});

export const PersonCapacityQuery = z.object({ from: ViewFrom, to: ViewTo });

const CellSchema = z.object({
  month: z.string().openapi({ example: '2027-01' }),
  capacityFte: z.number().openapi({ description: 'Capacity of the people with the skill' }),
  allocatedFte: z.number().openapi({ description: 'What named allocations take of those people' }),
  unfilledFte: z.number().openapi({ description: 'Demand for the skill with no person named yet' }),
  demandFte: z.number().openapi({ description: 'allocatedFte + unfilledFte' }),
  freeFte: z.number().openapi({ description: 'max(0, capacity − demand)' }),
  gapFte: z.number().openapi({ description: 'max(0, demand − capacity): the shortage' }),
});

export const SkillCapacityRowSchema = z
  .object({ skillId: z.string(), name: z.string(), people: z.number().int(), cells: z.array(CellSchema) })
  .openapi('SkillCapacityRow');

export const CapacityViewSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    months: z.array(z.string()),
    skills: z.array(SkillCapacityRowSchema).openapi({
      description: 'One row per skill. A person with several skills counts in each of their rows, so rows must not be summed.',
    }),
    overAllocated: z.array(
      z.object({
        personId: z.string(),
        name: z.string(),
        month: z.string(),
        capacityFte: z.number(),
        allocatedFte: z.number(),
      }),
    ),
    skillGaps: z.array(z.object({ skillId: z.string(), name: z.string(), month: z.string(), gapFte: z.number() })),
  })
  .openapi('CapacityView');

export const PersonCapacitySchema = z
  .object({
    person: z.object({
      id: z.string(),
      name: z.string(),
      weeklyHours: z.number(),
      availability: z.number(),
      active: z.boolean(),
    }),
    months: z.array(
      z.object({
        month: z.string(),
        workdays: z.number().int(),
        absentWorkdays: z.number().int(),
        capacityFte: z.number(),
        capacityHours: z.number(),
        allocatedFte: z.number(),
        allocatedHours: z.number(),
        freeFte: z.number(),
        freeHours: z.number(),
        overByFte: z.number(),
      }),
    ),
  })
  .openapi('PersonCapacity');

export type CreateAbsenceInput = z.infer<typeof CreateAbsenceBody>;
export type UpdateAbsenceInput = z.infer<typeof UpdateAbsenceBody>;
export type AbsenceView = z.infer<typeof AbsenceSchema>;
export type CreateAllocationInput = z.input<typeof CreateAllocationBody>;
export type UpdateAllocationInput = z.input<typeof UpdateAllocationBody>;
/** The filters of the allocation list, without its paging and format. */
export type AllocationListFilter = Omit<z.infer<typeof AllocationListQuery>, 'limit' | 'offset' | 'format'>;
export type AllocationView = z.infer<typeof AllocationSchema>;
export type CapacityQueryInput = Omit<z.infer<typeof CapacityQuery>, 'format'>;
export type CapacityView = z.infer<typeof CapacityViewSchema>;
export type PersonCapacityView = z.infer<typeof PersonCapacitySchema>;
export type SkillCapacityRow = z.infer<typeof SkillCapacityRowSchema>;

// ---- candidates for an allocation ----

export const CandidatesQuery = z.object({
  skillId: z.uuid().optional().openapi({ description: 'People with this skill rank first, higher levels before lower' }),
  from: ViewFrom,
  to: ViewTo,
  fte: z.coerce
    .number()
    .positive('must be more than 0')
    .max(99.99)
    .optional()
    .openapi({ description: 'The FTE the allocation needs: people free for it in every month rank first' }),
  limit: z.coerce.number().int().min(1).max(1000).optional().openapi({ description: 'At most this many people (200)' }),
});

export const AllocationCandidateSchema = z
  .object({
    person: z.object({ id: z.string(), name: z.string(), jobTitle: z.string().nullable() }),
    hasSkill: z.boolean(),
    skillLevel: z.number().int().nullable().openapi({ description: 'Level of the skill asked for (1–5), if held' }),
    minFreeFte: z.number().openapi({ description: 'The least free FTE in any month of the span' }),
    averageFreeFte: z.number(),
    fits: z.boolean().openapi({ description: 'minFreeFte covers the FTE asked for (true when none was asked)' }),
    months: z.array(z.object({ month: z.string(), freeFte: z.number() })),
  })
  .openapi('AllocationCandidate');

export const AllocationCandidatesSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    skillId: z.string().nullable(),
    fte: z.number().nullable(),
    items: z.array(AllocationCandidateSchema),
  })
  .openapi('AllocationCandidates');

export type CandidatesQueryInput = z.infer<typeof CandidatesQuery>;
export type AllocationCandidatesView = z.infer<typeof AllocationCandidatesSchema>;
