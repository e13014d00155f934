import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable } from '../../kernel/db.ts';
import { AppError, type FieldIssue, validationFailed } from '../../kernel/errors.ts';
import { transact } from '../../kernel/usecase.ts';
import { parseInput } from '../../kernel/validate.ts';
import { recordAudit } from '../audit/index.ts';
import { eventKind, eventKinds } from './notify.kinds.ts';
import { UpdatePreferencesBody, type UpdatePreferencesInput } from './notify.schema.ts';
import { notificationPreferences } from './notify.tables.ts';

export type Delivery = 'inbox' | 'inbox_and_email';

export interface PreferenceView {
  kind: string;
  label: string;
  delivery: Delivery;
  defaultDelivery: Delivery;
  /** False: the kind's default applies. */
  chosen: boolean;
}

const deliveryOf = (email: boolean): Delivery => (email ? 'inbox_and_email' : 'inbox');

function userOf(actor: Actor): string {
  if (!actor.userId) throw new AppError('FORBIDDEN', 'only a user has notification preferences');
  return actor.userId;
}

async function preferencesOf(db: Queryable, userId: string): Promise<PreferenceView[]> {
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  const chosen = new Map(rows.map((r) => [r.kind, r.email]));
  return eventKinds()
    .filter((k) => k.toUsers)
    .map((k) => ({
      kind: k.kind,
      label: k.label,
      delivery: deliveryOf(chosen.get(k.kind) ?? k.emailByDefault),
      defaultDelivery: deliveryOf(k.emailByDefault),
      chosen: chosen.has(k.kind),
    }));
}

/** The caller's choice per kind of notice addressed to users: inbox only, or inbox and e-mail, with the defaults. */
export async function getPreferences(db: Db, actor: Actor): Promise<PreferenceView[]> {
  return preferencesOf(db, userOf(actor));
}

/**
 * Sets the caller's choice for the kinds named (the others keep theirs), as one audited change.
 * A kind that is not a notice to users is refused, naming its place in the body.
 */
export async function updatePreferences(db: Db, actor: Actor, raw: UpdatePreferencesInput): Promise<PreferenceView[]> {
  const userId = userOf(actor);
  const input = parseInput(UpdatePreferencesBody, raw);
  const issues: FieldIssue[] = [];
  input.preferences.forEach((p, i) => {
    if (!eventKind(p.kind)?.toUsers)
      issues.push({ field: `preferences.${i}.kind`, message: `is not a kind of notice: ${p.kind}` });
  });
  if (issues.length) throw validationFailed(issues);
  // The last choice for a kind named twice wins.
  const wanted = new Map(input.preferences.map((p) => [p.kind, p.delivery === 'inbox_and_email']));
  return transact(db, async ({ tx }) => {
    const before = await tx
      .select()
      .from(notificationPreferences)
      .where(and(eq(notificationPreferences.userId, userId), inArray(notificationPreferences.kind, [...wanted.keys()])))
      .for('update');
    await tx
      .insert(notificationPreferences)
      .values([...wanted].map(([kind, email]) => ({ userId, kind, email })))
      .onConflictDoUpdate({
        target: [notificationPreferences.userId, notificationPreferences.kind],
        set: { email: sql`excluded.email`, updatedAt: sql`now()` },
      });
    await recordAudit(tx, actor, {
      entityType: 'user',
      entityId: userId,
      action: 'notification_preferences.changed',
      before: Object.fromEntries(before.map((r) => [r.kind, deliveryOf(r.email)])),
      after: Object.fromEntries([...wanted].map(([kind, email]) => [kind, deliveryOf(email)])),
    });
    return preferencesOf(tx, userId);
  });
}
