import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { PortfolioDetail, ProjectSummary } from '../../api/domain.ts';
import { useList, useRecord } from '../../api/hooks.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert, RecordState } from '../../components/QueryState.tsx';
import { RecordHistory } from '../../components/RecordHistory.tsx';
import { ProjectStateTag } from '../../components/tags.tsx';
import { formatDate, formatMoney, humanize } from '../../lib/format.ts';
import { PortfolioDrawer } from './PortfolioDrawer.tsx';

export default function PortfolioPage() {
  const { id = '' } = useParams();
  const portfolio = useRecord<PortfolioDetail>(`/portfolios/${id}`);
  const projects = useList<ProjectSummary>('/projects', { portfolioId: id });
  const [editing, setEditing] = useState(false);
  return (
    <RecordState
      isLoading={portfolio.isLoading}
      error={portfolio.error}
      refetch={() => portfolio.refetch()}
      backTo={{ to: '/portfolios', label: 'Back to portfolios' }}
    >
      {() => {
        const p = portfolio.data as PortfolioDetail;
        const list = projects.data ?? [];
        const budget = list.reduce((sum, x) => sum + x.budget, 0);
        return (
          <>
            <PageHeader
              title={p.name}
              subtitle={p.code}
              tags={<Tag color={p.kind === 'program' ? 'cyan' : 'geekblue'}>{humanize(p.kind)}</Tag>}
              breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Portfolios', to: '/portfolios' }, { title: p.name }]}
              extra={
                p.canEdit && (
                  <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                    Edit
                  </Button>
                )
              }
            />
            <Tabs
              items={[
                {
                  key: 'overview',
                  label: 'Overview',
                  children: (
                    <Flex vertical gap={16}>
                      <Card>
                        <Descriptions
                          column={{ xs: 1, md: 3 }}
                          items={[
                            { key: 'pmo', label: 'Governing PMO', children: <Link to={`/pmos/${p.pmo.id}`}>{p.pmo.name}</Link> },
                            {
                              key: 'owner',
                              label: 'Owner',
                              children:
                                p.ownerName && p.ownerPersonId ? (
                                  <Link to={`/people/${p.ownerPersonId}`}>{p.ownerName}</Link>
                                ) : (
                                  '—'
                                ),
                            },
                            {
                              key: 'desc',
                              label: 'Description',
                              children: p.description || <Typography.Text type="secondary">None</Typography.Text>,
                            },
                          ]}
                        />
                        <Flex gap={48} wrap style={{ marginTop: 16 }}>
                          <Statistic title="Projects" value={list.length} />
                          <Statistic title="Active" value={list.filter((x) => x.state === 'active').length} />
                          <Statistic title="Total budget" value={formatMoney(budget)} />
                        </Flex>
                      </Card>
                      <Card title="Projects">
                        {projects.error && <ErrorAlert error={projects.error} />}
                        <Table<ProjectSummary>
                          rowKey="id"
                          loading={projects.isLoading}
                          dataSource={list}
                          pagination={{ pageSize: 20, hideOnSinglePage: true }}
                          locale={{ emptyText: 'No projects in this portfolio yet.' }}
                          columns={[
                            {
                              title: 'Project',
                              key: 'name',
                              sorter: (a, b) => a.code.localeCompare(b.code),
                              render: (_, x) => <Link to={`/projects/${x.id}`}>{`${x.code} · ${x.name}`}</Link>,
                            },
                            { title: 'State', dataIndex: 'state', render: (s: string) => <ProjectStateTag state={s} /> },
                            { title: 'Phase', key: 'phase', render: (_, x) => x.phase.name },
                            { title: 'Manager', key: 'pm', render: (_, x) => x.projectManager?.name ?? '—' },
                            { title: 'Finish', dataIndex: 'plannedFinishDate', render: (d: string | null) => formatDate(d) },
                            {
                              title: 'Budget',
                              dataIndex: 'budget',
                              align: 'right',
                              sorter: (a, b) => a.budget - b.budget,
                              render: (b: number) => formatMoney(b),
                            },
                          ]}
                        />
                      </Card>
                    </Flex>
                  ),
                },
                { key: 'history', label: 'History', children: <RecordHistory entityType="portfolio" entityId={p.id} /> },
              ]}
            />
            <PortfolioDrawer portfolio={editing ? p : null} onClose={() => setEditing(false)} />
          </>
        );
      }}
    </RecordState>
  );
}
