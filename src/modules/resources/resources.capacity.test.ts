import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AllocationSpan,
  absentWorkdays,
  addMonths,
  allocatedCenti,
  describeOverAllocation,
  monthCapacity,
  monthCount,
  monthEnd,
  monthRange,
  overAllocatedMonths,
  parseMonth,
  skillGrid,
  workdaysInMonth,
} from './resources.capacity.ts';

const span = (startMonth: string, endMonth: string, fte: number): AllocationSpan => ({
  startMonth,
  endMonth,
  fteCenti: Math.round(fte * 100),
});

describe('months', () => {
  it('accepts a month or its first day, nothing else', () => {
    expect(parseMonth('2027-02')).toBe('2027-02');
    expect(parseMonth('2027-02-01')).toBe('2027-02');
    expect(parseMonth('2027-02-15')).toBeNull();
    expect(parseMonth('2027-13')).toBeNull();
    expect(parseMonth('2027-2')).toBeNull();
    expect(parseMonth('Feb 2027')).toBeNull();
  });

  it('ranges and steps across year ends', () => {
    expect(monthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthRange('2027-02', '2027-01')).toEqual([]);
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2027-01', -13)).toBe('2025-12');
    expect(monthEnd('2027-02')).toBe('2027-02-28');
    expect(monthEnd('2028-02')).toBe('2028-02-29');
  });
});

describe('workdays (Monday to Friday, no holiday calendar)', () => {
  it('counts 20 in February 2027: it starts on a Monday and has exactly four weeks', () => {
    expect(workdaysInMonth('2027-02')).toBe(20);
  });

  it('counts the leap day of February 2028 (a Tuesday)', () => {
    expect(workdaysInMonth('2028-02')).toBe(21);
  });

  it('counts 22 in March 2026 (starts on a Sunday, ends on a Tuesday)', () => {
    expect(workdaysInMonth('2026-03')).toBe(22);
  });

  it('counts 261 in 2027 (starts and ends on a Friday)', () => {
    const total = monthRange('2027-01', '2027-12').reduce((sum, m) => sum + workdaysInMonth(m), 0);
    expect(total).toBe(261);
  });
});

describe('absences', () => {
  it('split an absence spanning two months between them, weekends free', () => {
    // Monday 25 January to Friday 5 February 2027: 5 workdays in each month.
    const absences = [{ startsOn: '2027-01-25', endsOn: '2027-02-05' }];
    expect(absentWorkdays(absences, '2027-01')).toBe(5);
    expect(absentWorkdays(absences, '2027-02')).toBe(5);
    expect(absentWorkdays(absences, '2027-03')).toBe(0);
  });

  it('count overlapping absences once', () => {
    const absences = [
      { startsOn: '2027-02-01', endsOn: '2027-02-10' },
      { startsOn: '2027-02-08', endsOn: '2027-02-12' },
    ];
    expect(absentWorkdays(absences, '2027-02')).toBe(10);
  });

  it('cost nothing on a weekend', () => {
    expect(absentWorkdays([{ startsOn: '2027-02-06', endsOn: '2027-02-07' }], '2027-02')).toBe(0);
  });

  it('cover a whole month and more: no capacity left', () => {
    const person = { availability: 0.8, weeklyHours: 40, absences: [{ startsOn: '2027-01-20', endsOn: '2027-03-03' }] };
    expect(monthCapacity(person, '2027-02')).toMatchObject({ absentWorkdays: 20, capacityFte: 0, capacityHours: 0 });
  });
});

describe('capacity', () => {
  it('is availability × share of workdays present, in FTE and hours', () => {
    const person = { availability: 0.8, weeklyHours: 40, absences: [{ startsOn: '2027-02-01', endsOn: '2027-02-05' }] };
    // 0.8 × (1 − 5/20) = 0.6 FTE; 0.6 × 40/5 × 20 = 96 hours.
    expect(monthCapacity(person, '2027-02')).toEqual({
      month: '2027-02',
      workdays: 20,
      absentWorkdays: 5,
      capacityCenti: 60,
      capacityFte: 0.6,
      capacityHours: 96,
    });
  });

  it('uses the contracted week for hours: a 32-hour contract', () => {
    const person = { availability: 1, weeklyHours: 32, absences: [] };
    // 1.0 FTE of a 32-hour week over 22 workdays = 32/5 × 22 = 140.8 hours.
    expect(monthCapacity(person, '2026-03')).toMatchObject({ capacityFte: 1, capacityHours: 140.8 });
  });

  it('rounds FTE to hundredths once: 0.85 × 19/22 = 0.734… → 0.73', () => {
    // June 2027 has 22 workdays; 1 to 3 June (Tuesday to Thursday) are away.
    const person = { availability: 0.85, weeklyHours: 40, absences: [{ startsOn: '2027-06-01', endsOn: '2027-06-03' }] };
    expect(monthCapacity(person, '2027-06')).toMatchObject({ workdays: 22, absentWorkdays: 3, capacityFte: 0.73 });
  });

  it('is zero for an inactive person', () => {
    expect(monthCapacity({ availability: 1, weeklyHours: 40, active: false, absences: [] }, '2027-02').capacityFte).toBe(0);
  });
});

describe('over-allocation', () => {
  const capacity80 = () => 80;

  it('allows filling capacity exactly with partial FTEs (no float drift)', () => {
    const others = [span('2027-01', '2027-06', 0.1), span('2027-01', '2027-06', 0.2)];
    expect(overAllocatedMonths({ capacityCenti: capacity80, others, requested: span('2027-01', '2027-06', 0.5) })).toEqual([]);
  });

  it('names each month over capacity with its figures', () => {
    const others = [span('2027-01', '2027-02', 0.3), span('2027-02', '2027-03', 0.4)];
    const over = overAllocatedMonths({ capacityCenti: capacity80, others, requested: span('2027-01', '2027-04', 0.2) });
    // Jan 0.3 + 0.2 = 0.5 ok; Feb 0.7 + 0.2 = 0.9 over by 0.1; Mar 0.4 + 0.2 ok; Apr ok.
    expect(over).toEqual([{ month: '2027-02', capacityFte: 0.8, allocatedFte: 0.7, requestedFte: 0.2, overByFte: 0.1 }]);
    expect(describeOverAllocation('Ada', over)).toBe(
      'Ada would be over-allocated in 1 month(s): 2027-02: capacity 0.80 FTE, allocated 0.70, requested 0.20 (over by 0.10)',
    );
  });

  it('uses the capacity of each month (an absence lowers one month)', () => {
    const capacity = (m: string) => (m === '2027-03' ? 40 : 80);
    const over = overAllocatedMonths({ capacityCenti: capacity, others: [], requested: span('2027-02', '2027-04', 0.5) });
    expect(over.map((m) => [m.month, m.overByFte])).toEqual([['2027-03', 0.1]]);
  });

  it('never refuses an edit that lowers the load of an over-allocated month', () => {
    const before = span('2027-01', '2027-03', 0.6);
    const others = [span('2027-01', '2027-03', 0.5)];
    expect(
      overAllocatedMonths({ capacityCenti: capacity80, others, before, requested: span('2027-01', '2027-03', 0.4) }),
    ).toEqual([]);
    // Extending it into a new month over capacity is refused for that month only.
    const extended = overAllocatedMonths({
      capacityCenti: capacity80,
      others,
      before,
      requested: span('2027-01', '2027-04', 0.6),
    });
    expect(extended).toEqual([]);
    const othersApril = [...others, span('2027-04', '2027-04', 0.5)];
    const refused = overAllocatedMonths({
      capacityCenti: capacity80,
      others: othersApril,
      before,
      requested: span('2027-01', '2027-04', 0.6),
    });
    expect(refused.map((m) => m.month)).toEqual(['2027-04']);
  });

  it('matches the definition: a month is refused iff others + requested > capacity (new allocations)', () => {
    const month = fc.integer({ min: 0, max: 23 }).map((i) => addMonths('2026-01', i));
    const allocation = fc
      .tuple(month, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 120 }))
      .map(([start, length, centi]) => ({ startMonth: start, endMonth: addMonths(start, length), fteCenti: centi }));
    fc.assert(
      fc.property(
        fc.array(allocation, { maxLength: 8 }),
        allocation,
        fc.integer({ min: 0, max: 100 }),
        (others, requested, cap) => {
          const over = overAllocatedMonths({ capacityCenti: () => cap, others, requested });
          for (const m of monthRange(requested.startMonth, requested.endMonth)) {
            const total = allocatedCenti(others, m) + requested.fteCenti;
            const listed = over.find((o) => o.month === m);
            expect(Boolean(listed)).toBe(total > cap);
            if (listed) expect(Math.round(listed.overByFte * 100)).toBe(total - cap);
          }
        },
      ),
    );
  });
});

describe('properties of the calendar', () => {
  const month = fc.integer({ min: 0, max: 12 * 40 }).map((i) => addMonths('2000-01', i));
  const day = fc.integer({ min: 0, max: 365 * 3 }).map((i) => {
    const d = new Date(Date.UTC(2026, 0, 1 + i));
    return d.toISOString().slice(0, 10);
  });
  const absence = fc.tuple(day, fc.integer({ min: 0, max: 60 })).map(([start, length]) => {
    const d = new Date(`${start}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + length);
    return { startsOn: start, endsOn: d.toISOString().slice(0, 10) };
  });

  it('every month has 20 to 23 workdays', () => {
    fc.assert(
      fc.property(month, (m) => {
        const w = workdaysInMonth(m);
        expect(w).toBeGreaterThanOrEqual(20);
        expect(w).toBeLessThanOrEqual(23);
      }),
    );
  });

  it('month arithmetic round-trips', () => {
    fc.assert(
      fc.property(month, fc.integer({ min: -50, max: 50 }), (m, n) => {
        expect(addMonths(addMonths(m, n), -n)).toBe(m);
        if (n >= 0) expect(monthRange(m, addMonths(m, n))).toHaveLength(n + 1);
        if (n >= 0) expect(monthCount(m, addMonths(m, n))).toBe(n + 1);
      }),
    );
  });

  it('an absence costs, over the months it spans, exactly its weekdays', () => {
    fc.assert(
      fc.property(absence, (a) => {
        let weekdays = 0;
        for (
          let d = new Date(`${a.startsOn}T00:00:00Z`);
          d.toISOString().slice(0, 10) <= a.endsOn;
          d.setUTCDate(d.getUTCDate() + 1)
        ) {
          if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) weekdays++;
        }
        const months = monthRange(a.startsOn.slice(0, 7), a.endsOn.slice(0, 7));
        expect(months.reduce((sum, m) => sum + absentWorkdays([a], m), 0)).toBe(weekdays);
      }),
    );
  });

  it('capacity stays between 0 and availability, and more absence never adds capacity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.array(absence, { maxLength: 4 }),
        absence,
        fc.integer({ min: 0, max: 35 }).map((i) => addMonths('2026-01', i)),
        (availabilityCenti, absences, extra, m) => {
          const person = { availability: availabilityCenti / 100, weeklyHours: 40, absences };
          const base = monthCapacity(person, m);
          expect(base.capacityCenti).toBeGreaterThanOrEqual(0);
          expect(base.capacityCenti).toBeLessThanOrEqual(availabilityCenti);
          expect(base.absentWorkdays).toBeLessThanOrEqual(base.workdays);
          const more = monthCapacity({ ...person, absences: [...absences, extra] }, m);
          expect(more.capacityCenti).toBeLessThanOrEqual(base.capacityCenti);
          expect(more.capacityHours).toBeLessThanOrEqual(base.capacityHours);
        },
      ),
    );
  });
});

describe('the skill grid', () => {
  const months = ['2027-01', '2027-02'];
  const skills = [
    { id: 'java', name: 'Java' },
    { id: 'qa', name: 'QA' },
  ];
  const people = [
    { id: 'ada', name: 'Ada', skillIds: ['java', 'qa'], capacityCenti: () => 80 },
    { id: 'bob', name: 'Bob', skillIds: ['java'], capacityCenti: (m: string) => (m === '2027-02' ? 50 : 100) },
  ];

  it('counts a multi-skilled person in each of their rows, and unnamed demand in its row only', () => {
    const grid = skillGrid({
      months,
      skills,
      people,
      allocations: [
        { personId: 'ada', skillId: null, startMonth: '2027-01', endMonth: '2027-02', fteCenti: 50 },
        { personId: 'bob', skillId: 'java', startMonth: '2027-02', endMonth: '2027-02', fteCenti: 70 },
        { personId: null, skillId: 'qa', startMonth: '2027-02', endMonth: '2027-03', fteCenti: 40 },
      ],
    });
    const java = grid.rows.find((r) => r.skillId === 'java')!;
    const qa = grid.rows.find((r) => r.skillId === 'qa')!;
    expect(java.people).toBe(2);
    expect(java.cells).toEqual([
      { month: '2027-01', capacityFte: 1.8, allocatedFte: 0.5, unfilledFte: 0, demandFte: 0.5, freeFte: 1.3, gapFte: 0 },
      { month: '2027-02', capacityFte: 1.3, allocatedFte: 1.2, unfilledFte: 0, demandFte: 1.2, freeFte: 0.1, gapFte: 0 },
    ]);
    expect(qa.cells).toEqual([
      { month: '2027-01', capacityFte: 0.8, allocatedFte: 0.5, unfilledFte: 0, demandFte: 0.5, freeFte: 0.3, gapFte: 0 },
      { month: '2027-02', capacityFte: 0.8, allocatedFte: 0.5, unfilledFte: 0.4, demandFte: 0.9, freeFte: 0, gapFte: 0.1 },
    ]);
    expect(grid.overAllocated).toEqual([{ personId: 'bob', name: 'Bob', month: '2027-02', capacityFte: 0.5, allocatedFte: 0.7 }]);
    expect(grid.skillGaps).toEqual([{ skillId: 'qa', name: 'QA', month: '2027-02', gapFte: 0.1 }]);
  });

  it('free − gap is always capacity − demand, and one of them is zero', () => {
    const allocation = fc.record({
      personId: fc.constantFrom('ada', 'bob', null),
      skillId: fc.constantFrom('java', 'qa'),
      startMonth: fc.constantFrom('2026-12', '2027-01', '2027-02'),
      endMonth: fc.constantFrom('2027-01', '2027-02', '2027-03'),
      fteCenti: fc.integer({ min: 1, max: 150 }),
    });
    fc.assert(
      fc.property(fc.array(allocation, { maxLength: 10 }), (allocations) => {
        const grid = skillGrid({ months, skills, people, allocations });
        for (const row of grid.rows) {
          for (const c of row.cells) {
            expect(Math.round((c.freeFte - c.gapFte) * 100)).toBe(Math.round((c.capacityFte - c.demandFte) * 100));
            expect(c.freeFte === 0 || c.gapFte === 0).toBe(true);
            expect(Math.round(c.demandFte * 100)).toBe(Math.round((c.allocatedFte + c.unfilledFte) * 100));
          }
        }
        expect(grid.skillGaps.every((g) => g.gapFte > 0)).toBe(true);
      }),
    );
  });
});
