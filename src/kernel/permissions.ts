/**
 * The one registry of permissions. A route declares the permission it needs; the role table
 * below says which roles hold it. Record-level checks (PMO scope, reporting line, own project)
 * are made by each module's policy on top of this.
 *
 * The installation admin runs the installation (users, settings, integrations) and governs
 * nothing: drafting, reviewing, rating and deciding requests belong to the PMO and its project
 * managers, never to the admin role as such.
 */
export const ROLES = [
  'admin',
  'pmo_lead',
  'pmo_analyst',
  'executive',
  'project_manager',
  'resource_manager',
  'team_member',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

const EVERYONE: readonly Role[] = ROLES;

export const PERMISSIONS = {
  'session.self': { description: "See oneself, change one's password, manage one's API tokens", roles: EVERYONE },
  'users.manage': { description: 'Create, edit and deactivate user accounts and their roles', roles: ['admin'] },
  'org.read': { description: 'See org units, executive positions, people and skills', roles: EVERYONE },
  'org.manage': { description: 'Edit org units and executive positions', roles: ['admin'] },
  'people.manage': {
    description: 'Create and edit people, their skills and capacity',
    roles: ['admin', 'resource_manager', 'pmo_lead'],
  },
  'costs.read': {
    description: "See people's cost rates (everyone else reads them as null), in their records and in the audit trail",
    roles: ['admin', 'pmo_lead', 'pmo_analyst', 'resource_manager'],
  },
  'skills.manage': { description: 'Edit the skills catalogue', roles: ['admin', 'resource_manager', 'pmo_lead'] },
  'pmo.read': { description: 'See PMOs, their members, scope and reporting line', roles: EVERYONE },
  'pmo.create': { description: 'Create a PMO', roles: ['admin'] },
  'pmo.manage': {
    description: 'Edit a PMO, its members, scope and delegation thresholds (lead of that PMO)',
    roles: ['admin', 'pmo_lead'],
  },
  'standards.read': { description: 'See project types and their standard versions', roles: EVERYONE },
  'standards.manage': {
    description: 'Create project types and publish standard versions (lead of the owning PMO)',
    roles: ['admin', 'pmo_lead'],
  },
  'portfolios.read': { description: 'See portfolios', roles: EVERYONE },
  'portfolios.manage': { description: 'Create and edit portfolios (lead of the owning PMO)', roles: ['admin', 'pmo_lead'] },
  'projects.read': { description: 'See the projects one may see (scope, reporting line, own project)', roles: EVERYONE },
  'projects.manage': { description: 'Create and edit project records (lead of the governing PMO)', roles: ['admin', 'pmo_lead'] },
  'resources.read': {
    description: 'See capacity, absences, allocations and the capacity heat map',
    roles: ['admin', 'pmo_lead', 'pmo_analyst', 'resource_manager', 'executive', 'project_manager'],
  },
  'resources.manage': {
    description: 'Record absences and allocate people and skills to visible projects (override: PMO lead)',
    roles: ['admin', 'resource_manager', 'pmo_lead'],
  },
  'requests.read': {
    description: 'See the initiation requests one may see (own, sponsored, target PMO, reporting line) and comment on them',
    roles: EVERYONE,
  },
  'requests.create': {
    description: 'Draft, edit, submit and withdraw own initiation requests',
    roles: ['project_manager', 'pmo_lead', 'pmo_analyst'],
  },
  'requests.review': {
    description: "Start the review of, ask for information on, and reopen requests to one's PMO (not one's own)",
    roles: ['pmo_lead', 'pmo_analyst'],
  },
  'requests.decide': {
    description: "Approve, reject or defer requests to the PMO one leads (not one's own)",
    roles: ['pmo_lead'],
  },
  'drivers.manage': {
    description: 'Set the strategic drivers of a PMO and compare them pairwise (AHP) (lead of that PMO)',
    roles: ['pmo_lead'],
  },
  'requests.rate': {
    description: "Rate requests to one's PMO against its strategic drivers (member of the target PMO; not one's own)",
    roles: ['pmo_analyst', 'pmo_lead'],
  },
  'training.read': {
    description: "See the course catalogue and requirements, one's own training records and certifications, one's mentorships",
    roles: EVERYONE,
  },
  'training.manage': {
    description:
      "Manage courses of the PMOs one governs, record anyone's training and certifications, run mentorships; see qualification and expiries",
    roles: ['admin', 'pmo_lead', 'pmo_analyst'],
  },
  'reports.submit': {
    description:
      "Draft, edit, submit and revise the status reports of the projects one manages (or, for PMO staff, that one's PMO governs)",
    roles: ['project_manager', 'pmo_lead', 'pmo_analyst'],
  },
  'reports.review': {
    description: "Accept or return the submitted status reports of projects one's PMO governs (not one's own projects)",
    roles: ['pmo_lead', 'pmo_analyst'],
  },
  'milestones.manage': {
    description: "Keep the key milestones of the projects one manages or one's PMO governs",
    roles: ['project_manager', 'pmo_lead', 'pmo_analyst'],
  },
  'raid.manage': {
    description: "Keep the risks and issues of the projects one manages or one's PMO governs",
    roles: ['project_manager', 'pmo_lead', 'pmo_analyst'],
  },
  'raid.guide': {
    description: "Guide and close the escalated risks and issues of the projects one's PMO governs",
    roles: ['pmo_lead', 'pmo_analyst'],
  },
  'approvals.request': {
    description:
      "Ask for budget, people, infrastructure, a re-baseline or a scope change on the projects one manages or one's PMO governs; answer and withdraw one's requests",
    roles: ['project_manager', 'pmo_lead', 'pmo_analyst'],
  },
  'approvals.decide': {
    description:
      'Approve, reject or ask for information on the approval steps that name one (or whom one stands in for); name a delegate for holiday cover',
    roles: ['pmo_analyst', 'pmo_lead', 'executive', 'resource_manager'],
  },
  'projects.baseline': { description: "Set a project's cost baseline (lead of the governing PMO)", roles: ['pmo_lead'] },
  'webhooks.manage': {
    description:
      'Register, change and delete outgoing webhooks, rotate their secrets, send test events and read their delivery logs',
    roles: ['admin'],
  },
  'audit.read': { description: 'See the history of a record one may see', roles: EVERYONE },
  'search.read': { description: 'Quick find across the records one may open', roles: EVERYONE },
  'audit.verify': {
    description: "Verify the audit trail's hash chain",
    roles: ['admin', 'pmo_lead', 'pmo_analyst', 'executive'],
  },
} as const satisfies Record<string, { description: string; roles: readonly Role[] }>;

export type Permission = keyof typeof PERMISSIONS;

/** Routes say `public` (no sign-in) or a permission from the registry. */
export type RouteAccess = Permission | 'public';

export function rolesGranting(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission].roles;
}

export function permissionsOf(roles: Iterable<Role>): Set<Permission> {
  const held = new Set<Role>(roles);
  const granted = new Set<Permission>();
  for (const [name, def] of Object.entries(PERMISSIONS) as [Permission, { roles: readonly Role[] }][]) {
    if (def.roles.some((r) => held.has(r))) granted.add(name);
  }
  return granted;
}
