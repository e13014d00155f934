/**
 * The risk and issue registers of a project. A risk is scored on the risk matrix of the project's
 * standard version; each change of its probability or impact is a reassessment kept in its history
 * (the score over time). A risk at or above the matrix's escalation score, or whose response is to
 * escalate, is escalated (the PMO's queue reads the flag); an issue of the highest severity too.
 * A risk that occurs becomes an issue linked to it, in one transaction.
 */
import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable, Tx } from '../../kernel/db.ts';
import { AppError, type FieldIssue, notFound, validationFailed, versionConflict } from '../../kernel/errors.ts';
import type { Page, Paged } from '../../kernel/lists.ts';
import { isoInstant } from '../../kernel/rows.ts';
import { transact } from '../../kernel/usecase.ts';
import { parseInput } from '../../kernel/validate.ts';
import { isUuid, recordAuditBatch } from '../audit/index.ts';
import { visibleProjectFilter } from '../projects/index.ts';
import { raiseEscalationInTx } from './raid.escalations.ts';
import { mayKeepRegistersOf } from './raid.policy.ts';
import * as repo from './raid.repo.ts';
import {
  CreateIssueBody,
  type CreateIssueInput,
  CreateRiskBody,
  type CreateRiskInput,
  type IssueView,
  OccurRiskBody,
  type OccurRiskInput,
  type ProjectRiskMatrix,
  type RiskDetailView,
  type RiskView,
  UpdateIssueBody,
  type UpdateIssueInput,
  UpdateRiskBody,
  type UpdateRiskInput,
} from './raid.schema.ts';
import { scoreIssues, scoreRisk } from './raid.scoring.ts';

// ---------------------------------------------------------------- the project

/** The project for a read: 404 when the actor may not see it. */
async function visibleProject(db: Queryable, actor: Actor, projectId: string): Promise<repo.RaidProject> {
  const rp = isUuid(projectId) ? await repo.findProject(db, projectId, await visibleProjectFilter(db, actor)) : undefined;
  if (!rp) throw notFound('project', projectId);
  return rp;
}

/** The project locked for a write to its registers, by someone who keeps them, while it is open. */
async function projectToKeep(tx: Tx, actor: Actor, projectId: string): Promise<repo.RaidProject> {
  const rp = isUuid(projectId) ? await repo.lockProject(tx, projectId, await visibleProjectFilter(tx, actor)) : undefined;
  if (!rp) throw notFound('project', projectId);
  if (!(await mayKeepRegistersOf(tx, actor, rp.project))) {
    throw new AppError('FORBIDDEN', `only the manager of ${rp.project.code} or its PMO keeps its risks and issues`);
  }
  const { state, code } = rp.project;
  if (state === 'closed' || state === 'terminated') {
    throw new AppError('INVALID_STATE', `project ${code} is ${state}: its registers are read-only`, {
      issues: [{ field: 'projectId', message: `is ${state}` }],
    });
  }
  return rp;
}

/** Every person named (owners) must exist. */
async function ownerIssues(db: Queryable, owners: [string, string | null | undefined][]): Promise<FieldIssue[]> {
  const known = await repo.personNames(
    db,
    owners.map(([, id]) => id ?? null),
  );
  return owners
    .filter(([, id]) => id && !known.has(id))
    .map(([field]) => ({ field, message: 'is not a person of the organisation' }));
}

type Range = { min: number; likely: number; max: number } | null | undefined;

/** A three-point estimate in order: minimum ≤ most likely ≤ maximum. */
function rangeIssues(field: string, range: Range): FieldIssue[] {
  if (!range) return [];
  const issues: FieldIssue[] = [];
  if (range.likely < range.min) issues.push({ field: `${field}.likely`, message: 'must not be below the minimum' });
  if (range.max < range.likely) issues.push({ field: `${field}.max`, message: 'must not be below the most likely' });
  return issues;
}

const num = (v: string | null) => (v === null ? null : Number(v));
const money = (v: number | undefined) => (v === undefined ? undefined : v.toFixed(2));

// ---------------------------------------------------------------- risks

function riskView(
  row: repo.RiskRow,
  rp: repo.RaidProject,
  names: Map<string, string>,
  actions: repo.RiskActionRow[],
  issueId: string | null,
  canEdit: boolean,
): RiskView {
  const scored = scoreRisk(rp.matrix, row.probability, row.impact);
  const ref = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
  const cost =
    row.costImpactLikely === null
      ? null
      : { min: num(row.costImpactMin)!, likely: num(row.costImpactLikely)!, max: num(row.costImpactMax)! };
  const schedule =
    row.scheduleImpactLikelyDays === null
      ? null
      : { min: row.scheduleImpactMinDays!, likely: row.scheduleImpactLikelyDays, max: row.scheduleImpactMaxDays! };
  return {
    id: row.id,
    projectId: row.projectId,
    key: `R-${row.number}`,
    title: row.title,
    description: row.description,
    category: row.category,
    cause: row.cause,
    effect: row.effect,
    owner: ref(row.ownerPersonId),
    probability: row.probability,
    impact: row.impact,
    probabilityLabel: scored.probabilityLabel,
    impactLabel: scored.impactLabel,
    score: row.score,
    band: { name: row.band, color: rp.matrix.bands.find((b) => b.name === row.band)?.color ?? scored.band.color },
    response: row.response,
    status: row.status,
    escalated: row.escalated,
    escalatedAt: isoInstant(row.escalatedAt),
    costImpact: cost,
    scheduleImpactDays: schedule,
    actions: actions.map((a) => ({ text: a.text, owner: ref(a.ownerPersonId), dueOn: a.dueOn, doneOn: a.doneOn })),
    issueId,
    canEdit,
    version: row.version,
    createdAt: isoInstant(row.createdAt)!,
    updatedAt: isoInstant(row.updatedAt)!,
  };
}

/** The issues risks became, by risk. */
async function issuesOfRisks(db: Queryable, projectId: string): Promise<Map<string, string>> {
  const rows = await repo.listIssues(db, projectId, undefined, null);
  return new Map(rows.filter((i) => i.riskId).map((i) => [i.riskId!, i.id]));
}

async function mayEdit(db: Queryable, actor: Actor, rp: repo.RaidProject): Promise<boolean> {
  const { state } = rp.project;
  return state !== 'closed' && state !== 'terminated' && (await mayKeepRegistersOf(db, actor, rp.project));
}

/** The project's risks, highest score first. */
export async function listRisks(
  db: Queryable,
  actor: Actor,
  projectId: string,
  filter: repo.RiskFilter = {},
  page: Page | null = null,
): Promise<Paged<RiskView>> {
  const rp = await visibleProject(db, actor, projectId);
  const rows = await repo.listRisks(db, projectId, filter, page);
  const total = page ? await repo.countRisks(db, projectId, filter) : rows.length;
  const actions = await repo.actionsOf(
    db,
    rows.map((r) => r.id),
  );
  const names = await repo.personNames(db, [...rows.map((r) => r.ownerPersonId), ...actions.map((a) => a.ownerPersonId)]);
  const became = await issuesOfRisks(db, projectId);
  const canEdit = await mayEdit(db, actor, rp);
  return {
    items: rows.map((r) =>
      riskView(
        r,
        rp,
        names,
        actions.filter((a) => a.riskId === r.id),
        became.get(r.id) ?? null,
        canEdit,
      ),
    ),
    total,
  };
}

async function detail(db: Queryable, actor: Actor, rp: repo.RaidProject, row: repo.RiskRow): Promise<RiskDetailView> {
  const actions = await repo.actionsOf(db, [row.id]);
  const assessments = await repo.assessmentsOf(db, row.id);
  const names = await repo.personNames(db, [row.ownerPersonId, ...actions.map((a) => a.ownerPersonId)]);
  const assessors = await repo.userNames(
    db,
    assessments.map((a) => a.assessedBy),
  );
  const became = await repo.issueOfRisk(db, row.id);
  const escalation = await repo.openEscalationOf(db, { riskId: row.id });
  return {
    ...riskView(row, rp, names, actions, became, await mayEdit(db, actor, rp)),
    escalation: escalation ? { id: escalation.id, state: escalation.state as 'open' | 'guided' | 'acknowledged' } : null,
    assessments: assessments.map((a) => ({
      probability: a.probability,
      impact: a.impact,
      score: a.score,
      band: a.band,
      note: a.note,
      assessedBy: a.assessedBy ? { id: a.assessedBy, name: assessors.get(a.assessedBy) ?? '' } : null,
      assessedAt: isoInstant(a.assessedAt)!,
    })),
  };
}

async function riskOf(db: Queryable, projectId: string, riskId: string): Promise<repo.RiskRow> {
  const row = isUuid(riskId) ? await repo.findRisk(db, riskId) : undefined;
  if (!row || row.projectId !== projectId) throw notFound('risk', riskId);
  return row;
}

/** One risk with its actions and every assessment. */
export async function getRisk(db: Queryable, actor: Actor, projectId: string, riskId: string): Promise<RiskDetailView> {
  const rp = await visibleProject(db, actor, projectId);
  return detail(db, actor, rp, await riskOf(db, projectId, riskId));
}

/** The audit record of a risk: what the register holds, without what is worked out for the reader. */
const riskRecord = (view: RiskDetailView) => {
  const { canEdit: _c, assessments: _a, escalation: _e, ...record } = view;
  return record;
};

/** A risk just escalated: to its PMO's queue, by its score or (below it) by its response. */
async function raiseRisk(tx: Tx, actor: Actor, rp: repo.RaidProject, row: repo.RiskRow): Promise<void> {
  const reason = row.score >= rp.matrix.escalationScore ? 'score' : 'response';
  await raiseEscalationInTx(tx, actor, rp.project, { kind: 'risk', row }, reason);
}

/** Escalated from the matrix or by the response; escalatedAt kept while it stays escalated. */
function escalation(rp: repo.RaidProject, score: number, response: string, before?: repo.RiskRow) {
  const escalated = score >= rp.matrix.escalationScore || response === 'escalate';
  return { escalated, escalatedAt: escalated ? (before?.escalated ? before.escalatedAt : new Date()) : null };
}

/** Checks a risk's content against the matrix, the people and the estimates. */
async function riskIssues(db: Queryable, rp: repo.RaidProject, input: Partial<CreateRiskInput>, p: number, i: number) {
  const issues = [
    ...scoreIssues(rp.matrix, p, i),
    ...rangeIssues('costImpact', input.costImpact),
    ...rangeIssues('scheduleImpactDays', input.scheduleImpactDays),
    ...(await ownerIssues(db, [
      ['ownerPersonId', input.ownerPersonId],
      ...(input.actions ?? []).map((a, k): [string, string | null | undefined] => [
        `actions.${k}.ownerPersonId`,
        a.ownerPersonId,
      ]),
    ])),
  ];
  if (issues.length) throw validationFailed(issues);
}

function impactValues(input: Partial<CreateRiskInput>): Partial<repo.RiskInsert> {
  const values: Partial<repo.RiskInsert> = {};
  if (input.costImpact !== undefined) {
    values.costImpactMin = money(input.costImpact?.min) ?? null;
    values.costImpactLikely = money(input.costImpact?.likely) ?? null;
    values.costImpactMax = money(input.costImpact?.max) ?? null;
  }
  if (input.scheduleImpactDays !== undefined) {
    values.scheduleImpactMinDays = input.scheduleImpactDays?.min ?? null;
    values.scheduleImpactLikelyDays = input.scheduleImpactDays?.likely ?? null;
    values.scheduleImpactMaxDays = input.scheduleImpactDays?.max ?? null;
  }
  return values;
}

/** Adds a risk to the project's register, scored on its matrix: its first assessment. */
export async function createRisk(db: Db, actor: Actor, projectId: string, raw: CreateRiskInput): Promise<RiskDetailView> {
  const input = parseInput(CreateRiskBody, raw);
  return transact(db, async ({ tx }) => {
    const rp = await projectToKeep(tx, actor, projectId);
    await riskIssues(tx, rp, input, input.probability, input.impact);
    const scored = scoreRisk(rp.matrix, input.probability, input.impact);
    const row = await repo.insertRisk(tx, {
      projectId,
      number: await repo.nextRiskNumber(tx, projectId),
      title: input.title,
      description: input.description ?? null,
      category: input.category,
      cause: input.cause ?? null,
      effect: input.effect ?? null,
      ownerPersonId: input.ownerPersonId ?? null,
      probability: input.probability,
      impact: input.impact,
      score: scored.score,
      band: scored.band.name,
      response: input.response,
      ...escalation(rp, scored.score, input.response),
      ...impactValues(input),
      createdBy: actor.userId,
    });
    await repo.insertAssessment(tx, {
      riskId: row.id,
      probability: row.probability,
      impact: row.impact,
      score: row.score,
      band: row.band,
      note: null,
      assessedBy: actor.userId,
    });
    await repo.replaceActions(tx, row.id, input.actions ?? []);
    if (row.escalated) await raiseRisk(tx, actor, rp, row);
    const view = await detail(tx, actor, rp, row);
    await recordAuditBatch(tx, actor, [
      { entityType: 'risk', entityId: row.id, action: 'risk.created', after: riskRecord(view) },
    ]);
    return view;
  });
}

/** Edits a risk with the version it is based on; a new probability or impact is a reassessment. */
export async function updateRisk(
  db: Db,
  actor: Actor,
  projectId: string,
  riskId: string,
  raw: UpdateRiskInput,
): Promise<RiskDetailView> {
  const { version, assessmentNote, status, ...input } = parseInput(UpdateRiskBody, raw);
  return transact(db, async ({ tx }) => {
    const rp = await projectToKeep(tx, actor, projectId);
    const before = await riskOf(tx, projectId, riskId);
    if (before.version !== version) throw versionConflict('risk', riskId, version);
    if (before.status === 'occurred') {
      throw new AppError('INVALID_STATE', `R-${before.number} occurred and is an issue now: its record is kept as it was`, {
        issues: [{ field: 'status', message: 'is occurred' }],
      });
    }
    const probability = input.probability ?? before.probability;
    const impact = input.impact ?? before.impact;
    await riskIssues(tx, rp, input, probability, impact);
    const scored = scoreRisk(rp.matrix, probability, impact);
    const response = input.response ?? before.response;
    const beforeView = await detail(tx, actor, rp, before);
    const { costImpact: _c, scheduleImpactDays: _s, actions, ...plain } = input;
    const row = await repo.updateRisk(tx, riskId, version, {
      ...plain,
      ...(status ? { status } : {}),
      probability,
      impact,
      score: scored.score,
      band: scored.band.name,
      response,
      ...escalation(rp, scored.score, response, before),
      ...impactValues(input),
    });
    if (!row) throw versionConflict('risk', riskId, version);
    if (probability !== before.probability || impact !== before.impact) {
      await repo.insertAssessment(tx, {
        riskId,
        probability,
        impact,
        score: scored.score,
        band: scored.band.name,
        note: assessmentNote ?? null,
        assessedBy: actor.userId,
      });
    }
    if (actions) await repo.replaceActions(tx, riskId, actions);
    if (row.escalated && !before.escalated) await raiseRisk(tx, actor, rp, row);
    const view = await detail(tx, actor, rp, row);
    await recordAuditBatch(tx, actor, [
      { entityType: 'risk', entityId: riskId, action: 'risk.updated', before: riskRecord(beforeView), after: riskRecord(view) },
    ]);
    return view;
  });
}

/** The risk occurred: it becomes an issue linked to it, and the risk is kept as it was, marked occurred. */
export async function occurRisk(
  db: Db,
  actor: Actor,
  projectId: string,
  riskId: string,
  raw: OccurRiskInput,
): Promise<IssueView> {
  const input = parseInput(OccurRiskBody, raw);
  return transact(db, async ({ tx }) => {
    const rp = await projectToKeep(tx, actor, projectId);
    const before = await riskOf(tx, projectId, riskId);
    if (before.version !== input.version) throw versionConflict('risk', riskId, input.version);
    if (before.status !== 'open') {
      throw new AppError('INVALID_STATE', `R-${before.number} is ${before.status}: only an open risk occurs`, {
        issues: [{ field: 'status', message: `is ${before.status}` }],
      });
    }
    const risk = await repo.updateRisk(tx, riskId, input.version, { status: 'occurred' });
    if (!risk) throw versionConflict('risk', riskId, input.version);
    const issue = await repo.insertIssue(tx, {
      projectId,
      number: await repo.nextIssueNumber(tx, projectId),
      title: before.title,
      description: input.description ?? before.effect ?? before.description,
      severity: input.severity,
      ownerPersonId: before.ownerPersonId,
      dueOn: input.dueOn ?? null,
      riskId,
      escalated: input.severity === 'critical',
      escalatedAt: input.severity === 'critical' ? new Date() : null,
      createdBy: actor.userId,
    });
    const view = await issueView(tx, actor, rp, issue);
    await recordAuditBatch(tx, actor, [
      {
        entityType: 'risk',
        entityId: riskId,
        action: 'risk.occurred',
        before: { status: before.status, projectId },
        after: { status: 'occurred', projectId, issueId: issue.id },
      },
      { entityType: 'issue', entityId: issue.id, action: 'issue.created', after: issueRecord(view) },
    ]);
    if (issue.escalated) await raiseEscalationInTx(tx, actor, rp.project, { kind: 'issue', row: issue }, 'severity');
    return view;
  });
}

/** The project's risk matrix (its standard version's) with its open risks counted per cell: the heat map. */
export async function riskMatrix(db: Queryable, actor: Actor, projectId: string): Promise<ProjectRiskMatrix> {
  const rp = await visibleProject(db, actor, projectId);
  const { probabilityLabels, impactLabels, bands, escalationScore } = rp.matrix;
  return {
    projectId,
    probabilityLabels,
    impactLabels,
    bands,
    escalationScore,
    canEdit: await mayEdit(db, actor, rp),
    cells: await repo.openRiskCells(db, projectId),
  };
}

// ---------------------------------------------------------------- issues

async function issueView(db: Queryable, actor: Actor, rp: repo.RaidProject, row: repo.IssueRow): Promise<IssueView> {
  const names = await repo.personNames(db, [row.ownerPersonId]);
  const risks = await repo.riskTitles(db, [row.riskId]);
  return issueViewOf(row, names, risks, await mayEdit(db, actor, rp));
}

function issueViewOf(row: repo.IssueRow, names: Map<string, string>, risks: Map<string, string>, canEdit: boolean): IssueView {
  return {
    id: row.id,
    projectId: row.projectId,
    key: `I-${row.number}`,
    title: row.title,
    description: row.description,
    severity: row.severity,
    owner: row.ownerPersonId ? { id: row.ownerPersonId, name: names.get(row.ownerPersonId) ?? '' } : null,
    dueOn: row.dueOn,
    status: row.status,
    resolution: row.resolution,
    risk: row.riskId ? { id: row.riskId, name: risks.get(row.riskId) ?? '' } : null,
    escalated: row.escalated,
    escalatedAt: isoInstant(row.escalatedAt),
    canEdit,
    version: row.version,
    createdAt: isoInstant(row.createdAt)!,
    updatedAt: isoInstant(row.updatedAt)!,
  };
}

const issueRecord = (view: IssueView) => {
  const { canEdit: _c, ...record } = view;
  return record;
};

/** The project's issues, most severe first. */
export async function listIssues(
  db: Queryable,
  actor: Actor,
  projectId: string,
  status: repo.IssueRow['status'] | undefined,
  page: Page | null = null,
): Promise<Paged<IssueView>> {
  const rp = await visibleProject(db, actor, projectId);
  const rows = await repo.listIssues(db, projectId, status, page);
  const total = page ? await repo.countIssues(db, projectId, status) : rows.length;
  const names = await repo.personNames(
    db,
    rows.map((r) => r.ownerPersonId),
  );
  const risks = await repo.riskTitles(
    db,
    rows.map((r) => r.riskId),
  );
  const canEdit = await mayEdit(db, actor, rp);
  return { items: rows.map((r) => issueViewOf(r, names, risks, canEdit)), total };
}

async function issueOf(db: Queryable, projectId: string, issueId: string): Promise<repo.IssueRow> {
  const row = isUuid(issueId) ? await repo.findIssue(db, issueId) : undefined;
  if (!row || row.projectId !== projectId) throw notFound('issue', issueId);
  return row;
}

export async function getIssue(db: Queryable, actor: Actor, projectId: string, issueId: string): Promise<IssueView> {
  const rp = await visibleProject(db, actor, projectId);
  return issueView(db, actor, rp, await issueOf(db, projectId, issueId));
}

/** Raises an issue on the project; one of the highest severity is escalated to the PMO. */
export async function createIssue(db: Db, actor: Actor, projectId: string, raw: CreateIssueInput): Promise<IssueView> {
  const input = parseInput(CreateIssueBody, raw);
  return transact(db, async ({ tx }) => {
    const rp = await projectToKeep(tx, actor, projectId);
    const issues = await ownerIssues(tx, [['ownerPersonId', input.ownerPersonId]]);
    if (issues.length) throw validationFailed(issues);
    const critical = input.severity === 'critical';
    const escalated = critical || input.escalate === true;
    const row = await repo.insertIssue(tx, {
      projectId,
      number: await repo.nextIssueNumber(tx, projectId),
      title: input.title,
      description: input.description ?? null,
      severity: input.severity,
      ownerPersonId: input.ownerPersonId ?? null,
      dueOn: input.dueOn ?? null,
      escalated,
      escalatedAt: escalated ? new Date() : null,
      createdBy: actor.userId,
    });
    const view = await issueView(tx, actor, rp, row);
    await recordAuditBatch(tx, actor, [
      { entityType: 'issue', entityId: row.id, action: 'issue.created', after: issueRecord(view) },
    ]);
    if (row.escalated) {
      await raiseEscalationInTx(tx, actor, rp.project, { kind: 'issue', row }, critical ? 'severity' : 'response');
    }
    return view;
  });
}

/** Edits an issue with the version it is based on: its severity, owner, due day, status and resolution. */
export async function updateIssue(
  db: Db,
  actor: Actor,
  projectId: string,
  issueId: string,
  raw: UpdateIssueInput,
): Promise<IssueView> {
  const { version, ...input } = parseInput(UpdateIssueBody, raw);
  return transact(db, async ({ tx }) => {
    const rp = await projectToKeep(tx, actor, projectId);
    const before = await issueOf(tx, projectId, issueId);
    if (before.version !== version) throw versionConflict('issue', issueId, version);
    const problems = await ownerIssues(tx, [['ownerPersonId', input.ownerPersonId]]);
    const status = input.status ?? before.status;
    const resolution = input.resolution === undefined ? before.resolution : input.resolution;
    if (status !== 'open' && !resolution?.trim()) {
      problems.push({ field: 'resolution', message: `is required to mark the issue ${status}` });
    }
    if (problems.length) throw validationFailed(problems);
    const severity = input.severity ?? before.severity;
    const critical = severity === 'critical';
    // Escalated by the project manager earlier (not for its severity): it stays so until they say otherwise.
    const byProject = input.escalate ?? (before.escalated && before.severity !== 'critical');
    const escalated = critical || byProject;
    const beforeView = await issueView(tx, actor, rp, before);
    const { escalate: _escalate, ...fields } = input;
    const row = await repo.updateIssue(tx, issueId, version, {
      ...fields,
      escalated,
      escalatedAt: escalated ? (before.escalated ? before.escalatedAt : new Date()) : null,
    });
    if (!row) throw versionConflict('issue', issueId, version);
    const view = await issueView(tx, actor, rp, row);
    await recordAuditBatch(tx, actor, [
      {
        entityType: 'issue',
        entityId: issueId,
        action: 'issue.updated',
        before: issueRecord(beforeView),
        after: issueRecord(view),
      },
    ]);
    if (row.escalated && !before.escalated) {
      await raiseEscalationInTx(tx, actor, rp.project, { kind: 'issue', row }, critical ? 'severity' : 'response');
    }
    return view;
  });
}
