import { Card, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ProjectTypeSummary } from '../../api/domain.ts';
import { useList } from '../../api/hooks.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';

/** The PMO's standards: one per project type, versioned. */
export default function ProjectTypesPage() {
  const types = useList<ProjectTypeSummary>('/project-types');
  const pmos = [...new Map((types.data ?? []).map((t) => [t.pmo.id, t.pmo.name])).entries()];
  return (
    <>
      <PageHeader
        title="Standards"
        subtitle="Project types with their lifecycle, tollgates, reporting cadence, tolerances and risk matrix. Projects keep the version they started under."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Standards' }]}
      />
      {types.error && <ErrorAlert error={types.error} onRetry={() => types.refetch()} />}
      <Card>
        <Table<ProjectTypeSummary>
          rowKey="id"
          loading={types.isLoading}
          dataSource={types.data ?? []}
          pagination={false}
          locale={{ emptyText: 'No project types yet.' }}
          columns={[
            {
              title: 'Project type',
              dataIndex: 'name',
              sorter: (a, b) => a.name.localeCompare(b.name),
              render: (n: string, t) => (
                <div>
                  <Link to={`/standards/${t.id}`}>{n}</Link> <Typography.Text type="secondary">{t.code}</Typography.Text>
                  {t.description && (
                    <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ margin: 0, maxWidth: 480 }}>
                      {t.description}
                    </Typography.Paragraph>
                  )}
                </div>
              ),
            },
            {
              title: 'Owning PMO',
              key: 'pmo',
              filters: pmos.map(([id, name]) => ({ text: name, value: id })),
              onFilter: (v, t) => t.pmo.id === v,
              render: (_, t) => <Link to={`/pmos/${t.pmo.id}`}>{t.pmo.name}</Link>,
            },
            {
              title: 'Current version',
              dataIndex: 'currentVersion',
              align: 'center',
              sorter: (a, b) => a.currentVersion - b.currentVersion,
              render: (v: number) => <Tag color="blue">Version {v}</Tag>,
            },
            { title: 'Phases', dataIndex: 'phaseCount', align: 'right', sorter: (a, b) => a.phaseCount - b.phaseCount },
            { title: 'Projects', dataIndex: 'projectCount', align: 'right', sorter: (a, b) => a.projectCount - b.projectCount },
            {
              title: 'Projects by version',
              key: 'byVersion',
              render: (_, t) =>
                t.projectsByVersion.length === 0
                  ? '—'
                  : t.projectsByVersion.map((v) => <Tag key={v.number}>{`v${v.number}: ${v.projectCount}`}</Tag>),
            },
          ]}
        />
      </Card>
    </>
  );
}
