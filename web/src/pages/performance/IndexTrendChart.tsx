import { Table, Tag } from 'antd';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { ChartCard } from './ChartCard.tsx';
import {
  type Band,
  type IndexStatus,
  type PerformancePoint,
  type ProjectPerformance,
  dayOf,
  dayValue,
  indexDomain,
  indexStatus,
  sameBands,
} from './performance.ts';

const COLOURS = { spi: '#1d4ed8', cpi: '#7c3aed' };
const STATUS_TAG: Record<IndexStatus, { color: string; text: string }> = {
  green: { color: 'green', text: 'Within tolerance' },
  amber: { color: 'gold', text: 'Amber' },
  red: { color: 'red', text: 'Red' },
};

function StatusTag({ value, band }: { value: number | null; band: Band }) {
  const status = indexStatus(value, band);
  if (!status) return <>—</>;
  return <Tag color={STATUS_TAG[status].color}>{STATUS_TAG[status].text}</Tag>;
}

const bandText = (label: string, b: Band) => `${label} amber below ${formatNumber(b.amber)}, red below ${formatNumber(b.red)}`;

/**
 * SPI and CPI over the report dates, with the 1.0 line and the tolerance bands of the project's
 * standard: shaded zones when both indices share their bands, threshold lines per index otherwise.
 */
export function IndexTrendChart({ performance }: { performance: ProjectPerformance }) {
  const { spi, cpi } = performance.tolerances;
  const rows = performance.points.map((p) => ({ t: dayValue(p.asOf), spi: p.spi, cpi: p.cpi }));
  const [lo, hi] = indexDomain(performance.points, [spi, cpi]);
  const shared = sameBands(spi, cpi);
  const latest = performance.points[performance.points.length - 1];
  return (
    <ChartCard
      title="SPI and CPI trend"
      label="Schedule and cost performance index (SPI, CPI) by report date, with the 1.0 line and the tolerance bands"
      empty={performance.points.length === 0 ? 'No submitted reports yet' : null}
      height={280}
      summary={
        <>
          {latest &&
            `Latest report ${formatDate(latest.asOf)}: SPI ${formatNumber(latest.spi, 4)}, CPI ${formatNumber(latest.cpi, 4)}. `}
          Tolerances of the standard: {shared ? bandText('SPI and CPI', spi) : `${bandText('SPI', spi)}; ${bandText('CPI', cpi)}`}
          .
        </>
      }
      table={() => (
        <Table<PerformancePoint>
          size="small"
          rowKey="reportId"
          pagination={false}
          dataSource={performance.points}
          columns={[
            { title: 'Report date', dataIndex: 'asOf', render: formatDate },
            { title: 'SPI', dataIndex: 'spi', align: 'right', render: (v: number | null) => formatNumber(v, 4) },
            { title: 'Schedule', key: 'spiStatus', render: (_, p) => <StatusTag value={p.spi} band={spi} /> },
            { title: 'CPI', dataIndex: 'cpi', align: 'right', render: (v: number | null) => formatNumber(v, 4) },
            { title: 'Cost', key: 'cpiStatus', render: (_, p) => <StatusTag value={p.cpi} band={cpi} /> },
          ]}
        />
      )}
      chart={() => (
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 16, right: 24, bottom: 0, left: 8 }}>
            {shared && <ReferenceArea y1={lo} y2={spi.red} fill="#fecaca" fillOpacity={0.5} ifOverflow="hidden" />}
            {shared && <ReferenceArea y1={spi.red} y2={spi.amber} fill="#fde68a" fillOpacity={0.5} ifOverflow="hidden" />}
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              ticks={rows.map((r) => r.t)}
              tickFormatter={(t: number) => formatDate(dayOf(t))}
              tick={{ fontSize: 12 }}
              padding={{ left: 16, right: 16 }}
            />
            <YAxis domain={[lo, hi]} tickFormatter={(v: number) => formatNumber(v)} width={48} tick={{ fontSize: 12 }} />
            <Tooltip labelFormatter={(t) => formatDate(dayOf(Number(t)))} formatter={(v) => formatNumber(Number(v), 4)} />
            <Legend />
            <ReferenceLine y={1} stroke="#111827" label={{ value: '1.0', position: 'insideTopLeft', fontSize: 12 }} />
            {!shared &&
              (['spi', 'cpi'] as const).flatMap((k) => {
                const band = performance.tolerances[k];
                return [
                  <ReferenceLine key={`${k}-amber`} y={band.amber} stroke={COLOURS[k]} strokeDasharray="4 4" />,
                  <ReferenceLine key={`${k}-red`} y={band.red} stroke={COLOURS[k]} strokeDasharray="1 3" />,
                ];
              })}
            <Line dataKey="spi" name="SPI" stroke={COLOURS.spi} strokeWidth={2} isAnimationActive={false} />
            <Line dataKey="cpi" name="CPI" stroke={COLOURS.cpi} strokeWidth={2} strokeDasharray="6 3" isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      )}
    />
  );
}
