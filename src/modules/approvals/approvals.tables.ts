import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../kernel/columns.ts';
import { users } from '../auth/auth.tables.ts';
import { initiationRequests } from '../intake/intake.tables.ts';
import { pmos } from '../org/org.tables.ts';
import { projects } from '../projects/projects.tables.ts';

export const approvalKind = pgEnum('approval_kind', [
  'budget_increase',
  'headcount',
  'infrastructure',
  'rebaseline',
  'scope_change',
  'initiation',
]);
export const approvalState = pgEnum('approval_state', ['pending', 'info_requested', 'approved', 'rejected', 'withdrawn']);
export const approvalStepState = pgEnum('approval_step_state', ['waiting', 'active', 'info_requested', 'approved', 'rejected']);
export const approvalActionKind = pgEnum('approval_action_kind', [
  'approve',
  'reject',
  'request_info',
  'answer',
  'withdraw',
  'remind',
  'escalate',
]);

/**
 * A change asked for on a project (an approval request): what is asked (`change`, by kind), what
 * it would do when it was raised (`impact`), the route it travels (approval_steps) and, once
 * approved, what its effect did (`effect`). `state` is the request's; `currentStep` the position
 * of the step that is deciding now.
 */
export const approvalRequests = pgTable(
  'approval_requests',
  {
    id: id(),
    /** The project the change is for; null for the go-ahead of an initiation request. */
    projectId: uuid().references(() => projects.id),
    /** The initiation request whose go-ahead (its PMO lead's approval) waits for the senior steps. */
    initiationRequestId: uuid().references(() => initiationRequests.id),
    /** The PMO governing the project (the target PMO of an initiation request): the queue it belongs to. */
    pmoId: uuid()
      .notNull()
      .references(() => pmos.id),
    /** AR-1, AR-2, … per project (per initiation request). */
    number: integer().notNull(),
    kind: approvalKind().notNull(),
    title: text().notNull(),
    reason: text().notNull(),
    /** What is asked, by kind (amount, skill and months, item, new curve, …). */
    change: jsonb().notNull(),
    /** Its impact when raised: BAC and variance, capacity left, milestones that move. */
    impact: jsonb().notNull(),
    /** The size the route was read from: `{ percent_of_bac: 15, amount: 15000 }`. */
    size: jsonb().notNull(),
    state: approvalState().notNull().default('pending'),
    currentStep: integer().notNull().default(1),
    requestedBy: uuid()
      .notNull()
      .references(() => users.id),
    decidedAt: timestamp({ withTimezone: true, mode: 'date' }),
    /** What the final approval changed (baseline number, allocation ids, infrastructure id). */
    effect: jsonb(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('approval_requests_project_number').on(t.projectId, t.number),
    index('approval_requests_initiation').on(t.initiationRequestId),
    index('approval_requests_pmo_state').on(t.pmoId, t.state),
  ],
);

/**
 * One step of a request's route, in order: who may act (`approvers`: user id, person id, name),
 * how many approvals it needs, why it is on the route, its deadline, and when it was reminded and
 * escalated (an escalation adds the next level's people as approvers).
 */
export const approvalSteps = pgTable(
  'approval_steps',
  {
    id: id(),
    requestId: uuid()
      .notNull()
      .references(() => approvalRequests.id),
    position: integer().notNull(),
    level: text().notNull(),
    approvers: jsonb().notNull(),
    quorum: integer().notNull(),
    because: text().notNull(),
    state: approvalStepState().notNull().default('waiting'),
    activatedAt: timestamp({ withTimezone: true, mode: 'date' }),
    dueOn: date({ mode: 'string' }),
    remindedAt: timestamp({ withTimezone: true, mode: 'date' }),
    escalatedAt: timestamp({ withTimezone: true, mode: 'date' }),
    escalatedTo: text(),
    decidedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('approval_steps_request_position').on(t.requestId, t.position),
    index('approval_steps_active_due').on(t.dueOn).where(sql`${t.state} = 'active'`),
  ],
);

/**
 * What happened on a request, in order: approvals and rejections (each counted once per approver
 * and step: the unique index is the last guard against a vote counted twice), questions and answers,
 * reminders and escalations. `approverUserId` is whose vote it is: the actor's own, or the approver
 * a delegate acted for.
 */
export const approvalActions = pgTable(
  'approval_actions',
  {
    id: id(),
    requestId: uuid()
      .notNull()
      .references(() => approvalRequests.id),
    stepId: uuid().references(() => approvalSteps.id),
    action: approvalActionKind().notNull(),
    actorUserId: uuid().references(() => users.id),
    approverUserId: uuid().references(() => users.id),
    comment: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('approval_actions_request').on(t.requestId, t.createdAt),
    uniqueIndex('approval_actions_one_vote').on(t.stepId, t.approverUserId).where(sql`${t.action} IN ('approve', 'reject')`),
  ],
);

/** An approver's delegate for a date range (holiday cover), inclusive on both days. */
export const approvalDelegates = pgTable(
  'approval_delegates',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    delegateUserId: uuid()
      .notNull()
      .references(() => users.id),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    reason: text(),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [index('approval_delegates_delegate').on(t.delegateUserId, t.startsOn)],
);

export const infrastructureRecurrence = pgEnum('infrastructure_recurrence', ['one_off', 'monthly', 'yearly']);

/** Infrastructure approved for a project (environments, equipment, licences), recorded against its budget. */
export const projectInfrastructure = pgTable(
  'project_infrastructure',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id),
    approvalRequestId: uuid()
      .notNull()
      .references(() => approvalRequests.id),
    item: text().notNull(),
    cost: numeric({ precision: 14, scale: 2 }).notNull(),
    recurrence: infrastructureRecurrence().notNull(),
    neededBy: date({ mode: 'string' }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('project_infrastructure_project').on(t.projectId)],
);
