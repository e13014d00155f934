/**
 * The demo's resource plan, for 2026–2027 as written and moved to the seed day by the demo's
 * calendar (demo-calendar.ts): a few absences, the team members (and project managers)
 * of every active project allocated to it month by month, some demand for skills with no person
 * named yet, and two people booked beyond their capacity with an agreed-overtime override.
 *
 * The plan is computed, not listed: each allocation is fitted into the person's capacity left
 * (with the same pure functions the allocation checks use), so the seed never over-allocates
 * anyone by accident; only the two overtime allocations go over, and carry their reason.
 * Deterministic: a fixed PRNG seed and the demo tables' order.
 */
import { type Actor, systemActor } from '../kernel/actor.ts';
import type { Tx } from '../kernel/db.ts';
import { absences, allocations } from '../kernel/schema.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { type Month, allocatedCenti, monthCapacity, monthOf, monthRange, monthStart } from '../modules/resources/index.ts';
import { type DemoCalendar, DEMO_WRITTEN_ON, demoCalendar } from './demo-calendar.ts';
import { PEOPLE, PROJECTS } from './demo-data.ts';

export interface ResourceSeedIds {
  /** Person ids by the demo's person key (demo-data.ts PEOPLE). */
  personIds: ReadonlyMap<string, string>;
  /** Skill ids by name. */
  skillIds: ReadonlyMap<string, string>;
  /** Project ids by code. */
  projectIds: ReadonlyMap<string, string>;
  /** Moves the plan to the seed day; as written (DEMO_WRITTEN_ON) when left out. */
  calendar?: DemoCalendar;
}

/** The months the demo plans, as written (the calendar moves them). */
const PLAN_FROM: Month = '2026-01';
const PLAN_TO: Month = '2027-12';

export const OVERTIME_REASON = 'Seeded demo data: agreed overtime';

const ABSENCES: { person: string; startsOn: string; endsOn: string; reason: string }[] = [
  { person: 'pm', startsOn: '2026-08-03', endsOn: '2026-08-21', reason: 'Annual leave' },
  { person: 'mei', startsOn: '2026-12-21', endsOn: '2027-01-08', reason: 'Annual leave' },
  { person: 'laura', startsOn: '2026-05-11', endsOn: '2026-05-15', reason: 'Training: accessibility certification' },
  { person: 'stefan', startsOn: '2026-10-05', endsOn: '2026-10-16', reason: 'Parental leave' },
  { person: 'zoe', startsOn: '2027-02-01', endsOn: '2027-02-26', reason: 'Sabbatical' },
  { person: 'ahmed', startsOn: '2026-04-06', endsOn: '2026-04-10', reason: 'Conference and training' },
];

/** Demand for a skill with nobody named yet: the gaps the capacity view shows. */
const SKILL_DEMAND: { project: string; skill: string; from: Month; to: Month; fte: number }[] = [
  { project: 'DTX-002', skill: 'Java development', from: '2026-04', to: '2027-03', fte: 0.5 },
  { project: 'INF-003', skill: 'Network engineering', from: '2026-06', to: '2026-12', fte: 1 },
  { project: 'INF-003', skill: 'Procurement', from: '2026-09', to: '2026-12', fte: 3 },
  { project: 'REG-003', skill: 'Regulatory compliance', from: '2026-09', to: '2026-12', fte: 1.5 },
  { project: 'OPX-003', skill: 'Data engineering', from: '2026-05', to: '2026-10', fte: 1 },
  { project: 'DTX-006', skill: 'UX design', from: '2026-03', to: '2026-08', fte: 0.5 },
];

/** The two people booked beyond capacity, on purpose, and where. */
const OVERTIME: { person: string; project: string; from: Month; to: Month }[] = [
  { person: 'stefan', project: 'INF-003', from: '2026-09', to: '2026-11' },
  { person: 'sofia', project: 'DTX-002', from: '2026-05', to: '2026-06' },
];

/** FTE a team member is planned at before fitting, in hundredths: 0.2 to 1.0. */
const WISHES = [20, 30, 40, 50, 60, 80, 100];
/** A project manager's share of each project they run. */
const PM_SHARE = 20;

function lookup<T>(map: ReadonlyMap<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo data: no ${what} ${key}`);
  return value;
}

const later = (a: Month, b: Month) => (a > b ? a : b);
const earlier = (a: Month, b: Month) => (a < b ? a : b);

interface PlannedAllocation {
  projectId: string;
  personId: string | null;
  skillId: string | null;
  startMonth: Month;
  endMonth: Month;
  fteCenti: number;
  overrideReason: string | null;
}

/** Seeds absences and allocations inside the demo's seed transaction. */
export async function seedResources(tx: Tx, ids: ResourceSeedIds, actor: Actor = systemActor('seed')): Promise<void> {
  const absenceRows = await tx
    .insert(absences)
    .values(
      planAbsences(ids.calendar ?? demoCalendar(DEMO_WRITTEN_ON)).map((a) => ({
        personId: lookup(ids.personIds, a.person, 'person'),
        startsOn: a.startsOn,
        endsOn: a.endsOn,
        reason: a.reason,
      })),
    )
    .returning();
  for (const row of absenceRows) {
    await recordAudit(tx, actor, { entityType: 'absence', entityId: row.id, action: 'absence.created', after: row });
  }

  const plan = planAllocations(ids);
  const rows = await tx
    .insert(allocations)
    .values(
      plan.map((a) => ({
        projectId: a.projectId,
        personId: a.personId,
        skillId: a.skillId,
        startMonth: monthStart(a.startMonth),
        endMonth: monthStart(a.endMonth),
        fte: (a.fteCenti / 100).toFixed(2),
        overrideReason: a.overrideReason,
        createdBy: actor.email,
      })),
    )
    .returning();
  for (const row of rows) {
    await recordAudit(tx, actor, {
      entityType: 'allocation',
      entityId: row.id,
      action: 'allocation.created',
      after: {
        projectId: row.projectId,
        personId: row.personId,
        skillId: row.skillId,
        startMonth: row.startMonth,
        endMonth: row.endMonth,
        fte: Number(row.fte),
        overrideReason: row.overrideReason,
        version: row.version,
      },
      reason: row.overrideReason,
    });
  }
}

/** The absences, moved to the seed day's calendar. */
function planAbsences(calendar: DemoCalendar) {
  return ABSENCES.map((a) => ({ ...a, startsOn: calendar.planDay(a.startsOn), endsOn: calendar.planDay(a.endsOn) }));
}

/**
 * The allocations, fitted into each person's capacity left in the seed day's calendar; pure, so
 * it is the same on every seed of the same month.
 */
export function planAllocations(ids: ResourceSeedIds): PlannedAllocation[] {
  const calendar = ids.calendar ?? demoCalendar(DEMO_WRITTEN_ON);
  const month = calendar.planMonth;
  const absencesOf = planAbsences(calendar);
  const planFrom = month(PLAN_FROM);
  const planTo = month(PLAN_TO);
  const people = new Map(PEOPLE.map((p) => [p.key, p]));
  const capacity = new Map<string, (m: Month) => number>();
  const capacityOf = (key: string) => {
    let calendar = capacity.get(key);
    if (!calendar) {
      const person = lookup(people, key, 'person');
      const own = absencesOf.filter((a) => a.person === key);
      const cache = new Map<Month, number>();
      calendar = (m: Month) => {
        if (!cache.has(m)) {
          cache.set(
            m,
            monthCapacity({ availability: person.availability, weeklyHours: person.weeklyHours ?? 40, absences: own }, m)
              .capacityCenti,
          );
        }
        return cache.get(m)!;
      };
      capacity.set(key, calendar);
    }
    return calendar;
  };
  const booked = new Map<string, { startMonth: Month; endMonth: Month; fteCenti: number }[]>();
  const leftOver = (key: string, months: Month[]) =>
    Math.min(...months.map((m) => capacityOf(key)(m) - allocatedCenti(booked.get(key) ?? [], m)));

  const plan: PlannedAllocation[] = [];
  const book = (key: string, projectCode: string, from: Month, to: Month, fteCenti: number, overrideReason: string | null) => {
    booked.set(key, [...(booked.get(key) ?? []), { startMonth: from, endMonth: to, fteCenti }]);
    plan.push({
      projectId: lookup(ids.projectIds, projectCode, 'project'),
      personId: lookup(ids.personIds, key, 'person'),
      skillId: null,
      startMonth: from,
      endMonth: to,
      fteCenti,
      overrideReason,
    });
  };

  let turn = 0;
  for (const project of PROJECTS) {
    if (project.state !== 'active') continue;
    const from = later(month(monthOf(project.start)), planFrom);
    const to = earlier(month(monthOf(project.finish)), planTo);
    if (to < from) continue;
    const months = monthRange(from, to);
    const members = [project.pm, ...project.team.filter((m) => m !== project.pm && m !== project.sponsor)];
    for (const key of members) {
      const wish = key === project.pm ? PM_SHARE : WISHES[(turn++ * 5 + key.length) % WISHES.length]!;
      // Whole tenths, so the demo's figures read easily.
      const fits = Math.floor(Math.min(wish, leftOver(key, months)) / 10) * 10;
      if (fits >= 10) book(key, project.code, from, to, fits, null);
    }
  }

  for (const o of OVERTIME) {
    // Whatever is left in the tightest month, plus 0.2 FTE of agreed overtime.
    const [from, to] = [month(o.from), month(o.to)];
    const fte = Math.max(0, leftOver(o.person, monthRange(from, to))) + 20;
    book(o.person, o.project, from, to, fte, OVERTIME_REASON);
  }

  for (const d of SKILL_DEMAND) {
    plan.push({
      projectId: lookup(ids.projectIds, d.project, 'project'),
      personId: null,
      skillId: lookup(ids.skillIds, d.skill, 'skill'),
      startMonth: month(d.from),
      endMonth: month(d.to),
      fteCenti: Math.round(d.fte * 100),
      overrideReason: null,
    });
  }
  return plan;
}
