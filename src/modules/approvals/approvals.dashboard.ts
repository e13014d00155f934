/**
 * The portfolio's approvals for the dashboard: the open requests waiting at each level of the
 * line and on each approver (with how many are late and the oldest wait), and the average time
 * from raising to the final decision. The projects in view are the project list's (visibility,
 * then the PMO, portfolio or executive filter), so every figure counts what the list would open.
 */
import { sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor.ts';
import { today as todayUtc } from '../../kernel/dates.ts';
import type { Queryable } from '../../kernel/db.ts';
import { toNumber } from '../../kernel/rows.ts';
import { listCondition, projectListFilter } from '../projects/index.ts';
import { LEVEL_NAMES, type StepLevel } from './approvals.routing.ts';
import type { ApprovalsDashboard } from './approvals.schema.ts';

const rowsOf = async <T>(db: Queryable, query: ReturnType<typeof sql>) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;
const round1 = (n: number) => Math.round(n * 10) / 10;

export async function approvalsDashboard(
  db: Queryable,
  actor: Actor,
  filter: { pmoId?: string; portfolioId?: string; executivePositionId?: string },
): Promise<ApprovalsDashboard> {
  const today = todayUtc();
  const condition = listCondition(await projectListFilter(db, actor, filter, today));
  const inView = condition ? sql`SELECT projects.id FROM projects WHERE ${condition}` : sql`SELECT projects.id FROM projects`;
  const open = sql`SELECT s.level, s.approvers, s.due_on, s.activated_at
                     FROM approval_requests r
                     JOIN approval_steps s ON s.request_id = r.id AND s.position = r.current_step
                    WHERE r.state = 'pending' AND s.state = 'active' AND r.project_id IN (${inView})`;
  // One after the other: `db` may be a transaction, one connection.
  const byStep = await rowsOf<{ level: string; waiting: unknown; overdue: unknown }>(
    db,
    sql`SELECT level, count(*) AS waiting, count(*) FILTER (WHERE due_on < ${today}::date) AS overdue
          FROM (${open}) o GROUP BY level`,
  );
  const byApprover = await rowsOf<{ user_id: string; name: string; waiting: unknown; overdue: unknown; oldest_days: unknown }>(
    db,
    sql`SELECT a->>'userId' AS user_id, a->>'name' AS name, count(*) AS waiting,
               count(*) FILTER (WHERE o.due_on < ${today}::date) AS overdue,
               max(extract(epoch FROM (now() - o.activated_at)) / 86400) AS oldest_days
          FROM (${open}) o CROSS JOIN LATERAL jsonb_array_elements(o.approvers) a
         GROUP BY 1, 2 ORDER BY count(*) DESC, 2 LIMIT 20`,
  );
  const [decided] = await rowsOf<{ decided: unknown; average_days: unknown }>(
    db,
    sql`SELECT count(*) AS decided, avg(extract(epoch FROM (decided_at - created_at)) / 86400) AS average_days
          FROM approval_requests
         WHERE state IN ('approved', 'rejected') AND decided_at > now() - interval '180 days'
           AND project_id IN (${inView})`,
  );
  const order = ['resource_manager', 'pmo_analyst', 'pmo_lead', 'reporting_executive', 'ceo'];
  return {
    waitingByStep: byStep
      .map((r) => ({
        level: r.level,
        levelName: LEVEL_NAMES[r.level as StepLevel] ?? r.level,
        waiting: toNumber(r.waiting),
        overdue: toNumber(r.overdue),
      }))
      .sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level)),
    waitingByApprover: byApprover.map((r) => ({
      userId: r.user_id,
      name: r.name,
      waiting: toNumber(r.waiting),
      overdue: toNumber(r.overdue),
      oldestDays: round1(toNumber(r.oldest_days)),
    })),
    averageDecisionDays: decided && toNumber(decided.decided) > 0 ? round1(toNumber(decided.average_days)) : null,
    decided: toNumber(decided?.decided ?? 0),
  };
}
