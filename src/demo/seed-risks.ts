/**
 * The demo's risk and issue registers: a dozen risks on every open project, drawn from a
 * catalogue of the risks PMOs meet and spread over the project's matrix (a few at or above its
 * escalation score, so that the PMO has something to escalate), each with an owner, a response,
 * an action and three-point impacts, and a reassessment on some; one risk per project that
 * occurred and is an issue now, and an issue or two raised directly; the escalated risks in their
 * PMO's queue, some with the PMO's guidance and one reported back on. Seeded: the same on every
 * start.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../kernel/actor.ts';
import type { Tx } from '../kernel/db.ts';
import { addDays } from '../kernel/dates.ts';
import {
  escalations,
  issues,
  pmoMembers,
  type projects,
  riskActions,
  riskAssessments,
  risks,
  standardVersions,
} from '../kernel/schema.ts';
import { type AuditInput, recordAuditBatch } from '../modules/audit/index.ts';
import { scoreRisk } from '../modules/raid/index.ts';
import type { StandardDefinition } from '../modules/standards/index.ts';
import { seededRandom } from './seed-random.ts';

type ProjectRow = typeof projects.$inferSelect;

interface RiskTemplate {
  title: string;
  category: string;
  cause: string;
  effect: string;
  response: 'avoid' | 'mitigate' | 'transfer' | 'accept' | 'escalate';
  action: string;
}

const CATALOGUE: RiskTemplate[] = [
  {
    title: 'Key supplier delivers late',
    category: 'supplier',
    cause: 'The supplier is stretched over several customers',
    effect: 'Integration testing starts late',
    response: 'mitigate',
    action: 'Agree weekly delivery checkpoints with the supplier',
  },
  {
    title: 'Lead architect leaves the project',
    category: 'people',
    cause: 'High demand for architects in the market',
    effect: 'Design decisions stall',
    response: 'mitigate',
    action: 'Pair a second architect on every design decision',
  },
  {
    title: 'Requirements keep changing',
    category: 'scope',
    cause: 'The business owner has not signed off the scope',
    effect: 'Rework and a later finish',
    response: 'avoid',
    action: 'Freeze the scope at the design gate',
  },
  {
    title: 'Data migration quality is poor',
    category: 'technical',
    cause: 'Legacy data has never been cleansed',
    effect: 'Go-live slips until the data is fixed',
    response: 'mitigate',
    action: 'Run two trial migrations before go-live',
  },
  {
    title: 'Licence costs rise at renewal',
    category: 'cost',
    cause: 'The vendor changes its price list',
    effect: 'Running costs above the business case',
    response: 'transfer',
    action: 'Negotiate a fixed price for three years',
  },
  {
    title: 'Test environment not ready in time',
    category: 'technical',
    cause: 'Infrastructure team is short of capacity',
    effect: 'Testing squeezed into fewer weeks',
    response: 'mitigate',
    action: 'Book the environment with infrastructure now',
  },
  {
    title: 'Users resist the new process',
    category: 'change',
    cause: 'The change was not explained early enough',
    effect: 'Low adoption after go-live',
    response: 'mitigate',
    action: 'Run change champions sessions per site',
  },
  {
    title: 'Regulator changes the reporting rules',
    category: 'compliance',
    cause: 'A consultation on the rules is open',
    effect: 'Part of the solution must be rebuilt',
    response: 'accept',
    action: 'Follow the consultation and review monthly',
  },
  {
    title: 'Security review finds critical findings',
    category: 'security',
    cause: 'New components have not been pen-tested',
    effect: 'Go-live blocked until they are fixed',
    response: 'mitigate',
    action: 'Schedule the penetration test before user acceptance',
  },
  {
    title: 'Budget cut in the next planning round',
    category: 'cost',
    cause: 'The company is reviewing discretionary spend',
    effect: 'Scope reduced or the project paused',
    response: 'escalate',
    action: 'Brief the sponsor on the benefits at risk',
  },
  {
    title: 'Interfaces to the ERP are more complex than planned',
    category: 'technical',
    cause: 'Undocumented customisations in the ERP',
    effect: 'More build effort and cost',
    response: 'mitigate',
    action: 'Spike the two hardest interfaces first',
  },
  {
    title: 'Key users not available for testing',
    category: 'people',
    cause: 'Testing overlaps with the year-end close',
    effect: 'Acceptance testing slips',
    response: 'avoid',
    action: 'Agree the test window with the business heads',
  },
  {
    title: 'Hardware lead times grow',
    category: 'supplier',
    cause: 'Global shortage of components',
    effect: 'Installation starts late',
    response: 'mitigate',
    action: 'Order the long-lead items at once',
  },
  {
    title: 'Contractor rates rise',
    category: 'cost',
    cause: 'Market rates for the skills went up',
    effect: 'Cost above the budget',
    response: 'accept',
    action: 'Review the rate card each quarter',
  },
  {
    title: 'Site access restricted during works',
    category: 'operations',
    cause: 'Production cannot stop for the installation',
    effect: 'Work only in weekend windows',
    response: 'mitigate',
    action: 'Plan the works in the production shutdowns',
  },
  {
    title: 'Vendor goes out of business',
    category: 'supplier',
    cause: 'The vendor lost its largest customer',
    effect: 'No support for the chosen product',
    response: 'transfer',
    action: 'Put the source code in escrow',
  },
];

/** Probability and impact spread over the matrix: mostly low and medium, a few high, one or two escalated. */
function spread(random: () => number, k: number, size: { p: number; i: number }): { probability: number; impact: number } {
  const pick = (n: number, bias: number) => Math.min(n, Math.max(1, Math.round(1 + random() * (n - 1) * bias)));
  if (k === 0) return { probability: size.p - 1, impact: size.i }; // the project's top risk, escalated on a 5×5
  if (k === 1) return { probability: pick(size.p, 1), impact: pick(size.i, 1) };
  return { probability: pick(size.p, 0.7), impact: pick(size.i, 0.8) };
}

const money = (v: number) => v.toFixed(2);

/** Seeds the registers of the demo's open projects; see the file comment. */
export async function seedRisks(
  tx: Tx,
  ids: { projects: ProjectRow[]; userOfPerson: ReadonlyMap<string, string>; seedDay: string },
  actor: Actor,
): Promise<void> {
  const open = ids.projects.filter((p) => p.state === 'active' || p.state === 'on_hold');
  const versionRows = await tx
    .select({ id: standardVersions.id, definition: standardVersions.definition })
    .from(standardVersions)
    .where(inArray(standardVersions.id, [...new Set(open.map((p) => p.standardVersionId))]));
  const matrixOf = new Map(versionRows.map((v) => [v.id, (v.definition as StandardDefinition).riskMatrix]));
  const audits: AuditInput[] = [];
  const createdAt = new Date(`${addDays(ids.seedDay, -60)}T09:00:00Z`);
  const reassessedAt = new Date(`${addDays(ids.seedDay, -20)}T09:00:00Z`);

  for (const project of open) {
    const random = seededRandom([...project.code].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
    const matrix = matrixOf.get(project.standardVersionId)!;
    const size = { p: matrix.probabilityLabels.length, i: matrix.impactLabels.length };
    const by = project.projectManagerId ? (ids.userOfPerson.get(project.projectManagerId) ?? null) : null;
    const start = Math.floor(random() * CATALOGUE.length);
    const rows = Array.from({ length: 12 }, (_, k) => {
      const template = CATALOGUE[(start + k * 5) % CATALOGUE.length]!;
      const { probability, impact } = spread(random, k, size);
      const scored = scoreRisk(matrix, probability, impact);
      const likely = Math.round((Number(project.budget ?? 500_000) * (0.01 + random() * 0.05)) / 1000) * 1000;
      const delay = 5 + Math.floor(random() * 40);
      const escalated = scored.escalates || template.response === 'escalate';
      return {
        template,
        values: {
          projectId: project.id,
          number: k + 1,
          title: template.title,
          description: null,
          category: template.category,
          cause: template.cause,
          effect: template.effect,
          ownerPersonId: project.projectManagerId,
          probability,
          impact,
          score: scored.score,
          band: scored.band.name,
          response: template.response,
          // The fourth risk occurred and is an issue now (below).
          status: k === 3 ? ('occurred' as const) : ('open' as const),
          escalated,
          escalatedAt: escalated ? reassessedAt : null,
          costImpactMin: money(likely / 2),
          costImpactLikely: money(likely),
          costImpactMax: money(likely * 2.5),
          scheduleImpactMinDays: Math.round(delay / 2),
          scheduleImpactLikelyDays: delay,
          scheduleImpactMaxDays: delay * 3,
          createdBy: by,
          createdAt,
          updatedAt: k % 3 === 0 ? reassessedAt : createdAt,
        },
      };
    });
    const inserted = await tx
      .insert(risks)
      .values(rows.map((r) => r.values))
      .returning();
    const assessments: (typeof riskAssessments.$inferInsert)[] = [];
    for (const [k, row] of inserted.entries()) {
      // Every third risk was first assessed one step lower in impact and reassessed since.
      if (k % 3 === 0 && row.impact > 1) {
        const first = scoreRisk(matrix, row.probability, row.impact - 1);
        assessments.push({
          riskId: row.id,
          probability: row.probability,
          impact: row.impact - 1,
          score: first.score,
          band: first.band.name,
          note: null,
          assessedBy: by,
          assessedAt: createdAt,
        });
        assessments.push({
          riskId: row.id,
          probability: row.probability,
          impact: row.impact,
          score: row.score,
          band: row.band,
          note: 'Reassessed at the monthly risk review',
          assessedBy: by,
          assessedAt: reassessedAt,
        });
      } else {
        assessments.push({
          riskId: row.id,
          probability: row.probability,
          impact: row.impact,
          score: row.score,
          band: row.band,
          note: null,
          assessedBy: by,
          assessedAt: createdAt,
        });
      }
    }
    await tx.insert(riskAssessments).values(assessments);
    await tx.insert(riskActions).values(
      inserted.map((row, k) => ({
        riskId: row.id,
        text: rows[k]!.template.action,
        ownerPersonId: project.projectManagerId,
        dueOn: addDays(ids.seedDay, 7 + k * 3),
        doneOn: null,
        position: 0,
      })),
    );
    const occurred = inserted[3]!;
    const issueRows = await tx
      .insert(issues)
      .values([
        {
          projectId: project.id,
          number: 1,
          title: occurred.title,
          description: occurred.effect,
          severity: 'high' as const,
          ownerPersonId: project.projectManagerId,
          dueOn: addDays(ids.seedDay, 14),
          riskId: occurred.id,
          createdBy: by,
          createdAt: reassessedAt,
          updatedAt: reassessedAt,
        },
        {
          projectId: project.id,
          number: 2,
          title: 'Two team members out sick for three weeks',
          description: 'The build runs at two thirds of its capacity.',
          severity: 'medium' as const,
          ownerPersonId: project.projectManagerId,
          dueOn: addDays(ids.seedDay, 21),
          status: 'resolved' as const,
          resolution: 'Cover arranged from the shared pool',
          createdBy: by,
          createdAt,
          updatedAt: reassessedAt,
        },
      ])
      .returning();
    for (const row of inserted) {
      const { createdAt: _c, updatedAt: _u, ...record } = row;
      audits.push({ entityType: 'risk', entityId: row.id, action: 'risk.created', after: record });
    }
    // Each escalated open risk is in the PMO's queue: the first project's top one with the PMO's
    // guidance, acknowledged by the manager on the second; the others still open.
    const escalated = inserted.filter((r) => r.escalated && r.status === 'open');
    const [lead] = await tx
      .select({ personId: pmoMembers.personId })
      .from(pmoMembers)
      .where(and(eq(pmoMembers.pmoId, project.pmoId), eq(pmoMembers.role, 'lead')));
    const guide = lead ? (ids.userOfPerson.get(lead.personId) ?? null) : null;
    for (const [k, risk] of escalated.entries()) {
      const guided = guide !== null && k === 0 && open.indexOf(project) % 2 === 0;
      const acknowledged = guided && open.indexOf(project) % 4 === 0;
      const raisedAt = risk.escalatedAt ?? reassessedAt;
      const values = {
        projectId: project.id,
        pmoId: project.pmoId,
        riskId: risk.id,
        reason: risk.score >= matrix.escalationScore ? 'score' : 'response',
        summary: `R-${risk.number} ${risk.title}: score ${risk.score} (${risk.band})${risk.score >= matrix.escalationScore ? '' : ', escalated by the project'}`,
        state: acknowledged ? ('acknowledged' as const) : guided ? ('guided' as const) : ('open' as const),
        raisedBy: by,
        raisedAt,
        guidance: guided ? 'Agree a fallback with the sponsor and report the cost of it at the next review.' : null,
        requiredAction: guided ? 'A fallback plan with its cost' : null,
        requiredBy: guided ? addDays(ids.seedDay, acknowledged ? -3 : 10) : null,
        guidedBy: guided ? guide : null,
        guidedAt: guided ? new Date(`${addDays(ids.seedDay, -12)}T10:00:00Z`) : null,
        reportBack: acknowledged ? 'Fallback agreed with the sponsor: a second supplier at 6 % more.' : null,
        acknowledgedBy: acknowledged ? by : null,
        acknowledgedAt: acknowledged ? new Date(`${addDays(ids.seedDay, -4)}T15:00:00Z`) : null,
        createdAt: raisedAt,
        updatedAt: raisedAt,
      };
      const [row] = await tx.insert(escalations).values(values).returning();
      const { createdAt: _c, updatedAt: _u, ...record } = row!;
      audits.push({ entityType: 'escalation', entityId: row!.id, action: 'escalation.raised', after: record });
    }
    for (const row of issueRows) {
      const { createdAt: _c, updatedAt: _u, ...record } = row;
      audits.push({ entityType: 'issue', entityId: row.id, action: 'issue.created', after: record });
    }
  }
  await recordAuditBatch(tx, actor, audits);
}
