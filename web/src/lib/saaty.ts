/** Saaty's 1–9 scale as a PMO reads it, and the matrix edits of the driver comparison. Pure. */

export const MIN_DRIVERS = 2;
export const MAX_DRIVERS = 15;
export const CR_THRESHOLD = 0.1;

const VERBAL: Record<number, string> = {
  1: 'equally important as',
  2: 'equally to moderately more important than',
  3: 'moderately more important than',
  4: 'moderately to strongly more important than',
  5: 'strongly more important than',
  6: 'strongly to very strongly more important than',
  7: 'very strongly more important than',
  8: 'very to extremely more important than',
  9: 'extremely more important than',
};

/** The 17 values of the scale, from 1/9 (B extremely more important) to 9 (A extremely more important). */
export const SCALE: readonly number[] = [...[9, 8, 7, 6, 5, 4, 3, 2].map((d) => 1 / d), 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** 3 -> "3", 1/3 -> "1/3", 2.5 -> "2.5". */
export function formatJudgement(value: number): string {
  if (!Number.isFinite(value) || value <= 0) return '—';
  if (Math.abs(value - Math.round(value)) < 1e-6) return String(Math.round(value));
  const inverse = 1 / value;
  if (Math.abs(inverse - Math.round(inverse)) < 1e-6) return `1/${Math.round(inverse)}`;
  return value.toFixed(2);
}

/** The nearest value of the scale (log distance): what a select shows for an off-scale entry. */
export function nearestOnScale(value: number): number {
  let best = 1;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const s of SCALE) {
    const distance = Math.abs(Math.log(value) - Math.log(s));
    if (distance < bestDistance) {
      best = s;
      bestDistance = distance;
    }
  }
  return best;
}

/** "Customer value is strongly more important than Cost reduction" for matrix[a][b] = 5. */
export function describeJudgement(a: string, b: string, value: number): string {
  const v = nearestOnScale(value);
  if (v >= 1) return `${a} is ${VERBAL[Math.round(v)]} ${b}`;
  return `${b} is ${VERBAL[Math.round(1 / v)]} ${a}`;
}

/** An n×n matrix of ones. */
export function identityMatrix(n: number): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: n }, () => 1));
}

/** Sets matrix[i][j] = value and matrix[j][i] = 1/value, returning a new matrix. */
export function setJudgement(matrix: number[][], i: number, j: number, value: number): number[][] {
  const next = matrix.map((row) => [...row]);
  next[i]![j] = value;
  next[j]![i] = 1 / value;
  return next;
}

/** The matrix with one more driver, compared as equal to every other. */
export function addDriverToMatrix(matrix: number[][]): number[][] {
  const n = matrix.length + 1;
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => matrix[i]?.[j] ?? 1));
}

/** The matrix without driver `index`'s row and column. */
export function removeDriverFromMatrix(matrix: number[][], index: number): number[][] {
  return matrix.filter((_, i) => i !== index).map((row) => row.filter((_, j) => j !== index));
}

/** Why a list of driver names cannot be evaluated yet, or null. */
export function driverNamesProblem(names: readonly string[]): string | null {
  const trimmed = names.map((n) => n.trim());
  if (trimmed.length < MIN_DRIVERS) return `Name at least ${MIN_DRIVERS} drivers.`;
  if (trimmed.length > MAX_DRIVERS) return `Name at most ${MAX_DRIVERS} drivers.`;
  if (trimmed.some((n) => !n)) return 'Every driver needs a name.';
  const seen = new Set<string>();
  for (const n of trimmed) {
    const key = n.toLowerCase();
    if (seen.has(key)) return `"${n}" appears twice.`;
    seen.add(key);
  }
  return null;
}

/**
 * The disagreement of one upper-triangle cell (i < j), whichever way round the server named it:
 * the suggestion is flipped to the cell's orientation.
 */
export function disagreementAt<T extends { row: number; column: number; suggested: number }>(
  list: readonly T[],
  i: number,
  j: number,
): (T & { suggestedHere: number }) | undefined {
  for (const d of list) {
    if (d.row === i && d.column === j) return { ...d, suggestedHere: d.suggested };
    if (d.row === j && d.column === i) return { ...d, suggestedHere: 1 / d.suggested };
  }
  return undefined;
}
