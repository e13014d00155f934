import { Descriptions, Flex, Table, Typography } from 'antd';
import { formatFte, monthLabel } from '../../lib/capacity.ts';
import { formatDate, formatMoney } from '../../lib/format.ts';
import { type Impact, moneyChange, percentText, slipText } from './approvals.ts';

type CapacityRow = NonNullable<Impact['capacity']>[number];
type MilestoneMove = Impact['milestones'][number];

/** A figure before and after: "€100,000.00 → €115,000.00". */
function BeforeAfter({ before, after }: { before: string; after: string }) {
  return (
    <span>
      {before} → <Typography.Text strong>{after}</Typography.Text>
    </span>
  );
}

/** Free FTE after the change; in red, and saying so, when it goes below nothing. */
function FreeAfter({ fte }: { fte: number }) {
  if (fte >= 0) return <span>{formatFte(fte)}</span>;
  return (
    <Typography.Text type="danger" strong>
      {formatFte(fte)} (short)
    </Typography.Text>
  );
}

/**
 * What a change does to its project, as the preview and the request page show it: only the parts
 * that apply (the BAC and its variance, capacity per month for people, the finish and milestones
 * that move, the infrastructure committed against the budget).
 */
export function ImpactView({ impact }: { impact: Impact }) {
  const { bac, budgetVariance, capacity, skill, finish, milestones, infrastructure } = impact;
  const figures = [
    ...(bac
      ? [
          {
            key: 'bac',
            label: 'BAC',
            children: <BeforeAfter before={formatMoney(bac.before)} after={formatMoney(bac.after)} />,
          },
        ]
      : []),
    ...(budgetVariance
      ? [
          {
            key: 'variance',
            label: 'Variance',
            children: `${moneyChange(budgetVariance.amount)}${
              budgetVariance.percentOfBac === null ? '' : ` (${percentText(budgetVariance.percentOfBac)} of BAC)`
            }`,
          },
        ]
      : []),
    ...(finish
      ? [
          {
            key: 'finish',
            label: 'Planned finish',
            children: (
              <span>
                <BeforeAfter before={formatDate(finish.before)} after={formatDate(finish.after)} /> ({slipText(finish.slipDays)})
              </span>
            ),
          },
        ]
      : []),
    ...(infrastructure
      ? [
          { key: 'firstYear', label: 'First-year cost', children: formatMoney(infrastructure.firstYearCost) },
          {
            key: 'committed',
            label: 'Infrastructure committed',
            children: (
              <BeforeAfter
                before={formatMoney(infrastructure.committedBefore)}
                after={formatMoney(infrastructure.committedAfter)}
              />
            ),
          },
          { key: 'budget', label: 'Budget', children: formatMoney(infrastructure.budget) },
        ]
      : []),
  ];
  const empty = figures.length === 0 && !capacity && milestones.length === 0;
  return (
    <Flex vertical gap={12}>
      {empty && <Typography.Text type="secondary">No figure of the project changes.</Typography.Text>}
      {figures.length > 0 && <Descriptions size="small" column={1} bordered items={figures} />}
      {capacity && (
        <div>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            Capacity of {skill?.name ?? 'the skill'}
          </Typography.Title>
          {impact.person && (
            <Typography.Paragraph>
              Asked for by name: <strong>{impact.person.name}</strong> (checked against their own capacity on approval).
            </Typography.Paragraph>
          )}
          <Table<CapacityRow>
            size="small"
            rowKey="month"
            pagination={false}
            aria-label={`Capacity of ${skill?.name ?? 'the skill'} by month`}
            dataSource={capacity}
            columns={[
              { title: 'Month', dataIndex: 'month', render: (m: string) => monthLabel(m) },
              { title: 'Capacity', dataIndex: 'capacityFte', align: 'right', render: (v: number) => formatFte(v) },
              { title: 'Free now', dataIndex: 'freeFte', align: 'right', render: (v: number) => formatFte(v) },
              { title: 'Free after', dataIndex: 'freeAfterFte', align: 'right', render: (v: number) => <FreeAfter fte={v} /> },
            ]}
          />
        </div>
      )}
      {milestones.length > 0 && (
        <div>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            Milestones that move
          </Typography.Title>
          <Table<MilestoneMove>
            size="small"
            rowKey="id"
            pagination={false}
            aria-label="Milestones that move"
            dataSource={milestones}
            columns={[
              { title: 'Milestone', dataIndex: 'name' },
              { title: 'Baseline now', dataIndex: 'before', render: formatDate },
              { title: 'New baseline', dataIndex: 'after', render: formatDate },
              { title: 'Slip', dataIndex: 'slipDays', render: (d: number) => slipText(d) },
            ]}
          />
        </div>
      )}
    </Flex>
  );
}
