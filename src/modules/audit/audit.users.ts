import { ilike, or, sql } from 'drizzle-orm';
import { isAdmin } from '../../kernel/actor.ts';
import { users } from '../auth/auth.tables.ts';
import { type AuditedRecord, idAmong, nameMap } from './audit.rules.ts';
import { userNames } from './audit.repo.ts';

/**
 * Events about a user account (sign-ins with their address, tokens, password changes, roles) are
 * that user's and the admin's. A user's display name is not private: it signs every event the
 * user made, so it is named to whoever sees such an event, also for a sign-in e-mail an event
 * holds (recordedBy, createdBy).
 */
export const userRecord: AuditedRecord = {
  canSee: async (_db, actor, id) => isAdmin(actor) || (actor.userId !== null && actor.userId === id),
  visibleWhere: async (_db, actor, id) => {
    if (isAdmin(actor)) return undefined;
    return actor.userId ? sql`${id} = ${actor.userId}` : sql`false`;
  },
  names: async (db, keys) => nameMap(await userNames(db, keys)),
  publicNames: true,
  matching: (id, pattern) => idAmong(id, users.id, or(ilike(users.displayName, pattern), ilike(users.email, pattern))),
};
