import { Table } from 'antd';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { formatDate, plural } from '../../lib/format.ts';
import { ChartCard } from './ChartCard.tsx';
import { type MilestoneTrend, dayOf, dayValue, slipText, trendDomain, trendLines, trendTableRows } from './performance.ts';

/** Distinct colours for up to ten milestones, then again with another dash. */
const PALETTE = ['#1d4ed8', '#b91c1c', '#15803d', '#7c3aed', '#b45309', '#0e7490', '#be185d', '#4d7c0f', '#9333ea', '#374151'];

function missing(trend: MilestoneTrend): string | null {
  if (trend.milestones.length === 0) return 'No milestones yet';
  if (trend.milestones.every((m) => m.points.length === 0)) return 'No submitted reports yet';
  return null;
}

/**
 * The milestone trend chart: report date across, forecast date up, one line per milestone, the
 * diagonal where the forecast meets the report date, and each baseline date as a dashed line in
 * its milestone's colour. Both axes share one range so the diagonal runs corner to corner.
 */
export function MilestoneTrendChart({ trend }: { trend: MilestoneTrend }) {
  const lines = trendLines(trend);
  const domain = trendDomain(lines);
  const reportTicks = [...new Set(lines.flatMap((l) => l.points.map((p) => p.t)))].sort((a, b) => a - b);
  const slipped = trend.milestones.filter((m) => (m.slipDays ?? 0) > 0);
  const colour = (i: number) => PALETTE[i % PALETTE.length]!;
  const rows = trendTableRows(lines);
  return (
    <ChartCard
      title="Milestone trend"
      label="Milestone trend chart: the forecast date of each milestone (up) in each report (across), with the diagonal where forecast equals report date and the baseline dates"
      empty={missing(trend)}
      height={360}
      summary={`${plural(trend.milestones.length, 'milestone')}, ${slipped.length} slipped against the baseline${
        slipped.length ? `: ${slipped.map((m) => `${m.name} ${slipText(m.slipDays)}`).join(', ')}` : ''
      }. Dashed lines mark the baseline dates.`}
      table={() => (
        <ScrollRegion label="Milestone forecasts by report">
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: 'Milestone', dataIndex: 'milestone' },
              { title: 'Baseline date', dataIndex: 'baselineDate', render: formatDate },
              { title: 'Report date', dataIndex: 'asOf', render: formatDate },
              { title: 'Forecast', dataIndex: 'forecastDate', render: formatDate },
              { title: 'Against baseline', dataIndex: 'slipDays', render: (d: number) => slipText(d) },
            ]}
          />
        </ScrollRegion>
      )}
      chart={() => (
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 16, right: 24, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={domain ?? ['dataMin', 'dataMax']}
              ticks={reportTicks}
              tickFormatter={(t: number) => formatDate(dayOf(t))}
              tick={{ fontSize: 12 }}
              allowDuplicatedCategory={false}
            />
            <YAxis
              dataKey="f"
              type="number"
              scale="time"
              domain={domain ?? ['dataMin', 'dataMax']}
              tickFormatter={(t: number) => formatDate(dayOf(t))}
              width={96}
              tick={{ fontSize: 12 }}
            />
            <Tooltip
              labelFormatter={(t) => `Report ${formatDate(dayOf(Number(t)))}`}
              formatter={(v) => `forecast ${formatDate(dayOf(Number(v)))}`}
            />
            <Legend />
            {domain && (
              <ReferenceLine
                segment={[
                  { x: domain[0], y: domain[0] },
                  { x: domain[1], y: domain[1] },
                ]}
                stroke="#6b7280"
                label={{ value: 'forecast = report date', position: 'insideBottomRight', fontSize: 12 }}
              />
            )}
            {lines.map((l, i) => (
              <ReferenceLine
                key={`baseline-${l.id}`}
                y={dayValue(l.baselineDate)}
                stroke={colour(i)}
                strokeDasharray="4 4"
                ifOverflow="extendDomain"
              />
            ))}
            {lines.map((l, i) => (
              <Line
                key={l.id}
                data={l.points}
                dataKey="f"
                name={l.name}
                stroke={colour(i)}
                strokeWidth={2}
                strokeDasharray={i >= PALETTE.length ? '6 3' : undefined}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    />
  );
}
