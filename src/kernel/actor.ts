import { AppError } from './errors.ts';
import { type Permission, type Role, permissionsOf } from './permissions.ts';

export interface PmoMembership {
  pmoId: string;
  role: 'lead' | 'analyst';
}

/** Who is acting: a signed-in user, or the system itself (CLI, seed, jobs). */
export interface Actor {
  kind: 'user' | 'system';
  userId: string | null;
  personId: string | null;
  email: string;
  name: string;
  roles: ReadonlySet<Role>;
  permissions: ReadonlySet<Permission>;
  pmoMemberships: readonly PmoMembership[];
  /** Executive positions this person holds. */
  positionIds: readonly string[];
}

export function userActor(input: Omit<Actor, 'kind' | 'permissions'>): Actor {
  return { ...input, kind: 'user', permissions: permissionsOf(input.roles) };
}

/** The actor for command-line and start-up work; it holds every role. */
export function systemActor(label = 'system'): Actor {
  const roles = new Set<Role>(['admin', 'pmo_lead', 'pmo_analyst', 'executive']);
  return {
    kind: 'system',
    userId: null,
    personId: null,
    email: label,
    name: label,
    roles,
    permissions: permissionsOf(roles),
    pmoMemberships: [],
    positionIds: [],
  };
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.has(role);
}

/** The system itself (seed, CLI, jobs): it may act wherever a PMO lead of the record may. */
export function isSystem(actor: Actor): boolean {
  return actor.kind === 'system';
}

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'system' || actor.roles.has('admin');
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) {
    throw new AppError('FORBIDDEN', `this needs the permission ${permission}`, { permission });
  }
}

/** The PMOs the actor leads, directly. */
export function ledPmoIds(actor: Actor): string[] {
  return actor.pmoMemberships.filter((m) => m.role === 'lead').map((m) => m.pmoId);
}
