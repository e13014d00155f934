import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Gate } from '../../api/domain.ts';
import { useList, useWrite } from '../../api/hooks.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { formatDate, plural } from '../../lib/format.ts';
import { MilestoneDrawer, milestonePaths } from './MilestoneDrawer.tsx';
import { type Milestone, slipText } from './performance.ts';

/** The gate and deliverable a milestone belongs to, by their names in the project's standard. */
function belongsTo(m: Milestone, gates: Gate[]): string {
  const gate = gates.find((g) => g.key === m.gateKey);
  const deliverable = gates.flatMap((g) => g.deliverables ?? []).find((d) => d.key === m.deliverableKey);
  const parts = [gate ? gate.name : m.gateKey, deliverable ? deliverable.name : m.deliverableKey].filter(Boolean);
  return parts.length ? parts.join(' · ') : '—';
}

function SlipTag({ m }: { m: Milestone }) {
  if (m.slipDays === null) return <Typography.Text type="secondary">No forecast yet</Typography.Text>;
  const text = slipText(m.slipDays);
  if (m.slipDays > 0) return <Tag color="red">Slipped · {text}</Tag>;
  return <Tag color={m.achievedOn ? 'green' : 'default'}>{text}</Tag>;
}

/**
 * The project's key milestones with their baseline date, latest forecast, achieved date and slip;
 * those who keep them (the manager and the PMO) add, edit and remove them here. `forecast` holds
 * the milestones a submitted report forecast: they are history and cannot be removed.
 */
export function MilestonesCard({
  projectId,
  gates,
  canEdit,
  forecast,
}: {
  projectId: string;
  gates: Gate[];
  canEdit: boolean;
  forecast: ReadonlySet<string>;
}) {
  const milestones = useList<Milestone>(`/projects/${projectId}/milestones`);
  const [editing, setEditing] = useState<Milestone | 'new' | null>(null);
  const { message } = App.useApp();
  const showError = useServerErrors();
  const remove = useWrite(
    (m: Milestone) => api.delete(`/projects/${projectId}/milestones/${m.id}`, { query: { version: m.version } }),
    milestonePaths(projectId),
  );
  const rows = milestones.data ?? [];
  const slipped = rows.filter((m) => (m.slipDays ?? 0) > 0).length;
  return (
    <section aria-label="Milestones">
      <Card
        title="Milestones"
        extra={
          <Flex gap={8} wrap>
            <ExportButton path="/api/v1/projects/{id}/milestones" params={{ id: projectId }} />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                Add milestone
              </Button>
            )}
          </Flex>
        }
      >
        {milestones.error && <ErrorAlert error={milestones.error} onRetry={() => milestones.refetch()} />}
        <Typography.Paragraph type="secondary">
          {plural(rows.length, 'milestone')}, {slipped} slipped against the baseline.
        </Typography.Paragraph>
        <Table<Milestone>
          rowKey="id"
          size="small"
          loading={milestones.isLoading}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: canEdit ? 'No milestones yet. Add the key milestones of the plan.' : 'No milestones yet.' }}
          columns={[
            { title: 'Milestone', dataIndex: 'name' },
            { title: 'Gate / deliverable', key: 'gate', render: (_, m) => belongsTo(m, gates) },
            { title: 'Baseline date', dataIndex: 'baselineDate', render: formatDate },
            { title: 'Latest forecast', dataIndex: 'latestForecast', render: formatDate },
            { title: 'Achieved', dataIndex: 'achievedOn', render: formatDate },
            { title: 'Slip', key: 'slip', render: (_, m) => <SlipTag m={m} /> },
            ...(canEdit
              ? [
                  {
                    title: <span className="tg-visually-hidden">Actions</span>,
                    key: 'actions',
                    render: (_: unknown, m: Milestone) => (
                      <Flex gap={8}>
                        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(m)} aria-label={`Edit ${m.name}`}>
                          Edit
                        </Button>
                        {!forecast.has(m.id) && (
                          <Popconfirm
                            title={`Remove the milestone ${m.name}?`}
                            okText="Remove"
                            okButtonProps={{ danger: true }}
                            onConfirm={async () => {
                              try {
                                await remove.mutateAsync(m);
                                message.success(`Milestone ${m.name} removed.`);
                              } catch (err) {
                                showError(err);
                              }
                            }}
                          >
                            <Button size="small" danger icon={<DeleteOutlined />} aria-label={`Remove ${m.name}`} />
                          </Popconfirm>
                        )}
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {canEdit && forecast.size > 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            A milestone forecast in a submitted report stays on record: record the day it was achieved instead of removing it.
          </Typography.Paragraph>
        )}
        <MilestoneDrawer projectId={projectId} gates={gates} milestone={editing} onClose={() => setEditing(null)} />
      </Card>
    </section>
  );
}
