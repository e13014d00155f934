import { z } from '@hono/zod-openapi';
import { listQuery } from '../../kernel/lists.ts';
import { DUE_STATES as OWED_STATES } from '../projects/index.ts';
import { ReportSummarySchema } from './reports.schema.ts';
import { REPORT_STATES } from './reports.states.ts';

/**
 * The two lists across projects: the reports the caller owes (from each project's status row) and
 * the report versions the caller may see, for the PMO's review.
 */

const Ref = z.object({ id: z.string(), name: z.string() });
const ProjectRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

export { OWED_STATES };
export type OwedState = (typeof OWED_STATES)[number];
/** One due state or several, comma-separated: `due,overdue,escalated`. */
const OWED_STATE_LIST = new RegExp(`^(${OWED_STATES.join('|')})(,(${OWED_STATES.join('|')}))*$`);

export const DueReportQuery = listQuery({
  dueState: z
    .string()
    .regex(OWED_STATE_LIST, `use ${OWED_STATES.join(', ')}, comma-separated`)
    .optional()
    .openapi({ description: 'Where the owed report stands today, one or several: due,overdue,escalated' }),
  managed: z.enum(['true', 'false']).optional().openapi({
    description: 'true: only the projects the caller manages (not those their PMO governs)',
  }),
});
export interface DueReportFilter {
  dueStates?: OwedState[];
  managed?: boolean;
}

export const DueReportSchema = z
  .object({
    project: ProjectRef,
    pmo: Ref,
    projectManager: Ref.nullable().openapi({ description: 'The person managing the project' }),
    periodStart: z.string().openapi({ description: 'The earliest report period without a submitted report' }),
    periodEnd: z.string(),
    dueOn: z.string(),
    dueState: z.enum(OWED_STATES).openapi({ description: 'Where that report stands today' }),
    daysLate: z.number().int().openapi({ description: 'Days since the due day (0 until then)' }),
    draft: z
      .object({ id: z.string(), revision: z.number().int() })
      .nullable()
      .openapi({ description: 'The draft of that period already started, to continue' }),
    returned: z
      .object({
        id: z.string(),
        periodStart: z.string(),
        periodEnd: z.string(),
        revision: z.number().int(),
        revisionDraftId: z.string().nullable().openapi({ description: 'The draft of its next revision, once started' }),
      })
      .nullable()
      .openapi({ description: 'The latest submitted report, when the PMO returned it for revision' }),
  })
  .openapi('DueReport');
export type DueReportView = z.infer<typeof DueReportSchema>;

export const ReviewListQuery = listQuery({
  state: z
    .enum(REPORT_STATES)
    .optional()
    .openapi({ description: 'submitted: submitted and not yet reviewed, what the PMO has to review' }),
  pmoId: z.uuid().optional().openapi({ description: 'Only the projects this PMO governs directly' }),
  mismatch: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'true: reported better than computed on some dimension' }),
  reviewable: z.enum(['true']).optional().openapi({
    description: 'true: only the versions the caller may review now (their PMO governs the project, they are not part of it)',
  }),
  q: z.string().trim().min(1).max(200).optional().openapi({ description: "Matches the project's code or name" }),
});
export interface ReviewListFilter {
  state?: (typeof REPORT_STATES)[number];
  pmoId?: string;
  mismatch?: boolean;
  reviewable?: boolean;
  q?: string;
}

export const ReviewReportSchema = ReportSummarySchema.extend({
  project: ProjectRef,
  pmo: Ref,
  mayReview: z.boolean().openapi({ description: 'Whether the caller may accept or return this version now' }),
}).openapi('StatusReportAcrossProjects');
export type ReviewReportView = z.infer<typeof ReviewReportSchema>;
