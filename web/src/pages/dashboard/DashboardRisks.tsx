import { Card, Col, Drawer, Flex, Row, Skeleton, Statistic, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { buildUrl } from '../../api/client.ts';
import { usePagedList, useRecord } from '../../api/hooks.ts';
import type { Schemas } from '../../api/openapi.ts';
import { EmptyState, ErrorAlert } from '../../components/QueryState.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { plural } from '../../lib/format.ts';
import { readableBackground, textOn } from '../../lib/riskGrid.ts';
import { ChartCard } from '../performance/ChartCard.tsx';
import { EscalatedTag, ScoreTag } from '../raid/RaidTags.tsx';
import type { DashboardFilters } from './dashboard.ts';

export type PortfolioRisks = Schemas['PortfolioRisks'];
type AgeRow = PortfolioRisks['escalationsByAge'][number];

/** An empty cell of the heat map: no open risk there. */
const EMPTY_CELL = '#f0f0f0';
const ESCALATION_STATES = [
  { key: 'open', label: 'Open', color: '#b91c1c' },
  { key: 'guided', label: 'Guided', color: '#1d4ed8' },
  { key: 'acknowledged', label: 'Acknowledged', color: '#237804' },
] as const;

function bandOf(risks: PortfolioRisks, name: string) {
  return risks.bands.find((b) => b.name === name) ?? null;
}

type PortfolioRisk = Schemas['PortfolioRisk'];
type Cell = { probability: number; impact: number };

/** The columns of a list of the portfolio's risks (the top ten, a cell of the heat map), each opening its project's risks. */
function riskColumns(risks: PortfolioRisks, keyWidth: number): TableColumnsType<PortfolioRisk> {
  return [
    { title: 'Key', dataIndex: 'key', width: keyWidth },
    { title: 'Title', dataIndex: 'title' },
    {
      title: 'Project',
      key: 'project',
      render: (_, r) => (
        <Link to={`/projects/${r.project.id}?tab=risks`}>
          {r.project.code} · {r.project.name}
        </Link>
      ),
    },
    {
      title: 'Score',
      key: 'score',
      render: (_, r) => <ScoreTag score={r.score} band={bandOf(risks, r.band) ?? { name: r.band, color: '' }} />,
    },
    { title: 'Owner', key: 'owner', render: (_, r) => r.owner?.name ?? '—' },
    { title: 'Escalated', key: 'escalated', render: (_, r) => (r.escalated ? <EscalatedTag /> : null) },
  ];
}

/** The open risks of one cell of the heat map, under the dashboard's filters, paged on the server. */
function CellRisks({
  cell,
  filters,
  risks,
  onClose,
}: {
  cell: Cell | null;
  filters: DashboardFilters;
  risks: PortfolioRisks;
  onClose: () => void;
}) {
  const list = usePagedList<PortfolioRisk>('/risks', cell ? { ...filters, ...cell } : { ...filters, probability: 0 }, {
    pageSize: 25,
    noun: (total) => plural(total, 'open risk'),
  });
  return (
    <Drawer
      title={cell ? `Open risks at probability ${cell.probability}, impact ${cell.impact}` : ''}
      open={cell !== null}
      onClose={onClose}
      size={720}
      destroyOnHidden
    >
      {cell && (
        <ScrollRegion label="Risks of the cell">
          <Table<PortfolioRisk>
            size="small"
            rowKey="id"
            loading={list.isLoading}
            dataSource={list.items}
            pagination={list.pagination}
            columns={riskColumns(risks, 80)}
          />
        </ScrollRegion>
      )}
    </Drawer>
  );
}

/**
 * Open risks by probability (rows, highest at the top) and impact (columns), each cell in its
 * band's colour; a cell with risks opens them (with `filters`, the dashboard's).
 */
export function RiskHeatMap({ risks, filters }: { risks: PortfolioRisks; filters?: DashboardFilters }) {
  const [opened, setOpened] = useState<Cell | null>(null);
  const size = Math.max(5, ...risks.heatMap.map((c) => Math.max(c.probability, c.impact)));
  const scale = Array.from({ length: size }, (_, i) => i + 1);
  const cellAt = (probability: number, impact: number) =>
    risks.heatMap.find((c) => c.probability === probability && c.impact === impact);
  const cellStyle = { minWidth: 56, height: 48, textAlign: 'center' as const, border: '2px solid #fff', padding: 2 };
  return (
    <section aria-label="Risk heat map">
      <Card title="Risk heat map" style={{ height: '100%' }}>
        <Flex gap={32} wrap style={{ marginBottom: 12 }}>
          <Statistic title="Open risks" value={risks.openRisks} />
          <Statistic title="Escalated risks" value={risks.escalatedRisks} />
        </Flex>
        <ScrollRegion label="Risk heat map grid">
          <table style={{ borderCollapse: 'collapse' }}>
            <caption className="tg-visually-hidden">
              Open risks by probability (rows, {size} at the top) and impact (columns), with the band of each cell
            </caption>
            <tbody>
              {[...scale].reverse().map((probability, r) => (
                <tr key={probability}>
                  {r === 0 && (
                    <th
                      rowSpan={size}
                      scope="rowgroup"
                      style={{
                        writingMode: 'vertical-rl',
                        transform: 'rotate(180deg)',
                        padding: 4,
                        color: 'rgba(0,0,0,0.65)',
                        fontWeight: 500,
                      }}
                    >
                      Probability
                    </th>
                  )}
                  <th scope="row" style={{ padding: '0 8px', fontWeight: 400 }}>
                    {probability}
                  </th>
                  {scale.map((impact) => {
                    const cell = cellAt(probability, impact);
                    const band = cell ? bandOf(risks, cell.band) : null;
                    const background = cell ? readableBackground(band?.color) : EMPTY_CELL;
                    const label = cell
                      ? `Probability ${probability}, impact ${impact}: ${plural(cell.open, 'open risk')}, ${cell.band}`
                      : `Probability ${probability}, impact ${impact}: no open risks`;
                    const openable = Boolean(cell && filters);
                    return (
                      <td
                        key={impact}
                        aria-label={openable ? undefined : label}
                        title={label}
                        style={{ ...cellStyle, background, color: textOn(background) }}
                      >
                        {cell ? (
                          openable ? (
                            <button
                              type="button"
                              onClick={() => setOpened({ probability, impact })}
                              style={{
                                background: 'none',
                                border: 0,
                                padding: 0,
                                font: 'inherit',
                                color: 'inherit',
                                cursor: 'pointer',
                                display: 'block',
                                width: '100%',
                                height: '100%',
                              }}
                            >
                              <span className="tg-visually-hidden">{`Probability ${probability}, impact ${impact}: `}</span>
                              <div style={{ fontWeight: 600 }}>{cell.open}</div>
                              <div style={{ fontSize: 11 }}>{cell.band}</div>
                            </button>
                          ) : (
                            <>
                              <div style={{ fontWeight: 600 }}>{cell.open}</div>
                              <div style={{ fontSize: 11 }}>{cell.band}</div>
                            </>
                          )
                        ) : (
                          <span>0</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr>
                <td />
                <td />
                {scale.map((impact) => (
                  <th key={impact} scope="col" style={{ fontWeight: 400, padding: '4px 2px' }}>
                    {impact}
                  </th>
                ))}
              </tr>
              <tr>
                <td />
                <td />
                <th colSpan={size} scope="colgroup" style={{ color: 'rgba(0,0,0,0.65)', fontWeight: 500 }}>
                  Impact
                </th>
              </tr>
            </tbody>
          </table>
        </ScrollRegion>
        {risks.bands.length > 0 && (
          <Flex gap={12} wrap align="center" style={{ marginTop: 12 }}>
            {risks.bands.map((b) => (
              <Flex key={b.name} gap={6} align="center">
                <span
                  aria-hidden
                  style={{
                    width: 14,
                    height: 14,
                    borderRadius: 3,
                    background: readableBackground(b.color),
                    display: 'inline-block',
                  }}
                />
                <Typography.Text>{b.name}</Typography.Text>
              </Flex>
            ))}
          </Flex>
        )}
      </Card>
      {filters && <CellRisks cell={opened} filters={filters} risks={risks} onClose={() => setOpened(null)} />}
    </section>
  );
}

/** The ten open risks of the highest score, each opening its project's risks. */
export function TopRisks({ risks }: { risks: PortfolioRisks }) {
  return (
    <section aria-label="Top risks">
      <Card title="Top risks">
        {risks.topRisks.length === 0 ? (
          <EmptyState description="No open risks in these projects" />
        ) : (
          <ScrollRegion label="Top risks table">
            <Table<PortfolioRisk>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={risks.topRisks}
              columns={riskColumns(risks, 90)}
            />
          </ScrollRegion>
        )}
      </Card>
    </section>
  );
}

/** Escalations not yet closed by age, stacked by state, with the way into the escalation queue. */
export function EscalationsByAge({ risks, pmoId }: { risks: PortfolioRisks; pmoId?: string }) {
  const rows = risks.escalationsByAge;
  const total = rows.reduce((sum, r) => sum + r.open + r.guided + r.acknowledged, 0);
  const queue = pmoId ? `/escalations?${new URLSearchParams({ pmoId })}` : '/escalations';
  return (
    <ChartCard
      title="Escalations by age"
      label="Escalations not yet closed by days since raised, stacked open, guided and acknowledged"
      empty={total === 0 ? 'No escalations are waiting' : null}
      height={240}
      summary={
        <>
          {plural(total, 'escalation')} not yet closed:{' '}
          {rows.map((r) => `${r.age} days ${r.open + r.guided + r.acknowledged}`).join(', ')}.{' '}
          <Link to={queue} style={{ textDecoration: 'underline' }}>
            Open the escalation queue
          </Link>
        </>
      }
      chart={() => (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="age" tickFormatter={(age: string) => `${age} days`} />
            <YAxis allowDecimals={false} />
            <Tooltip labelFormatter={(age) => `${age} days`} />
            <Legend />
            {ESCALATION_STATES.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId="age" fill={s.color} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
      table={() => (
        <Table<AgeRow>
          size="small"
          rowKey="age"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: 'Age (days)', dataIndex: 'age' },
            ...ESCALATION_STATES.map((s) => ({ title: s.label, dataIndex: s.key, align: 'right' as const })),
          ]}
        />
      )}
    />
  );
}

/** The portfolio's risks: the heat map, the top ten and the escalations by age, with the dashboard's filters. */
export function DashboardRisks({ filters }: { filters: DashboardFilters }) {
  const query = useRecord<PortfolioRisks>(buildUrl('/dashboard/risks', { ...filters }));
  const risks = query.data;
  if (query.error)
    return (
      <div style={{ marginTop: 16 }}>
        <ErrorAlert error={query.error} title="The portfolio risks could not be loaded" onRetry={() => query.refetch()} />
      </div>
    );
  if (!risks)
    return query.isLoading ? (
      <Card aria-busy="true" aria-label="Loading the portfolio risks" style={{ marginTop: 16 }}>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    ) : null;
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      <Col xs={24} xl={12}>
        <RiskHeatMap risks={risks} filters={filters} />
      </Col>
      <Col xs={24} xl={12}>
        <EscalationsByAge risks={risks} pmoId={filters.pmoId} />
      </Col>
      <Col xs={24}>
        <TopRisks risks={risks} />
      </Col>
    </Row>
  );
}
