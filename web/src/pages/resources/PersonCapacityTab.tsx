import { Card, Col, Flex, Row, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useList, useRecord } from '../../api/hooks.ts';
import type { Allocation, PersonCapacity, PersonCapacityMonth } from '../../api/resources.ts';
import { can, useMe } from '../../api/session.ts';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { type MonthRange, MonthRangePicker } from '../../components/pickers.tsx';
import { addMonths, currentMonth, formatFte, monthLabel, monthSpan, toMonth } from '../../lib/capacity.ts';
import { AbsencesCard } from './AbsencesCard.tsx';
import { CapacityChart } from './CapacityChart.tsx';

/** A person's capacity, allocations and free time per month, their allocations and absences. */
export function PersonCapacityTab({ personId }: { personId: string }) {
  const me = useMe().data;
  const manage = can(me, 'resources.manage');
  const now = currentMonth();
  const [range, setRange] = useState<MonthRange>({ from: now, to: addMonths(now, 11) });
  const capacity = useRecord<PersonCapacity>(`/people/${personId}/capacity?from=${range.from}&to=${range.to}`);
  const allocations = useList<Allocation>('/allocations', { personId, from: range.from, to: range.to });
  const months = capacity.data?.months ?? [];
  const over = months.filter((m) => m.overByFte > 0).length;

  return (
    <Flex vertical gap={16}>
      <Card title="Capacity by month" extra={<MonthRangePicker idPrefix="person-capacity" value={range} onChange={setRange} />}>
        {capacity.error && <ErrorAlert error={capacity.error} onRetry={() => capacity.refetch()} />}
        {capacity.data && (
          <Typography.Paragraph type="secondary">
            {capacity.data.person.weeklyHours} h/week at {Math.round(capacity.data.person.availability * 100)} % for projects.{' '}
            {over > 0 ? (
              <Typography.Text type="danger">
                Over-allocated in {over} month{over === 1 ? '' : 's'}.
              </Typography.Text>
            ) : (
              'Within capacity in every month shown.'
            )}
          </Typography.Paragraph>
        )}
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={13}>
            <Table<PersonCapacityMonth>
              rowKey="month"
              size="small"
              loading={capacity.isLoading}
              dataSource={months}
              pagination={false}
              columns={[
                { title: 'Month', dataIndex: 'month', render: monthLabel },
                {
                  title: 'Workdays',
                  key: 'workdays',
                  align: 'right',
                  render: (_, m) => (m.absentWorkdays > 0 ? `${m.workdays - m.absentWorkdays} of ${m.workdays}` : m.workdays),
                },
                {
                  title: 'Capacity',
                  dataIndex: 'capacityFte',
                  align: 'right',
                  render: (v: number, m) => <Tooltip title={`${m.capacityHours} h`}>{formatFte(v)} FTE</Tooltip>,
                },
                {
                  title: 'Allocated',
                  dataIndex: 'allocatedFte',
                  align: 'right',
                  render: (v: number, m) => <Tooltip title={`${m.allocatedHours} h`}>{formatFte(v)} FTE</Tooltip>,
                },
                {
                  title: 'Free',
                  key: 'free',
                  align: 'right',
                  render: (_, m) =>
                    m.overByFte > 0 ? (
                      <Tag color="red" style={{ marginInlineEnd: 0 }}>
                        over by {formatFte(m.overByFte)}
                      </Tag>
                    ) : (
                      <Tooltip title={`${m.freeHours} h`}>{formatFte(m.freeFte)} FTE</Tooltip>
                    ),
                },
              ]}
            />
          </Col>
          <Col xs={24} xxl={11}>
            <CapacityChart
              height={260}
              label={`Capacity and allocation of ${capacity.data?.person.name ?? 'this person'} by month`}
              points={months}
            />
          </Col>
        </Row>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={13}>
          <Card title="Allocations in these months">
            {allocations.error && <ErrorAlert error={allocations.error} onRetry={() => allocations.refetch()} />}
            <Table<Allocation>
              rowKey="id"
              size="small"
              loading={allocations.isLoading}
              dataSource={allocations.data ?? []}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: 'Not allocated to any project in these months.' }}
              columns={[
                {
                  title: 'Project',
                  key: 'project',
                  sorter: (a, b) => a.project.code.localeCompare(b.project.code),
                  render: (_, a) => (
                    <Link to={`/projects/${a.project.id}?tab=team`}>
                      {a.project.code} · {a.project.name}
                    </Link>
                  ),
                },
                { title: 'Skill', key: 'skill', render: (_, a) => a.skill?.name ?? '—' },
                { title: 'FTE', dataIndex: 'fte', align: 'right', sorter: (a, b) => a.fte - b.fte, render: formatFte },
                {
                  title: 'Months',
                  key: 'months',
                  sorter: (a, b) => a.startMonth.localeCompare(b.startMonth),
                  render: (_, a) => (
                    <span>
                      {monthSpan(a.startMonth, a.endMonth)}
                      {toMonth(a.endMonth) < now && <Tag style={{ marginLeft: 6 }}>past</Tag>}
                    </span>
                  ),
                },
                {
                  title: 'Override',
                  key: 'override',
                  render: (_, a) =>
                    a.overrideReason && (
                      <Tooltip title={a.overrideReason}>
                        <Tag color="orange" tabIndex={0}>
                          Beyond capacity
                        </Tag>
                      </Tooltip>
                    ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <AbsencesCard personId={personId} manage={manage} />
        </Col>
      </Row>
    </Flex>
  );
}
