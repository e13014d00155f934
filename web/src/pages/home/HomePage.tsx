import { Card, Col, Empty, Flex, Progress, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { Person, Pmo, ProjectSummary } from '../../api/domain.ts';
import { useList } from '../../api/hooks.ts';
import { can, useMe } from '../../api/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { ProjectStateTag } from '../../components/tags.tsx';
import { formatDate, formatMoney, formatMoneyCompact, humanize } from '../../lib/format.ts';

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

/** The overview: what the caller governs or runs, at a glance. */
export default function HomePage() {
  const me = useMe().data;
  const projects = useList<ProjectSummary>('/projects', undefined, can(me, 'projects.read'));
  const pmos = useList<Pmo>('/pmos', undefined, can(me, 'pmo.read'));
  const people = useList<Person>('/people', undefined, can(me, 'org.read'));
  const list = projects.data ?? [];
  const mine = me?.personId ? list.filter((p) => p.projectManager?.id === me.personId) : [];
  const budget = list.filter((p) => p.state === 'active').reduce((s, p) => s + p.budget, 0);
  const firstName = me?.name.split(' ')[0] ?? '';

  return (
    <>
      <PageHeader title="Overview" documentTitle="Overview" subtitle={`Welcome back, ${firstName}.`} />
      {projects.error && <ErrorAlert error={projects.error} onRetry={() => projects.refetch()} />}
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
            <Link to={s.to} aria-label={`${s.title}: ${s.value ?? 'loading'}`}>
              <Card hoverable>
                <Statistic title={s.title} value={s.value ?? 0} loading={s.loading} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      {mine.length > 0 && (
        <Card title="My projects" style={{ marginTop: 16 }}>
          <Table<ProjectSummary>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={mine}
            columns={[
              {
                title: 'Project',
                key: 'name',
                render: (_, p) => <Link to={`/projects/${p.id}`}>{`${p.code} · ${p.name}`}</Link>,
              },
              { title: 'State', dataIndex: 'state', render: (s: string) => <ProjectStateTag state={s} /> },
              { title: 'Phase', key: 'phase', render: (_, p) => p.phase.name },
              { title: 'Planned finish', dataIndex: 'plannedFinishDate', render: (d: string | null) => formatDate(d) },
              { title: 'Budget', dataIndex: 'budget', align: 'right', render: (b: number) => formatMoney(b) },
            ]}
          />
        </Card>
      )}
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
                Across {list.filter((p) => p.state === 'active').length} active projects in{' '}
                {countBy(list, (p) => p.pmo.id).length} PMOs.
              </Typography.Paragraph>
              <Flex vertical gap={4}>
                {countBy(list, (p) => p.pmo.name).map(([name, n]) => (
                  <Flex key={name} justify="space-between">
                    <Typography.Text>{name}</Typography.Text>
                    <Typography.Text type="secondary">{n} projects</Typography.Text>
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
