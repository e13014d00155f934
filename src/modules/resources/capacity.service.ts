import type { Actor } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { invalid, notFound } from '../../kernel/errors.ts';
import { toNumber } from '../../kernel/rows.ts';
import {
  type GridPerson,
  type Month,
  type MonthCapacity,
  allocatedCenti,
  fromCenti,
  fteToHours,
  monthCapacity,
  monthEnd,
  monthOf,
  monthRange,
  monthStart,
  parseMonth,
  skillGrid,
  toCenti,
} from './resources.capacity.ts';
import { monthSpan } from './resources.policy.ts';
import * as repo from './resources.repo.ts';
import type { CapacityQueryInput, CapacityView, PersonCapacityView, SkillCapacityRow } from './resources.schema.ts';

type PersonFigures = Pick<repo.PersonRow, 'id' | 'availability' | 'weeklyHours' | 'active'>;

/** Rows grouped by a key, in one pass: per-person lookups must not scan every row. */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** A memoised capacity per month for each person, from their contract and absences in the span. */
export async function capacityCalendars(
  db: Queryable,
  persons: readonly PersonFigures[],
  first: Month,
  last: Month,
): Promise<Map<string, (month: Month) => MonthCapacity>> {
  const absences = await repo.absencesOf(
    db,
    persons.map((p) => p.id),
    monthStart(first),
    monthEnd(last),
  );
  const absencesByPerson = groupBy(absences, (a) => a.personId);
  const calendars = new Map<string, (month: Month) => MonthCapacity>();
  for (const person of persons) {
    const input = {
      availability: toNumber(person.availability),
      weeklyHours: toNumber(person.weeklyHours),
      active: person.active,
      absences: absencesByPerson.get(person.id) ?? [],
    };
    const cache = new Map<Month, MonthCapacity>();
    calendars.set(person.id, (month) => {
      let figures = cache.get(month);
      if (!figures) {
        figures = monthCapacity(input, month);
        cache.set(month, figures);
      }
      return figures;
    });
  }
  return calendars;
}

/** Allocation rows as spans in whole months, FTE in hundredths. */
export function spansOf(rows: readonly repo.AllocationRow[]) {
  return rows.map((a) => ({
    personId: a.personId,
    skillId: a.skillId,
    startMonth: monthOf(a.startMonth),
    endMonth: monthOf(a.endMonth),
    fteCenti: toCenti(toNumber(a.fte)),
  }));
}

async function gridFor(
  db: Queryable,
  months: Month[],
  skillList: { id: string; name: string }[],
  filter: { orgUnitId?: string; skillIds?: string[] },
) {
  const first = months[0]!;
  const last = months[months.length - 1]!;
  const persons = await repo.peopleInScope(db, filter);
  const links = await repo.skillsOfPeople(
    db,
    persons.map((p) => p.id),
  );
  const calendars = await capacityCalendars(db, persons, first, last);
  const allocations = await repo.allocationsForGrid(db, {
    personIds: persons.map((p) => p.id),
    skillIds: skillList.map((s) => s.id),
    from: monthStart(first),
    to: monthStart(last),
    projectOrgUnitId: filter.orgUnitId,
  });
  const skillsByPerson = groupBy(links, (l) => l.personId);
  const gridPeople: GridPerson[] = persons.map((p) => ({
    id: p.id,
    name: p.name,
    skillIds: (skillsByPerson.get(p.id) ?? []).map((l) => l.skillId),
    capacityCenti: (m) => calendars.get(p.id)!(m).capacityCenti,
  }));
  return skillGrid({ months, skills: skillList, people: gridPeople, allocations: spansOf(allocations) });
}

/**
 * The capacity heat map: for each skill and month, the capacity of the people with the skill
 * against the demand on them (named allocations) and for the skill (unnamed demand); with the
 * people over-allocated and the skill gaps. Figures take in allocations on EVERY project, not only
 * those the caller may see: a person's load is real whichever project it comes from, and the view
 * names no project. With an org unit, it counts the people of that unit and the units below it, and
 * unnamed demand of projects run by those units.
 */
export async function capacityView(db: Queryable, _actor: Actor, query: CapacityQueryInput): Promise<CapacityView> {
  const { from, to } = monthSpan(query.from, query.to);
  if (query.orgUnitId && !(await repo.orgUnitExists(db, query.orgUnitId))) throw invalid('orgUnitId', 'no such org unit');
  let skillList: { id: string; name: string }[];
  if (query.skillId) {
    const skill = await repo.findSkill(db, query.skillId);
    if (!skill) throw invalid('skillId', 'no such skill');
    skillList = [skill];
  } else {
    skillList = await repo.listSkills(db);
  }
  const months = monthRange(from, to);
  const grid = await gridFor(db, months, skillList, {
    orgUnitId: query.orgUnitId,
    skillIds: query.skillId ? [query.skillId] : undefined,
  });
  return { from, to, months, skills: grid.rows, overAllocated: grid.overAllocated, skillGaps: grid.skillGaps };
}

/**
 * The capacity left per skill and month, for the PMO's review of requests: one row per known skill
 * (unknown ids are left out), with a cell for each month asked (in the order asked). `freeFte` is
 * what is left; `gapFte` the shortage already there.
 * @example capacityLeft(db, [javaSkillId], ['2027-01', '2027-02-01'])
 */
export async function capacityLeft(db: Queryable, skillIds: string[], months: string[]): Promise<SkillCapacityRow[]> {
  const wanted = [...new Set(skillIds)];
  if (wanted.length === 0 || months.length === 0) return [];
  const normalised = months.map((m, i) => {
    const month = parseMonth(m);
    if (!month) throw invalid(`months.${i}`, 'use a month, 2027-01, or its first day, 2027-01-01');
    return month;
  });
  const unique = [...new Set(normalised)].sort();
  const skillList = await repo.listSkills(db, wanted);
  if (skillList.length === 0) return [];
  const grid = await gridFor(db, unique, skillList, { skillIds: skillList.map((s) => s.id) });
  return grid.rows.map((row) => ({
    ...row,
    cells: normalised.map((m) => row.cells.find((c) => c.month === m)!),
  }));
}

/**
 * A person's capacity, allocation and free time per month; usable inside a transaction.
 * Allocations on every project count (the person's load), whoever asks.
 */
export async function personCapacityInTx(db: Queryable, personId: string, months: Month[]): Promise<PersonCapacityView> {
  const person = await repo.findPerson(db, personId);
  if (!person) throw notFound('person', personId);
  const sorted = [...new Set(months)].sort();
  if (sorted.length === 0) {
    return { person: personRef(person), months: [] };
  }
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const calendar = (await capacityCalendars(db, [person], first, last)).get(person.id)!;
  const spans = spansOf(await repo.allocationsOfPerson(db, person.id, monthStart(first), monthStart(last)));
  const weeklyHours = toNumber(person.weeklyHours);
  return {
    person: personRef(person),
    months: sorted.map((month) => {
      const capacity = calendar(month);
      const allocated = allocatedCenti(spans, month);
      const free = Math.max(0, capacity.capacityCenti - allocated);
      return {
        month,
        workdays: capacity.workdays,
        absentWorkdays: capacity.absentWorkdays,
        capacityFte: capacity.capacityFte,
        capacityHours: capacity.capacityHours,
        allocatedFte: fromCenti(allocated),
        allocatedHours: fteToHours(fromCenti(allocated), weeklyHours, capacity.workdays),
        freeFte: fromCenti(free),
        freeHours: fteToHours(fromCenti(free), weeklyHours, capacity.workdays),
        overByFte: fromCenti(Math.max(0, allocated - capacity.capacityCenti)),
      };
    }),
  };
}

function personRef(person: repo.PersonRow): PersonCapacityView['person'] {
  return {
    id: person.id,
    name: person.name,
    weeklyHours: toNumber(person.weeklyHours),
    availability: toNumber(person.availability),
    active: person.active,
  };
}

/** GET /people/{id}/capacity: the person's months from `from` to `to`. */
export async function personCapacity(
  db: Queryable,
  _actor: Actor,
  personId: string,
  query: { from?: string; to?: string },
): Promise<PersonCapacityView> {
  const { from, to } = monthSpan(query.from, query.to);
  return personCapacityInTx(db, personId, monthRange(from, to));
}
