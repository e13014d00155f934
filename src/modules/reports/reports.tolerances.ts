import { daysBetween } from '../../kernel/dates.ts';
import { RAG_DIMENSIONS, type StandardDefinition } from '../standards/standards.definition.ts';
import { type Evm, roundTo } from './reports.evm.ts';

/**
 * The standard's tolerances turn earned value and the forecast finish into a computed RAG, which
 * is compared with the RAG the project manager reported. Only schedule and cost have figures to
 * compute from; scope, quality, risk and resources stay as reported.
 */
export type Rag = 'green' | 'amber' | 'red';
export type RagDimension = (typeof RAG_DIMENSIONS)[number];
export type ToleranceFigure = 'spi' | 'cpi' | 'budgetVariancePct' | 'finishSlipDays';

const BADNESS: Record<Rag, number> = { green: 0, amber: 1, red: 2 };

/** How bad a RAG is: green 0, amber 1, red 2. */
export function ragBadness(rag: Rag): number {
  return BADNESS[rag];
}

/** The worse of RAGs; green when there are none. */
export function worstRag(rags: readonly Rag[]): Rag {
  return rags.reduce<Rag>((worst, rag) => (BADNESS[rag] > BADNESS[worst] ? rag : worst), 'green');
}

/** One tolerance test: the figure, its value (null when it cannot be computed yet), and what it gives. */
export interface ToleranceCheck {
  figure: ToleranceFigure;
  value: number | null;
  rag: Rag;
  because: string;
}

export interface DimensionRag extends ToleranceCheck {
  /** Every test behind this dimension; the entry itself repeats the one that decided it. */
  checks: ToleranceCheck[];
}

export interface ComputedRag {
  overall: Rag;
  /** Only the dimensions the standard names and that have figures (schedule, cost). */
  dimensions: Partial<Record<RagDimension, DimensionRag>>;
}

export interface RagInput {
  evm: Evm;
  /** The approved budget the EAC is held against. */
  budget: number;
  plannedFinish: string | null;
  forecastFinish: string | null;
  tolerances: StandardDefinition['tolerances'];
  dimensions: readonly RagDimension[];
}

/**
 * Computed RAG per dimension and overall. Schedule: SPI below the amber (red) tolerance, or a
 * forecast finish that slips by at least the amber (red) number of days; the worse of the two.
 * Cost: CPI below tolerance, or a budget variance (EAC − budget) / budget × 100 of at least the
 * amber (red) percentage. A figure that cannot be computed yet gives green and says why.
 * @example computeRag({ evm, budget: 100_000, plannedFinish: '2026-12-31', forecastFinish: '2027-01-20', tolerances, dimensions: ['schedule', 'cost', 'scope'] })
 */
export function computeRag(input: RagInput): ComputedRag {
  const { evm, tolerances: t } = input;
  const dimensions: Partial<Record<RagDimension, DimensionRag>> = {};
  if (input.dimensions.includes('schedule')) {
    dimensions.schedule = decide([
      belowBand('spi', 'SPI', evm.spi, t.spi, evm.undefinedBecause.spi),
      finishSlip(input.plannedFinish, input.forecastFinish, t.dateVarianceDays),
    ]);
  }
  if (input.dimensions.includes('cost')) {
    dimensions.cost = decide([
      belowBand('cpi', 'CPI', evm.cpi, t.cpi, evm.undefinedBecause.cpi),
      budgetVariance(evm, input.budget, t.budgetVariancePct),
    ]);
  }
  return { overall: worstRag(Object.values(dimensions).map((d) => d.rag)), dimensions };
}

type Band = { amber: number; red: number };

/** An index that is bad when low: below red is red, below amber is amber; exactly at amber is green. */
function belowBand(figure: 'spi' | 'cpi', label: string, value: number | null, band: Band, why?: string): ToleranceCheck {
  if (value === null)
    return { figure, value, rag: 'green', because: `no ${label} yet (${why ?? 'not computable'}), so it cannot breach` };
  if (value < band.red) return { figure, value, rag: 'red', because: `${label} ${value} is below the red tolerance ${band.red}` };
  if (value < band.amber)
    return { figure, value, rag: 'amber', because: `${label} ${value} is below the amber tolerance ${band.amber}` };
  return { figure, value, rag: 'green', because: `${label} ${value} is within tolerance (amber below ${band.amber})` };
}

/** A variance that is bad when high: at or above red is red, at or above amber is amber. */
function atOrAbove(figure: ToleranceFigure, value: number, band: Band, describe: string, unit: string): ToleranceCheck {
  if (value >= band.red)
    return { figure, value, rag: 'red', because: `${describe}: at or over the red tolerance of ${band.red}${unit}` };
  if (value >= band.amber) {
    return { figure, value, rag: 'amber', because: `${describe}: at or over the amber tolerance of ${band.amber}${unit}` };
  }
  return { figure, value, rag: 'green', because: `${describe}: within tolerance (amber at ${band.amber}${unit})` };
}

function finishSlip(plannedFinish: string | null, forecastFinish: string | null, band: Band): ToleranceCheck {
  const figure = 'finishSlipDays';
  if (!plannedFinish) return { figure, value: null, rag: 'green', because: 'no planned finish to measure a slip against' };
  if (!forecastFinish) return { figure, value: null, rag: 'green', because: 'no forecast finish reported' };
  const slip = daysBetween(plannedFinish, forecastFinish);
  const describe =
    slip > 0
      ? `forecast finish ${forecastFinish} is ${slip} days after the planned finish ${plannedFinish}`
      : slip === 0
        ? `forecast finish ${forecastFinish} is on the planned finish`
        : `forecast finish ${forecastFinish} is ${-slip} days before the planned finish ${plannedFinish}`;
  return atOrAbove(figure, slip, band, describe, ' days');
}

function budgetVariance(evm: Evm, budget: number, band: Band): ToleranceCheck {
  const figure = 'budgetVariancePct';
  if (!(budget > 0)) return { figure, value: null, rag: 'green', because: 'no approved budget to hold the EAC against' };
  if (evm.eac === null) {
    return { figure, value: null, rag: 'green', because: `no EAC yet (${evm.undefinedBecause.eac}), so no budget variance` };
  }
  const pct = percentShown(((evm.eac - budget) / budget) * 100);
  const describe =
    pct >= 0 ? `EAC ${evm.eac} is ${pct}% over the budget ${budget}` : `EAC ${evm.eac} is ${-pct}% under the budget ${budget}`;
  return atOrAbove(figure, pct, band, describe, '%');
}

/**
 * A percentage as shown and compared: floating-point noise removed (5.000000000000001 is 5), then
 * cut, not rounded, to 4 decimals, so 4.99999% shows as 4.9999 and stays below a 5% tolerance.
 */
function percentShown(pct: number): number {
  const cut = Math.trunc(roundTo(pct * 10_000, 5)) / 10_000;
  return cut === 0 ? 0 : cut;
}

/** The worst check decides; on a tie, one with a figure beats one without, then the first listed. */
function decide(checks: ToleranceCheck[]): DimensionRag {
  let decisive = checks[0]!;
  for (const check of checks.slice(1)) {
    const worse = BADNESS[check.rag] > BADNESS[decisive.rag];
    const sameButMeasured = BADNESS[check.rag] === BADNESS[decisive.rag] && decisive.value === null && check.value !== null;
    if (worse || sameButMeasured) decisive = check;
  }
  return { ...decisive, checks };
}

export interface Mismatch {
  dimension: RagDimension | 'overall';
  reported: Rag;
  computed: Rag;
  figure: string;
  value: number | null;
  because: string;
}

/**
 * Every dimension (and the overall status) whose reported RAG is better than the computed one:
 * the "reported green, computed red" a PMO must see. Dimensions without a computed RAG are not
 * compared. The overall mismatch names the figure of the worst computed dimension.
 * @example findMismatches({ schedule: 'green', overall: 'green' }, computeRag(...))
 */
export function findMismatches(reported: Partial<Record<RagDimension | 'overall', Rag>>, computed: ComputedRag): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const dimension of RAG_DIMENSIONS) {
    const entry = computed.dimensions[dimension];
    const said = reported[dimension];
    if (!entry || !said || BADNESS[said] >= BADNESS[entry.rag]) continue;
    mismatches.push({
      dimension,
      reported: said,
      computed: entry.rag,
      figure: entry.figure,
      value: entry.value,
      because: `${dimension} reported ${said} but computed ${entry.rag}: ${entry.because}`,
    });
  }
  const said = reported.overall;
  if (said && BADNESS[said] < BADNESS[computed.overall]) {
    const worst = RAG_DIMENSIONS.map((d) => [d, computed.dimensions[d]] as const).find(([, e]) => e?.rag === computed.overall);
    const [dimension, entry] = worst ?? [];
    mismatches.push({
      dimension: 'overall',
      reported: said,
      computed: computed.overall,
      figure: entry?.figure ?? 'overall',
      value: entry?.value ?? null,
      because: `overall reported ${said} but computed ${computed.overall}${entry ? ` from ${dimension}: ${entry.because}` : ''}`,
    });
  }
  return mismatches;
}
