import { Table, Tag, Typography } from 'antd';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { formatDate, formatMoney, formatMoneyCompact, humanize, plural } from '../../lib/format.ts';
import { ChartCard } from './ChartCard.tsx';
import { type PerformancePoint, type ProjectPerformance, dayOf, rebaselineMarks, sCurveRows } from './performance.ts';

export const S_CURVE_COLOURS = { pv: '#1d4ed8', ev: '#15803d', ac: '#b91c1c', bac: '#111827', eac: '#b45309' };

/** What is missing for an S-curve, in words; null when there is something to draw. */
function missing(performance: ProjectPerformance): string | null {
  if (!performance.baseline && performance.points.length === 0) return 'No baseline set and no submitted reports yet';
  if (!performance.baseline) return 'No baseline set';
  return null;
}

function Summary({ performance }: { performance: ProjectPerformance }) {
  const { baseline, points } = performance;
  const latest = points[points.length - 1];
  return (
    <>
      Baseline version {baseline?.number} (set {formatDate(baseline?.setOn)}) · BAC {formatMoney(performance.bac)}
      {latest
        ? ` · latest report ${formatDate(latest.asOf)}: EV ${formatMoney(latest.ev)}, AC ${formatMoney(latest.ac)}, EAC ${formatMoney(performance.eac)}`
        : ' · No submitted reports yet: earned value and actual cost appear with the first one.'}
      {performance.earlierBaselines.length > 0 &&
        ` · re-baselined ${plural(performance.earlierBaselines.length, 'time')} (earlier BAC ${performance.earlierBaselines
          .map((b) => `v${b.number} ${formatMoney(b.bac)}`)
          .join(', ')})`}
    </>
  );
}

function ReportTable({ performance }: { performance: ProjectPerformance }) {
  return (
    <ScrollRegion label="S-curve figures by report">
      <Table<PerformancePoint>
        size="small"
        rowKey="reportId"
        pagination={false}
        dataSource={performance.points}
        locale={{ emptyText: 'No submitted reports yet' }}
        columns={[
          { title: 'Report date', dataIndex: 'asOf', render: formatDate },
          {
            title: 'Report',
            key: 'report',
            render: (_, p) => (
              <>
                r{p.revision} <Tag>{humanize(p.state)}</Tag>
              </>
            ),
          },
          { title: 'Baseline', dataIndex: 'baselineNumber', render: (n: number | null) => (n ? `v${n}` : '—') },
          { title: 'PV', dataIndex: 'pv', align: 'right', render: (v: number | null) => formatMoney(v) },
          { title: 'EV', dataIndex: 'ev', align: 'right', render: (v: number | null) => formatMoney(v) },
          { title: 'AC', dataIndex: 'ac', align: 'right', render: (v: number | null) => formatMoney(v) },
          { title: 'EAC', dataIndex: 'eac', align: 'right', render: (v: number | null) => formatMoney(v) },
          { title: 'BAC', dataIndex: 'bac', align: 'right', render: (v: number | null) => formatMoney(v) },
        ]}
      />
      {performance.baseline && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            Planned value curve of baseline version {performance.baseline.number}
          </Typography.Title>
          <Table
            size="small"
            rowKey="date"
            pagination={false}
            dataSource={performance.baseline.curve}
            columns={[
              { title: 'Date', dataIndex: 'date', render: formatDate },
              { title: 'Planned value', dataIndex: 'plannedValue', align: 'right', render: (v: number) => formatMoney(v) },
            ]}
          />
        </>
      )}
    </ScrollRegion>
  );
}

/**
 * The S-curve: planned value of the baseline in force, earned value and actual cost from the
 * reports, over time, with BAC and the latest EAC as reference lines and each re-baseline marked.
 */
export function SCurveChart({ performance }: { performance: ProjectPerformance }) {
  const rows = sCurveRows(performance);
  const reportTicks = performance.points.map((p) => rows.find((r) => r.day === p.asOf)!.t);
  const marks = rebaselineMarks(performance);
  return (
    <ChartCard
      title="S-curve"
      label="S-curve: cumulative planned value, earned value and actual cost over time, with BAC and EAC"
      empty={missing(performance)}
      summary={<Summary performance={performance} />}
      table={() => <ReportTable performance={performance} />}
      chart={() => (
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 16, right: 24, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              ticks={reportTicks.length > 0 ? reportTicks : undefined}
              tickFormatter={(t: number) => formatDate(dayOf(t))}
              tick={{ fontSize: 12 }}
            />
            <YAxis tickFormatter={(v: number) => formatMoneyCompact(v)} width={72} tick={{ fontSize: 12 }} />
            <Tooltip labelFormatter={(t) => formatDate(dayOf(Number(t)))} formatter={(v) => formatMoney(Number(v))} />
            <Legend />
            <Line
              dataKey="pv"
              name="Planned value (PV)"
              stroke={S_CURVE_COLOURS.pv}
              strokeWidth={2}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
            <Line
              dataKey="ev"
              name="Earned value (EV)"
              stroke={S_CURVE_COLOURS.ev}
              strokeWidth={2}
              connectNulls
              isAnimationActive={false}
            />
            <Line
              dataKey="ac"
              name="Actual cost (AC)"
              stroke={S_CURVE_COLOURS.ac}
              strokeWidth={2}
              strokeDasharray="6 3"
              connectNulls
              isAnimationActive={false}
            />
            {performance.bac !== null && (
              <ReferenceLine
                y={performance.bac}
                stroke={S_CURVE_COLOURS.bac}
                ifOverflow="extendDomain"
                label={{ value: `BAC ${formatMoneyCompact(performance.bac)}`, position: 'insideTopLeft', fontSize: 12 }}
              />
            )}
            {performance.eac !== null && (
              <ReferenceLine
                y={performance.eac}
                stroke={S_CURVE_COLOURS.eac}
                strokeDasharray="4 4"
                ifOverflow="extendDomain"
                label={{ value: `EAC ${formatMoneyCompact(performance.eac)}`, position: 'insideBottomLeft', fontSize: 12 }}
              />
            )}
            {marks.map((m) => (
              <ReferenceLine
                key={m.number}
                x={m.t}
                stroke="#6d28d9"
                strokeDasharray="2 2"
                ifOverflow="extendDomain"
                label={{ value: `Re-baseline v${m.number}`, position: 'insideTopRight', fontSize: 12 }}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    />
  );
}
