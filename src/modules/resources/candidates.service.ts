/**
 * Who could take an allocation: every active person, ranked for the skill and the months asked.
 * The figures are those of a person's own capacity view (contract, absences, allocations on every
 * project), computed for everyone at once.
 */
import type { Actor } from '../../kernel/actor.ts';
import type { Queryable } from '../../kernel/db.ts';
import { invalid } from '../../kernel/errors.ts';
import { toNumber } from '../../kernel/rows.ts';
import { capacityCalendars, spansOf } from './capacity.service.ts';
import { allocatedCenti, fromCenti, monthRange, monthStart, toCenti } from './resources.capacity.ts';
import { monthSpan } from './resources.policy.ts';
import * as repo from './resources.repo.ts';
import type { AllocationCandidatesView, CandidatesQueryInput } from './resources.schema.ts';

type Candidate = AllocationCandidatesView['items'][number];

/**
 * The order of candidates: holders of the skill first; then those free for the FTE asked in every
 * month; then the most free in their tightest month; then the higher skill level; then by name.
 */
export function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    Number(b.hasSkill) - Number(a.hasSkill) ||
    Number(b.fits) - Number(a.fits) ||
    b.minFreeFte - a.minFreeFte ||
    (b.skillLevel ?? 0) - (a.skillLevel ?? 0) ||
    b.averageFreeFte - a.averageFreeFte ||
    a.person.name.localeCompare(b.person.name)
  );
}

/**
 * GET /resources/candidates: active people ranked by the skill and their free capacity over the
 * months from–to, with their free FTE in each month.
 * @example allocationCandidates(db, actor, { skillId, from: '2027-01', to: '2027-03', fte: 0.5 })
 */
export async function allocationCandidates(
  db: Queryable,
  _actor: Actor,
  query: CandidatesQueryInput,
): Promise<AllocationCandidatesView> {
  const { from, to } = monthSpan(query.from, query.to);
  if (query.skillId && !(await repo.findSkill(db, query.skillId))) throw invalid('skillId', 'no such skill');
  const months = monthRange(from, to);
  const persons = await repo.activePeopleWithSkillLevel(db, query.skillId ?? null);
  const calendars = await capacityCalendars(db, persons, from, to);
  const allocations = spansOf(
    await repo.allocationsForGrid(db, {
      personIds: persons.map((p) => p.id),
      skillIds: [],
      from: monthStart(from),
      to: monthStart(to),
    }),
  );
  const byPerson = new Map<string, typeof allocations>();
  for (const span of allocations) {
    if (!span.personId) continue;
    const own = byPerson.get(span.personId);
    if (own) own.push(span);
    else byPerson.set(span.personId, [span]);
  }
  const wantedCenti = query.fte === undefined ? null : toCenti(query.fte);
  const candidates = persons.map((person): Candidate => {
    const calendar = calendars.get(person.id)!;
    const spans = byPerson.get(person.id) ?? [];
    const freeCenti = months.map((month) => Math.max(0, calendar(month).capacityCenti - allocatedCenti(spans, month)));
    const minCenti = Math.min(...freeCenti);
    const level = person.skillLevel === null ? null : toNumber(person.skillLevel);
    return {
      person: { id: person.id, name: person.name, jobTitle: person.jobTitle },
      hasSkill: level !== null,
      skillLevel: level,
      minFreeFte: fromCenti(minCenti),
      averageFreeFte: fromCenti(Math.round(freeCenti.reduce((s, c) => s + c, 0) / freeCenti.length)),
      fits: wantedCenti === null || minCenti >= wantedCenti,
      months: months.map((month, i) => ({ month, freeFte: fromCenti(freeCenti[i]!) })),
    };
  });
  candidates.sort(compareCandidates);
  return {
    from,
    to,
    skillId: query.skillId ?? null,
    fte: query.fte ?? null,
    items: candidates.slice(0, query.limit ?? 200),
  };
}
