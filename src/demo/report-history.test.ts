import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from '../kernel/dates.ts';
import { dueState } from '../modules/reports/index.ts';
import { DEFAULT_STANDARDS, type StandardDefinition, StandardDefinitionSchema } from '../modules/standards/index.ts';
import { DEMO_WRITTEN_ON, demoCalendar } from './demo-calendar.ts';
import { PROJECTS } from './demo-data.ts';
import { OVERDUE_CANDIDATES, REPORTING } from './demo-reports.ts';
import { type PlannedHistory, planHistory } from './report-history.ts';
import { owedIntentions } from './report-owed.ts';
import { seededRandom } from './seed-random.ts';

/**
 * The planner of the demo's reporting history, on the demo's own scenarios seeded on many days:
 * what it plans must read as a real portfolio whatever the day (the database tests check what the
 * seed writes on two days).
 */

const TYPE_CODE = { it: 'IT-DELIVERY', change: 'BUSINESS-CHANGE', engineering: 'INFRASTRUCTURE' } as const;
const definitions = new Map(DEFAULT_STANDARDS.map((s) => [s.code, StandardDefinitionSchema.parse(s.definition)]));
const definitionOf = (code: string): StandardDefinition =>
  definitions.get(TYPE_CODE[PROJECTS.find((p) => p.code === code)!.type])!;

const planned = new Map<string, ReturnType<typeof planAll>>();
/**
 * The plans of every demo project seeded on `seedDay` (planned once per day for all tests), with
 * the go-ahead `lead` days before the start: the seed draws 3 to 20, then back to a working day.
 */
function plansOn(seedDay: string, lead = 10) {
  const key = `${seedDay}/${lead}`;
  if (!planned.has(key)) planned.set(key, planAll(seedDay, lead));
  return planned.get(key)!;
}

function planAll(seedDay: string, lead: number) {
  const calendar = demoCalendar(seedDay);
  const subjects = REPORTING.map((scenario) => {
    const project = PROJECTS.find((p) => p.code === scenario.code)!;
    const startDate = calendar.planDay(project.start);
    const goAheadAt = new Date(`${addDays(startDate, -lead)}T16:45:00Z`);
    return { scenario, project, startDate, goAheadAt, definition: definitionOf(scenario.code) };
  });
  const owed = owedIntentions(
    subjects.map((s) => ({
      code: s.scenario.code,
      scenario: s.scenario,
      reporting: s.definition.reporting,
      goAheadDay: s.goAheadAt.toISOString().slice(0, 10),
    })),
    OVERDUE_CANDIDATES,
    seedDay,
  );
  return subjects.map((s) => ({
    ...s,
    owed: owed.get(s.scenario.code) ?? null,
    history: planHistory({
      scenario: s.scenario,
      project: {
        goAheadAt: s.goAheadAt,
        startDate: s.startDate,
        plannedFinish: calendar.planDay(s.project.finish),
        budget: s.project.budget,
      },
      reporting: s.definition.reporting,
      tolerances: s.definition.tolerances,
      owed: owed.get(s.scenario.code) ?? null,
      calendar,
      random: seededRandom(7),
    }),
  }));
}

/** The newest version of each period, in period order. */
const latestPerPeriod = (history: PlannedHistory) =>
  history.reports.filter((r, i, all) => all[i + 1]?.periodStart !== r.periodStart);

// Every eleventh day for two years: every day of the month and every weekday turn up.
const SEED_DAYS = Array.from({ length: 67 }, (_, i) => addDays('2026-03-01', i * 11));

describe('the demo reporting data', () => {
  it('covers every open demo project, with 3 to 6 milestones of its standard', () => {
    const open = PROJECTS.filter((p) => p.state === 'active' || p.state === 'on_hold').map((p) => p.code);
    expect(REPORTING.map((r) => r.code).sort()).toEqual(open.sort());
    for (const r of REPORTING) {
      expect(r.milestones.length, r.code).toBeGreaterThanOrEqual(3);
      expect(r.milestones.length, r.code).toBeLessThanOrEqual(6);
      const gates = definitionOf(r.code).gates;
      for (const m of r.milestones) {
        if (m.gateKey)
          expect(
            gates.map((g) => g.key),
            `${r.code} ${m.name}`,
          ).toContain(m.gateKey);
        if (m.deliverableKey) {
          const among = m.gateKey ? gates.filter((g) => g.key === m.gateKey) : gates;
          expect(
            among.flatMap((g) => g.deliverables.map((d) => d.key)),
            `${r.code} ${m.name}`,
          ).toContain(m.deliverableKey);
        }
      }
    }
  });

  it('puts no milestone date in the month the data is written in, and passes the gates the project phase has passed', () => {
    const month = DEMO_WRITTEN_ON.slice(0, 7);
    for (const r of REPORTING) {
      const project = PROJECTS.find((p) => p.code === r.code)!;
      const gates = definitionOf(r.code).gates.map((g) => g.key);
      const phase = project.phase === 'last' ? gates.length : project.phase;
      for (const m of r.milestones) {
        const final = addDays(m.on, m.slip ?? 0);
        expect([m.on.slice(0, 7), final.slice(0, 7)], `${r.code} ${m.name}`).not.toContain(month);
        if (m.gateKey && m.name.startsWith('Gate')) {
          expect(final < DEMO_WRITTEN_ON, `${r.code} ${m.name}`).toBe(gates.indexOf(m.gateKey) < phase);
        }
      }
    }
  });
});

describe('the planned history, seeded on any day', () => {
  it('reports every period from the go-ahead but what the project owes, near each due day, before the seed day', () => {
    for (const seedDay of SEED_DAYS) {
      const seedStart = new Date(`${seedDay}T00:00:00Z`);
      for (const { scenario, history, definition, goAheadAt } of plansOn(seedDay)) {
        const where = `${scenario.code} seeded ${seedDay}`;
        const periods = latestPerPeriod(history);
        if (periods.length) expect(periods[0]!.periodStart, where).toBe(goAheadAt.toISOString().slice(0, 10));
        periods.forEach((p, i) => {
          if (i > 0) expect(p.periodStart, where).toBe(addDays(periods[i - 1]!.periodEnd, 1));
        });
        for (const r of history.reports) {
          expect(r.asOf >= r.periodStart && r.asOf <= r.periodEnd, where).toBe(true);
          const submitted = r.submittedAt.toISOString().slice(0, 10);
          expect(submitted >= r.asOf, where).toBe(true);
          // A first version comes within the grace days; a revision after the return it answers.
          if (r.revision === 1)
            expect(daysBetween(r.dueOn, submitted), where).toBeLessThanOrEqual(definition.reporting.graceDays);
          else expect(r.submittedAt > history.reports.find((x) => x.periodStart === r.periodStart)!.review!.at, where).toBe(true);
          expect(r.createdAt <= r.submittedAt && r.submittedAt < seedStart, where).toBe(true);
          if (r.review) expect(r.review.at > r.submittedAt && r.review.at < seedStart, where).toBe(true);
        }
        // What is left unreported is owed: the periods after the last report, all ended.
        const next = periods.length ? addDays(periods[periods.length - 1]!.periodEnd, 1) : null;
        for (const n of history.notices) {
          expect(n.period.dueOn < seedDay, where).toBe(true);
          if (next) expect(n.periodStart, where).toBe(next);
        }
      }
    }
  });

  it('spans 6 to 12 months on every open project, whatever the seed day and the go-ahead the seed draws', () => {
    for (const lead of [3, 22]) {
      for (const seedDay of SEED_DAYS.filter((_, i) => i % 2 === 0)) {
        for (const { scenario, history } of plansOn(seedDay, lead)) {
          const where = `${scenario.code} seeded ${seedDay}, go-ahead ${lead} days before the start`;
          const first = history.reports[0]!.periodStart;
          const end = addDays(history.reports[history.reports.length - 1]!.periodEnd, 1);
          expect(addMonths(first, 6) <= end, where).toBe(true);
          expect(end <= addMonths(first, 12), where).toBe(true);
        }
      }
    }
  });

  it('moves percent complete and actual cost only forward, and forecasts every milestone still open', () => {
    for (const seedDay of SEED_DAYS.filter((_, i) => i % 4 === 0)) {
      for (const { scenario, history } of plansOn(seedDay)) {
        const where = `${scenario.code} seeded ${seedDay}`;
        const periods = latestPerPeriod(history);
        periods.forEach((r, i) => {
          expect(r.percentComplete, where).toBeLessThanOrEqual(99.5);
          if (i === 0) return;
          expect(r.percentComplete, where).toBeGreaterThanOrEqual(periods[i - 1]!.percentComplete);
          expect(r.actualCost, where).toBeGreaterThanOrEqual(periods[i - 1]!.actualCost);
        });
        for (const r of history.reports) {
          const open = history.milestones.flatMap((m, i) => (m.achievedOn === null || m.achievedOn > r.asOf ? [i] : []));
          expect(
            open.every((i) => r.forecasts.some((f) => f.milestone === i)),
            where,
          ).toBe(true);
          for (const f of r.forecasts) if (open.includes(f.milestone)) expect(f.forecastDate > r.asOf, where).toBe(true);
        }
        for (const b of history.baselines) {
          expect(b.curve[b.curve.length - 1]!.plannedValue, where).toBe(b.bac);
          b.curve.forEach((p, i) => {
            if (i > 0) expect(p.date > b.curve[i - 1]!.date && p.plannedValue >= b.curve[i - 1]!.plannedValue, where).toBe(true);
          });
        }
      }
    }
  });

  it('keeps its stories: honest managers never mismatch, the watermelons do, on-track projects stay green', () => {
    for (const seedDay of SEED_DAYS.filter((_, i) => i % 3 === 0)) {
      const plans = plansOn(seedDay);
      const latest = (code: string) => {
        const reports = plans.find((p) => p.scenario.code === code)!.history.reports;
        return reports[reports.length - 1]!;
      };
      for (const { scenario, history } of plans) {
        const where = `${scenario.code} seeded ${seedDay}`;
        for (const r of history.reports) {
          if (scenario.style === 'honest') expect(r.mismatches, where).toEqual([]);
          else
            expect(
              Object.values(r.rag).every((v) => v === 'green'),
              where,
            ).toBe(true);
          for (const [key, value] of Object.entries(r.rag)) if (value !== 'green') expect(r.ragReasons[key], where).toBeTruthy();
        }
      }
      expect(latest('DTX-001').computedRag.dimensions.schedule?.rag).toBe('red');
      expect(latest('DTX-001').mismatches.map((m) => m.dimension)).toContain('schedule');
      expect(latest('DTX-003').computedRag.dimensions.cost?.rag).toBe('red');
      for (const code of ['DTX-002', 'OPX-002', 'REG-003', 'INF-002'])
        expect(latest(code).computedRag.overall, code).toBe('green');
      expect(latest('REG-002').rag.overall).toBe('red');
      const rebaselined = plans.find((p) => p.scenario.rebaseline)!.history;
      expect(rebaselined.baselines.map((b) => b.number)).toEqual([1, 2]);
      expect(new Set(rebaselined.reports.map((r) => r.baseline))).toEqual(new Set([0, 1]));
      // Returned and revised on two projects; returned and not yet revised on one.
      const revised = plans.filter((p) => p.history.reports.some((r) => r.revision === 2));
      expect(revised.map((p) => p.scenario.code).sort()).toEqual(['DTX-002', 'OPX-004']);
      for (const { history } of revised) {
        const second = history.reports.find((r) => r.revision === 2)!;
        const first = history.reports.find((r) => r.periodStart === second.periodStart && r.revision === 1)!;
        expect([first.review?.outcome, second.review?.outcome]).toEqual(['returned', 'accepted']);
        expect(second.actualCost).toBeGreaterThan(first.actualCost);
      }
      expect(latest('REG-002').review?.outcome).toBe('returned');
      expect(latest('REG-002').review!.at < new Date(`${seedDay}T00:00:00Z`)).toBe(true);
      for (const code of ['DTX-001', 'DTX-003']) expect(latest(code).review, code).toBeNull();
    }
  });

  it('owes an escalated report with its reminder and escalation, and an overdue one on most days', () => {
    let overdueDays = 0;
    for (const seedDay of SEED_DAYS) {
      const plans = plansOn(seedDay);
      const stateOf = (code: string) => {
        const plan = plans.find((p) => p.scenario.code === code)!;
        const notice = plan.history.notices[0];
        if (!notice) return null;
        return dueState({ ...plan.definition.reporting, dueOn: notice.period.dueOn, today: seedDay, submitted: false });
      };
      const escalated = plans.find((p) => p.owed === 'escalated')!;
      expect(stateOf(escalated.scenario.code), seedDay).toBe('escalated');
      expect(escalated.history.notices.map((n) => n.kind)).toEqual(['status_report.overdue', 'status_report.escalated']);
      const overdue = plans.find((p) => p.owed === 'overdue')!;
      if (stateOf(overdue.scenario.code) === 'overdue') overdueDays++;
      expect(['overdue', 'escalated'], seedDay).toContain(stateOf(overdue.scenario.code));
      // The project manager's report to submit now: due within its grace days, or the running period.
      const due = plans.find((p) => p.owed === 'due')!;
      expect(due.history.notices).toEqual([]);
    }
    // Monthly reports can be overdue (not yet escalated) only early in a month, fortnightly ones
    // one week in two: on a few days a month no demo project can be; then it is escalated.
    expect(overdueDays / SEED_DAYS.length).toBeGreaterThan(0.8);
  });
});
