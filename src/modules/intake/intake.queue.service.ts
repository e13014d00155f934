/**
 * The PMO's review queue: the requests submitted to it and in review, ranked by priority score
 * (usable scores first, highest first), with cost, benefit, the skills they need and the
 * capacity left for those skills in the months wanted.
 */
import { type Actor, isSystem } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { governedPmoIds } from '../org/index.ts';
import * as repo from './intake.drivers.repo.ts';
import { type RequestScore, scoresOfPmoRequests } from './intake.drivers.service.ts';
import { capacityLeftTable } from './intake.queue.capacity.ts';

/** FTE are kept to hundredths; a shortfall smaller than that is rounding. */
const FTE_EPSILON = 0.005;

export interface QueueSkill {
  skillId: string;
  name: string;
  months: { month: string; fte: number; capacityLeftFte: number }[];
}

export interface ReviewQueueItem {
  id: string;
  code: string;
  title: string;
  state: 'submitted' | 'in_review';
  notYetInReview: boolean;
  requester: { userId: string; name: string };
  projectType: { id: string; code: string; name: string } | null;
  wantedStart: string | null;
  durationMonths: number | null;
  submittedAt: string | null;
  totalCost: number;
  totalBenefit: number;
  benefitCostRatio: number | null;
  score: number | null;
  scoreUsable: boolean;
  scoreReason: string | null;
  rank: number;
  skills: QueueSkill[];
  capacityShortfall: boolean;
}

export interface ReviewQueue {
  pmoId: string;
  driverSet: { version: number; consistent: boolean; cr: number | null };
  items: ReviewQueueItem[];
}

type CostLine = { month: string; amount: number };
type Benefit = { description: string; amount: number | null };
type SkillDemand = { skillId: string; month: string; fte: number };

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
/** Money to cents, so sums of decimals do not show binary noise. */
const money = (value: number) => Math.round(value * 100) / 100;

/**
 * Ranks queue entries: usable scores first, by score descending; then unusable ones, by their
 * score when they have one (null last); ties by submission time, then code.
 */
export function compareForQueue(
  a: { scoreUsable: boolean; score: number | null; submittedAt: string | null; code: string },
  b: { scoreUsable: boolean; score: number | null; submittedAt: string | null; code: string },
): number {
  if (a.scoreUsable !== b.scoreUsable) return a.scoreUsable ? -1 : 1;
  const sa = a.score ?? Number.NEGATIVE_INFINITY;
  const sb = b.score ?? Number.NEGATIVE_INFINITY;
  if (sa !== sb) return sb - sa;
  const ta = a.submittedAt ?? '';
  const tb = b.submittedAt ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** Who may see a PMO's queue: a member of it (or of a PMO above it). */
async function assertMayReview(db: Queryable, actor: Actor, pmo: { id: string; code: string }): Promise<void> {
  if (isSystem(actor)) return;
  if (!(await governedPmoIds(db, actor)).includes(pmo.id)) {
    throw new AppError('FORBIDDEN', `only a member of PMO ${pmo.code} (or of a PMO above it) may see its review queue`, {
      pmoId: pmo.id,
    });
  }
}

/** The review queue of a PMO. */
export async function reviewQueue(db: Queryable, actor: Actor, pmoId: string): Promise<ReviewQueue> {
  const pmo = await repo.findPmo(db, pmoId);
  if (!pmo) throw notFound('PMO', pmoId);
  await assertMayReview(db, actor, pmo);
  const rows = await repo.listQueueRequests(db, pmoId);
  const set = await repo.findDriverSet(db, pmoId);
  const scores = await scoresOfPmoRequests(
    db,
    pmoId,
    rows.map((r) => r.id),
  );
  const demands = new Map(rows.map((r) => [r.id, (r.skillDemand as SkillDemand[]) ?? []]));
  const allDemand = [...demands.values()].flat();
  const skillIds = [...new Set(allDemand.map((d) => d.skillId))];
  const months = [...new Set(allDemand.map((d) => d.month))].sort();
  const names = await repo.skillNames(db, skillIds);
  const left = await capacityLeftTable(db, skillIds, months);

  const items = rows.map((row) => {
    const score = scores.get(row.id) as RequestScore;
    const totalCost = money(sum(((row.costEstimate as CostLine[]) ?? []).map((l) => Number(l.amount) || 0)));
    const totalBenefit = money(
      sum(((row.benefits as Benefit[]) ?? []).map((b) => (b.amount === null ? 0 : Number(b.amount) || 0))),
    );
    const skills = skillsOf(demands.get(row.id)!, names, (skillId, month) => left.get(skillId)?.get(month) ?? 0);
    return {
      id: row.id,
      code: row.code,
      title: row.title,
      state: row.state as 'submitted' | 'in_review',
      notYetInReview: row.state === 'submitted',
      requester: { userId: row.requesterUserId, name: row.requesterName },
      projectType:
        row.projectTypeId && row.projectTypeCode && row.projectTypeName
          ? { id: row.projectTypeId, code: row.projectTypeCode, name: row.projectTypeName }
          : null,
      wantedStart: row.wantedStart,
      durationMonths: row.durationMonths,
      submittedAt: row.submittedAt ? row.submittedAt.toISOString() : null,
      totalCost,
      totalBenefit,
      benefitCostRatio: totalCost > 0 ? Math.round((totalBenefit / totalCost) * 1000) / 1000 : null,
      // Exact, as on the request's ratings: clients round it once, where they show it.
      score: score.score,
      scoreUsable: score.scoreUsable,
      scoreReason: score.reason,
      rank: 0,
      skills,
      capacityShortfall: skills.some((s) => s.months.some((m) => m.fte > m.capacityLeftFte + FTE_EPSILON)),
    } satisfies ReviewQueueItem;
  });
  items.sort(compareForQueue);
  items.forEach((item, i) => {
    item.rank = i + 1;
  });
  return {
    pmoId,
    driverSet: { version: set?.version ?? 0, consistent: set?.consistent ?? false, cr: set?.cr ?? null },
    items,
  };
}

/** A request's skill demand grouped by skill, months in order, with the capacity left beside each. */
function skillsOf(
  demand: SkillDemand[],
  names: Map<string, string>,
  capacityLeftFte: (skillId: string, month: string) => number,
): QueueSkill[] {
  const bySkill = new Map<string, Map<string, number>>();
  for (const d of demand) {
    const months = bySkill.get(d.skillId) ?? new Map<string, number>();
    months.set(d.month, (months.get(d.month) ?? 0) + Number(d.fte));
    bySkill.set(d.skillId, months);
  }
  return [...bySkill]
    .map(([skillId, months]) => ({
      skillId,
      name: names.get(skillId) ?? 'unknown skill',
      months: [...months]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([month, fte]) => ({ month, fte, capacityLeftFte: capacityLeftFte(skillId, month) })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
