import { describe, expect, it } from 'vitest';
import { systemActor, userActor } from './actor.ts';
import { PERMISSIONS, type Permission, ROLES, type Role, permissionsOf, rolesGranting } from './permissions.ts';

const ALL = Object.keys(PERMISSIONS) as Permission[];

describe('the permission registry', () => {
  it('gives every permission to at least one role, and only to known roles', () => {
    for (const permission of ALL) {
      const roles = rolesGranting(permission);
      expect(roles.length, permission).toBeGreaterThan(0);
      for (const role of roles) expect(ROLES, `${permission} names ${role}`).toContain(role);
    }
  });

  it('describes every permission', () => {
    for (const permission of ALL) expect(PERMISSIONS[permission].description.length, permission).toBeGreaterThan(10);
  });

  it('names permissions as <area>.<verb>', () => {
    for (const permission of ALL) expect(permission).toMatch(/^[a-z]+\.[a-z]+$/);
  });

  // Governance DESIGN.md gives to the PMO and its project managers, which running the installation does not confer.
  const GOVERNANCE_ONLY: Permission[] = [
    'projects.baseline',
    'requests.create',
    'requests.review',
    'requests.decide',
    'requests.rate',
    'drivers.manage',
    'reports.submit',
    'reports.review',
    'milestones.manage',
    'raid.manage',
    'raid.guide',
    'approvals.request',
    'approvals.decide',
  ];

  it('gives the admin every permission but the governance decisions reserved to the PMO', () => {
    expect([...permissionsOf(['admin'])].sort()).toEqual(ALL.filter((p) => !GOVERNANCE_ONLY.includes(p)).sort());
    for (const p of GOVERNANCE_ONLY) expect(rolesGranting(p)).not.toContain('admin');
  });

  it('gives a viewer only reading and its own session', () => {
    const viewer = permissionsOf(['viewer']);
    for (const p of viewer) expect(p === 'session.self' || p.endsWith('.read'), p).toBe(true);
    expect(viewer.has('session.self')).toBe(true);
    expect(viewer.has('users.manage')).toBe(false);
  });

  it('keeps user management with the admin alone', () => {
    expect(rolesGranting('users.manage')).toEqual(['admin']);
  });

  it('permissionsOf unites the roles and matches rolesGranting', () => {
    for (const role of ROLES) {
      const held = permissionsOf([role]);
      for (const permission of ALL)
        expect(held.has(permission), `${role} / ${permission}`).toBe(rolesGranting(permission).includes(role));
    }
    const pair: Role[] = ['viewer', 'resource_manager'];
    const union = new Set([...permissionsOf(['viewer']), ...permissionsOf(['resource_manager'])]);
    expect(permissionsOf(pair)).toEqual(union);
    expect(permissionsOf([]).size).toBe(0);
    expect(permissionsOf(new Set<Role>(['admin', 'admin'])).size).toBe(ALL.length - GOVERNANCE_ONLY.length);
  });

  it("derives an actor's permissions from its roles", () => {
    const actor = userActor({
      userId: '00000000-0000-4000-8000-000000000001',
      personId: null,
      email: 'pm@example.com',
      name: 'PM',
      roles: new Set<Role>(['project_manager']),
      pmoMemberships: [],
      positionIds: [],
    });
    expect(actor.permissions).toEqual(permissionsOf(['project_manager']));
    expect(systemActor().permissions.size).toBe(ALL.length);
  });
});
