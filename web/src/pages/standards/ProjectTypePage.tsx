import { EditOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Drawer, Flex, Select, Skeleton, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ProjectType, StandardDiff, StandardVersion, StandardVersionInfo } from '../../api/domain.ts';
import { useRecord } from '../../api/hooks.ts';
import { can, useMe } from '../../api/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert, RecordState } from '../../components/QueryState.tsx';
import { RecordHistory } from '../../components/RecordHistory.tsx';
import { formatValue } from '../../lib/diff.ts';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { StandardEditor } from './StandardEditor.tsx';
import { StandardView } from './StandardView.tsx';

/** What changed between two versions of the standard, path by path. */
function VersionChanges({ diff }: { diff: StandardDiff }) {
  return (
    <Table
      size="small"
      rowKey={(c) => `${c.path}-${c.change}`}
      pagination={false}
      dataSource={diff.changes}
      locale={{ emptyText: 'No changes in the definition.' }}
      columns={[
        { title: 'Where', dataIndex: 'path', render: (p: string) => <Typography.Text code>{p}</Typography.Text> },
        { title: 'Change', dataIndex: 'change', render: (c: string) => <Tag>{humanize(c)}</Tag> },
        { title: `In version ${diff.from ?? '—'}`, dataIndex: 'before', render: (v: unknown) => formatValue(v) },
        { title: `In version ${diff.to}`, dataIndex: 'after', render: (v: unknown) => formatValue(v) },
      ]}
    />
  );
}

function VersionDrawer({ typeId, number, onClose }: { typeId: string; number: number | null; onClose: () => void }) {
  const version = useRecord<StandardVersion>(number ? `/project-types/${typeId}/versions/${number}` : null);
  const diff = useRecord<StandardDiff>(number && number > 1 ? `/project-types/${typeId}/versions/${number}/diff` : null);
  return (
    <Drawer title={number ? `Version ${number}` : ''} open={number !== null} onClose={onClose} size="large" destroyOnHidden>
      {version.isLoading && <Skeleton active />}
      {version.error && <ErrorAlert error={version.error} />}
      {diff.data && (
        <Card size="small" title={`Changes since version ${diff.data.from}`} style={{ marginBottom: 16 }}>
          <VersionChanges diff={diff.data} />
        </Card>
      )}
      {version.data && <StandardView definition={version.data.definition} />}
    </Drawer>
  );
}

/** Any two versions side by side: what the later one changed against the earlier one, or the reverse. */
function CompareVersions({ type }: { type: ProjectType }) {
  const numbers = [...type.versions].map((v) => v.number).sort((a, b) => a - b);
  const [from, setFrom] = useState(Math.max(1, type.currentVersion - 1));
  const [to, setTo] = useState(type.currentVersion);
  const diff = useRecord<StandardDiff>(
    numbers.length > 1 ? `/project-types/${type.id}/versions/${to}/diff?against=${from}` : null,
  );
  if (numbers.length < 2) return null;
  const options = numbers.map((n) => ({ value: n, label: `Version ${n}${n === type.currentVersion ? ' (current)' : ''}` }));
  return (
    <Card
      title="Compare versions"
      extra={
        <Flex gap={8} align="center" wrap>
          <label htmlFor="compare-from">From</label>
          <Select id="compare-from" value={from} onChange={setFrom} options={options} style={{ width: 180 }} />
          <label htmlFor="compare-to">to</label>
          <Select id="compare-to" value={to} onChange={setTo} options={options} style={{ width: 180 }} />
        </Flex>
      }
    >
      {diff.error && <ErrorAlert error={diff.error} />}
      {diff.isLoading ? <Skeleton active /> : diff.data && <VersionChanges diff={diff.data} />}
    </Card>
  );
}

/** One project type's standard: the current version, its lifecycle and policies, and its versions. */
export default function ProjectTypePage() {
  const { id = '' } = useParams();
  const me = useMe().data;
  const { message } = App.useApp();
  const type = useRecord<ProjectType>(`/project-types/${id}`);
  const [editing, setEditing] = useState(false);
  const [viewing, setViewing] = useState<number | null>(null);
  const [tab, setTab] = useState('standard');
  const manage = can(me, 'standards.manage');

  return (
    <RecordState
      isLoading={type.isLoading}
      error={type.error}
      refetch={() => type.refetch()}
      backTo={{ to: '/standards', label: 'Back to standards' }}
    >
      {() => {
        const t = type.data as ProjectType;
        return (
          <>
            <PageHeader
              title={t.name}
              subtitle={
                <span>
                  {t.code} · owned by <Link to={`/pmos/${t.pmo.id}`}>{t.pmo.name}</Link>
                </span>
              }
              tags={
                <Tag color="blue" style={{ fontSize: 16, padding: '4px 12px' }} data-testid="current-version">
                  Version {t.currentVersion}
                </Tag>
              }
              breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Standards', to: '/standards' }, { title: t.name }]}
              extra={
                manage &&
                !editing && (
                  <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                    Edit standard
                  </Button>
                )
              }
            />
            {t.description && <Typography.Paragraph type="secondary">{t.description}</Typography.Paragraph>}
            {editing ? (
              <StandardEditor
                type={t}
                onCancel={() => setEditing(false)}
                onPublished={(v) => {
                  setEditing(false);
                  message.success(`Published version ${v.number}.`);
                }}
              />
            ) : (
              <Tabs
                activeKey={tab}
                onChange={setTab}
                items={[
                  {
                    key: 'standard',
                    label: 'Standard',
                    children: (
                      <Flex vertical gap={16}>
                        <Card>
                          <Flex gap={48} wrap>
                            <Statistic title="Current version" value={`Version ${t.currentVersion}`} />
                            <Statistic title="Phases" value={t.definition.phases.length} />
                            <Statistic title="Tollgates" value={t.definition.gates.length} />
                            <Statistic title="Projects on this type" value={t.projectCount} />
                          </Flex>
                        </Card>
                        <StandardView definition={t.definition} />
                      </Flex>
                    ),
                  },
                  {
                    key: 'versions',
                    label: `Versions (${t.versions.length})`,
                    children: (
                      <Flex vertical gap={16}>
                        <Card>
                          <Table<StandardVersionInfo>
                            rowKey="number"
                            dataSource={[...t.versions].sort((a, b) => b.number - a.number)}
                            pagination={false}
                            columns={[
                              {
                                title: 'Version',
                                dataIndex: 'number',
                                render: (n: number) => (
                                  <Flex gap={8} align="center">
                                    <Button type="link" style={{ padding: 0 }} onClick={() => setViewing(n)}>
                                      Version {n}
                                    </Button>
                                    {n === t.currentVersion && <Badge status="processing" text="current" />}
                                  </Flex>
                                ),
                              },
                              { title: 'Published', dataIndex: 'publishedAt', render: (v: string) => formatDateTime(v) },
                              { title: 'By', dataIndex: 'publishedBy' },
                              { title: 'Note', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
                              { title: 'Projects bound', dataIndex: 'projectCount', align: 'right' },
                            ]}
                          />
                        </Card>
                        <CompareVersions type={t} />
                      </Flex>
                    ),
                  },
                  { key: 'history', label: 'History', children: <RecordHistory entityType="project_type" entityId={t.id} /> },
                ]}
              />
            )}
            <VersionDrawer typeId={t.id} number={viewing} onClose={() => setViewing(null)} />
          </>
        );
      }}
    </RecordState>
  );
}
