/**
 * Approval requests as the pages show them, as pure functions of the API's replies: the words for
 * their kinds, states and actions, the list's filters, what an approved change did, and the body
 * the "Ask for approval" form sends, with the way the server's field issues find their inputs.
 */
import { ApiError, type FieldIssue } from '../../api/client.ts';
import type { Schemas } from '../../api/openapi.ts';
import { formatDate, formatMoney, humanize, plural } from '../../lib/format.ts';

export type ApprovalSummary = Schemas['ApprovalSummary'];
export type Approval = Schemas['Approval'];
export type ApprovalPreview = Schemas['ApprovalPreview'];
export type Impact = Schemas['ApprovalImpact'];
export type RaiseApproval = Schemas['RaiseApproval'];
export type Change = RaiseApproval['change'];
export type ApprovalDecision = Schemas['ApprovalDecision'];
export type ApprovalKind = ApprovalSummary['kind'];
export type ApprovalState = ApprovalSummary['state'];
export type ApprovalStep = Approval['steps'][number];
export type ApprovalAction = Approval['actions'][number];
export type RouteStep = ApprovalPreview['route'][number];
export type CostCategory = Schemas['BudgetIncreaseChange']['costCategory'];
export type Recurrence = Schemas['InfrastructureChange']['recurrence'];
export type StepState = ApprovalStep['state'];

export const KIND_LABEL: Record<ApprovalKind, string> = {
  budget_increase: 'Budget increase',
  headcount: 'People (headcount)',
  infrastructure: 'Infrastructure',
  rebaseline: 'Re-baseline',
  scope_change: 'Scope change',
  initiation: 'Go-ahead of a request',
};
export const KIND_OPTIONS = (Object.keys(KIND_LABEL) as ApprovalKind[]).map((value) => ({ value, label: KIND_LABEL[value] }));
/** The kinds a project manager asks for (a go-ahead comes from the PMO lead's decision on a request). */
export const ASKABLE_KINDS = KIND_OPTIONS.filter((k) => k.value !== 'initiation');

/** What the request is about: its project, or the initiation request whose go-ahead it is, with where it opens. */
export function subjectOf(a: Pick<ApprovalSummary, 'project' | 'initiationRequest'>): { code: string; name: string; to: string } {
  if (a.project) return { code: a.project.code, name: a.project.name, to: `/projects/${a.project.id}` };
  const r = a.initiationRequest!;
  return { code: r.code, name: r.title, to: `/requests/${r.id}` };
}

export const STATE_LABEL: Record<ApprovalState, string> = {
  pending: 'Pending',
  info_requested: 'Information requested',
  approved: 'Approved',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

export const STEP_STATE_LABEL: Record<StepState, string> = {
  waiting: 'Waiting',
  active: 'Active',
  info_requested: 'Information requested',
  approved: 'Approved',
  rejected: 'Rejected',
};

export const ACTION_LABEL: Record<ApprovalAction['action'], string> = {
  approve: 'Approved',
  reject: 'Rejected',
  request_info: 'Asked for information',
  answer: 'Answered',
  withdraw: 'Withdrawn',
  remind: 'Reminded',
  escalate: 'Escalated',
};

export const COST_CATEGORY_LABEL: Record<CostCategory, string> = {
  labour: 'Labour',
  contractors: 'Contractors',
  infrastructure: 'Infrastructure',
  licences: 'Licences',
  travel: 'Travel',
  other: 'Other',
};
export const COST_CATEGORY_OPTIONS = (Object.keys(COST_CATEGORY_LABEL) as CostCategory[]).map((value) => ({
  value,
  label: COST_CATEGORY_LABEL[value],
}));

export const RECURRENCE_LABEL: Record<Recurrence, string> = { one_off: 'Once', monthly: 'Every month', yearly: 'Every year' };
export const RECURRENCE_OPTIONS = (Object.keys(RECURRENCE_LABEL) as Recurrence[]).map((value) => ({
  value,
  label: RECURRENCE_LABEL[value],
}));

/** The approval levels by key, as the server names them in a route (a step's `escalatedTo` is a key). */
const LEVEL_NAMES: Record<string, string> = {
  pmo_analyst: 'PMO analyst',
  pmo_lead: 'PMO lead',
  reporting_executive: 'reporting executive',
  ceo: 'CEO',
  resource_manager: 'resource manager',
};
export const levelName = (level: string | null | undefined) => (level ? (LEVEL_NAMES[level] ?? humanize(level)) : '');

// ---- the list's filters ----

/** The list's state filter: `open` (pending or waiting for information) unless asked; `all` sends none. */
export type StateFilter = 'open' | 'all' | ApprovalState;
export const STATE_FILTER_OPTIONS: readonly { value: StateFilter; label: string }[] = [
  { value: 'open', label: 'Open (pending or asking)' },
  { value: 'pending', label: STATE_LABEL.pending },
  { value: 'info_requested', label: STATE_LABEL.info_requested },
  { value: 'approved', label: STATE_LABEL.approved },
  { value: 'rejected', label: STATE_LABEL.rejected },
  { value: 'withdrawn', label: STATE_LABEL.withdrawn },
  { value: 'all', label: 'All states' },
];
export const isStateFilter = (value: string | null): value is StateFilter => STATE_FILTER_OPTIONS.some((o) => o.value === value);
const isKind = (value: string | null): value is ApprovalKind => value !== null && value in KIND_LABEL;

export interface ApprovalFilters {
  state?: ApprovalState | 'open';
  kind?: ApprovalKind;
  waitingOn?: 'me';
  projectId?: string;
  pmoId?: string;
}

/** The query GET /approvals takes for the page's address: `?state=approved&waitingOn=me`. */
export function filtersOf(params: URLSearchParams): ApprovalFilters {
  const state = params.get('state');
  const chosen: StateFilter = isStateFilter(state) ? state : 'open';
  const kind = params.get('kind');
  return {
    ...(chosen === 'all' ? {} : { state: chosen }),
    ...(isKind(kind) ? { kind } : {}),
    ...(params.get('waitingOn') === 'me' ? { waitingOn: 'me' as const } : {}),
    ...(params.get('projectId') ? { projectId: params.get('projectId') as string } : {}),
    ...(params.get('pmoId') ? { pmoId: params.get('pmoId') as string } : {}),
  };
}

// ---- the record ----

/** Who acted: "Olivia Bennett", "Quinn Tester for Olivia Bennett" (a delegate), or Tollgate itself. */
export function actorText(action: Pick<ApprovalAction, 'actor' | 'onBehalfOf'>): string {
  const actor = action.actor?.name ?? 'Tollgate';
  return action.onBehalfOf ? `${actor} for ${action.onBehalfOf.name}` : actor;
}

/** The question the approver asked last, while the request waits for the answer. */
export function openQuestion(approval: Pick<Approval, 'state' | 'actions'>): ApprovalAction | null {
  if (approval.state !== 'info_requested') return null;
  return approval.actions.findLast((a) => a.action === 'request_info') ?? null;
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** What the final approval did, in lines: "Baseline version 2: BAC €100,000.00 → €115,000.00". */
export function effectLines(kind: ApprovalKind, effect: Record<string, unknown> | null | undefined): string[] {
  if (!effect) return [];
  const baseline = num(effect.baselineNumber);
  const before = num(effect.bacBefore);
  const after = num(effect.bacAfter);
  switch (kind) {
    case 'budget_increase':
    case 'rebaseline': {
      const lines: string[] = [];
      const bac = before !== null && after !== null ? `${formatMoney(before)} → ${formatMoney(after)}` : formatMoney(after);
      lines.push(`${baseline !== null ? `Baseline version ${baseline}` : 'New baseline'}: BAC ${bac}`);
      const moved = Array.isArray(effect.milestonesMoved) ? effect.milestonesMoved.length : num(effect.milestonesMoved);
      if (moved) lines.push(`${plural(moved, 'milestone')} moved to their new baseline dates`);
      if (typeof effect.plannedFinishDate === 'string') lines.push(`Planned finish now ${formatDate(effect.plannedFinishDate)}`);
      return lines;
    }
    case 'headcount':
      return [
        effect.overAllocationOverridden === true
          ? 'Allocation created over capacity, for the reason given'
          : 'Allocation created',
      ];
    case 'infrastructure': {
      const cost = num(effect.firstYearCost);
      return [cost === null ? 'Infrastructure recorded' : `Infrastructure recorded: ${formatMoney(cost)} in its first year`];
    }
    case 'scope_change':
      return ['Scope change approved'];
    case 'initiation':
      return [`Go-ahead given: project ${typeof effect.projectCode === 'string' ? effect.projectCode : ''} created`.trim()];
  }
}

/** Where the approved change shows on its project: the performance tab for money, the team tab for people. */
export function effectLink(
  kind: ApprovalKind,
  projectId: string | null,
  effect?: Record<string, unknown> | null,
): { to: string; label: string } | null {
  if (kind === 'initiation' && typeof effect?.projectId === 'string') {
    return { to: `/projects/${effect.projectId}`, label: 'Open the new project' };
  }
  if (!projectId) return null;
  if (kind === 'budget_increase' || kind === 'rebaseline') {
    return { to: `/projects/${projectId}?tab=performance`, label: "See the project's performance" };
  }
  if (kind === 'headcount') return { to: `/projects/${projectId}?tab=team`, label: "See the project's team and allocations" };
  return null;
}

/** What a write on a request refreshes: the lists and the record, and what an approval changes on its project. */
export const approvalPaths = (projectId: string | null) => [
  '/approvals',
  ...(projectId ? [`/projects/${projectId}`] : ['/requests']),
  '/projects',
  '/dashboard',
  '/allocations',
  '/notifications',
];

// ---- the "Ask for approval" form ----

/** A key milestone as the re-baseline fields list it. */
export interface MilestoneRow {
  id: string;
  name: string;
  baselineDate: string;
}

/** The form's values: `change` holds the fields of every kind; the chosen kind's are sent. */
export interface AskValues {
  title?: string;
  reason?: string;
  change?: {
    kind?: ApprovalKind;
    amount?: number | null;
    costCategory?: CostCategory | null;
    skillId?: string | null;
    fte?: number | null;
    startMonth?: string | null;
    endMonth?: string | null;
    personId?: string | null;
    item?: string;
    cost?: number | null;
    recurrence?: Recurrence | null;
    neededBy?: string | null;
    bac?: number | null;
    plannedFinishDate?: string | null;
    curve?: { date?: string | null; plannedValue?: number | null }[];
    /** The new baseline date of each of the project's milestones, in their order. */
    milestones?: { baselineDate?: string | null }[];
    description?: string;
    scheduleImpactDays?: number | null;
    costImpact?: number | null;
  };
}

export interface ChangeBody {
  change: Change;
  /** For each milestone the body moves, its row in the form (only the moved ones are sent). */
  milestoneRows: number[];
}

const filled = (value: string | null | undefined): value is string => typeof value === 'string' && value.trim() !== '';
const given = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

/** The change the form describes, or null while a field its kind needs is empty. */
export function changeBody(values: AskValues['change'], milestones: readonly MilestoneRow[] = []): ChangeBody | null {
  const v = values ?? {};
  switch (v.kind) {
    case 'budget_increase':
      if (!given(v.amount) || !v.costCategory) return null;
      return { change: { kind: 'budget_increase', amount: v.amount, costCategory: v.costCategory }, milestoneRows: [] };
    case 'headcount':
      if (!filled(v.skillId) || !given(v.fte) || !filled(v.startMonth) || !filled(v.endMonth)) return null;
      return {
        change: {
          kind: 'headcount',
          skillId: v.skillId,
          fte: v.fte,
          startMonth: v.startMonth,
          endMonth: v.endMonth,
          personId: v.personId || null,
        },
        milestoneRows: [],
      };
    case 'infrastructure':
      if (!filled(v.item) || !given(v.cost) || !v.recurrence || !filled(v.neededBy)) return null;
      return {
        change: { kind: 'infrastructure', item: v.item.trim(), cost: v.cost, recurrence: v.recurrence, neededBy: v.neededBy },
        milestoneRows: [],
      };
    case 'rebaseline': {
      const curve = v.curve ?? [];
      if (!given(v.bac) || curve.length === 0) return null;
      if (curve.some((p) => !filled(p?.date) || !given(p?.plannedValue))) return null;
      const milestoneRows: number[] = [];
      const moves: { milestoneId: string; baselineDate: string }[] = [];
      milestones.forEach((m, row) => {
        const date = v.milestones?.[row]?.baselineDate;
        if (filled(date) && date !== m.baselineDate) {
          milestoneRows.push(row);
          moves.push({ milestoneId: m.id, baselineDate: date });
        }
      });
      return {
        change: {
          kind: 'rebaseline',
          bac: v.bac,
          curve: curve.map((p) => ({ date: p.date as string, plannedValue: p.plannedValue as number })),
          plannedFinishDate: v.plannedFinishDate || null,
          milestones: moves,
        },
        milestoneRows,
      };
    }
    case 'scope_change':
      if (!filled(v.description)) return null;
      return {
        change: {
          kind: 'scope_change',
          description: v.description.trim(),
          scheduleImpactDays: v.scheduleImpactDays ?? 0,
          costImpact: v.costImpact ?? 0,
        },
        milestoneRows: [],
      };
    default:
      return null;
  }
}

/**
 * The form field a server issue names: the body's paths are the form's, but for the milestones,
 * where the body holds only the moved ones ('change.milestones.0.baselineDate' is the row of the
 * first moved milestone).
 */
export function formFieldOf(field: string, milestoneRows: readonly number[] = []): string {
  const moved = /^change\.milestones\.(\d+)\.(\w+)$/.exec(field);
  if (moved) {
    const row = milestoneRows[Number(moved[1])];
    return row === undefined ? field : `change.milestones.${row}.baselineDate`;
  }
  return field;
}

/** The same error with its field issues renamed to the form's fields, for useServerErrors. */
export function onFormFields(error: unknown, milestoneRows: readonly number[]): unknown {
  if (!(error instanceof ApiError) || error.issues.length === 0) return error;
  const issues: FieldIssue[] = error.issues.map((i) => ({ ...i, field: formFieldOf(i.field, milestoneRows) }));
  const details = { ...(error.details as object), issues };
  return new ApiError(error.status, error.code, error.message, details, error.retryAfterSeconds);
}

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  reason: 'Reason',
  amount: 'Amount',
  costCategory: 'Cost category',
  skillId: 'Skill',
  fte: 'FTE',
  startMonth: 'From month',
  endMonth: 'To month',
  personId: 'Person',
  item: 'Item',
  cost: 'Cost',
  recurrence: 'Recurrence',
  neededBy: 'Needed by',
  bac: 'New BAC',
  plannedFinishDate: 'Planned finish',
  description: 'Description',
  scheduleImpactDays: 'Schedule impact',
  costImpact: 'Cost impact',
  date: 'date',
  plannedValue: 'planned value',
  baselineDate: 'new baseline date',
};

/**
 * A server issue as the preview lists it, named as the form labels its field:
 * "change.curve.1.plannedValue" -> "Curve point 2, planned value".
 */
export function issueText(issue: FieldIssue, milestones: readonly MilestoneRow[] = [], milestoneRows: number[] = []): string {
  const parts = issue.field.split('.');
  if (parts[0] === 'change') parts.shift();
  const [head, index, leaf] = parts;
  let label = FIELD_LABELS[head ?? ''] ?? humanize(head);
  if (head === 'curve' && index !== undefined) {
    label = `Curve point ${Number(index) + 1}${leaf ? `, ${FIELD_LABELS[leaf] ?? humanize(leaf)}` : ''}`;
  } else if (head === 'milestones' && index !== undefined) {
    const milestone = milestones[milestoneRows[Number(index)] ?? -1];
    label = `Milestone ${milestone ? milestone.name : Number(index) + 1}${leaf === 'baselineDate' ? `, ${FIELD_LABELS[leaf]}` : ''}`;
  } else if (head === 'curve') {
    label = 'Curve';
  }
  return `${label}: ${issue.message}`;
}

/** The form's values when it opens on a re-baseline: the current baseline's BAC and curve, the plan's finish and milestones. */
export function rebaselineDefaults(
  baseline: { bac: number; curve: { date: string; plannedValue: number }[] } | null | undefined,
  plannedFinishDate: string | null | undefined,
  milestones: readonly MilestoneRow[],
): Pick<NonNullable<AskValues['change']>, 'bac' | 'curve' | 'plannedFinishDate' | 'milestones'> {
  return {
    bac: baseline?.bac ?? null,
    curve: (baseline?.curve ?? []).map((p) => ({ date: p.date, plannedValue: p.plannedValue })),
    plannedFinishDate: plannedFinishDate ?? null,
    milestones: milestones.map((m) => ({ baselineDate: m.baselineDate })),
  };
}

/** Slip in days as a reader says it: "12 days later", "3 days earlier", "no change". */
export function slipText(days: number): string {
  if (days === 0) return 'no change';
  return `${plural(Math.abs(days), 'day')} ${days > 0 ? 'later' : 'earlier'}`;
}

/** A percentage as the impact shows it: 15 -> "+15 %", -2.5 -> "−2.5 %". */
export function percentText(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '';
  const rounded = Math.round(percent * 100) / 100;
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : ''}${Math.abs(rounded).toLocaleString('en-GB')} %`;
}

/** Money as a signed change: 15000 -> "+€15,000.00". */
export function moneyChange(amount: number): string {
  const text = formatMoney(Math.abs(amount));
  return amount > 0 ? `+${text}` : amount < 0 ? `−${text}` : text;
}
