import { Alert, Card, Empty, Flex, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { Pmo } from '../../api/domain.ts';
import { useList, useRecord } from '../../api/hooks.ts';
import type { ReviewQueue, ReviewQueueItem } from '../../api/intake.ts';
import { useMe } from '../../api/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { formatDate, formatMoney, formatScore, plural } from '../../lib/format.ts';
import { CapacityHeatmap } from './CapacityHeatmap.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';

function ScoreCell({ item }: { item: ReviewQueueItem }) {
  return (
    <Flex gap={6} align="center" wrap>
      <Typography.Text strong={item.scoreUsable}>{formatScore(item.score)}</Typography.Text>
      {!item.scoreUsable && (
        <Tooltip title={item.scoreReason ?? 'The score cannot be used to decide'}>
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            Unusable
          </Tag>
        </Tooltip>
      )}
    </Flex>
  );
}

function QueueTable({ queue }: { queue: ReviewQueue }) {
  const types = [...new Map(queue.items.flatMap((i) => (i.projectType ? [[i.projectType.id, i.projectType]] : []))).values()];
  return (
    <Table<ReviewQueueItem>
      rowKey="id"
      dataSource={queue.items}
      pagination={false}
      scroll={{ x: 1100 }}
      locale={{ emptyText: 'No request waits for this PMO.' }}
      columns={[
        {
          title: 'Rank',
          dataIndex: 'rank',
          width: 72,
          defaultSortOrder: 'ascend',
          sorter: (a, b) => a.rank - b.rank,
        },
        {
          title: 'Request',
          key: 'request',
          render: (_, i) => (
            <Flex vertical gap={2}>
              <Link to={`/requests/${i.id}`}>
                {i.code} · {i.title}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {i.requester.name}
                {i.projectType ? ` · ${i.projectType.name}` : ''}
              </Typography.Text>
              {i.notYetInReview && (
                <span>
                  <Tag color="blue">Not yet in review</Tag>
                </span>
              )}
            </Flex>
          ),
          filters: [
            { text: 'In review', value: 'in_review' },
            { text: 'Not yet in review', value: 'submitted' },
            ...types.map((t) => ({ text: t.name, value: `type:${t.id}` })),
          ],
          onFilter: (v, i) => (String(v).startsWith('type:') ? i.projectType?.id === String(v).slice(5) : i.state === v),
        },
        {
          title: 'Score',
          key: 'score',
          width: 130,
          sorter: (a, b) => (a.score ?? -1) - (b.score ?? -1),
          filters: [
            { text: 'Usable', value: 'usable' },
            { text: 'Unusable', value: 'unusable' },
          ],
          onFilter: (v, i) => (v === 'usable') === i.scoreUsable,
          render: (_, i) => <ScoreCell item={i} />,
        },
        {
          title: 'Cost',
          dataIndex: 'totalCost',
          align: 'right',
          sorter: (a, b) => a.totalCost - b.totalCost,
          render: (v: number) => formatMoney(v),
        },
        {
          title: 'Benefit',
          dataIndex: 'totalBenefit',
          align: 'right',
          sorter: (a, b) => a.totalBenefit - b.totalBenefit,
          render: (v: number) => formatMoney(v),
        },
        {
          title: <abbr title="Benefit / cost ratio">B/C</abbr>,
          dataIndex: 'benefitCostRatio',
          align: 'right',
          width: 80,
          sorter: (a, b) => (a.benefitCostRatio ?? 0) - (b.benefitCostRatio ?? 0),
          render: (v: number | null) => (v === null ? '—' : v.toFixed(2)),
        },
        {
          title: 'Wanted start',
          dataIndex: 'wantedStart',
          width: 120,
          sorter: (a, b) => (a.wantedStart ?? '').localeCompare(b.wantedStart ?? ''),
          render: (v: string | null, i) => (
            <Flex vertical>
              <span>{formatDate(v)}</span>
              {i.durationMonths && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {plural(i.durationMonths, 'month')}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        {
          title: 'Skills and capacity left',
          key: 'skills',
          filters: [
            { text: 'Capacity shortfall', value: 'short' },
            { text: 'Fits capacity', value: 'fits' },
          ],
          onFilter: (v, i) => (v === 'short') === i.capacityShortfall,
          render: (_, i) => (
            <Flex vertical gap={4}>
              <CapacityHeatmap skills={i.skills} label={`${i.code} ${i.title}`} />
              {i.capacityShortfall && (
                <span>
                  <Tag color="red">Shortfall</Tag>
                </span>
              )}
            </Flex>
          ),
        },
      ]}
    />
  );
}

/** The PMO's review queue: requests in review ranked by score, with cost, benefit and the capacity they need. */
export default function ReviewQueuePage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const pmos = useList<Pmo>('/pmos');
  const isAdmin = Boolean(me.data?.roles.includes('admin'));
  const memberOf = new Set(me.data?.pmoMemberships.map((m) => m.pmoId) ?? []);
  const mine = (pmos.data ?? []).filter((p) => isAdmin || memberOf.has(p.id));
  const pmoId = params.get('pmo') ?? me.data?.pmoMemberships[0]?.pmoId ?? mine[0]?.id ?? null;
  const queue = useRecord<ReviewQueue>(pmoId ? `/pmos/${pmoId}/review-queue` : null);
  const pmo = (pmos.data ?? []).find((p) => p.id === pmoId);

  return (
    <>
      <PageHeader
        title="Review queue"
        subtitle="Requests waiting for the PMO's decision, ranked by their strategic score"
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Review queue' }]}
        extra={
          <Select
            aria-label="PMO"
            style={{ minWidth: 260 }}
            value={pmoId ?? undefined}
            loading={pmos.isLoading}
            placeholder="Choose a PMO"
            onChange={(v) => setParams({ pmo: v }, { replace: true })}
            options={mine.map((p) => ({ value: p.id, label: `${p.name} (${p.code})` }))}
          />
        }
      />
      {!pmoId && !pmos.isLoading && (
        <Card>
          <Empty description="You are not a member of any PMO, so no review queue is yours." />
        </Card>
      )}
      {queue.error && <ErrorAlert error={queue.error} onRetry={() => queue.refetch()} />}
      {queue.data && (
        <Flex vertical gap={16}>
          {queue.data.driverSet.version === 0 ? (
            <Alert
              type="warning"
              showIcon
              title="This PMO has no strategic drivers yet, so no request has a score."
              action={<Link to={`/pmos/${queue.data.pmoId}?tab=drivers`}>Set the drivers</Link>}
            />
          ) : (
            !queue.data.driverSet.consistent && (
              <Alert
                type="error"
                showIcon
                title={`The strategic drivers are inconsistent (CR ${queue.data.driverSet.cr?.toFixed(2)} ≥ 0.10): no score can be used to decide.`}
                action={<Link to={`/pmos/${queue.data.pmoId}?tab=drivers`}>Revise the comparisons</Link>}
              />
            )
          )}
          <Card
            title={`${pmo ? `${pmo.name}: ` : ''}${plural(queue.data.items.length, 'request')}`}
            extra={
              <Flex gap={12} align="center" wrap>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  Capacity: <Tag color="green">fits</Tag>
                  <Tag color="orange">tight</Tag>
                  <Tag color="red">short</Tag>
                </Typography.Text>
                <ExportButton path="/api/v1/pmos/{id}/review-queue" params={{ id: queue.data.pmoId }} />
              </Flex>
            }
          >
            <QueueTable queue={queue.data} />
          </Card>
        </Flex>
      )}
      {queue.isLoading && <Card loading aria-busy="true" />}
    </>
  );
}
