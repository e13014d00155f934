import { Card, Col, Descriptions, Row, Steps, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Project } from '../../api/domain.ts';
import { useRecord } from '../../api/hooks.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RecordState } from '../../components/QueryState.tsx';
import { RecordHistory } from '../../components/RecordHistory.tsx';
import { PastFinishTag, ProjectStateTag } from '../../components/tags.tsx';
import { formatDate, formatDateTime, formatMoney, humanize } from '../../lib/format.ts';
import { ProjectApprovalsTab } from '../approvals/ProjectApprovalsTab.tsx';
import { PerformanceTab } from '../performance/PerformanceTab.tsx';
import { RisksTab } from '../raid/RisksTab.tsx';
import { StatusReportsTab } from '../reports/StatusReportsTab.tsx';
import { ProjectTeamTab } from '../resources/ProjectTeamTab.tsx';

const ref = (to: string, r: { id: string; name: string } | null) => (r ? <Link to={`${to}/${r.id}`}>{r.name}</Link> : '—');

/** One project: who, where it sits, its standard and where it is in its lifecycle. */
export default function ProjectPage() {
  const { id = '' } = useParams();
  const project = useRecord<Project>(`/projects/${id}`);
  const [params, setParams] = useSearchParams();
  return (
    <RecordState
      isLoading={project.isLoading}
      error={project.error}
      refetch={() => project.refetch()}
      backTo={{ to: '/projects', label: 'Back to projects' }}
    >
      {() => {
        const p = project.data as Project;
        const current = p.lifecycle.phases.findIndex((ph) => ph.current);
        return (
          <>
            <PageHeader
              title={p.name}
              documentTitle={`${p.code} ${p.name}`}
              subtitle={`${p.code} · ${p.phase.name} phase`}
              tags={
                <>
                  <ProjectStateTag state={p.state} />
                  {p.pastPlannedFinish && <PastFinishTag plannedFinishDate={p.plannedFinishDate} />}
                </>
              }
              breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Projects', to: '/projects' }, { title: p.code }]}
            />
            <Card title={`Lifecycle (standard version ${p.lifecycle.standardVersion})`} style={{ marginBottom: 16 }}>
              <Steps
                titlePlacement="vertical"
                size="small"
                current={Math.max(current, 0)}
                status={p.state === 'terminated' ? 'error' : p.state === 'on_hold' ? 'wait' : 'process'}
                items={p.lifecycle.phases.map((ph) => {
                  const gate = p.lifecycle.gates.find((g) => g.afterPhase === ph.key);
                  return { key: ph.key, title: ph.name, content: gate ? `then ${gate.name}` : undefined };
                })}
              />
            </Card>
            <Tabs
              // The open tab is in the address (?tab=performance): a link or a reload opens it again.
              activeKey={params.get('tab') ?? 'overview'}
              onChange={(key) => setParams(key === 'overview' ? {} : { tab: key }, { replace: true })}
              items={[
                {
                  key: 'overview',
                  label: 'Overview',
                  children: (
                    <Row gutter={[16, 16]}>
                      <Col xs={24} xl={15}>
                        <Card title="Details">
                          <Descriptions
                            column={{ xs: 1, md: 2 }}
                            items={[
                              { key: 'pmo', label: 'PMO', children: ref('/pmos', p.pmo) },
                              { key: 'portfolio', label: 'Portfolio', children: ref('/portfolios', p.portfolio) },
                              {
                                key: 'type',
                                label: 'Project type',
                                children: (
                                  <span>
                                    <Link to={`/standards/${p.projectType.id}`}>{p.projectType.name}</Link>{' '}
                                    <Tag>standard v{p.standardVersion}</Tag>
                                  </span>
                                ),
                              },
                              { key: 'phase', label: 'Current phase', children: p.phase.name },
                              { key: 'pm', label: 'Project manager', children: ref('/people', p.projectManager) },
                              { key: 'sponsor', label: 'Sponsor', children: ref('/people', p.sponsor) },
                              { key: 'start', label: 'Start', children: formatDate(p.startDate) },
                              { key: 'finish', label: 'Planned finish', children: formatDate(p.plannedFinishDate) },
                              {
                                key: 'budget',
                                label: 'Budget',
                                children: <Typography.Text strong>{formatMoney(p.budget)}</Typography.Text>,
                              },
                              { key: 'unit', label: 'Org unit', children: p.orgUnit?.name ?? '—' },
                              {
                                key: 'goahead',
                                label: 'Go-ahead',
                                children: p.goAheadAt ? formatDateTime(p.goAheadAt) : 'Not yet given',
                              },
                              {
                                key: 'description',
                                label: 'Description',
                                span: 2,
                                children: p.description || <Typography.Text type="secondary">None</Typography.Text>,
                              },
                            ]}
                          />
                        </Card>
                      </Col>
                      <Col xs={24} xl={9}>
                        <Card title="Members">
                          <Table
                            rowKey={(m) => `${m.person.id}-${m.role}`}
                            size="small"
                            pagination={false}
                            dataSource={p.members}
                            locale={{ emptyText: 'No members recorded.' }}
                            columns={[
                              {
                                title: 'Name',
                                key: 'name',
                                render: (_, m) => <Link to={`/people/${m.person.id}`}>{m.person.name}</Link>,
                              },
                              { title: 'Role', dataIndex: 'role', render: (r: string) => <Tag>{humanize(r)}</Tag> },
                            ]}
                          />
                        </Card>
                      </Col>
                    </Row>
                  ),
                },
                {
                  key: 'gates',
                  label: 'Tollgates',
                  children: (
                    <Card>
                      <Table
                        rowKey="key"
                        pagination={false}
                        dataSource={p.lifecycle.gates}
                        columns={[
                          { title: 'Gate', dataIndex: 'name' },
                          {
                            title: 'Closes phase',
                            dataIndex: 'afterPhase',
                            render: (k: string) => p.lifecycle.phases.find((ph) => ph.key === k)?.name ?? k,
                          },
                          {
                            title: 'Must-meet',
                            key: 'must',
                            render: (_, g) => g.criteria.filter((c) => c.kind === 'must').length,
                          },
                          {
                            title: 'Should-meet',
                            key: 'should',
                            render: (_, g) => g.criteria.filter((c) => c.kind === 'should').length,
                          },
                          { title: 'Quorum', dataIndex: 'quorum' },
                        ]}
                      />
                    </Card>
                  ),
                },
                { key: 'reports', label: 'Status reports', children: <StatusReportsTab projectId={p.id} /> },
                {
                  key: 'performance',
                  label: 'Performance',
                  children: <PerformanceTab projectId={p.id} gates={p.lifecycle.gates} />,
                },
                { key: 'risks', label: 'Risks & issues', children: <RisksTab projectId={p.id} /> },
                { key: 'team', label: 'Team & allocations', children: <ProjectTeamTab projectId={p.id} /> },
                { key: 'approvals', label: 'Approvals', children: <ProjectApprovalsTab project={p} /> },
                { key: 'history', label: 'History', children: <RecordHistory entityType="project" entityId={p.id} /> },
              ]}
            />
          </>
        );
      }}
    </RecordState>
  );
}
