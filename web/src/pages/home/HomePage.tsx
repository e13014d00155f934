import { Card, Col, Empty, Flex, List, Progress, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Person, Pmo, Portfolio, Position, ProjectSummary } from '../../api/domain.ts';
import { useList, useRecord } from '../../api/hooks.ts';
import type { ReviewQueue } from '../../api/intake.ts';
import type { RequestSummary } from '../../api/requests.ts';
import { can, useMe } from '../../api/session.ts';
import type { Me } from '../../api/types.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { PastFinishTag, PmoLevelTag, ProjectStateTag } from '../../components/tags.tsx';
import { landingFor, pmosReportingTo } from '../../lib/landing.ts';
import { ReportsDueCard } from '../reports/ReportsDueCard.tsx';
import { RequestStateTag } from '../requests/RequestStateTag.tsx';
import { formatDate, formatMoney, formatMoneyCompact, humanize, plural } from '../../lib/format.ts';

const STATE_COLORS: Record<string, string> = { active: '#52c41a', on_hold: '#fa8c16', closed: '#8c8c8c', terminated: '#f5222d' };

function countBy<T>(items: T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

function Breakdown({
  title,
  rows,
  total,
  color,
}: {
  title: string;
  rows: [string, number][];
  total: number;
  color: (k: string) => string;
}) {
  return (
    <Card title={title} style={{ height: '100%' }}>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No projects yet." />
      ) : (
        <Flex vertical gap={8}>
          {rows.map(([k, n]) => (
            <div key={k}>
              <Flex justify="space-between">
                <Typography.Text>{k}</Typography.Text>
                <Typography.Text strong>{n}</Typography.Text>
              </Flex>
              <Progress
                percent={Math.round((n / total) * 100)}
                showInfo={false}
                strokeColor={color(k)}
                aria-label={`${k}: ${n} of ${total}`}
              />
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}

/** Projects as a compact table: code and name, state (and lateness), phase, finish, budget. */
function ProjectsTable({ projects, empty }: { projects: ProjectSummary[]; empty: string }) {
  return (
    <Table<ProjectSummary>
      rowKey="id"
      size="small"
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      dataSource={projects}
      locale={{ emptyText: empty }}
      columns={[
        { title: 'Project', key: 'name', render: (_, p) => <Link to={`/projects/${p.id}`}>{`${p.code} · ${p.name}`}</Link> },
        {
          title: 'State',
          dataIndex: 'state',
          render: (s: string, p) => (
            <Flex gap={4} wrap>
              <ProjectStateTag state={s} />
              {p.pastPlannedFinish && <PastFinishTag plannedFinishDate={p.plannedFinishDate} />}
            </Flex>
          ),
        },
        { title: 'Phase', key: 'phase', render: (_, p) => p.phase.name },
        { title: 'Planned finish', dataIndex: 'plannedFinishDate', render: (d: string | null) => formatDate(d) },
        { title: 'Budget', dataIndex: 'budget', align: 'right', render: (b: number) => formatMoney(b) },
      ]}
    />
  );
}

/** One PMO's work for its member: the requests waiting for it, and its open and late projects. */
function PmoWorkCard({ pmo, projects }: { pmo: Pmo; projects: ProjectSummary[] }) {
  const queue = useRecord<ReviewQueue>(`/pmos/${pmo.id}/review-queue`);
  const own = projects.filter((p) => p.pmo.id === pmo.id && (p.state === 'active' || p.state === 'on_hold'));
  const late = own.filter((p) => p.pastPlannedFinish);
  const waiting = queue.data?.items ?? [];
  const fresh = waiting.filter((i) => i.notYetInReview).length;
  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          <Link to={`/pmos/${pmo.id}`}>{pmo.name}</Link>
          <PmoLevelTag level={pmo.level} />
        </Flex>
      }
      extra={<Link to={`/review?pmo=${pmo.id}`}>Review queue</Link>}
    >
      <Flex gap={32} wrap style={{ marginBottom: 16 }}>
        <Statistic title="Requests waiting" value={waiting.length} loading={queue.isLoading} />
        <Statistic title="Not yet in review" value={fresh} loading={queue.isLoading} />
        <Statistic title="Open projects" value={own.length} />
        <Statistic title="Past planned finish" value={late.length} />
      </Flex>
      {queue.error && <ErrorAlert error={queue.error} onRetry={() => queue.refetch()} />}
      {waiting.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>Next in the queue</Typography.Text>}
          dataSource={waiting.slice(0, 5)}
          renderItem={(i) => (
            <List.Item extra={i.notYetInReview ? <Tag color="blue">Not yet in review</Tag> : undefined}>
              <Link to={`/requests/${i.id}`}>{`${i.code} · ${i.title}`}</Link>
            </List.Item>
          )}
        />
      )}
      {late.length > 0 && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text strong>Late projects</Typography.Text>
          <ProjectsTable projects={late} empty="No late project." />
        </div>
      )}
    </Card>
  );
}

/** A PMO member's landing: the work of each PMO they belong to. */
function PmoWork({ me, projects }: { me: Me; projects: ProjectSummary[] }) {
  const pmos = useList<Pmo>('/pmos');
  const mine = (pmos.data ?? []).filter((p) => me.pmoMemberships.some((m) => m.pmoId === p.id));
  if (pmos.isLoading) return <Skeleton active />;
  return (
    <Flex vertical gap={16} style={{ marginBottom: 16 }}>
      {mine.map((pmo) => (
        <PmoWorkCard key={pmo.id} pmo={pmo} projects={projects} />
      ))}
    </Flex>
  );
}

/** An executive's landing: the PMOs, portfolios and projects that report through their positions. */
function ReportingToYou({ me, projects }: { me: Me; projects: ProjectSummary[] }) {
  const positions = useList<Position>('/positions');
  const pmos = useList<Pmo>('/pmos');
  const portfolios = useList<Portfolio>('/portfolios');
  if (positions.isLoading || pmos.isLoading || portfolios.isLoading) return <Skeleton active />;
  const reporting = pmosReportingTo(me.positionIds, positions.data ?? [], pmos.data ?? []);
  const theirPmos = (pmos.data ?? []).filter((p) => reporting.has(p.id));
  const theirPortfolios = (portfolios.data ?? []).filter((p) => reporting.has(p.pmoId));
  // Late projects first: they are what an executive asks about.
  const theirProjects = projects
    .filter((p) => reporting.has(p.pmo.id) && p.state !== 'closed' && p.state !== 'terminated')
    .sort((a, b) => Number(b.pastPlannedFinish) - Number(a.pastPlannedFinish) || a.code.localeCompare(b.code));
  const late = theirProjects.filter((p) => p.pastPlannedFinish).length;
  const held = (positions.data ?? []).filter((p) => me.positionIds.includes(p.id)).map((p) => p.code);
  return (
    <Flex vertical gap={16} style={{ marginBottom: 16 }}>
      <Card title={`Reporting to you${held.length ? ` (${held.join(', ')})` : ''}`}>
        <Flex gap={32} wrap>
          <Statistic title="PMOs" value={theirPmos.length} />
          <Statistic title="Portfolios" value={theirPortfolios.length} />
          <Statistic title="Open projects" value={theirProjects.length} />
          <Statistic title="Past planned finish" value={late} />
          <Statistic
            title="Budget of open projects"
            value={formatMoneyCompact(theirProjects.reduce((sum, p) => sum + p.budget, 0))}
          />
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="PMOs" style={{ height: '100%' }}>
            <List
              size="small"
              dataSource={theirPmos}
              locale={{ emptyText: 'No PMO reports to your positions.' }}
              renderItem={(p) => (
                <List.Item extra={<PmoLevelTag level={p.level} />}>
                  <Link to={`/pmos/${p.id}`}>{p.name}</Link>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="Portfolios" style={{ height: '100%' }}>
            <List
              size="small"
              dataSource={theirPortfolios}
              locale={{ emptyText: 'No portfolio reports to your positions.' }}
              renderItem={(p) => (
                <List.Item extra={<Typography.Text type="secondary">{plural(p.projectCount, 'project')}</Typography.Text>}>
                  <Link to={`/portfolios/${p.id}`}>{p.name}</Link>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <Card title="Open projects reporting to you">
        <ProjectsTable projects={theirProjects} empty="No open project reports to your positions." />
      </Card>
    </Flex>
  );
}

/** A project manager's landing: the status reports they owe, the projects they run and the requests they raised. */
function MyWork({ projects, reports }: { projects: ProjectSummary[]; reports: boolean }) {
  const requests = useList<RequestSummary>('/requests', { mine: 'true' });
  const open = (requests.data ?? []).filter((r) => !['approved', 'rejected', 'withdrawn'].includes(r.state));
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {reports && (
        <Col xs={24}>
          <ReportsDueCard />
        </Col>
      )}
      <Col xs={24} xl={14}>
        <Card title="My projects" style={{ height: '100%' }}>
          <ProjectsTable projects={projects} empty="You manage no project yet." />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title="My requests" extra={<Link to="/requests?tab=mine">All my requests</Link>} style={{ height: '100%' }}>
          {requests.error && <ErrorAlert error={requests.error} onRetry={() => requests.refetch()} />}
          <List
            size="small"
            loading={requests.isLoading}
            dataSource={open}
            locale={{ emptyText: 'No open request of yours.' }}
            renderItem={(r) => (
              <List.Item extra={<RequestStateTag state={r.state} />}>
                <Link to={`/requests/${r.id}`}>{`${r.code} · ${r.title}`}</Link>
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}

/**
 * The overview: first what the caller works on (a PMO member the PMO's work, an executive what
 * reports to them, a project manager their projects and requests), then the figures of all they see.
 */
export default function HomePage() {
  const me = useMe().data;
  const projects = useList<ProjectSummary>('/projects', undefined, can(me, 'projects.read'));
  const pmos = useList<Pmo>('/pmos', undefined, can(me, 'pmo.read'));
  const people = useList<Person>('/people', undefined, can(me, 'org.read'));
  const list = projects.data ?? [];
  const mine = me?.personId ? list.filter((p) => p.projectManager?.id === me.personId) : [];
  const budget = list.filter((p) => p.state === 'active').reduce((s, p) => s + p.budget, 0);
  const firstName = me?.name.split(' ')[0] ?? '';
  const landing = me ? landingFor(me) : 'overview';

  return (
    <>
      <PageHeader title="Overview" documentTitle="Overview" subtitle={`Welcome back, ${firstName}.`} />
      {projects.error && <ErrorAlert error={projects.error} onRetry={() => projects.refetch()} />}
      {me && !projects.isLoading && landing === 'pmo' && <PmoWork me={me} projects={list} />}
      {me && !projects.isLoading && landing === 'executive' && <ReportingToYou me={me} projects={list} />}
      {!projects.isLoading && (landing === 'projects' || mine.length > 0) && (
        <MyWork projects={mine} reports={can(me, 'reports.submit')} />
      )}
      <Row gutter={[16, 16]}>
        {[
          { title: 'Projects', value: projects.data?.length, loading: projects.isLoading, to: '/projects' },
          {
            title: 'Active projects',
            value: list.filter((p) => p.state === 'active').length,
            loading: projects.isLoading,
            to: '/projects?state=active',
          },
          { title: 'PMOs', value: pmos.data?.length, loading: pmos.isLoading, to: '/pmos' },
          { title: 'People', value: people.data?.length, loading: people.isLoading, to: '/people' },
        ].map((s) => (
          <Col xs={12} lg={6} key={s.title}>
            <Link to={s.to}>
              <Card hoverable>
                <Statistic title={s.title} value={s.value ?? 0} loading={s.loading} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      {projects.isLoading ? (
        <Card style={{ marginTop: 16 }}>
          <Skeleton active />
        </Card>
      ) : (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} lg={8}>
            <Breakdown
              title="Projects by state"
              rows={countBy(list, (p) => humanize(p.state))}
              total={list.length || 1}
              color={(k) => STATE_COLORS[k.toLowerCase().replace(' ', '_')] ?? '#1d4ed8'}
            />
          </Col>
          <Col xs={24} lg={8}>
            <Breakdown
              title="Projects by phase"
              rows={countBy(list, (p) => p.phase.name)}
              total={list.length || 1}
              color={() => '#1d4ed8'}
            />
          </Col>
          <Col xs={24} lg={8}>
            <Card title="Budget of active projects" style={{ height: '100%' }}>
              <Statistic value={formatMoneyCompact(budget)} />
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                Across {plural(list.filter((p) => p.state === 'active').length, 'active project')} in{' '}
                {plural(countBy(list, (p) => p.pmo.id).length, 'PMO')}.
              </Typography.Paragraph>
              <Flex vertical gap={4}>
                {countBy(list, (p) => p.pmo.name).map(([name, n]) => (
                  <Flex key={name} justify="space-between">
                    <Typography.Text>{name}</Typography.Text>
                    <Typography.Text type="secondary">{plural(n, 'project')}</Typography.Text>
                  </Flex>
                ))}
              </Flex>
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
