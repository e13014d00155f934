import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useList, useWrite } from '../../api/hooks.ts';
import type { Allocation } from '../../api/resources.ts';
import { can, useMe } from '../../api/session.ts';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { currentMonth, formatFte, monthSpan, toMonth } from '../../lib/capacity.ts';
import { AllocationModal } from './AllocationModal.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';

const who = (a: Allocation) => a.person?.name ?? `Unnamed ${a.skill?.name ?? ''}`.trim();

/** The people and skills allocated to a project, month by month; resource managers and PMO leads edit them. */
export function ProjectTeamTab({ projectId }: { projectId: string }) {
  const me = useMe().data;
  const manage = can(me, 'resources.manage');
  const allocations = useList<Allocation>('/allocations', { projectId }, can(me, 'resources.read'));
  const [editing, setEditing] = useState<Allocation | 'new' | null>(null);
  const { message } = App.useApp();
  const showError = useServerErrors();
  const remove = useWrite(
    (a: Allocation) => api.delete(`/allocations/${a.id}`, { query: { version: a.version } }),
    ['/allocations', '/resources', '/people'],
  );
  const rows = allocations.data ?? [];
  const now = currentMonth();
  const thisMonth = rows
    .filter((a) => toMonth(a.startMonth) <= now && toMonth(a.endMonth) >= now)
    .reduce((sum, a) => sum + a.fte, 0);

  if (!can(me, 'resources.read')) {
    return (
      <Card title="Team & allocations">
        <Typography.Text type="secondary">Your roles do not include resource allocations.</Typography.Text>
      </Card>
    );
  }
  return (
    <Card
      title="Team & allocations"
      extra={
        <Flex gap={8} wrap>
          <ExportButton path="/api/v1/allocations" filters={{ projectId }} />
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              Add allocation
            </Button>
          )}
        </Flex>
      }
    >
      {allocations.error && <ErrorAlert error={allocations.error} onRetry={() => allocations.refetch()} />}
      <Typography.Paragraph type="secondary">
        {rows.length} allocation{rows.length === 1 ? '' : 's'} · {formatFte(thisMonth)} FTE this month. An allocation to a skill
        with nobody named is demand still to be filled.
      </Typography.Paragraph>
      <Table<Allocation>
        rowKey="id"
        loading={allocations.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: 'Nobody is allocated to this project yet.' }}
        columns={[
          {
            title: 'Person',
            key: 'person',
            sorter: (a, b) => who(a).localeCompare(who(b)),
            filters: [
              { text: 'Named people', value: 'person' },
              { text: 'Unfilled skill demand', value: 'skill' },
            ],
            onFilter: (v, a) => (v === 'person' ? a.person !== null : a.person === null),
            render: (_, a) =>
              a.person ? (
                <Link to={`/people/${a.person.id}?tab=capacity`}>{a.person.name}</Link>
              ) : (
                <Tag color="gold">Unfilled</Tag>
              ),
          },
          { title: 'Skill', key: 'skill', render: (_, a) => a.skill?.name ?? '—' },
          { title: 'FTE', dataIndex: 'fte', align: 'right', sorter: (a, b) => a.fte - b.fte, render: formatFte },
          {
            title: 'Months',
            key: 'months',
            sorter: (a, b) => a.startMonth.localeCompare(b.startMonth),
            defaultSortOrder: 'ascend',
            render: (_, a) => monthSpan(a.startMonth, a.endMonth),
          },
          {
            title: 'Override',
            key: 'override',
            filters: [{ text: 'Beyond capacity', value: 'override' }],
            onFilter: (_, a) => a.overrideReason !== null,
            render: (_, a) =>
              a.overrideReason ? (
                <Tooltip title={a.overrideReason}>
                  <Tag color="orange" tabIndex={0}>
                    Beyond capacity: {a.overrideReason.length > 40 ? `${a.overrideReason.slice(0, 40)}…` : a.overrideReason}
                  </Tag>
                </Tooltip>
              ) : null,
          },
          ...(manage
            ? [
                {
                  title: <span className="tg-visually-hidden">Actions</span>,
                  key: 'actions',
                  render: (_: unknown, a: Allocation) => (
                    <Flex gap={8}>
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing(a)}
                        aria-label={`Edit allocation of ${who(a)}`}
                      >
                        Edit
                      </Button>
                      <Popconfirm
                        title={`Remove the allocation of ${who(a)}?`}
                        okText="Remove"
                        okButtonProps={{ danger: true }}
                        onConfirm={async () => {
                          try {
                            await remove.mutateAsync(a);
                            message.success('Allocation removed.');
                          } catch (err) {
                            showError(err);
                          }
                        }}
                      >
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={`Remove allocation of ${who(a)}`} />
                      </Popconfirm>
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      <AllocationModal projectId={projectId} allocation={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}
