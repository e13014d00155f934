import { describe, expect, it } from 'vitest';
import { DEFAULT_STANDARDS } from '../standards/standards.defaults.ts';
import type { StandardDefinition } from '../standards/standards.definition.ts';
import type { Evm } from './reports.evm.ts';
import { type ComputedRag, type Rag, computeRag, findMismatches, worstRag } from './reports.tolerances.ts';

// The tolerances of the shipped IT standard: SPI/CPI amber below 0.95, red below 0.9; budget
// variance amber at 5%, red at 10%; finish slip amber at 10 days, red at 20.
const tolerances: StandardDefinition['tolerances'] = DEFAULT_STANDARDS[0]!.definition.tolerances;

function evmWith(figures: Partial<Evm>): Evm {
  return {
    bac: 100_000,
    pv: 50_000,
    ev: 50_000,
    ac: 50_000,
    sv: 0,
    cv: 0,
    spi: 1,
    cpi: 1,
    eac: 100_000,
    etc: 50_000,
    vac: 0,
    tcpi: 1,
    eacAtBudgetRate: 100_000,
    eacComposite: 100_000,
    tcpiToEac: 1,
    undefinedBecause: {},
    ...figures,
  };
}

const onPlan = { budget: 100_000, plannedFinish: '2026-12-31', forecastFinish: '2026-12-31', tolerances };
const both = ['schedule', 'cost'] as const;

describe('the tolerances of the standard in use', () => {
  it('are the ones these tables are written against', () => {
    expect(tolerances).toEqual({
      spi: { amber: 0.95, red: 0.9 },
      cpi: { amber: 0.95, red: 0.9 },
      budgetVariancePct: { amber: 5, red: 10 },
      dateVarianceDays: { amber: 10, red: 20 },
    });
  });
});

describe('schedule from SPI and from the forecast finish slip', () => {
  it.each([
    { spi: 1.1, forecastFinish: '2026-12-31', rag: 'green', figure: 'spi', value: 1.1 },
    { spi: 0.9501, forecastFinish: '2026-12-31', rag: 'green', figure: 'spi', value: 0.9501 },
    { spi: 0.95, forecastFinish: '2026-12-31', rag: 'green', figure: 'spi', value: 0.95 }, // at amber: not below it
    { spi: 0.9499, forecastFinish: '2026-12-31', rag: 'amber', figure: 'spi', value: 0.9499 },
    { spi: 0.9, forecastFinish: '2026-12-31', rag: 'amber', figure: 'spi', value: 0.9 }, // at red: not below it
    { spi: 0.8999, forecastFinish: '2026-12-31', rag: 'red', figure: 'spi', value: 0.8999 },
    { spi: 1, forecastFinish: '2027-01-09', rag: 'green', figure: 'spi', value: 1 }, // 9 days late
    { spi: 1, forecastFinish: '2027-01-10', rag: 'amber', figure: 'finishSlipDays', value: 10 }, // exactly at amber
    { spi: 1, forecastFinish: '2027-01-19', rag: 'amber', figure: 'finishSlipDays', value: 19 },
    { spi: 1, forecastFinish: '2027-01-20', rag: 'red', figure: 'finishSlipDays', value: 20 }, // exactly at red
    { spi: 1, forecastFinish: '2026-11-30', rag: 'green', figure: 'spi', value: 1 }, // early
    { spi: 0.93, forecastFinish: '2027-01-25', rag: 'red', figure: 'finishSlipDays', value: 25 }, // the worse of the two
    { spi: 0.85, forecastFinish: '2027-01-15', rag: 'red', figure: 'spi', value: 0.85 },
    { spi: 0.93, forecastFinish: '2027-01-12', rag: 'amber', figure: 'spi', value: 0.93 }, // tie: the first test
  ] as const)('SPI $spi, forecast finish $forecastFinish → $rag by $figure', ({ spi, forecastFinish, rag, figure, value }) => {
    const computed = computeRag({ ...onPlan, forecastFinish, evm: evmWith({ spi }), dimensions: ['schedule'] });
    expect(computed.dimensions.schedule).toMatchObject({ rag, figure, value });
    expect(computed.dimensions.schedule!.checks.map((c) => c.figure)).toEqual(['spi', 'finishSlipDays']);
    expect(computed.overall).toBe(rag);
  });

  it('says what decided it', () => {
    const late = computeRag({ ...onPlan, forecastFinish: '2027-01-20', evm: evmWith({}), dimensions: ['schedule'] });
    expect(late.dimensions.schedule!.because).toBe(
      'forecast finish 2027-01-20 is 20 days after the planned finish 2026-12-31: at or over the red tolerance of 20 days',
    );
    const slow = computeRag({ ...onPlan, evm: evmWith({ spi: 0.92 }), dimensions: ['schedule'] });
    expect(slow.dimensions.schedule!.because).toBe('SPI 0.92 is below the amber tolerance 0.95');
  });

  it('is green, saying why, when there is no planned value yet and no forecast finish', () => {
    const evm = evmWith({ pv: 0, spi: null, undefinedBecause: { spi: 'no planned value yet at 2026-01-15' } });
    const computed = computeRag({ ...onPlan, forecastFinish: null, evm, dimensions: ['schedule'] });
    expect(computed.dimensions.schedule!.rag).toBe('green');
    expect(computed.dimensions.schedule!.checks).toEqual([
      {
        figure: 'spi',
        value: null,
        rag: 'green',
        because: 'no SPI yet (no planned value yet at 2026-01-15), so it cannot breach',
      },
      { figure: 'finishSlipDays', value: null, rag: 'green', because: 'no forecast finish reported' },
    ]);
  });

  it('prefers a measured figure over a missing one when both are green', () => {
    const evm = evmWith({ spi: null, undefinedBecause: { spi: 'no planned value yet at 2026-01-15' } });
    const computed = computeRag({ ...onPlan, forecastFinish: '2027-01-02', evm, dimensions: ['schedule'] });
    expect(computed.dimensions.schedule).toMatchObject({ rag: 'green', figure: 'finishSlipDays', value: 2 });
  });

  it('does not measure a slip without a planned finish', () => {
    const computed = computeRag({ ...onPlan, plannedFinish: null, evm: evmWith({}), dimensions: ['schedule'] });
    expect(computed.dimensions.schedule!.checks[1]).toMatchObject({
      value: null,
      rag: 'green',
      because: 'no planned finish to measure a slip against',
    });
  });
});

describe('cost from CPI and from the budget variance', () => {
  it.each([
    { cpi: 1, eac: 100_000, rag: 'green', figure: 'cpi', value: 1 },
    { cpi: 0.95, eac: 100_000, rag: 'green', figure: 'cpi', value: 0.95 }, // at amber: not below it
    { cpi: 0.9499, eac: 100_000, rag: 'amber', figure: 'cpi', value: 0.9499 },
    { cpi: 0.9, eac: 100_000, rag: 'amber', figure: 'cpi', value: 0.9 },
    { cpi: 0.8999, eac: 100_000, rag: 'red', figure: 'cpi', value: 0.8999 },
    { cpi: 1, eac: 104_999.99, rag: 'green', figure: 'cpi', value: 1 },
    { cpi: 1, eac: 105_000, rag: 'amber', figure: 'budgetVariancePct', value: 5 }, // exactly at amber
    { cpi: 1, eac: 109_999, rag: 'amber', figure: 'budgetVariancePct', value: 9.999 },
    { cpi: 1, eac: 110_000, rag: 'red', figure: 'budgetVariancePct', value: 10 }, // exactly at red
    { cpi: 1, eac: 90_000, rag: 'green', figure: 'cpi', value: 1 }, // under budget
    { cpi: 0.92, eac: 111_000, rag: 'red', figure: 'budgetVariancePct', value: 11 }, // the worse of the two
    { cpi: 0.8, eac: 106_000, rag: 'red', figure: 'cpi', value: 0.8 },
  ] as const)('CPI $cpi, EAC $eac on a budget of 100,000 → $rag by $figure', ({ cpi, eac, rag, figure, value }) => {
    const computed = computeRag({ ...onPlan, evm: evmWith({ cpi, eac }), dimensions: ['cost'] });
    expect(computed.dimensions.cost).toMatchObject({ rag, figure, value });
  });

  it('holds the EAC against the approved budget, not BAC', () => {
    const computed = computeRag({ ...onPlan, budget: 120_000, evm: evmWith({ eac: 126_000 }), dimensions: ['cost'] });
    expect(computed.dimensions.cost).toMatchObject({
      rag: 'amber',
      figure: 'budgetVariancePct',
      value: 5,
      because: 'EAC 126000 is 5% over the budget 120000: at or over the amber tolerance of 5%',
    });
  });

  it('compares the variance as shown: an exact 5% is not lost to floating point, nor 4.99999% rounded up', () => {
    // (315,000 − 300,000) / 300,000 × 100 is 5.000000000000001 in floating point.
    const computed = computeRag({ ...onPlan, budget: 300_000, evm: evmWith({ eac: 315_000 }), dimensions: ['cost'] });
    expect(computed.dimensions.cost!.checks[1]).toMatchObject({ value: 5, rag: 'amber' });
    // A cent short of 5% shows as 4.9999%, not a rounded-up 5% that would contradict its green.
    const short = computeRag({ ...onPlan, evm: evmWith({ eac: 104_999.99 }), dimensions: ['cost'] });
    expect(short.dimensions.cost!.checks[1]).toMatchObject({ value: 4.9999, rag: 'green' });
  });

  it('is green, saying why, when there is no actual cost yet', () => {
    const why = 'no actual cost recorded yet';
    const evm = evmWith({ ac: 0, cpi: null, eac: null, undefinedBecause: { cpi: why, eac: `${why}, so there is no CPI` } });
    const computed = computeRag({ ...onPlan, evm, dimensions: ['cost'] });
    expect(computed.dimensions.cost!.rag).toBe('green');
    expect(computed.dimensions.cost!.checks.map((c) => [c.value, c.because])).toEqual([
      [null, 'no CPI yet (no actual cost recorded yet), so it cannot breach'],
      [null, 'no EAC yet (no actual cost recorded yet, so there is no CPI), so no budget variance'],
    ]);
  });
});

describe('dimensions and overall', () => {
  it('computes only the dimensions the standard names that have figures', () => {
    const computed = computeRag({
      ...onPlan,
      evm: evmWith({}),
      dimensions: ['schedule', 'cost', 'scope', 'quality', 'risk', 'resources'],
    });
    expect(Object.keys(computed.dimensions)).toEqual(['schedule', 'cost']);
    const costOnly = computeRag({ ...onPlan, evm: evmWith({ spi: 0.5 }), dimensions: ['cost', 'scope'] });
    expect(Object.keys(costOnly.dimensions)).toEqual(['cost']);
    expect(costOnly.overall).toBe('green');
  });

  it.each([
    { spi: 1, cpi: 1, overall: 'green' },
    { spi: 0.93, cpi: 1, overall: 'amber' },
    { spi: 1, cpi: 0.93, overall: 'amber' },
    { spi: 0.93, cpi: 0.85, overall: 'red' },
  ] as const)('overall is the worst computed (SPI $spi, CPI $cpi → $overall)', ({ spi, cpi, overall }) => {
    expect(computeRag({ ...onPlan, evm: evmWith({ spi, cpi }), dimensions: both }).overall).toBe(overall);
  });

  it('is green with nothing to compute', () => {
    expect(computeRag({ ...onPlan, evm: evmWith({}), dimensions: ['scope'] })).toEqual({ overall: 'green', dimensions: {} });
    expect(worstRag([])).toBe('green');
    expect(worstRag(['amber', 'green', 'red', 'amber'])).toBe('red');
  });
});

describe('mismatch: reported better than computed', () => {
  // A watermelon: SPI 0.85 (red), CPI 0.93 (amber), finish 5 days late, EAC 3% over.
  const computed: ComputedRag = computeRag({
    ...onPlan,
    forecastFinish: '2027-01-05',
    evm: evmWith({ spi: 0.85, cpi: 0.93, eac: 103_000 }),
    dimensions: ['schedule', 'cost', 'scope'],
  });

  it.each([
    { schedule: 'green', cost: 'green', overall: 'green', flagged: ['schedule', 'cost', 'overall'] },
    { schedule: 'amber', cost: 'amber', overall: 'amber', flagged: ['schedule', 'overall'] },
    { schedule: 'red', cost: 'amber', overall: 'red', flagged: [] },
    { schedule: 'red', cost: 'red', overall: 'red', flagged: [] }, // worse than computed is no mismatch
    { schedule: 'red', cost: 'green', overall: 'red', flagged: ['cost'] },
    { schedule: 'red', cost: 'amber', overall: 'amber', flagged: ['overall'] },
  ] as const)('reported schedule $schedule, cost $cost, overall $overall → $flagged', ({ flagged, ...reported }) => {
    expect(findMismatches(reported, computed).map((m) => m.dimension)).toEqual(flagged);
  });

  it('names the figure that disagrees', () => {
    const mismatches = findMismatches({ schedule: 'green', cost: 'green', scope: 'green', overall: 'green' }, computed);
    expect(mismatches).toEqual([
      {
        dimension: 'schedule',
        reported: 'green',
        computed: 'red',
        figure: 'spi',
        value: 0.85,
        because: 'schedule reported green but computed red: SPI 0.85 is below the red tolerance 0.9',
      },
      {
        dimension: 'cost',
        reported: 'green',
        computed: 'amber',
        figure: 'cpi',
        value: 0.93,
        because: 'cost reported green but computed amber: CPI 0.93 is below the amber tolerance 0.95',
      },
      {
        dimension: 'overall',
        reported: 'green',
        computed: 'red',
        figure: 'spi',
        value: 0.85,
        because: 'overall reported green but computed red from schedule: SPI 0.85 is below the red tolerance 0.9',
      },
    ]);
  });

  it.each([
    // At the threshold: SPI exactly 0.95 is green, so a green report agrees.
    { spi: 0.95, slip: '2026-12-31', reported: 'green', mismatch: false },
    { spi: 0.9499, slip: '2026-12-31', reported: 'green', mismatch: true },
    // Slip exactly at the amber tolerance (10 days) is amber, so a green report disagrees.
    { spi: 1, slip: '2027-01-10', reported: 'green', mismatch: true },
    { spi: 1, slip: '2027-01-09', reported: 'green', mismatch: false },
    { spi: 1, slip: '2027-01-10', reported: 'amber', mismatch: false },
    { spi: 1, slip: '2027-01-20', reported: 'amber', mismatch: true },
  ] as const)(
    'at the edges: SPI $spi, finish $slip, reported $reported → mismatch $mismatch',
    ({ spi, slip, reported, mismatch }) => {
      const edge = computeRag({ ...onPlan, forecastFinish: slip, evm: evmWith({ spi }), dimensions: ['schedule'] });
      const found = findMismatches({ schedule: reported as Rag }, edge);
      expect(found.length > 0).toBe(mismatch);
    },
  );

  it('ignores dimensions without a computed RAG and unreported ones', () => {
    expect(findMismatches({ scope: 'green', quality: 'green' }, computed)).toEqual([]);
    expect(findMismatches({}, computed)).toEqual([]);
  });
});
