/** Domain records of the org, PMO, standards, portfolio and project APIs: aliases of the generated types. */
import type { Schemas } from './openapi.ts';

/** A reference to another record by id and name, as replies embed them. */
export type Ref = Schemas['ProjectSummary']['pmo'];

export type OrgUnit = Schemas['OrgUnit'];
export type OrgUnitNode = Schemas['OrgUnitNode'];
export type Position = Schemas['ExecutivePosition'];
export type Skill = Schemas['Skill'];
export type Person = Schemas['Person'];
export type PersonDetail = Schemas['PersonDetail'];

export const PMO_LEVELS = ['program', 'portfolio', 'enterprise'] as const satisfies readonly Schemas['PmoLevel'][];
export const PMO_ORIENTATIONS = [
  'it',
  'business',
  'engineering',
  'operations',
  'transformation',
] as const satisfies readonly Schemas['PmoOrientation'][];
export type PmoLevel = Schemas['PmoLevel'];

export type ReportingLineItem = NonNullable<Schemas['ReportingLineItem']>;
export type Pmo = Schemas['Pmo'];
export type Threshold = Schemas['DelegationThreshold'];

export const DELEGATION_SUBJECTS = [
  'budget_increase',
  'headcount',
  'risk_score',
  'infrastructure',
  'schedule_change',
] as const satisfies readonly Threshold['subject'][];
export const DELEGATION_MEASURES = [
  'percent_of_bac',
  'amount',
  'count',
  'score',
  'days',
] as const satisfies readonly Threshold['measure'][];
export const DELEGATION_APPROVERS = [
  'pmo_analyst',
  'pmo_lead',
  'reporting_executive',
  'ceo',
] as const satisfies readonly Threshold['approver'][];
export const MEASURES_BY_SUBJECT: Record<Threshold['subject'], readonly Threshold['measure'][]> = {
  budget_increase: ['percent_of_bac', 'amount'],
  headcount: ['count'],
  risk_score: ['score'],
  infrastructure: ['amount', 'percent_of_bac'],
  schedule_change: ['days'],
};

export type PmoMember = Schemas['PmoMember'];
export type PmoDetail = Schemas['PmoDetail'];

// ---- standards ----

export type StandardDefinition = Schemas['StandardDefinition'];
export type Gate = StandardDefinition['gates'][number];
export type Criterion = Gate['criteria'][number];
export type Band = StandardDefinition['tolerances']['spi'];

export const RAG_DIMENSIONS = [
  'schedule',
  'cost',
  'scope',
  'quality',
  'risk',
  'resources',
] as const satisfies readonly StandardDefinition['reporting']['ragDimensions'][number][];

export type ProjectTypeSummary = Schemas['ProjectTypeSummary'];
export type StandardVersionInfo = Schemas['StandardVersionInfo'];
export type ProjectType = Schemas['ProjectType'];
export type StandardVersion = Schemas['StandardVersion'];
export type StandardDiff = Schemas['StandardDiff'];
export type DefinitionChange = Schemas['DefinitionChange'];

// ---- projects & portfolios ----

export type ProjectState = Schemas['ProjectSummary']['state'];
export const PROJECT_STATES = ['active', 'on_hold', 'closed', 'terminated'] as const satisfies readonly ProjectState[];

export type ProjectSummary = Schemas['ProjectSummary'];
export type Project = Schemas['Project'];
export type Portfolio = Schemas['Portfolio'];
export type PortfolioDetail = Schemas['PortfolioDetail'];
