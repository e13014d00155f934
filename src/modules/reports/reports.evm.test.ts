import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCurve } from '../projects/baselines.curve.ts';
import { type Evm, earnedValue, evmInputIssues, roundTo } from './reports.evm.ts';

/** A curve whose only non-trivial point is `pv` on `asOf`, reaching BAC at the end of the year. */
function curveThrough(bac: number, asOf: string, pv: number) {
  return [
    { date: '2026-01-01', plannedValue: 0 },
    { date: asOf, plannedValue: pv },
    { date: '2026-12-31', plannedValue: bac },
  ];
}

const RATIOS = ['spi', 'cpi', 'eac', 'etc', 'vac', 'tcpi', 'eacComposite', 'tcpiToEac'] as const;

describe('earned value against published worked examples', () => {
  // Source: "Earned Value Management", vignette of the R package PRA (Paul Govan), CRAN.
  // https://paulgovan.github.io/PRA/articles/evm.html (also https://stat.ethz.ch/CRAN/web/packages/PRA/vignettes/evm.html)
  // BAC 100,000; cumulative schedule 10%, 20%, 40%, 70%, 100% over five periods; at period 3,
  // 35% complete and actual costs 36,000. The vignette prints PV 40000, EV 35000, AC 36000,
  // SV -5000, CV -1000, SPI 0.88 and CPI 0.97 (rounded to 2 places), EAC 102857.1.
  it('reproduces the PRA vignette (PV read from a cumulative curve)', () => {
    const curve = [
      { date: '2026-01-01', plannedValue: 0 },
      { date: '2026-01-31', plannedValue: 10_000 },
      { date: '2026-02-28', plannedValue: 20_000 },
      { date: '2026-03-31', plannedValue: 40_000 },
      { date: '2026-04-30', plannedValue: 70_000 },
      { date: '2026-05-31', plannedValue: 100_000 },
    ];
    expect(checkCurve(100_000, curve)).toEqual([]);
    const evm = earnedValue({ bac: 100_000, curve, asOf: '2026-03-31', percentComplete: 35, actualCost: 36_000 });
    expect(evm).toMatchObject({ pv: 40_000, ev: 35_000, ac: 36_000, sv: -5_000, cv: -1_000 });
    expect(evm.spi).toBe(0.875);
    expect(evm.spi!.toFixed(2)).toBe('0.88');
    expect(evm.cpi).toBe(0.9722);
    expect(evm.cpi!.toFixed(2)).toBe('0.97');
    expect(evm.eac).toBe(102_857.14);
    expect(evm.eac!.toPrecision(7)).toBe('102857.1'); // R's cat() prints 7 significant digits
  });

  // Source: QuickBooks Canada, "Using earned value management" (Intuit).
  // https://quickbooks.intuit.com/ca/resources/running-a-business/using-earned-value-management
  // Halfway through a year-long project with a total budget of $100,000: $55,000 budgeted to the
  // six-month mark, $45,000 spent, 50% done. The page gives PV $55,000, AC $45,000, EV $50,000,
  // SV -$5,000, SPI 0.91, CV $5,000, CPI 1.11 and EAC $90,000.
  it('reproduces the QuickBooks example', () => {
    const evm = earnedValue({
      bac: 100_000,
      curve: curveThrough(100_000, '2026-06-30', 55_000),
      asOf: '2026-06-30',
      percentComplete: 50,
      actualCost: 45_000,
    });
    expect(evm).toMatchObject({ pv: 55_000, ac: 45_000, ev: 50_000, sv: -5_000, cv: 5_000, eac: 90_000 });
    expect(evm.spi).toBe(0.9091);
    expect(evm.spi!.toFixed(2)).toBe('0.91');
    expect(evm.cpi).toBe(1.1111);
    expect(evm.cpi!.toFixed(2)).toBe('1.11');
  });

  // Source: wikislate, "EVM forecasting" (poster 15, worked with the figures of poster 14).
  // https://wikislate.com/view.php?p=15-evm-forecasting.html
  // BAC / EV / AC = 100 / 40 / 45 (thousands), CPI 0.89, SPI 0.80 (so PV 50); EAC = BAC/CPI $112.5k,
  // ETC $67.5k, VAC −$12.5k, EAC (cost × schedule) ≈ $129k, TCPI → BAC 1.09.
  it('reproduces the wikislate forecasting table, including the composite EAC', () => {
    const evm = earnedValue({
      bac: 100_000,
      curve: curveThrough(100_000, '2026-05-31', 50_000),
      asOf: '2026-05-31',
      percentComplete: 40,
      actualCost: 45_000,
    });
    expect(evm).toMatchObject({ bac: 100_000, ev: 40_000, ac: 45_000, pv: 50_000 });
    expect(evm.cpi).toBe(0.8889);
    expect(evm.cpi!.toFixed(2)).toBe('0.89');
    expect(evm.spi).toBe(0.8);
    expect(evm.eac).toBe(112_500);
    expect(evm.etc).toBe(67_500);
    expect(evm.vac).toBe(-12_500);
    // 45,000 + 60,000 / (0.8889 × 0.8) = 129,375, which the table shows as ≈ $129k.
    expect(evm.eacComposite).toBe(129_375);
    expect(Math.round(evm.eacComposite! / 1000)).toBe(129);
    expect(evm.tcpi).toBe(1.0909);
    expect(evm.tcpi!.toFixed(2)).toBe('1.09');
  });

  // Source: PMZilla forum, "TCPI" (question and replies).
  // http://pmzilla.com/tcpi
  // AC $200,000, CV $25,000, BAC $350,000: EV = 225,000, CPI = 1.125, EAC = BAC/CPI (the thread
  // writes 311,000, i.e. 311,111 to the thousand below), TCPI on that EAC = 125,000/111,000 ≈ 1.125;
  // the reply's other EAC, AC + (BAC − EV) = 325,000, gives TCPI 1.
  it('reproduces the PMZilla TCPI thread: TCPI to EAC and the EAC at the budgeted rate', () => {
    const percentComplete = (225_000 / 350_000) * 100;
    const evm = earnedValue({
      bac: 350_000,
      curve: curveThrough(350_000, '2026-07-31', 225_000),
      asOf: '2026-07-31',
      percentComplete,
      actualCost: 200_000,
    });
    expect(evm).toMatchObject({ ev: 225_000, cv: 25_000, cpi: 1.125 });
    expect(evm.eac).toBe(311_111.11);
    expect(Math.floor(evm.eac! / 1000) * 1000).toBe(311_000);
    expect(evm.tcpiToEac).toBe(1.125);
    expect(evm.eacAtBudgetRate).toBe(325_000);
    // TCPI on the budgeted-rate EAC: (BAC − EV) / (325,000 − AC) = 1.
    expect((evm.bac - evm.ev) / (evm.eacAtBudgetRate - evm.ac)).toBe(1);
  });

  // Sources for TCPI to BAC:
  // HKSM, "To-Complete Performance Index (TCPI)": BAC 1,000,000, EV 400,000, AC 500,000 → 1.20.
  // https://hksmnow.com/definitions/project-management/to_complete_performance_index_tcpi.php
  // CrucialExams, PMP practice question: BAC $500,000, EV $200,000, AC $250,000 → 1.2.
  // https://gcp.crucialexams.com/study/questions/pmi-pmp-latest/a-project-has-a-budget-at-completion-(bac)-of-500-000-earned-value-(ev)/20918
  it.each([
    { source: 'HKSM', bac: 1_000_000, ev: 400_000, ac: 500_000, tcpi: 1.2 },
    { source: 'CrucialExams', bac: 500_000, ev: 200_000, ac: 250_000, tcpi: 1.2 },
  ])('reproduces TCPI to BAC from $source', ({ bac, ev, ac, tcpi }) => {
    const evm = earnedValue({
      bac,
      curve: curveThrough(bac, '2026-06-30', ev),
      asOf: '2026-06-30',
      percentComplete: (ev / bac) * 100,
      actualCost: ac,
    });
    expect(evm.ev).toBe(ev);
    expect(evm.tcpi).toBe(tcpi);
    expect(evm.tcpi!.toFixed(2)).toBe(tcpi.toFixed(2));
  });
});

describe('undefined ratios are null with a reason', () => {
  const curve = curveThrough(100_000, '2026-06-30', 50_000);

  it('before the first planned value: no SPI and no composite EAC', () => {
    const evm = earnedValue({
      bac: 100_000,
      curve: [{ date: '2026-02-01', plannedValue: 0 }, ...curve.slice(1)],
      asOf: '2026-01-15',
      percentComplete: 5,
      actualCost: 4_000,
    });
    expect(evm.pv).toBe(0);
    expect(evm.sv).toBe(5_000);
    expect(evm.spi).toBeNull();
    expect(evm.undefinedBecause.spi).toBe('no planned value yet at 2026-01-15: the baseline plans no work before then');
    expect(evm.eacComposite).toBeNull();
    expect(evm.undefinedBecause.eacComposite).toMatch(/^needs SPI: no planned value yet/);
    expect(evm.cpi).toBe(1.25);
    expect(evm.eac).toBe(80_000);
  });

  it('with no actual cost: no CPI, EAC, ETC, VAC, TCPI to EAC or composite EAC', () => {
    const evm = earnedValue({ bac: 100_000, curve, asOf: '2026-06-30', percentComplete: 10, actualCost: 0 });
    for (const ratio of ['cpi', 'eac', 'etc', 'vac', 'tcpiToEac', 'eacComposite'] as const) {
      expect(evm[ratio], ratio).toBeNull();
      expect(evm.undefinedBecause[ratio], ratio).toMatch(/no actual cost recorded yet/);
    }
    expect(evm.tcpi).toBe(0.9);
    expect(evm.eacAtBudgetRate).toBe(90_000);
    expect(evm.spi).toBe(0.2);
  });

  it('with the budget spent (AC = BAC): no TCPI to BAC', () => {
    const evm = earnedValue({ bac: 100_000, curve, asOf: '2026-06-30', percentComplete: 80, actualCost: 100_000 });
    expect(evm.tcpi).toBeNull();
    expect(evm.undefinedBecause.tcpi).toBe('the budget is spent (AC equals BAC): no funds remain for the remaining work');
    expect(evm.eac).toBe(125_000);
    expect(evm.tcpiToEac).toBe(0.8);
  });

  it('with nothing earned yet: CPI is 0, and EAC and the composite EAC (CPI × SPI = 0) are undefined', () => {
    const evm = earnedValue({ bac: 100_000, curve, asOf: '2026-06-30', percentComplete: 0, actualCost: 12_000 });
    expect(evm.cpi).toBe(0);
    expect(evm.spi).toBe(0);
    expect(evm.eac).toBeNull();
    expect(evm.undefinedBecause.eac).toBe('no work earned yet: a CPI of 0 cannot forecast the cost at completion');
    expect(evm.eacComposite).toBeNull();
    expect(evm.undefinedBecause.eacComposite).toBe('no work earned yet: CPI × SPI is 0');
    expect(evm.eacAtBudgetRate).toBe(112_000);
    expect(evm.tcpi).toBe(1.1364);
  });

  it('when the work is complete (EAC = AC): no TCPI to EAC', () => {
    const evm = earnedValue({ bac: 100_000, curve, asOf: '2026-12-31', percentComplete: 100, actualCost: 104_000 });
    expect(evm.eac).toBe(104_000);
    expect(evm.etc).toBe(0);
    expect(evm.tcpiToEac).toBeNull();
    expect(evm.undefinedBecause.tcpiToEac).toBe('the forecast leaves nothing to spend (EAC equals AC)');
    expect(evm.tcpi).toBe(0);
  });

  it('serialises to JSON without Infinity or NaN, and keeps nulls', () => {
    const evm = earnedValue({ bac: 100_000, curve: [], asOf: '2026-06-30', percentComplete: 0, actualCost: 0 });
    const json = JSON.parse(JSON.stringify(evm));
    expect(json).toEqual(evm);
    for (const ratio of RATIOS) if (ratio !== 'tcpi') expect(json[ratio], ratio).toBeNull();
    expect(json.tcpi).toBe(1);
  });
});

describe('input checks', () => {
  it('names each bad field', () => {
    expect(evmInputIssues({ bac: 0, asOf: '2026-13-45', percentComplete: 101, actualCost: -1 }).map((i) => i.field)).toEqual([
      'bac',
      'asOf',
      'percentComplete',
      'actualCost',
    ]);
    expect(evmInputIssues({ bac: 1, asOf: '2026-06-30', percentComplete: Number.NaN, actualCost: Infinity })).toHaveLength(2);
    expect(evmInputIssues({ bac: 1, asOf: '2026-06-30', percentComplete: 0, actualCost: 0 })).toEqual([]);
  });

  it('refuses to compute from bad input rather than return NaN', () => {
    expect(() => earnedValue({ bac: 100, curve: [], asOf: '2026-06-30', percentComplete: -5, actualCost: 0 })).toThrow(
      /percentComplete must be between 0 and 100/,
    );
  });

  it('rounds half away from zero, without -0', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(Object.is(roundTo(-0.001, 2), 0)).toBe(true);
    expect(roundTo(0.87555, 4)).toBe(0.8756);
  });
});

describe('earned value identities hold for any valid input', () => {
  const day = (offset: number) => new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

  const input = fc
    .record({
      bacCents: fc.integer({ min: 1, max: 100_000_000_000 }),
      midShare: fc.double({ min: 0, max: 1, noNaN: true }),
      start: fc.integer({ min: 0, max: 300 }),
      midLength: fc.integer({ min: 1, max: 400 }),
      endLength: fc.integer({ min: 1, max: 400 }),
      asOf: fc.integer({ min: -60, max: 1200 }),
      percent: fc.oneof(
        fc.constantFrom(0, 100),
        fc.integer({ min: 0, max: 10_000 }).map((p) => p / 100),
      ),
      acShare: fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 3, noNaN: true })),
    })
    .map((r) => {
      const bac = r.bacCents / 100;
      const mid = r.start + r.midLength;
      const curve = [
        { date: day(r.start), plannedValue: 0 },
        { date: day(mid), plannedValue: roundTo(bac * r.midShare, 2) },
        { date: day(mid + r.endLength), plannedValue: bac },
      ];
      return { bac, curve, asOf: day(r.asOf), percentComplete: r.percent, actualCost: roundTo(bac * r.acShare, 2) };
    });

  const cent = 0.01 + 1e-9;
  // The tolerance, plus the spacing of doubles at this magnitude (cents stop being exact past ~1e13).
  const close = (a: number, b: number, tolerance: number) =>
    Math.abs(a - b) <= tolerance + 1e-9 + 8 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b));

  function everyFigureIsFinite(evm: Evm): boolean {
    return Object.entries(evm).every(([key, value]) => key === 'undefinedBecause' || value === null || Number.isFinite(value));
  }

  it('CV = EV − AC, SV = EV − PV, EAC = AC + ETC, VAC = BAC − EAC, SPI × PV = EV, CPI × AC = EV, within rounding', () => {
    fc.assert(
      fc.property(input, (i) => {
        const evm = earnedValue(i);
        expect(everyFigureIsFinite(evm)).toBe(true);
        expect(close(evm.cv, evm.ev - evm.ac, cent)).toBe(true);
        expect(close(evm.sv, evm.ev - evm.pv, cent)).toBe(true);
        expect(close(evm.eacAtBudgetRate, evm.ac + (evm.bac - evm.ev), 1.5 * cent)).toBe(true);
        if (evm.spi !== null) expect(close(evm.spi * evm.pv, evm.ev, 0.00005 * evm.pv + cent)).toBe(true);
        if (evm.cpi !== null) expect(close(evm.cpi * evm.ac, evm.ev, 0.00005 * evm.ac + cent)).toBe(true);
        if (evm.eac !== null) {
          expect(close(evm.eac, evm.ac + evm.etc!, cent)).toBe(true);
          expect(close(evm.vac!, evm.bac - evm.eac, cent)).toBe(true);
        }
        if (evm.tcpi !== null) {
          expect(close(evm.tcpi * (evm.bac - evm.ac), evm.bac - evm.ev, 0.00005 * Math.abs(evm.bac - evm.ac) + 2 * cent)).toBe(
            true,
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a figure is null exactly when a reason is given, and PV follows the curve', () => {
    fc.assert(
      fc.property(input, (i) => {
        const evm = earnedValue(i);
        for (const ratio of RATIOS) {
          expect(evm[ratio] === null, ratio).toBe(evm.undefinedBecause[ratio] !== undefined);
        }
        expect(evm.pv).toBeGreaterThanOrEqual(0);
        expect(evm.pv).toBeLessThanOrEqual(evm.bac);
        if (i.asOf < i.curve[0]!.date) expect(evm.pv).toBe(0);
        if (i.asOf >= i.curve[2]!.date) expect(evm.pv).toBe(evm.bac);
        expect(evm.ev).toBe(roundTo((i.percentComplete / 100) * i.bac, 2));
        expect(evm.ac).toBe(i.actualCost);
      }),
      { numRuns: 500 },
    );
  });

  it('TCPI to EAC equals CPI whenever both exist, since EAC = BAC / CPI', () => {
    fc.assert(
      fc.property(input, (i) => {
        const evm = earnedValue(i);
        if (evm.tcpiToEac !== null && evm.cpi !== null) expect(close(evm.tcpiToEac, evm.cpi, 0.0001)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
