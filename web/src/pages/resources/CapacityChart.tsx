import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatFte, monthLabel } from '../../lib/capacity.ts';

export interface CapacityPoint {
  month: string;
  capacityFte: number;
  allocatedFte: number;
  /** Demand with no person named yet (skills); leave out for a person. */
  unfilledFte?: number;
}

/** Capacity as a line over stacked bars of what is allocated and what is still unfilled. */
export function CapacityChart({ points, label, height = 280 }: { points: CapacityPoint[]; label: string; height?: number }) {
  const data = points.map((p) => ({ ...p, name: monthLabel(p.month) }));
  const withUnfilled = points.some((p) => (p.unfilledFte ?? 0) > 0);
  return (
    <figure style={{ margin: 0 }} aria-label={label}>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} width={44} label={{ value: 'FTE', angle: -90, position: 'insideLeft', fontSize: 12 }} />
          <Tooltip formatter={(v) => `${formatFte(Number(v))} FTE`} />
          <Legend />
          <Bar dataKey="allocatedFte" name="Allocated" stackId="demand" fill="#3b82f6" />
          {withUnfilled && <Bar dataKey="unfilledFte" name="Unfilled demand" stackId="demand" fill="#f59e0b" />}
          <Line dataKey="capacityFte" name="Capacity" type="stepAfter" stroke="#111827" strokeWidth={2} dot={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption className="tg-visually-hidden">{label}</figcaption>
    </figure>
  );
}
