import { type CurvePoint, plannedValueAt } from '../projects/baselines.curve.ts';

/**
 * Earned value of a status report against its cost baseline, as PMBOK defines the figures.
 *
 * Money (PV, EV, AC, SV, CV, EAC, ETC, VAC and the two other EACs) is rounded to cents and the
 * indices (SPI, CPI, TCPI) to 4 decimals. Every figure is computed from the unrounded inputs and
 * rounded once, at the end, so a derived figure never inherits another's rounding.
 *
 * A ratio that is undefined is null, never Infinity or NaN, and `undefinedBecause` says why.
 */
export interface Evm {
  bac: number;
  pv: number;
  ev: number;
  ac: number;
  sv: number;
  cv: number;
  spi: number | null;
  cpi: number | null;
  eac: number | null;
  etc: number | null;
  vac: number | null;
  /** To-complete performance index to meet BAC: (BAC − EV) / (BAC − AC); negative once AC exceeds BAC (BAC can no longer be met). */
  tcpi: number | null;
  /** EAC when the remaining work runs at the budgeted rate: AC + (BAC − EV). Always defined. */
  eacAtBudgetRate: number;
  /** EAC when both cost and schedule performance persist: AC + (BAC − EV) / (CPI × SPI). */
  eacComposite: number | null;
  /** To-complete performance index to meet the EAC: (BAC − EV) / (EAC − AC). */
  tcpiToEac: number | null;
  undefinedBecause: Partial<Record<EvmRatio, string>>;
}

export type EvmRatio = 'spi' | 'cpi' | 'eac' | 'etc' | 'vac' | 'tcpi' | 'eacComposite' | 'tcpiToEac';

export interface EvmInput {
  /** Budget at completion of the baseline in force at `asOf`. */
  bac: number;
  /** The baseline's cumulative planned-value curve. */
  curve: CurvePoint[];
  /** The report's status date (ISO day). */
  asOf: string;
  /** 0–100. */
  percentComplete: number;
  /** Actual cost to date. */
  actualCost: number;
}

export interface EvmInputIssue {
  field: 'bac' | 'asOf' | 'percentComplete' | 'actualCost';
  message: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Amounts below half a cent show as 0.00, so they count as zero when a ratio divides by them. */
const HALF_CENT = 0.005;

/** Checks the figures a report brings; the service turns each issue into a 4xx naming its field. */
export function evmInputIssues(input: Omit<EvmInput, 'curve'>): EvmInputIssue[] {
  const issues: EvmInputIssue[] = [];
  if (!Number.isFinite(input.bac) || !(input.bac > 0)) issues.push({ field: 'bac', message: 'must be greater than 0' });
  if (!DAY.test(input.asOf) || Number.isNaN(Date.parse(input.asOf))) {
    issues.push({ field: 'asOf', message: 'must be a date like 2026-03-31' });
  }
  if (!Number.isFinite(input.percentComplete) || input.percentComplete < 0 || input.percentComplete > 100) {
    issues.push({ field: 'percentComplete', message: 'must be between 0 and 100' });
  }
  if (!Number.isFinite(input.actualCost) || input.actualCost < 0) {
    issues.push({ field: 'actualCost', message: 'must be 0 or more' });
  }
  return issues;
}

/**
 * Earned value at `asOf`: PV from the baseline curve (0 before its first point, linear between
 * points, BAC after the last), EV = percent complete × BAC, AC = actual cost to date.
 * @example earnedValue({ bac: 100_000, curve, asOf: '2026-03-31', percentComplete: 35, actualCost: 36_000 })
 * @throws RangeError when the input fails evmInputIssues (validate first to answer a 4xx).
 */
export function earnedValue(input: EvmInput): Evm {
  const issues = evmInputIssues(input);
  if (issues.length > 0) {
    throw new RangeError(`earned value input: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`);
  }
  const bac = input.bac;
  const pv = plannedValueAt(input.curve, input.asOf);
  const ev = (input.percentComplete / 100) * bac;
  const ac = input.actualCost;
  const because: Partial<Record<EvmRatio, string>> = {};

  const noPv = pv < HALF_CENT;
  const noAc = ac < HALF_CENT;
  const noEv = ev < HALF_CENT;

  const spi = noPv ? null : ev / pv;
  if (noPv) because.spi = `no planned value yet at ${input.asOf}: the baseline plans no work before then`;

  const cpi = noAc ? null : ev / ac;
  if (noAc) because.cpi = 'no actual cost recorded yet';

  // EAC = BAC / CPI = BAC × AC / EV: undefined without a CPI, or when CPI is 0 (nothing earned).
  let eac: number | null = null;
  if (noAc) because.eac = 'no actual cost recorded yet, so there is no CPI to forecast from';
  else if (noEv) because.eac = 'no work earned yet: a CPI of 0 cannot forecast the cost at completion';
  else eac = (bac * ac) / ev;
  const etc = eac === null ? null : eac - ac;
  const vac = eac === null ? null : bac - eac;
  if (because.eac) {
    because.etc = because.eac;
    because.vac = because.eac;
  }

  const fundsLeft = bac - ac;
  const tcpi = Math.abs(fundsLeft) < HALF_CENT ? null : (bac - ev) / fundsLeft;
  if (tcpi === null) because.tcpi = 'the budget is spent (AC equals BAC): no funds remain for the remaining work';

  // CPI × SPI = EV² / (AC × PV), so the composite EAC is AC + (BAC − EV) × AC × PV / EV².
  let eacComposite: number | null = null;
  if (noPv) because.eacComposite = `needs SPI: ${because.spi}`;
  else if (noAc) because.eacComposite = 'needs CPI: no actual cost recorded yet';
  else if (noEv) because.eacComposite = 'no work earned yet: CPI × SPI is 0';
  else eacComposite = ac + ((bac - ev) * ac * pv) / (ev * ev);

  let tcpiToEac: number | null = null;
  if (etc === null) because.tcpiToEac = because.eac;
  else if (Math.abs(etc) < HALF_CENT) because.tcpiToEac = 'the forecast leaves nothing to spend (EAC equals AC)';
  else tcpiToEac = (bac - ev) / etc;

  return {
    bac: money(bac),
    pv: money(pv),
    ev: money(ev),
    ac: money(ac),
    sv: money(ev - pv),
    cv: money(ev - ac),
    spi: index(spi),
    cpi: index(cpi),
    eac: money(eac),
    etc: money(etc),
    vac: money(vac),
    tcpi: index(tcpi),
    eacAtBudgetRate: money(ac + (bac - ev)),
    eacComposite: money(eacComposite),
    tcpiToEac: index(tcpiToEac),
    undefinedBecause: because,
  };
}

function money(value: number): number;
function money(value: number | null): number | null;
function money(value: number | null): number | null {
  return value === null ? null : roundTo(value, 2);
}

function index(value: number | null): number | null {
  return value === null ? null : roundTo(value, 4);
}

/**
 * Half away from zero, symmetric for negatives; the epsilon keeps 1.005 (stored as 1.00499…)
 * rounding to 1.01 as a person would. Never returns -0.
 */
export function roundTo(value: number, places: number): number {
  const factor = 10 ** places;
  const rounded = Math.round(Math.abs(value) * factor * (1 + Number.EPSILON)) / factor;
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}
