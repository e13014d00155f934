/**
 * Strategic drivers (AHP) per PMO, and the ratings of requests against them that give a
 * request its priority score.
 *
 * Score = 100 × Σ_d weight_d × value(rating_d), with value none 0, low 0.25, moderate 0.5,
 * strong 0.75, extreme 1: a request rated extreme on every driver scores 100, none on all 0.
 * A score may be used for a decision only when the PMO's driver set exists, is consistent
 * (CR < 0.10), and the request is rated against every current driver.
 */
import { type Actor, isSystem } from '../../kernel/actor.ts';
import type { Db, Queryable, Tx } from '../../kernel/db.ts';
import { AppError, invalid, notFound, versionConflict, validationFailed } from '../../kernel/errors.ts';
import { transact } from '../../kernel/usecase.ts';
import { recordAudit } from '../audit/index.ts';
import { canEditPmo, governedPmoIds } from '../org/index.ts';
import { CONSISTENCY_THRESHOLD, type AhpEvaluation, evaluateComparisons, validateComparisonMatrix } from './intake.ahp.ts';
import type { DriverRating } from './intake.drivers.schema.ts';
import * as repo from './intake.drivers.repo.ts';
import { canSeeRequest } from './intake.policy.ts';

/** What each rating is worth in the score (documented in the API as well). */
export const RATING_VALUE: Record<DriverRating, number> = { none: 0, low: 0.25, moderate: 0.5, strong: 0.75, extreme: 1 };

/** States in which a request may be rated: once submitted and until it is decided. */
export const RATABLE_STATES = ['submitted', 'in_review', 'info_requested'] as const;

export interface AhpView extends Omit<AhpEvaluation, 'weights'> {
  drivers: string[];
  matrix: number[][];
  weights: number[];
}

export interface DriverSetView extends AhpView {
  pmoId: string;
  version: number;
  updatedAt: string | null;
  canEdit: boolean;
}

/** Checks and evaluates a comparison matrix; an invalid one is a 422 naming `matrix.i.j`. */
export function evaluateDriverComparisons(input: { drivers: string[]; matrix: number[][] }): AhpView {
  const issues = validateComparisonMatrix(input.drivers, input.matrix);
  if (issues.length) throw validationFailed(issues);
  return { drivers: input.drivers, matrix: input.matrix, ...evaluateComparisons(input.drivers, input.matrix) };
}

function setView(pmoId: string, row: repo.DriverSetRow | undefined, canEdit: boolean): DriverSetView {
  if (!row) {
    return {
      pmoId,
      drivers: [],
      matrix: [],
      weights: [],
      lambdaMax: 0,
      ci: 0,
      cr: 0,
      consistent: false,
      disagreements: [],
      offScale: [],
      version: 0,
      updatedAt: null,
      canEdit,
    };
  }
  const drivers = row.drivers as string[];
  const matrix = row.matrix as number[][];
  // Disagreements and off-scale entries are derived: recompute rather than store them.
  const derived = evaluateComparisons(drivers, matrix);
  return {
    pmoId,
    drivers,
    matrix,
    weights: row.weights as number[],
    lambdaMax: row.lambdaMax,
    ci: row.ci,
    cr: row.cr,
    consistent: row.consistent,
    disagreements: derived.disagreements,
    offScale: derived.offScale,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    canEdit,
  };
}

async function requirePmo(db: Queryable, pmoId: string) {
  const pmo = await repo.findPmo(db, pmoId);
  if (!pmo) throw notFound('PMO', pmoId);
  return pmo;
}

/** A PMO's current driver comparisons; version 0 and empty lists when it has none yet. */
export async function getDriverComparisons(db: Queryable, actor: Actor, pmoId: string): Promise<DriverSetView> {
  await requirePmo(db, pmoId);
  return setView(pmoId, await repo.findDriverSet(db, pmoId), await canEditPmo(db, actor, pmoId));
}

export interface DriverComparisonsInput {
  drivers: string[];
  matrix: number[][];
  version?: number;
}

/** What the audit trail keeps of a set. */
function auditShape(view: DriverSetView) {
  const { drivers, matrix, weights, lambdaMax, ci, cr, consistent, version } = view;
  return { drivers, matrix, weights, lambdaMax, ci, cr, consistent, version };
}

/**
 * Saves a PMO's driver comparisons in the caller's transaction (a lead governing the PMO).
 * An inconsistent set (CR ≥ 0.10) is saved too, marked `consistent: false`.
 */
export async function saveDriverComparisonsInTx(
  tx: Tx,
  actor: Actor,
  pmoId: string,
  input: DriverComparisonsInput,
): Promise<DriverSetView> {
  const pmo = await requirePmo(tx, pmoId);
  if (!(await canEditPmo(tx, actor, pmoId))) {
    throw new AppError('FORBIDDEN', `only a lead of PMO ${pmo.code} (or of a PMO above it) may set its drivers`, {
      pmoId,
    });
  }
  const evaluation = evaluateDriverComparisons(input);
  const before = await repo.lockDriverSet(tx, pmoId);
  if (input.version !== undefined && input.version !== (before?.version ?? 0)) {
    throw versionConflict('driver comparisons of PMO', pmo.code, input.version);
  }
  const values: repo.DriverSetValues = {
    pmoId,
    drivers: evaluation.drivers,
    matrix: evaluation.matrix,
    weights: evaluation.weights,
    lambdaMax: evaluation.lambdaMax,
    ci: evaluation.ci,
    cr: evaluation.cr,
    consistent: evaluation.consistent,
  };
  const row = before ? await repo.updateDriverSet(tx, pmoId, before.version, values) : await repo.insertDriverSet(tx, values);
  if (!row) throw versionConflict('driver comparisons of PMO', pmo.code, before!.version);
  const after = setView(pmoId, row, true);
  await recordAudit(tx, actor, {
    entityType: 'pmo',
    entityId: pmoId,
    action: 'pmo.drivers_compared',
    before: before ? auditShape(setView(pmoId, before, true)) : null,
    after: auditShape(after),
  });
  return after;
}

/** Saves a PMO's driver comparisons: one use case, one transaction. */
export async function saveDriverComparisons(
  db: Db,
  actor: Actor,
  pmoId: string,
  input: DriverComparisonsInput,
): Promise<DriverSetView> {
  return transact(db, ({ tx }) => saveDriverComparisonsInTx(tx, actor, pmoId, input));
}

// ---------------------------------------------------------------------------------------------
// Ratings and the score

export interface RatingView {
  driver: string;
  weight: number | null;
  rating: DriverRating | null;
  value: number | null;
  ratedBy: { userId: string; name: string } | null;
  ratedAt: string | null;
}

export interface RequestScore {
  requestId: string;
  pmoId: string | null;
  ratings: RatingView[];
  /** null while the PMO has no drivers or some driver is unrated. */
  score: number | null;
  scoreUsable: boolean;
  /** Why the score may not be used, when it may not. */
  reason: string | null;
  driverSetVersion: number;
}

interface ScoreInput {
  drivers: readonly string[];
  weights: readonly number[];
  consistent: boolean;
  cr: number;
  ratings: ReadonlyMap<string, DriverRating>;
}

const crText = (cr: number) => cr.toFixed(2);

/**
 * The score of one request from its PMO's driver set and its ratings; pure.
 *
 * @example scoreFromRatings({ drivers: ['A','B'], weights: [0.75, 0.25], consistent: true, cr: 0,
 *   ratings: new Map([['A','extreme'], ['B','none']]) }).score // 75
 */
export function scoreFromRatings(input: ScoreInput | null): { score: number | null; usable: boolean; reason: string | null } {
  if (!input || input.drivers.length === 0) {
    return { score: null, usable: false, reason: 'the PMO has no driver comparisons yet' };
  }
  const unrated = input.drivers.filter((d) => !input.ratings.has(d));
  const score = unrated.length
    ? null
    : 100 * input.drivers.reduce((sum, d, i) => sum + input.weights[i]! * RATING_VALUE[input.ratings.get(d)!], 0);
  if (!input.consistent) {
    return {
      score,
      usable: false,
      reason: `the driver comparisons of this PMO are inconsistent (CR ${crText(input.cr)} ≥ ${crText(CONSISTENCY_THRESHOLD)}): the PMO lead must revise them before a score can be used`,
    };
  }
  if (unrated.length) {
    return { score: null, usable: false, reason: `not yet rated against: ${unrated.join(', ')}` };
  }
  return { score, usable: true, reason: null };
}

function scoreOf(
  request: { id: string; pmoId: string | null },
  set: repo.DriverSetRow | undefined,
  ratings: repo.RatingJoined[],
): RequestScore {
  const drivers = (set?.drivers as string[] | undefined) ?? [];
  const weights = (set?.weights as number[] | undefined) ?? [];
  const byDriver = new Map(ratings.filter((r) => r.requestId === request.id).map((r) => [r.driver, r]));
  const result = scoreFromRatings(
    set
      ? {
          drivers,
          weights,
          consistent: set.consistent,
          cr: set.cr,
          ratings: new Map([...byDriver].map(([d, r]) => [d, r.rating])),
        }
      : null,
  );
  const view = (driver: string, weight: number | null): RatingView => {
    const r = byDriver.get(driver);
    return {
      driver,
      weight,
      rating: r?.rating ?? null,
      value: r ? RATING_VALUE[r.rating] : null,
      ratedBy: r ? { userId: r.ratedBy, name: r.ratedByName } : null,
      ratedAt: r ? r.ratedAt.toISOString() : null,
    };
  };
  // Ratings against drivers since removed are kept, listed after the current ones, weightless.
  const stale = [...byDriver.keys()].filter((d) => !drivers.includes(d)).map((d) => view(d, null));
  return {
    requestId: request.id,
    pmoId: request.pmoId,
    ratings: [...drivers.map((d, i) => view(d, weights[i]!)), ...stale],
    score: result.score,
    scoreUsable: result.usable,
    reason: result.reason,
    driverSetVersion: set?.version ?? 0,
  };
}

/** Scores for many requests of one PMO with two queries (for the review queue). */
export async function scoresOfPmoRequests(
  db: Queryable,
  pmoId: string,
  requestIds: string[],
): Promise<Map<string, RequestScore>> {
  const set = await repo.findDriverSet(db, pmoId);
  const ratings = await repo.listRatings(db, requestIds);
  return new Map(requestIds.map((id) => [id, scoreOf({ id, pmoId }, set, ratings)]));
}

/** A request's ratings and score (no access check: for other use cases, e.g. the decision). */
export async function requestScore(db: Queryable, requestId: string): Promise<RequestScore> {
  const request = await repo.findRequestForRating(db, requestId);
  if (!request) throw notFound('request', requestId);
  const set = request.pmoId ? await repo.findDriverSet(db, request.pmoId) : undefined;
  return scoreOf(request, set, await repo.listRatings(db, [requestId]));
}

/**
 * Refuses, with 409 INVALID_STATE, a decision on a request whose score may not be used:
 * the PMO's driver set is missing or inconsistent, or some driver is unrated. Returns the score.
 */
export async function assertScoreUsable(db: Queryable, requestId: string): Promise<RequestScore & { score: number }> {
  const result = await requestScore(db, requestId);
  if (!result.scoreUsable || result.score === null) {
    throw new AppError('INVALID_STATE', result.reason ?? 'the request has no usable score', {
      requestId,
      score: result.score,
      driverSetVersion: result.driverSetVersion,
    });
  }
  return result as RequestScore & { score: number };
}

/** A request's ratings and score, for whoever may see the request. */
export async function getRequestRatings(db: Queryable, actor: Actor, requestId: string): Promise<RequestScore> {
  if (!(await canSeeRequest(db, actor, requestId))) throw notFound('request', requestId);
  return requestScore(db, requestId);
}

export interface RateRequestInput {
  ratings: { driver: string; rating: DriverRating }[];
}

/**
 * Rates a request against some or all of its PMO's current drivers, in the caller's
 * transaction; the drivers not named keep their ratings. Only a member of the target PMO (or
 * of a PMO above it), never the requester, and only while the request is submitted,
 * in review or waiting for information.
 */
export async function rateRequestInTx(tx: Tx, actor: Actor, requestId: string, input: RateRequestInput): Promise<RequestScore> {
  if (!(await canSeeRequest(tx, actor, requestId))) throw notFound('request', requestId);
  const request = await repo.findRequestForRating(tx, requestId);
  if (!request) throw notFound('request', requestId);
  if (actor.userId !== null && actor.userId === request.requesterUserId) {
    throw new AppError('SELF_APPROVAL', `you raised ${request.code}: somebody else must rate it`, { requestId });
  }
  const member = isSystem(actor) || (request.pmoId !== null && (await governedPmoIds(tx, actor)).includes(request.pmoId));
  if (!member) {
    throw new AppError('FORBIDDEN', `only a member of the PMO ${request.code} was submitted to may rate it`, { requestId });
  }
  if (!(RATABLE_STATES as readonly string[]).includes(request.state)) {
    throw new AppError(
      'INVALID_STATE',
      `${request.code} is ${request.state}: only a submitted request, in review or waiting for information, can be rated`,
      {
        state: request.state,
      },
    );
  }
  if (!actor.userId) throw new AppError('FORBIDDEN', 'ratings are given by a signed-in user');
  const set = request.pmoId ? await repo.findDriverSet(tx, request.pmoId) : undefined;
  const drivers = (set?.drivers as string[] | undefined) ?? [];
  input.ratings.forEach((r, i) => {
    if (!drivers.includes(r.driver)) {
      throw invalid(
        `ratings.${i}.driver`,
        drivers.length
          ? `is not one of the PMO's current drivers: ${drivers.join(', ')}`
          : 'the PMO has no strategic drivers yet: its lead must compare them first',
      );
    }
  });
  const beforeRows = await repo.listRatings(tx, [requestId]);
  const named = new Set(input.ratings.map((r) => r.driver));
  const ratedAt = new Date();
  await repo.upsertRatings(
    tx,
    input.ratings.map((r) => ({ requestId, driver: r.driver, rating: r.rating, ratedBy: actor.userId!, ratedAt })),
  );
  const after = await requestScore(tx, requestId);
  await recordAudit(tx, actor, {
    entityType: 'request',
    entityId: requestId,
    action: 'request.rated',
    before: {
      ratings: beforeRows.filter((r) => named.has(r.driver)).map((r) => ({ driver: r.driver, rating: r.rating })),
    },
    after: {
      ratings: input.ratings,
      score: after.score,
      scoreUsable: after.scoreUsable,
      driverSetVersion: after.driverSetVersion,
    },
  });
  return after;
}

/** Rates a request: one use case, one transaction. */
export async function rateRequest(db: Db, actor: Actor, requestId: string, input: RateRequestInput): Promise<RequestScore> {
  return transact(db, ({ tx }) => rateRequestInTx(tx, actor, requestId, input));
}
