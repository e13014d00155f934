/**
 * The Analytic Hierarchy Process (Saaty) for a PMO's strategic drivers: a pairwise comparison
 * matrix gives the drivers' weights (its principal eigenvector), λmax, the consistency index and
 * the consistency ratio. Pure: no I/O, so it is tested against published worked examples.
 */
import type { FieldIssue } from '../../kernel/errors.ts';

export const MIN_DRIVERS = 2;
export const MAX_DRIVERS = 15;
/** Saaty's threshold: a matrix with CR at or above it is inconsistent. */
export const CONSISTENCY_THRESHOLD = 0.1;

/** Saaty's fundamental scale: 1/9, 1/8, …, 1/2, 1, 2, …, 9. */
export const SAATY_SCALE: readonly number[] = [...[9, 8, 7, 6, 5, 4, 3, 2].map((d) => 1 / d), ...[1, 2, 3, 4, 5, 6, 7, 8, 9]];

/**
 * Saaty's random index RI(n), the mean CI of random reciprocal matrices of order n = 1…15
 * (Saaty, "The Analytic Hierarchy Process", 1980; the values most textbooks reprint).
 */
export const RANDOM_INDEX: readonly number[] = [
  0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
];

const RECIPROCAL_TOLERANCE = 1e-6;
const CONVERGENCE = 1e-12;
const MAX_ITERATIONS = 100_000;
const MIN_VALUE = 1 / 9;
const MAX_VALUE = 9;
/** Room for a UI that sends 1/9 as 0.1111111111: still in range. */
const RANGE_SLACK = 1e-9;

export function randomIndex(n: number): number {
  const ri = RANDOM_INDEX[n - 1];
  if (ri === undefined) throw new RangeError(`no random index for n = ${n}`);
  return ri;
}

/** An entry that is in range but not one of Saaty's values, e.g. 2.5; allowed, but shown. */
export interface OffScaleEntry {
  row: number;
  column: number;
  value: number;
  /** The nearest value on Saaty's scale. */
  nearest: number;
}

/** A comparison that disagrees with the weights the whole matrix implies. */
export interface Disagreement {
  row: number;
  column: number;
  /** drivers[row] compared with drivers[column]. */
  drivers: [string, string];
  /** What was entered: a[row][column]. */
  value: number;
  /** What the weights imply: w[row] / w[column]. */
  implied: number;
  /** value / implied; 1 means full agreement. */
  ratio: number;
  /** The Saaty value nearest to `implied`: entering it would lower the CR. */
  suggested: number;
}

export interface AhpEvaluation {
  weights: number[];
  lambdaMax: number;
  ci: number;
  cr: number;
  consistent: boolean;
  /** The comparisons that disagree most with the weights, worst first (at most 3). */
  disagreements: Disagreement[];
  offScale: OffScaleEntry[];
}

/** The value on Saaty's scale nearest to `value`, measured as a ratio (log distance). */
export function nearestScaleValue(value: number): number {
  let best = 1;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const s of SAATY_SCALE) {
    const distance = Math.abs(Math.log(value) - Math.log(s));
    if (distance < bestDistance) {
      best = s;
      bestDistance = distance;
    }
  }
  return best;
}

function isOnScale(value: number): boolean {
  return SAATY_SCALE.some((s) => Math.abs(value - s) <= RECIPROCAL_TOLERANCE * Math.max(1, s));
}

function format(value: number): string {
  return value >= 1 ? String(Number(value.toFixed(6))) : `1/${Number((1 / value).toFixed(6))}`;
}

/**
 * Checks a pairwise comparison matrix against its drivers: square with one row per driver,
 * 2 ≤ n ≤ 15, a diagonal of 1, every entry positive and within [1/9, 9], and reciprocal
 * (a[j][i] = 1/a[i][j] within 1e-6). Issues name the entry: `matrix.1.0`. A reciprocal mismatch
 * names the entry below the diagonal, since the one above it is the judgement as entered.
 */
export function validateComparisonMatrix(drivers: readonly string[], matrix: readonly (readonly number[])[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const n = drivers.length;
  if (n < MIN_DRIVERS || n > MAX_DRIVERS) {
    issues.push({ field: 'drivers', message: `must name between ${MIN_DRIVERS} and ${MAX_DRIVERS} drivers` });
  }
  if (matrix.length !== n) {
    issues.push({ field: 'matrix', message: `must have ${n} rows, one per driver (has ${matrix.length})` });
    return issues;
  }
  let shapeOk = true;
  matrix.forEach((row, i) => {
    if (row.length !== n) {
      issues.push({ field: `matrix.${i}`, message: `must have ${n} entries, one per driver (has ${row.length})` });
      shapeOk = false;
    }
  });
  if (!shapeOk) return issues;
  const valueOk: boolean[][] = matrix.map((row) => row.map(() => true));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = matrix[i]![j]!;
      const field = `matrix.${i}.${j}`;
      if (!Number.isFinite(v) || v <= 0) {
        issues.push({ field, message: 'must be a positive number' });
        valueOk[i]![j] = false;
      } else if (i === j && Math.abs(v - 1) > RECIPROCAL_TOLERANCE) {
        issues.push({ field, message: 'must be 1: a driver is as important as itself' });
        valueOk[i]![j] = false;
      } else if (v < MIN_VALUE - RANGE_SLACK || v > MAX_VALUE + RANGE_SLACK) {
        issues.push({ field, message: `must be between 1/9 and 9 on Saaty's scale (is ${v})` });
        valueOk[i]![j] = false;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!valueOk[i]![j] || !valueOk[j]![i]) continue;
      const upper = matrix[i]![j]!;
      const lower = matrix[j]![i]!;
      if (Math.abs(upper * lower - 1) > RECIPROCAL_TOLERANCE) {
        issues.push({
          field: `matrix.${j}.${i}`,
          message: `must be the reciprocal of matrix.${i}.${j} (${format(upper)}), i.e. ${format(1 / upper)}; is ${lower}`,
        });
      }
    }
  }
  return issues;
}

/** The principal (Perron) eigenvector by power iteration, normalised to sum to 1. */
export function principalEigenvector(matrix: readonly (readonly number[])[]): number[] {
  const n = matrix.length;
  let w = new Array<number>(n).fill(1 / n);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const next = matrix.map((row) => row.reduce((sum, a, j) => sum + a * w[j]!, 0));
    const total = next.reduce((s, x) => s + x, 0);
    for (let i = 0; i < n; i++) next[i]! /= total;
    const change = Math.max(...next.map((x, i) => Math.abs(x - w[i]!)));
    w = next;
    if (change < CONVERGENCE) return w;
  }
  // A positive matrix always converges; reaching here means a bug, not bad input.
  throw new Error('power iteration did not converge');
}

/**
 * Weights, λmax, CI = (λmax − n)/(n − 1) and CR = CI / RI(n) of a valid comparison matrix
 * (check it with validateComparisonMatrix first). CR is 0 for n ≤ 2, where every reciprocal
 * matrix is consistent. `consistent` is CR < 0.10.
 *
 * @example evaluateComparisons(['Cost', 'Risk'], [[1, 3], [1/3, 1]]).weights // [0.75, 0.25]
 */
export function evaluateComparisons(drivers: readonly string[], matrix: readonly (readonly number[])[]): AhpEvaluation {
  const n = matrix.length;
  const weights = principalEigenvector(matrix);
  // With w summing to 1, Σ_i (Aw)_i = λ Σ_i w_i = λ.
  const lambdaMax = matrix.reduce((sum, row) => sum + row.reduce((s, a, j) => s + a * weights[j]!, 0), 0);
  const ci = n <= 2 ? 0 : Math.max(0, (lambdaMax - n) / (n - 1));
  const cr = n <= 2 ? 0 : ci / randomIndex(n);
  return {
    weights,
    lambdaMax,
    ci,
    cr,
    consistent: cr < CONSISTENCY_THRESHOLD,
    disagreements: disagreements(drivers, matrix, weights),
    offScale: offScaleEntries(matrix),
  };
}

/**
 * For each judgement a[i][j] (i < j), how far it is from the ratio the weights imply,
 * a[i][j] / (w[i]/w[j]), ranked by |log ratio|. Judgements that agree (within 1e-6) are left out.
 */
export function disagreements(
  drivers: readonly string[],
  matrix: readonly (readonly number[])[],
  weights: readonly number[],
  top = 3,
): Disagreement[] {
  const all: (Disagreement & { distance: number })[] = [];
  for (let i = 0; i < matrix.length; i++) {
    for (let j = i + 1; j < matrix.length; j++) {
      const value = matrix[i]![j]!;
      const implied = weights[i]! / weights[j]!;
      const ratio = value / implied;
      const distance = Math.abs(Math.log(ratio));
      if (distance < 1e-6) continue;
      all.push({
        row: i,
        column: j,
        drivers: [drivers[i] ?? `#${i}`, drivers[j] ?? `#${j}`],
        value,
        implied,
        ratio,
        suggested: nearestScaleValue(implied),
        distance,
      });
    }
  }
  return all
    .sort((a, b) => b.distance - a.distance)
    .slice(0, top)
    .map(({ distance: _distance, ...d }) => d);
}

/** Judgements above the diagonal that are in range but not on Saaty's scale. */
export function offScaleEntries(matrix: readonly (readonly number[])[]): OffScaleEntry[] {
  const entries: OffScaleEntry[] = [];
  for (let i = 0; i < matrix.length; i++) {
    for (let j = i + 1; j < matrix.length; j++) {
      const value = matrix[i]![j]!;
      if (!isOnScale(value)) entries.push({ row: i, column: j, value, nearest: nearestScaleValue(value) });
    }
  }
  return entries;
}

/** A perfectly consistent matrix from weights: a[i][j] = w[i]/w[j]. For tests and seeds. */
export function consistentMatrix(weights: readonly number[]): number[][] {
  return weights.map((wi) => weights.map((wj) => wi / wj));
}
