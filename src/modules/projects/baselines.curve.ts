/**
 * A cost baseline: BAC and a cumulative planned-value curve. Planned value at a date is 0 before
 * the first point, linear between points, and the last point's value after it.
 */
export interface CurvePoint {
  date: string;
  plannedValue: number;
}

export interface CurveIssue {
  field: string;
  message: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a curve against its BAC; returns every problem, each naming its field. */
export function checkCurve(bac: number, curve: CurvePoint[]): CurveIssue[] {
  const issues: CurveIssue[] = [];
  if (!(bac > 0)) issues.push({ field: 'bac', message: 'must be greater than 0' });
  if (curve.length === 0) issues.push({ field: 'curve', message: 'needs at least one point' });
  curve.forEach((point, i) => {
    if (!DAY.test(point.date) || Number.isNaN(Date.parse(point.date))) {
      issues.push({ field: `curve.${i}.date`, message: 'must be a date like 2026-03-31' });
    }
    if (!(point.plannedValue >= 0)) issues.push({ field: `curve.${i}.plannedValue`, message: 'must not be negative' });
    const previous = curve[i - 1];
    if (previous) {
      if (point.date <= previous.date) issues.push({ field: `curve.${i}.date`, message: 'dates must ascend' });
      if (point.plannedValue < previous.plannedValue) {
        issues.push({ field: `curve.${i}.plannedValue`, message: 'the curve is cumulative: it must not go down' });
      }
    }
  });
  const last = curve[curve.length - 1];
  if (last && bac > 0 && Math.abs(last.plannedValue - bac) > 0.005) {
    issues.push({
      field: `curve.${curve.length - 1}.plannedValue`,
      message: `the last point is the budget at completion: it must equal bac (${bac})`,
    });
  }
  return issues;
}

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/** Planned value on a date (end of that day), interpolated linearly between points. */
export function plannedValueAt(curve: CurvePoint[], date: string): number {
  const first = curve[0];
  if (!first || date < first.date) return 0;
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1]!;
    const b = curve[i]!;
    if (date < b.date) {
      const share = (dayNumber(date) - dayNumber(a.date)) / (dayNumber(b.date) - dayNumber(a.date));
      return round2(a.plannedValue + share * (b.plannedValue - a.plannedValue));
    }
  }
  return curve[curve.length - 1]!.plannedValue;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * The baseline of an approved request: spending is planned evenly within each month of the
 * estimate, so the curve starts at 0 on the first day of the first month and reaches the
 * cumulative estimate at the end of each month. When the approved budget differs from the
 * estimate, the curve is scaled so that it ends at the approved budget.
 */
export function curveFromMonthlyCosts(costs: { month: string; amount: number }[], bac: number): CurvePoint[] {
  const months = [...costs].filter((c) => c.amount > 0).sort((a, b) => (a.month < b.month ? -1 : 1));
  const total = months.reduce((sum, c) => sum + c.amount, 0);
  if (months.length === 0 || total <= 0) return [];
  const scale = bac / total;
  const curve: CurvePoint[] = [{ date: `${months[0]!.month}-01`, plannedValue: 0 }];
  let cumulative = 0;
  for (const c of months) {
    cumulative += c.amount;
    curve.push({ date: lastDayOfMonth(c.month), plannedValue: round2(cumulative * scale) });
  }
  // Rounding must not leave the end a cent away from BAC.
  curve[curve.length - 1]!.plannedValue = round2(bac);
  return curve;
}
