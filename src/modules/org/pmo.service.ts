import type { Actor } from '../../kernel/actor.ts';
import type { Db, Queryable, Tx } from '../../kernel/db.ts';
import { AppError, invalid, notFound, versionConflict } from '../../kernel/errors.ts';
import { toNumber } from '../../kernel/rows.ts';
import { recordAudit } from '../audit/index.ts';
import { type DelegationMeasure, type DelegationSubject, thresholdProblem } from './delegation.ts';
import { chainUp, firstDuplicateIndex, wouldCreateCycle } from './org.graph.ts';
import { alreadyExists, transactOrg } from './org.errors.ts';
import { existingIds, lockHierarchy, positionParents, positionsWithHolders } from './org.repo.ts';
import { requireExisting } from './org.service.ts';
import { executivePositions, orgUnits, people, pmos } from './org.tables.ts';
import { assertCanEditPmo, assertCanRestructurePmo, canEditPmo } from './pmo.policy.ts';
import * as repo from './pmo.repo.ts';

type PmoLevel = repo.PmoRow['level'];
type PmoOrientation = repo.PmoRow['orientation'];
type PmoRole = 'lead' | 'analyst';

export interface ReportingLineItem {
  positionId: string;
  code: string;
  title: string;
  holderPersonId: string | null;
  holderName: string | null;
}

export interface PmoView {
  id: string;
  code: string;
  name: string;
  description: string | null;
  level: PmoLevel;
  orientation: PmoOrientation;
  reportsToPositionId: string;
  reportsTo: ReportingLineItem | null;
  parentPmoId: string | null;
  parentPmo: { id: string; code: string; name: string } | null;
  memberCount: number;
  scopeCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ThresholdView {
  id: string;
  pmoId: string;
  subject: DelegationSubject;
  measure: DelegationMeasure;
  upTo: number;
  approver: repo.ThresholdRow['approver'];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PmoDetailView extends PmoView {
  members: { personId: string; name: string; email: string; jobTitle: string | null; role: PmoRole }[];
  scope: { orgUnitId: string; code: string; name: string }[];
  thresholds: ThresholdView[];
  childPmos: { id: string; code: string; name: string; level: PmoLevel }[];
  reportingLine: ReportingLineItem[];
  canEdit: boolean;
}

function pmoView(row: repo.PmoJoined): PmoView {
  const p = row.pmo;
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    description: p.description,
    level: p.level,
    orientation: p.orientation,
    reportsToPositionId: p.reportsToPositionId,
    reportsTo:
      row.positionCode === null
        ? null
        : {
            positionId: p.reportsToPositionId,
            code: row.positionCode,
            title: row.positionTitle ?? '',
            holderPersonId: row.holderPersonId,
            holderName: row.holderName,
          },
    parentPmoId: p.parentPmoId,
    parentPmo:
      p.parentPmoId && row.parentCode !== null ? { id: p.parentPmoId, code: row.parentCode, name: row.parentName ?? '' } : null,
    memberCount: toNumber(row.memberCount),
    scopeCount: toNumber(row.scopeCount),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

function thresholdView(row: repo.ThresholdRow): ThresholdView {
  return {
    id: row.id,
    pmoId: row.pmoId,
    subject: row.subject,
    measure: row.measure,
    upTo: toNumber(row.upTo),
    approver: row.approver,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listPmos(db: Db, filter: { level?: PmoLevel; parentPmoId?: string } = {}): Promise<PmoView[]> {
  return (await repo.listPmos(db, filter)).map(pmoView);
}

/**
 * The chain of executive positions from the one the PMO reports to up to the top position,
 * with each holder. Routing of approvals follows it.
 *
 * @example const [direct, ...above] = await reportingLineOf(db, pmoId); // direct.code === 'COO'
 */
export async function reportingLineOf(db: Queryable, pmoId: string): Promise<ReportingLineItem[]> {
  const pmo = await repo.findPmo(db, pmoId);
  if (!pmo) throw notFound('pmo', pmoId);
  return reportingLineFrom(db, pmo.reportsToPositionId);
}

async function reportingLineFrom(db: Queryable, positionId: string): Promise<ReportingLineItem[]> {
  const chain = chainUp(positionId, await positionParents(db));
  const byId = new Map((await positionsWithHolders(db, chain)).map((p) => [p.positionId, p]));
  return chain.map((id) => byId.get(id)).filter((p): p is ReportingLineItem => p !== undefined);
}

/** One PMO with members, scope, thresholds, child PMOs and its reporting line. */
export async function getPmo(db: Queryable, actor: Actor, id: string): Promise<PmoDetailView> {
  const row = await repo.findPmoJoined(db, id);
  if (!row) throw notFound('pmo', id);
  // One query after another: inside a transaction this is one connection.
  const members = await repo.membersOf(db, id);
  const scope = await repo.scopeOf(db, id);
  const thresholds = (await repo.thresholdsOf(db, id)).map(thresholdView);
  const childPmos = await repo.childPmosOf(db, id);
  const reportingLine = await reportingLineFrom(db, row.pmo.reportsToPositionId);
  const canEdit = await canEditPmo(db, actor, id);
  return { ...pmoView(row), members, scope, thresholds, childPmos, reportingLine, canEdit };
}

export interface CreatePmoInput {
  code: string;
  name: string;
  description?: string | null;
  level: PmoLevel;
  orientation: PmoOrientation;
  reportsToPositionId: string;
  parentPmoId?: string | null;
}

export async function createPmo(db: Db, actor: Actor, input: CreatePmoInput): Promise<PmoDetailView> {
  return transactOrg(db, 'pmo', async ({ tx }) => {
    if (await repo.findPmoByCode(tx, input.code)) throw alreadyExists('pmo', 'code', input.code);
    await requireExisting(tx, executivePositions, 'reportsToPositionId', input.reportsToPositionId);
    await requireExisting(tx, pmos, 'parentPmoId', input.parentPmoId);
    const row = await repo.insertPmo(tx, {
      code: input.code,
      name: input.name,
      description: input.description ?? null,
      level: input.level,
      orientation: input.orientation,
      reportsToPositionId: input.reportsToPositionId,
      parentPmoId: input.parentPmoId ?? null,
    });
    const view = await getPmo(tx, actor, row.id);
    await recordAudit(tx, actor, { entityType: 'pmo', entityId: row.id, action: 'pmo.created', after: auditShape(view) });
    return view;
  });
}

/** What the audit trail keeps of a PMO: its own fields, not the joined names that change elsewhere. */
function auditShape(view: PmoView) {
  const { id, code, name, description, level, orientation, reportsToPositionId, parentPmoId, version } = view;
  return { id, code, name, description, level, orientation, reportsToPositionId, parentPmoId, version };
}

export interface UpdatePmoInput extends Partial<CreatePmoInput> {
  version: number;
}

export async function updatePmo(db: Db, actor: Actor, id: string, input: UpdatePmoInput): Promise<PmoDetailView> {
  return transactOrg(db, 'pmo', async ({ tx }) => {
    const before = await repo.findPmoJoined(tx, id);
    if (!before) throw notFound('pmo', id);
    await assertCanEditPmo(tx, actor, before.pmo);
    if (before.pmo.version !== input.version) throw versionConflict('pmo', id, input.version);
    const parentChanges = input.parentPmoId !== undefined && input.parentPmoId !== before.pmo.parentPmoId;
    const positionChanges =
      input.reportsToPositionId !== undefined && input.reportsToPositionId !== before.pmo.reportsToPositionId;
    await assertCanRestructurePmo(tx, actor, {
      parentPmoId: parentChanges ? input.parentPmoId : undefined,
      reportsToPositionIdChanged: positionChanges,
    });
    if (input.code !== undefined && input.code !== before.pmo.code) {
      const taken = await repo.findPmoByCode(tx, input.code);
      if (taken && taken.id !== id) throw alreadyExists('pmo', 'code', input.code);
    }
    if (positionChanges) await requireExisting(tx, executivePositions, 'reportsToPositionId', input.reportsToPositionId);
    if (parentChanges) {
      await lockHierarchy(tx, 'pmos');
      await requireExisting(tx, pmos, 'parentPmoId', input.parentPmoId);
      if (wouldCreateCycle(id, input.parentPmoId ?? null, await repo.pmoParents(tx))) {
        throw invalid('parentPmoId', 'would nest the PMO under itself');
      }
    }
    const row = await repo.updatePmo(tx, id, input.version, {
      code: input.code,
      name: input.name,
      description: input.description,
      level: input.level,
      orientation: input.orientation,
      reportsToPositionId: input.reportsToPositionId,
      parentPmoId: input.parentPmoId,
    });
    if (!row) throw versionConflict('pmo', id, input.version);
    const after = await getPmo(tx, actor, id);
    await recordAudit(tx, actor, {
      entityType: 'pmo',
      entityId: id,
      action: 'pmo.updated',
      before: auditShape(pmoView(before)),
      after: auditShape(after),
    });
    return after;
  });
}

export interface PmoMembersInput {
  version: number;
  members: { personId: string; role: PmoRole }[];
}

/** Replaces the PMO's members and their roles; the PMO's version moves on. */
export async function setPmoMembers(db: Db, actor: Actor, id: string, input: PmoMembersInput): Promise<PmoDetailView> {
  const duplicate = firstDuplicateIndex(input.members.map((m) => m.personId));
  if (duplicate >= 0) throw invalid(`members.${duplicate}.personId`, 'is listed twice');
  return transactOrg(db, 'pmo', async ({ tx }) => {
    const before = await repo.findPmo(tx, id);
    if (!before) throw notFound('pmo', id);
    await assertCanEditPmo(tx, actor, before);
    if (before.version !== input.version) throw versionConflict('pmo', id, input.version);
    const known = await existingIds(
      tx,
      people,
      input.members.map((m) => m.personId),
    );
    const unknown = input.members.findIndex((m) => !known.has(m.personId));
    if (unknown >= 0) throw invalid(`members.${unknown}.personId`, 'does not exist');
    const oldMembers = await repo.membersOf(tx, id);
    const row = await repo.updatePmo(tx, id, input.version);
    if (!row) throw versionConflict('pmo', id, input.version);
    await repo.replaceMembers(tx, id, input.members);
    const after = await getPmo(tx, actor, id);
    await recordAudit(tx, actor, {
      entityType: 'pmo',
      entityId: id,
      action: 'pmo.members_changed',
      before: { version: before.version, members: oldMembers.map((m) => ({ personId: m.personId, name: m.name, role: m.role })) },
      after: { version: row.version, members: after.members.map((m) => ({ personId: m.personId, name: m.name, role: m.role })) },
    });
    return after;
  });
}

export interface PmoScopeInput {
  version: number;
  orgUnitIds: string[];
}

/** Replaces the org units the PMO governs; the PMO's version moves on. */
export async function setPmoScope(db: Db, actor: Actor, id: string, input: PmoScopeInput): Promise<PmoDetailView> {
  const duplicate = firstDuplicateIndex(input.orgUnitIds);
  if (duplicate >= 0) throw invalid(`orgUnitIds.${duplicate}`, 'is listed twice');
  return transactOrg(db, 'pmo', async ({ tx }) => {
    const before = await repo.findPmo(tx, id);
    if (!before) throw notFound('pmo', id);
    await assertCanEditPmo(tx, actor, before);
    if (before.version !== input.version) throw versionConflict('pmo', id, input.version);
    const known = await existingIds(tx, orgUnits, input.orgUnitIds);
    const unknown = input.orgUnitIds.findIndex((unitId) => !known.has(unitId));
    if (unknown >= 0) throw invalid(`orgUnitIds.${unknown}`, 'does not exist');
    const oldScope = await repo.scopeOf(tx, id);
    const row = await repo.updatePmo(tx, id, input.version);
    if (!row) throw versionConflict('pmo', id, input.version);
    await repo.replaceScope(tx, id, input.orgUnitIds);
    const after = await getPmo(tx, actor, id);
    await recordAudit(tx, actor, {
      entityType: 'pmo',
      entityId: id,
      action: 'pmo.scope_changed',
      before: { version: before.version, scope: oldScope },
      after: { version: row.version, scope: after.scope },
    });
    return after;
  });
}

// ---- delegation thresholds ----

export async function listThresholds(db: Db, pmoId: string): Promise<ThresholdView[]> {
  if (!(await repo.findPmo(db, pmoId))) throw notFound('pmo', pmoId);
  return (await repo.thresholdsOf(db, pmoId)).map(thresholdView);
}

export interface CreateThresholdInput {
  subject: DelegationSubject;
  measure: DelegationMeasure;
  upTo: number;
  approver: repo.ThresholdRow['approver'];
}

function checkThreshold(t: CreateThresholdInput) {
  const problem = thresholdProblem(t.subject, t.measure, t.upTo);
  if (problem) throw invalid(problem.field, problem.message);
}

/** Two bands of one subject and measure ending at the same limit would make routing ambiguous. */
async function assertBandIsNew(
  tx: Tx,
  pmoId: string,
  band: { subject: string; measure: string; upTo: number },
  exceptId: string | null,
): Promise<void> {
  const clash = (await repo.thresholdsOf(tx, pmoId)).find(
    (t) => t.id !== exceptId && t.subject === band.subject && t.measure === band.measure && Number(t.upTo) === band.upTo,
  );
  if (clash) {
    throw new AppError('ALREADY_EXISTS', `this PMO already has a ${band.subject} band up to ${band.upTo} (${band.measure})`, {
      issues: [{ field: 'upTo', message: 'a band of this subject and measure already ends here' }],
    });
  }
}

export async function createThreshold(db: Db, actor: Actor, pmoId: string, input: CreateThresholdInput): Promise<ThresholdView> {
  checkThreshold(input);
  return transactOrg(db, 'delegation threshold', async ({ tx }) => {
    const pmo = await repo.findPmo(tx, pmoId);
    if (!pmo) throw notFound('pmo', pmoId);
    await assertCanEditPmo(tx, actor, pmo);
    await assertBandIsNew(tx, pmoId, input, null);
    const row = await repo.insertThreshold(tx, { pmoId, ...input, upTo: String(input.upTo) });
    const view = thresholdView(row);
    await recordAudit(tx, actor, {
      entityType: 'delegation_threshold',
      entityId: row.id,
      action: 'delegation_threshold.created',
      after: view,
    });
    return view;
  });
}

export interface UpdateThresholdInput extends Partial<CreateThresholdInput> {
  version: number;
}

export async function updateThreshold(
  db: Db,
  actor: Actor,
  pmoId: string,
  thresholdId: string,
  input: UpdateThresholdInput,
): Promise<ThresholdView> {
  return transactOrg(db, 'delegation threshold', async ({ tx }) => {
    const pmo = await repo.findPmo(tx, pmoId);
    const before = pmo ? await repo.findThreshold(tx, pmoId, thresholdId) : undefined;
    if (!pmo || !before) throw notFound('delegation threshold', thresholdId);
    await assertCanEditPmo(tx, actor, pmo);
    if (before.version !== input.version) throw versionConflict('delegation threshold', thresholdId, input.version);
    const merged = {
      subject: input.subject ?? before.subject,
      measure: input.measure ?? before.measure,
      upTo: input.upTo ?? toNumber(before.upTo),
      approver: input.approver ?? before.approver,
    };
    checkThreshold(merged);
    await assertBandIsNew(tx, pmoId, merged, thresholdId);
    const row = await repo.updateThreshold(tx, thresholdId, input.version, { ...merged, upTo: String(merged.upTo) });
    if (!row) throw versionConflict('delegation threshold', thresholdId, input.version);
    const after = thresholdView(row);
    await recordAudit(tx, actor, {
      entityType: 'delegation_threshold',
      entityId: thresholdId,
      action: 'delegation_threshold.updated',
      before: thresholdView(before),
      after,
    });
    return after;
  });
}

export async function deleteThreshold(db: Db, actor: Actor, pmoId: string, thresholdId: string, version?: number): Promise<void> {
  await transactOrg(db, 'delegation threshold', async ({ tx }) => {
    const pmo = await repo.findPmo(tx, pmoId);
    const before = pmo ? await repo.findThreshold(tx, pmoId, thresholdId) : undefined;
    if (!pmo || !before) throw notFound('delegation threshold', thresholdId);
    await assertCanEditPmo(tx, actor, pmo);
    if (version !== undefined && before.version !== version) throw versionConflict('delegation threshold', thresholdId, version);
    await repo.deleteThreshold(tx, thresholdId);
    await recordAudit(tx, actor, {
      entityType: 'delegation_threshold',
      entityId: thresholdId,
      action: 'delegation_threshold.deleted',
      before: thresholdView(before),
    });
  });
}
