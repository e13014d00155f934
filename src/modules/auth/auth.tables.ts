import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
    /** `read` tokens may only GET and HEAD; `write` tokens act with all of the owner's permissions. */
    scope: text({ enum: ['read', 'write'] })
      .notNull()
      .default('write'),
    createdAt: createdAt(),
    /** Null: the token does not expire. */
    expiresAt: timestamp({ withTimezone: true, mode: 'date' }),
    lastUsedAt: timestamp({ withTimezone: true, mode: 'date' }),
    revokedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [index('api_tokens_user').on(t.userId)],
);

/**
 * Sign-in throttle counters, one row per key: `pair:<address>|<e-mail>`, `account:<e-mail>` and
 * `address:<address>` (an IPv6 address stands for its /64). Every attempt locks its rows before
 * the password is verified, so instances sharing the database count together and exactly the
 * allowed number of concurrent attempts gets through. A row whose `expiresAt` has passed counts
 * as empty and may be deleted.
 */
export const signInThrottle = pgTable(
  'sign_in_throttle',
  {
    key: text().primaryKey(),
    kind: text({ enum: ['pair', 'account', 'address'] }).notNull(),
    /** The lower-case e-mail the key is about (pair and account keys), for the admin's view and unlock. */
    account: text(),
    failures: integer().notNull().default(0),
    /** No attempt under this key is verified before this time. */
    blockedUntil: timestamp({ withTimezone: true, mode: 'date' }),
    lastFailureAt: timestamp({ withTimezone: true, mode: 'date' }),
    expiresAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('sign_in_throttle_account').on(t.account), index('sign_in_throttle_expires').on(t.expiresAt)],
);

/** Addresses (IPv6: their /64) from which a user has signed in: they pass a lock on the account. */
export const knownSignInAddresses = pgTable(
  'known_sign_in_addresses',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    address: text().notNull(),
    lastSuccessAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.address] })],
);

export type TokenScope = (typeof apiTokens.$inferSelect)['scope'];
