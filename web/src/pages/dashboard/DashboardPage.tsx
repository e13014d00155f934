import { Button, Card, Col, Flex, Progress, Row, Select, Skeleton, Statistic, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { Portfolio } from '../../api/domain.ts';
import { useList, useRecord } from '../../api/hooks.ts';
import { can, useMe } from '../../api/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { PmoSelect, PositionSelect } from '../../components/pickers.tsx';
import { buildUrl } from '../../api/client.ts';
import { formatDate, formatMoneyCompact, formatNumber, humanize, plural } from '../../lib/format.ts';
import { DashboardApprovals } from './DashboardApprovals.tsx';
import { BudgetChart, CountLink, PhaseChart, RagChart } from './DashboardCharts.tsx';
import { LateReportList, MismatchList, RagMatrix } from './DashboardLists.tsx';
import { DashboardRisks } from './DashboardRisks.tsx';
import { type Dashboard, type DashboardFilters, filtersOf, indexTone, percent, projectsPage } from './dashboard.ts';

const TONE_COLOUR = { good: '#237804', watch: '#ad6800', bad: '#a8071a' } as const;

function IndexValue({ value }: { value: number | null }) {
  const tone = indexTone(value);
  return <span style={{ color: tone ? TONE_COLOUR[tone] : undefined }}>{formatNumber(value, 2)}</span>;
}

/** The headline row: projects, portfolio SPI and CPI, mismatches, late reports. */
function Headlines({ board }: { board: Dashboard }) {
  const { evm, late, mismatches } = board;
  const figures = [
    { title: 'Projects', value: board.projects.total, link: board.projects.link },
    {
      title: 'Portfolio SPI',
      value: <IndexValue value={evm.spi} />,
      link: evm.link,
      note: `ΣEV / ΣPV over ${plural(evm.projects, 'project')}`,
    },
    {
      title: 'Portfolio CPI',
      value: <IndexValue value={evm.cpi} />,
      link: evm.link,
      note: `ΣEV / ΣAC over ${plural(evm.projects, 'project')}`,
    },
    { title: 'Mismatches', value: mismatches.total, link: mismatches.link, note: 'Reported better than computed' },
    { title: 'Overdue reports', value: late.overdue, link: late.overdueLink, note: 'Past the grace days' },
    { title: 'Escalated reports', value: late.escalated, link: late.escalatedLink, note: 'The PMO lead was alerted' },
  ];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {figures.map((f) => (
        <Col xs={12} md={8} xl={4} key={f.title}>
          <Link to={projectsPage(f.link)} style={{ display: 'block', height: '100%' }}>
            <Card size="small" hoverable style={{ height: '100%' }}>
              <Statistic title={f.title} value={0} formatter={() => f.value} />
              {f.note && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {f.note}
                </Typography.Text>
              )}
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}

/** Projects by state, each a link to its projects. */
function States({ board }: { board: Dashboard }) {
  return (
    <Card title="Projects by state" size="small">
      <Flex gap={16} wrap>
        {board.projects.byState.length === 0 && <Typography.Text type="secondary">No projects.</Typography.Text>}
        {board.projects.byState.map((s) => (
          <Flex key={s.state} gap={6} align="center">
            <Typography.Text>{humanize(s.state)}</Typography.Text>
            <Tag>
              <CountLink count={s.count} link={s.link} label={`${humanize(s.state)} projects`} />
            </Tag>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

/** The PMO's own record: reports on time, reviews within a week, the average review time. */
function PmoRecord({ board }: { board: Dashboard }) {
  const me = useMe().data;
  const r = board.pmoRecord;
  return (
    <section aria-label="The PMO's record">
      <Card title="The PMO's record" style={{ height: '100%' }}>
        <Flex gap={32} wrap align="center">
          <Flex vertical align="center" gap={4}>
            <Progress
              type="circle"
              size={96}
              percent={r.onTimeRate === null ? 0 : Math.round(r.onTimeRate * 100)}
              format={() => percent(r.onTimeRate)}
              aria-label={`Reports on time: ${percent(r.onTimeRate)}`}
            />
            <Typography.Text>Reports on time</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.reportsOnTime} of {plural(r.reportsSubmitted, 'report')}
            </Typography.Text>
          </Flex>
          <Flex vertical align="center" gap={4}>
            <Progress
              type="circle"
              size={96}
              percent={r.withinWeekRate === null ? 0 : Math.round(r.withinWeekRate * 100)}
              format={() => percent(r.withinWeekRate)}
              aria-label={`Reviewed within a week: ${percent(r.withinWeekRate)}`}
            />
            <Typography.Text>Reviewed within a week</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.reviewsWithinWeek} of {plural(r.reportsReviewed, 'review')}
            </Typography.Text>
          </Flex>
          <Flex vertical gap={12}>
            <Statistic
              title="Average review time"
              value={0}
              formatter={() => (r.averageReviewHours === null ? '—' : `${formatNumber(r.averageReviewHours / 24, 1)} days`)}
            />
            <Statistic title="Awaiting review" value={r.reportsAwaitingReview} />
            {can(me, 'reports.review') && r.reportsAwaitingReview > 0 && <Link to="/reports/review">Reports to review</Link>}
          </Flex>
        </Flex>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          <Link to={projectsPage(r.link)} style={{ textDecoration: 'underline' }}>
            Open the projects these figures count
          </Link>
        </Typography.Paragraph>
      </Card>
    </section>
  );
}

/**
 * The portfolio dashboard: what a PMO lead and an executive open first. Filtered by PMO, portfolio
 * or executive position (everything that reports to it); every figure opens the projects behind it,
 * and the lists export to CSV and Excel with the same filters.
 */
export default function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const filters: DashboardFilters = filtersOf(params);
  const board = useRecord<Dashboard>(buildUrl('/dashboard', { ...filters, limit: 1 }));
  const portfolios = useList<Portfolio>('/portfolios');
  const setFilter = (key: keyof DashboardFilters, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const data = board.data;

  return (
    <>
      <PageHeader
        title="Portfolio dashboard"
        subtitle={
          data
            ? `Status as of ${formatDate(data.asOf)}, from each project's latest submitted report. Budget of these projects: ${formatMoneyCompact(data.budget.totalBudget)}.`
            : 'Status from each project’s latest submitted report.'
        }
        breadcrumbs={[{ title: 'Dashboard' }]}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <div style={{ width: 240 }}>
            <PmoSelect
              aria-label="Filter by PMO"
              placeholder="Any PMO"
              allowClear
              value={filters.pmoId ?? null}
              onChange={(v) => setFilter('pmoId', v)}
            />
          </div>
          <Select
            aria-label="Filter by portfolio"
            placeholder="Any portfolio"
            allowClear
            style={{ width: 220 }}
            value={filters.portfolioId}
            onChange={(v) => setFilter('portfolioId', v)}
            options={(portfolios.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
          <div style={{ width: 280 }}>
            <PositionSelect
              aria-label="Filter by executive"
              placeholder="Any executive"
              allowClear
              value={filters.executivePositionId ?? null}
              onChange={(v) => setFilter('executivePositionId', v)}
            />
          </div>
          {Object.keys(filters).length > 0 && (
            <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>Clear filters</Button>
          )}
        </Flex>
      </Card>
      {board.error && <ErrorAlert error={board.error} onRetry={() => board.refetch()} />}
      {!data ? (
        board.isLoading && (
          <Card aria-busy="true" aria-label="Loading the dashboard">
            <Skeleton active paragraph={{ rows: 8 }} />
          </Card>
        )
      ) : (
        <>
          <Headlines board={data} />
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={14}>
              <RagChart board={data} />
            </Col>
            <Col xs={24} xl={10}>
              <Flex vertical gap={16}>
                <PhaseChart board={data} />
                <States board={data} />
              </Flex>
            </Col>
          </Row>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={12}>
              <BudgetChart board={data} />
            </Col>
            <Col xs={24} xl={12}>
              <PmoRecord board={data} />
            </Col>
          </Row>
          <Flex vertical gap={16}>
            <MismatchList board={data} filters={filters} />
            <LateReportList board={data} filters={filters} />
            <RagMatrix board={data} filters={filters} />
          </Flex>
          <DashboardRisks filters={filters} />
          <DashboardApprovals filters={filters} />
        </>
      )}
    </>
  );
}
