/**
 * The reporting line and the delegation thresholds that govern a PMO's projects, read from the
 * organisation: the nearest PMO up the chain that has analysts (leads) gives the analysts (leads);
 * the holder of the position the PMO reports to is its reporting executive, and the holder of the
 * top of that position's line is the CEO; the thresholds of a subject are the nearest PMO's that
 * holds any for it. `routeForProject` hands them, with who may not approve, to `routeApproval`.
 */
import type { Queryable } from '../../kernel/db.ts';
import { notFound } from '../../kernel/errors.ts';
import type { DelegationMeasure, DelegationSubject } from '../org/index.ts';
import { activeUsersOfPeople } from '../auth/index.ts';
import { reportingLineOf } from '../org/index.ts';
import * as repo from './approvals.repo.ts';
import {
  type Approver,
  type ReportingLine,
  type Routing,
  type RoutingInput,
  type Threshold,
  routeApproval,
} from './approvals.routing.ts';

/** The nearest PMO's entries, for rows that belong to PMOs of the chain. */
function nearest<T extends { pmoId: string }>(chain: readonly string[], rows: readonly T[]): T[] {
  for (const pmoId of chain) {
    const own = rows.filter((r) => r.pmoId === pmoId);
    if (own.length > 0) return own;
  }
  return [];
}

const approver = ({ userId, personId, name }: Approver): Approver => ({ userId, personId, name });

/** Who holds each level of the line for the PMO's projects. */
export async function lineOfPmo(db: Queryable, pmoId: string): Promise<ReportingLine> {
  const chain = await repo.pmoChain(db, pmoId);
  if (chain.length === 0) throw notFound('pmo', pmoId);
  // One after the other: `db` may be a transaction, one connection.
  const analysts = nearest(chain, await repo.pmoMemberApprovers(db, chain, 'analyst')).map(approver);
  const leads = nearest(chain, await repo.pmoMemberApprovers(db, chain, 'lead')).map(approver);
  const positions = await reportingLineOf(db, pmoId);
  const holder = (personId: string | null | undefined) => activeUsersOfPeople(db, [personId]);
  return {
    pmo_analyst: analysts,
    pmo_lead: leads,
    reporting_executive: await holder(positions[0]?.holderPersonId),
    ceo: await holder(positions.at(-1)?.holderPersonId),
  };
}

/** The thresholds of the subject that govern the PMO's projects: its own, or the nearest parent's. */
export async function thresholdsForPmo(db: Queryable, pmoId: string, subject: DelegationSubject): Promise<Threshold[]> {
  const chain = await repo.pmoChain(db, pmoId);
  return nearest(chain, await repo.thresholdsOf(db, chain, subject)).map(({ measure, upTo, approver }) => ({
    measure,
    upTo,
    approver,
  }));
}

export interface ProjectChange {
  /** The subject whose thresholds route it; several for a change read in several (a re-baseline that costs more). */
  subject: DelegationSubject | readonly DelegationSubject[];
  size: Partial<Record<DelegationMeasure, number>>;
  /** The user asking. */
  requesterUserId: string;
  /** A headcount request: the resource managers, who own the pool of people, confirm first. */
  needsResourceManager?: boolean;
  /** Approvals needed per level when more than one. */
  quorum?: RoutingInput['quorum'];
}

/**
 * The route of a change on a project: its PMO's thresholds and line, with the requester and the
 * project's manager kept off every step.
 * @example await routeForProject(db, projectId, { subject: 'budget_increase', size: { percent_of_bac: 15 }, requesterUserId })
 */
export async function routeForProject(db: Queryable, projectId: string, change: ProjectChange): Promise<Routing> {
  const project = await repo.projectForRouting(db, projectId);
  if (!project) throw notFound('project', projectId);
  const subjects: readonly DelegationSubject[] = typeof change.subject === 'string' ? [change.subject] : change.subject;
  const thresholds: Threshold[] = [];
  for (const subject of subjects) thresholds.push(...(await thresholdsForPmo(db, project.pmoId, subject)));
  const line = await lineOfPmo(db, project.pmoId);
  const managers = await activeUsersOfPeople(db, [project.projectManagerId]);
  const resourceManagers = change.needsResourceManager ? await repo.resourceManagerApprovers(db) : undefined;
  return routeApproval({
    subject: subjects[0]!,
    size: change.size,
    thresholds,
    line,
    excluded: new Set([change.requesterUserId, ...managers.map((m) => m.userId)]),
    resourceManagers,
    quorum: change.quorum,
  });
}
