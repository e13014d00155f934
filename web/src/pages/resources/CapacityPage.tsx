import { Card, Col, Flex, Row, Select, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Skill } from '../../api/domain.ts';
import { useList, useRecord } from '../../api/hooks.ts';
import type { CapacityView } from '../../api/resources.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorAlert } from '../../components/QueryState.tsx';
import { MonthRangePicker, OrgUnitSelect } from '../../components/pickers.tsx';
import { addMonths, currentMonth, formatFte, monthLabel, utilisationBand } from '../../lib/capacity.ts';
import { CapacityChart } from './CapacityChart.tsx';
import { CapacityHeatMap, HeatMapLegend } from './CapacityHeatMap.tsx';

const MONTH = /^\d{4}-\d{2}$/;

/** Demand against capacity by skill and month, the people booked beyond capacity, and the skill gaps. */
export default function CapacityPage() {
  const [params, setParams] = useSearchParams();
  const now = currentMonth();
  const from = MONTH.test(params.get('from') ?? '') ? (params.get('from') as string) : now;
  const to = MONTH.test(params.get('to') ?? '') ? (params.get('to') as string) : addMonths(from, 11);
  const orgUnitId = params.get('orgUnitId');
  const skillId = params.get('skillId');
  const chartSkill = params.get('chart');
  const skills = useList<Skill>('/skills');

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const query = new URLSearchParams({ from, to });
  if (orgUnitId) query.set('orgUnitId', orgUnitId);
  if (skillId) query.set('skillId', skillId);
  const view = useRecord<CapacityView>(`/resources/capacity?${query.toString()}`);
  const data = view.data;

  // The chart follows the skill clicked in the heat map, else the most strained one.
  const charted = useMemo(() => {
    const rows = data?.skills ?? [];
    const chosen = rows.find((r) => r.skillId === chartSkill);
    if (chosen) return chosen;
    const strain = (r: (typeof rows)[number]) =>
      Math.max(0, ...r.cells.map((c) => (c.capacityFte > 0 ? c.demandFte / c.capacityFte : c.demandFte > 0 ? 9 : 0)));
    return [...rows].sort((a, b) => strain(b) - strain(a))[0];
  }, [data, chartSkill]);

  const redCells = (data?.skills ?? []).reduce(
    (n, r) => n + r.cells.filter((c) => utilisationBand(c.demandFte, c.capacityFte) === 'red').length,
    0,
  );

  return (
    <>
      <PageHeader
        title="Capacity"
        subtitle="Demand against capacity by skill and month: who is booked beyond capacity, and where skills run short."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Capacity' }]}
        extra={
          <ExportButton
            path="/api/v1/resources/capacity"
            filters={{ from, to, orgUnitId: orgUnitId ?? undefined, skillId: skillId ?? undefined }}
          />
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={16} wrap align="center">
          <MonthRangePicker idPrefix="capacity" value={{ from, to }} onChange={(r) => set({ from: r.from, to: r.to })} />
          <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
            <label htmlFor="capacity-org-unit">Org unit</label>
            <OrgUnitSelect
              id="capacity-org-unit"
              allowClear
              placeholder="Every org unit"
              value={orgUnitId}
              onChange={(v) => set({ orgUnitId: v })}
              style={{ width: 260 }}
            />
          </span>
          <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
            <label htmlFor="capacity-skill">Skill</label>
            <Select
              id="capacity-skill"
              allowClear
              placeholder="Every skill"
              style={{ width: 220 }}
              value={skillId ?? undefined}
              onChange={(v) => set({ skillId: v ?? null, chart: v ?? null })}
              showSearch={{ optionFilterProp: 'label' }}
              loading={skills.isLoading}
              options={(skills.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </span>
        </Flex>
      </Card>
      {view.error && <ErrorAlert error={view.error} onRetry={() => view.refetch()} />}
      <Card
        title="Demand against capacity"
        loading={view.isLoading}
        extra={
          data && (
            <Typography.Text type={redCells > 0 ? 'danger' : 'secondary'}>
              {redCells === 0 ? 'No skill over capacity' : `${redCells} skill-month${redCells === 1 ? '' : 's'} over capacity`}
            </Typography.Text>
          )
        }
        style={{ marginBottom: 16 }}
      >
        {data && data.skills.length === 0 ? (
          <EmptyState description="No skill has people or demand for these filters." />
        ) : (
          data && (
            <Flex vertical gap={12}>
              <HeatMapLegend />
              <CapacityHeatMap
                months={data.months}
                skills={data.skills}
                selectedSkillId={charted?.skillId}
                onSelectSkill={(id) => set({ chart: id })}
              />
            </Flex>
          )
        )}
      </Card>
      {charted && (
        <Card title={`${charted.name}: capacity and demand`} style={{ marginBottom: 16 }}>
          <CapacityChart
            label={`${charted.name}: capacity against allocated and unfilled demand, ${monthLabel(from)} to ${monthLabel(to)}`}
            points={charted.cells}
          />
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title="Over-allocated people">
            <Table
              rowKey={(r) => `${r.personId}-${r.month}`}
              size="small"
              loading={view.isLoading}
              dataSource={data?.overAllocated ?? []}
              pagination={{ pageSize: 12, hideOnSinglePage: true }}
              locale={{ emptyText: 'Nobody is booked beyond their capacity in these months.' }}
              columns={[
                {
                  title: 'Person',
                  dataIndex: 'name',
                  sorter: (a, b) => a.name.localeCompare(b.name),
                  render: (n: string, r) => <Link to={`/people/${r.personId}?tab=capacity`}>{n}</Link>,
                },
                {
                  title: 'Month',
                  dataIndex: 'month',
                  sorter: (a, b) => a.month.localeCompare(b.month),
                  defaultSortOrder: 'ascend',
                  render: monthLabel,
                },
                { title: 'Capacity (FTE)', dataIndex: 'capacityFte', align: 'right', render: formatFte },
                {
                  title: 'Allocated (FTE)',
                  dataIndex: 'allocatedFte',
                  align: 'right',
                  sorter: (a, b) => a.allocatedFte - a.capacityFte - (b.allocatedFte - b.capacityFte),
                  render: (v: number, r) => (
                    <Typography.Text type="danger">
                      {formatFte(v)} <span style={{ fontSize: 12 }}>(+{formatFte(v - r.capacityFte)})</span>
                    </Typography.Text>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="Skill gaps">
            <Table
              rowKey={(r) => `${r.skillId}-${r.month}`}
              size="small"
              loading={view.isLoading}
              dataSource={data?.skillGaps ?? []}
              pagination={{ pageSize: 12, hideOnSinglePage: true }}
              locale={{ emptyText: 'Every skill has the capacity its demand needs in these months.' }}
              columns={[
                {
                  title: 'Skill',
                  dataIndex: 'name',
                  sorter: (a, b) => a.name.localeCompare(b.name),
                  filters: [...new Set((data?.skillGaps ?? []).map((g) => g.name))].map((n) => ({ text: n, value: n })),
                  onFilter: (v, r) => r.name === v,
                },
                {
                  title: 'Month',
                  dataIndex: 'month',
                  sorter: (a, b) => a.month.localeCompare(b.month),
                  render: monthLabel,
                },
                {
                  title: 'Gap (FTE)',
                  dataIndex: 'gapFte',
                  align: 'right',
                  sorter: (a, b) => a.gapFte - b.gapFte,
                  render: (v: number) => <Typography.Text type="danger">{formatFte(v)}</Typography.Text>,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
