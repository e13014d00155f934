import { Card, Col, Flex, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { buildUrl } from '../../api/client.ts';
import { useRecord } from '../../api/hooks.ts';
import type { Schemas } from '../../api/openapi.ts';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { formatNumber, plural } from '../../lib/format.ts';
import { ChartCard } from '../performance/ChartCard.tsx';
import type { DashboardFilters } from './dashboard.ts';

export type PortfolioApprovals = Schemas['ApprovalsDashboard'];
type StepRow = PortfolioApprovals['waitingByStep'][number];
type ApproverRow = PortfolioApprovals['waitingByApprover'][number];

/** The list of the requests not yet decided (pending, or waiting for information). */
const OPEN_REQUESTS = '/approvals?state=open';
const ON_TIME_COLOUR = '#1d4ed8';
const LATE_COLOUR = '#b91c1c';

/** A level as a label: the API names it for the middle of a sentence ("reporting executive", "PMO lead"). */
function levelLabel(levelName: string): string {
  return levelName.charAt(0).toUpperCase() + levelName.slice(1);
}

/** A number of days to one decimal, or "—" when there is none. */
function days(value: number | null): string {
  return value === null ? '—' : `${formatNumber(value, 1)} days`;
}

/** The requests waiting at each level of the line, stacked on time and late. */
export function ApprovalsByStep({ approvals }: { approvals: PortfolioApprovals }) {
  const rows = approvals.waitingByStep.map((s) => ({ ...s, levelName: levelLabel(s.levelName), onTime: s.waiting - s.overdue }));
  const waiting = rows.reduce((sum, r) => sum + r.waiting, 0);
  return (
    <ChartCard
      title="Approvals waiting by step"
      label="Approval requests waiting at each level of the approval line, stacked on time and late"
      empty={waiting === 0 ? 'No approval requests are waiting' : null}
      height={Math.max(180, rows.length * 40 + 70)}
      summary={
        <>
          {plural(waiting, 'request')} waiting: {rows.map((r) => `${r.levelName} ${r.waiting} (${r.overdue} late)`).join(', ')}.{' '}
          <Link to={OPEN_REQUESTS} style={{ textDecoration: 'underline' }}>
            Open the requests
          </Link>
        </>
      }
      chart={() => (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="levelName" width={150} />
            <Tooltip />
            <Legend />
            <Bar dataKey="onTime" name="On time" stackId="step" fill={ON_TIME_COLOUR} />
            <Bar dataKey="overdue" name="Late" stackId="step" fill={LATE_COLOUR} />
          </BarChart>
        </ResponsiveContainer>
      )}
      table={() => (
        <Table<StepRow>
          size="small"
          rowKey="level"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: 'Step', dataIndex: 'levelName' },
            { title: 'Waiting', dataIndex: 'waiting', align: 'right' },
            { title: 'Late', dataIndex: 'overdue', align: 'right' },
          ]}
        />
      )}
    />
  );
}

/** How fast requests are decided, and who has requests waiting, each opening the open requests. */
export function ApprovalsByApprover({ approvals }: { approvals: PortfolioApprovals }) {
  return (
    <section aria-label="Approvals">
      <Card
        title="Approvals"
        style={{ height: '100%' }}
        extra={
          <Link to={OPEN_REQUESTS} style={{ textDecoration: 'underline' }}>
            Open requests
          </Link>
        }
      >
        <Flex gap={32} wrap style={{ marginBottom: 12 }}>
          <Statistic title="Average decision time" value={0} formatter={() => days(approvals.averageDecisionDays)} />
          <Statistic title="Decided in the last 180 days" value={approvals.decided} />
        </Flex>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          From raising a request to its final decision, over the requests approved or rejected in the last 180 days.
        </Typography.Paragraph>
        <ScrollRegion label="Approvals waiting by approver">
          <Table<ApproverRow>
            size="small"
            rowKey="userId"
            pagination={false}
            dataSource={approvals.waitingByApprover}
            locale={{ emptyText: 'No approver has requests waiting' }}
            columns={[
              {
                title: 'Approver',
                key: 'name',
                render: (_, a) => <Link to={OPEN_REQUESTS}>{a.name}</Link>,
              },
              { title: 'Waiting', dataIndex: 'waiting', align: 'right' },
              { title: 'Late', dataIndex: 'overdue', align: 'right' },
              {
                title: 'Oldest wait',
                dataIndex: 'oldestDays',
                align: 'right',
                render: (v: number) => days(v),
              },
            ]}
          />
        </ScrollRegion>
      </Card>
    </section>
  );
}

/** The portfolio's approvals beside its risks: waiting by step and by approver, and the decision time. */
export function DashboardApprovals({ filters }: { filters: DashboardFilters }) {
  const query = useRecord<PortfolioApprovals>(buildUrl('/dashboard/approvals', { ...filters }));
  const approvals = query.data;
  if (query.error)
    return (
      <div style={{ marginTop: 16 }}>
        <ErrorAlert error={query.error} title="The portfolio approvals could not be loaded" onRetry={() => query.refetch()} />
      </div>
    );
  if (!approvals)
    return query.isLoading ? (
      <Card aria-busy="true" aria-label="Loading the portfolio approvals" style={{ marginTop: 16 }}>
        <Skeleton active paragraph={{ rows: 4 }} />
      </Card>
    ) : null;
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      <Col xs={24} xl={12}>
        <ApprovalsByApprover approvals={approvals} />
      </Col>
      <Col xs={24} xl={12}>
        <ApprovalsByStep approvals={approvals} />
      </Col>
    </Row>
  );
}
