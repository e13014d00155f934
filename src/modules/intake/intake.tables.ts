import { searchDocument } from '../../kernel/fulltext.ts';
import {
  bigint,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../kernel/columns.ts';
import { users } from '../auth/auth.tables.ts';
import { people, pmos } from '../org/org.tables.ts';
import { projects } from '../projects/projects.tables.ts';
import { projectTypes } from '../standards/standards.tables.ts';

/** Numbers the request codes: REQ-0001, REQ-0002, … */
export const requestCodeSeq = pgSequence('initiation_request_code_seq');

export const requestState = pgEnum('request_state', [
  'draft',
  'submitted',
  'in_review',
  'info_requested',
  'approved',
  'rejected',
  'deferred',
  'withdrawn',
]);

/**
 * An initiation request (demand): what a project manager asks the PMO to start. The lists a
 * request carries (objectives, benefits, estimates by month, risks, dependencies) are stored
 * as JSON documents validated by the intake schema.
 */
export const initiationRequests = pgTable(
  'initiation_requests',
  {
    id: id(),
    /** REQ-0001, from a sequence. */
    code: text().notNull().unique(),
    title: text().notNull(),
    problem: text().notNull().default(''),
    /** string[] */
    objectives: jsonb().notNull().default([]),
    /** {description, amount|null}[] */
    benefits: jsonb().notNull().default([]),
    projectTypeId: uuid().references(() => projectTypes.id),
    sponsorId: uuid().references(() => people.id),
    pmoId: uuid().references(() => pmos.id),
    requesterUserId: uuid()
      .notNull()
      .references(() => users.id),
    wantedStart: date({ mode: 'string' }),
    durationMonths: integer(),
    /** {month:'2027-01', amount}[] */
    costEstimate: jsonb().notNull().default([]),
    /** {skillId, month, fte}[] */
    skillDemand: jsonb().notNull().default([]),
    /** {title, probability 1-5, impact 1-5, response?}[] */
    knownRisks: jsonb().notNull().default([]),
    /** {projectId, note}[] */
    dependencies: jsonb().notNull().default([]),
    state: requestState().notNull().default('draft'),
    submittedAt: timestamp({ withTimezone: true, mode: 'date' }),
    decidedAt: timestamp({ withTimezone: true, mode: 'date' }),
    decidedBy: uuid().references(() => users.id),
    decisionRationale: text(),
    /** When a deferred request is to be looked at again. */
    revisitOn: date({ mode: 'string' }),
    /** Conditions attached to an approval: {text, ownerPersonId?, dueOn?}[] */
    conditions: jsonb().notNull().default([]),
    /** The project created by the approval. */
    projectId: uuid().references(() => projects.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('initiation_requests_state').on(t.state),
    index('initiation_requests_pmo').on(t.pmoId),
    index('initiation_requests_requester').on(t.requesterUserId),
    index('initiation_requests_search').using('gin', searchDocument(t.code, t.title, t.problem)),
  ],
);

export const requestComments = pgTable(
  'request_comments',
  {
    id: id(),
    requestId: uuid()
      .notNull()
      .references(() => initiationRequests.id, { onDelete: 'cascade' }),
    authorUserId: uuid()
      .notNull()
      .references(() => users.id),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('request_comments_request').on(t.requestId)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const requestAttachments = pgTable(
  'request_attachments',
  {
    id: id(),
    requestId: uuid()
      .notNull()
      .references(() => initiationRequests.id, { onDelete: 'cascade' }),
    fileName: text().notNull(),
    contentType: text().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    content: bytea().notNull(),
    uploadedBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('request_attachments_request').on(t.requestId)],
);

/**
 * A PMO's strategic drivers and their pairwise comparison (Saaty 1–9). Weights, λmax, CI and
 * CR are computed from the matrix; an inconsistent set (CR ≥ 0.10) is kept but cannot score.
 */
export const driverSets = pgTable('driver_sets', {
  pmoId: uuid()
    .primaryKey()
    .references(() => pmos.id),
  drivers: jsonb().notNull(),
  matrix: jsonb().notNull(),
  weights: jsonb().notNull(),
  lambdaMax: doublePrecision().notNull(),
  ci: doublePrecision().notNull(),
  cr: doublePrecision().notNull(),
  consistent: boolean().notNull(),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const driverRating = pgEnum('driver_rating', ['none', 'low', 'moderate', 'strong', 'extreme']);

/** An analyst's rating of one request against one driver. */
export const requestRatings = pgTable(
  'request_ratings',
  {
    requestId: uuid()
      .notNull()
      .references(() => initiationRequests.id, { onDelete: 'cascade' }),
    driver: text().notNull(),
    rating: driverRating().notNull(),
    ratedBy: uuid()
      .notNull()
      .references(() => users.id),
    ratedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.driver] })],
);
