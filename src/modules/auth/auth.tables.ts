import { bigint, boolean, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt, version } from '../../kernel/columns.ts';
import { people } from '../org/org.tables.ts';

export const users = pgTable('users', {
  id: id(),
  /** Stored lower-case; sign-in compares lower-case. */
  email: text().notNull().unique(),
  displayName: text().notNull(),
  /** argon2id, PHC string. */
  passwordHash: text().notNull(),
  personId: uuid()
    .unique()
    .references(() => people.id),
  active: boolean().notNull().default(true),
  lastLoginAt: timestamp({ withTimezone: true, mode: 'date' }),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Roles assigned to a user directly; PMO and executive roles also follow from the org model. */
export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/** Server-side sessions; the cookie carries a random token whose SHA-256 is the id. */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    userAgent: text(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** Personal API tokens; only the SHA-256 of the token is stored. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    tokenHash: text().notNull().unique(),
    /** The first characters of the token, to recognise it in a list. */
    prefix: text().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp({ withTimezone: true, mode: 'date' }),
    revokedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [index('api_tokens_user').on(t.userId)],
);

/** Sign-in attempts, kept for the rate limit; shared by every instance on one database. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    email: text().notNull(),
    ip: text(),
    succeeded: boolean().notNull(),
    at: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('login_attempts_email_at').on(t.email, t.at)],
);
