/** Domain records of the org, PMO, standards, portfolio and project APIs (see /api/openapi.json). */

interface Stamps {
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Ref {
  id: string;
  name: string;
}

export interface OrgUnit extends Stamps {
  id: string;
  code: string;
  name: string;
  description: string | null;
  parentId: string | null;
  childCount: number;
}

export interface OrgUnitNode extends OrgUnit {
  children: OrgUnitNode[];
}

export interface Position extends Stamps {
  id: string;
  code: string;
  title: string;
  orgUnitId: string | null;
  orgUnitName: string | null;
  holderPersonId: string | null;
  holderName: string | null;
  reportsToPositionId: string | null;
  reportsToCode: string | null;
}

export interface Skill extends Stamps {
  id: string;
  name: string;
  category: string;
  description: string | null;
  peopleCount: number;
}

export interface Person extends Stamps {
  id: string;
  name: string;
  email: string;
  jobTitle: string | null;
  orgUnitId: string | null;
  orgUnitName: string | null;
  costRate: number;
  weeklyHours: number;
  availability: number;
  active: boolean;
}

export interface PersonDetail extends Person {
  orgUnit: { id: string; code: string; name: string } | null;
  skills: { skillId: string; name: string; category: string; level: number }[];
  pmos: { pmoId: string; code: string; name: string; role: 'lead' | 'analyst' }[];
  positions: { positionId: string; code: string; title: string }[];
}

export const PMO_LEVELS = ['program', 'portfolio', 'enterprise'] as const;
export const PMO_ORIENTATIONS = ['it', 'business', 'engineering', 'operations', 'transformation'] as const;
export type PmoLevel = (typeof PMO_LEVELS)[number];

export interface ReportingLineItem {
  positionId: string;
  code: string;
  title: string;
  holderPersonId: string | null;
  holderName: string | null;
}

export interface Pmo extends Stamps {
  id: string;
  code: string;
  name: string;
  description: string | null;
  level: PmoLevel;
  orientation: (typeof PMO_ORIENTATIONS)[number];
  reportsToPositionId: string;
  reportsTo: ReportingLineItem | null;
  parentPmoId: string | null;
  parentPmo: { id: string; code: string; name: string } | null;
  memberCount: number;
  scopeCount: number;
}

export const DELEGATION_SUBJECTS = ['budget_increase', 'headcount', 'risk_score', 'infrastructure', 'schedule_change'] as const;
export const DELEGATION_MEASURES = ['percent_of_bac', 'amount', 'count', 'score', 'days'] as const;
export const DELEGATION_APPROVERS = ['pmo_analyst', 'pmo_lead', 'reporting_executive', 'ceo'] as const;
export const MEASURES_BY_SUBJECT: Record<(typeof DELEGATION_SUBJECTS)[number], readonly (typeof DELEGATION_MEASURES)[number][]> =
  {
    budget_increase: ['percent_of_bac', 'amount'],
    headcount: ['count'],
    risk_score: ['score'],
    infrastructure: ['amount', 'percent_of_bac'],
    schedule_change: ['days'],
  };

export interface Threshold extends Stamps {
  id: string;
  pmoId: string;
  subject: (typeof DELEGATION_SUBJECTS)[number];
  measure: (typeof DELEGATION_MEASURES)[number];
  upTo: number;
  approver: (typeof DELEGATION_APPROVERS)[number];
}

export interface PmoMember {
  personId: string;
  name: string;
  email: string;
  jobTitle: string | null;
  role: 'lead' | 'analyst';
}

export interface PmoDetail extends Pmo {
  members: PmoMember[];
  scope: { orgUnitId: string; code: string; name: string }[];
  thresholds: Threshold[];
  childPmos: { id: string; code: string; name: string; level: PmoLevel }[];
  reportingLine: ReportingLineItem[];
  canEdit: boolean;
}

// ---- standards ----

export interface Criterion {
  key: string;
  text: string;
  kind: 'must' | 'should';
  weight: number;
}

export interface Gate {
  key: string;
  name: string;
  afterPhase: string;
  criteria: Criterion[];
  deliverables: { key: string; name: string }[];
  reviewerRoles: string[];
  quorum: number;
  passScore: number;
}

export interface Band {
  amber: number;
  red: number;
}

export interface StandardDefinition {
  phases: { key: string; name: string; description: string }[];
  gates: Gate[];
  reporting: {
    cadence: 'weekly' | 'fortnightly' | 'monthly';
    ragDimensions: string[];
    graceDays: number;
    escalateAfterDays: number;
  };
  tolerances: { spi: Band; cpi: Band; budgetVariancePct: Band; dateVarianceDays: Band };
  riskMatrix: {
    probabilityLabels: string[];
    impactLabels: string[];
    bands: { name: string; minScore: number; color: string }[];
    escalationScore: number;
  };
}

export const RAG_DIMENSIONS = ['schedule', 'cost', 'scope', 'quality', 'risk', 'resources'] as const;

export interface ProjectTypeSummary {
  id: string;
  code: string;
  name: string;
  description: string | null;
  pmoId: string;
  pmo: Ref;
  currentVersion: number;
  phaseCount: number;
  projectCount: number;
  projectsByVersion: { number: number; projectCount: number }[];
  version: number;
}

export interface StandardVersionInfo {
  number: number;
  publishedAt: string;
  publishedBy: string;
  note: string | null;
  projectCount: number;
}

export interface ProjectType extends ProjectTypeSummary {
  definition: StandardDefinition;
  versions: StandardVersionInfo[];
  createdAt: string;
  updatedAt: string;
}

export interface StandardVersion extends StandardVersionInfo {
  projectTypeId: string;
  current: boolean;
  definition: StandardDefinition;
}

// ---- projects & portfolios ----

export const PROJECT_STATES = ['active', 'on_hold', 'closed', 'terminated'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];

export interface ProjectSummary {
  id: string;
  code: string;
  name: string;
  pmo: Ref;
  portfolio: Ref | null;
  projectType: { id: string; code: string; name: string };
  standardVersion: number;
  phase: { key: string; name: string };
  state: ProjectState;
  projectManager: Ref | null;
  sponsor: Ref | null;
  startDate: string | null;
  plannedFinishDate: string | null;
  /** Open (active or on hold) after its planned finish date. */
  pastPlannedFinish: boolean;
  budget: number;
  version: number;
}

export interface Project extends ProjectSummary {
  description: string | null;
  orgUnit: Ref | null;
  members: { person: Ref; role: 'project_manager' | 'sponsor' | 'team_member' }[];
  lifecycle: {
    standardVersion: number;
    phases: { key: string; name: string; description: string; status: 'done' | 'current' | 'upcoming'; current: boolean }[];
    gates: Gate[];
  };
  goAheadAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Portfolio {
  id: string;
  code: string;
  name: string;
  kind: 'portfolio' | 'program';
  description: string | null;
  pmoId: string;
  pmo: { id: string; code: string; name: string };
  ownerPersonId: string | null;
  ownerName: string | null;
  projectCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  canEdit?: boolean;
}
