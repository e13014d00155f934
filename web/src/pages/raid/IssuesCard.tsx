import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { usePagedList } from '../../api/hooks.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { formatDate, plural } from '../../lib/format.ts';
import { IssueDrawer } from './IssueDrawer.tsx';
import { EscalatedTag, IssueStatusTag, SeverityTag } from './RaidTags.tsx';
import { ISSUE_STATUS_LABEL, type Issue, type IssueSeverity, type IssueStatus } from './raid.ts';

const STATUS_OPTIONS = [
  { value: '', label: 'Any status' },
  ...(Object.keys(ISSUE_STATUS_LABEL) as IssueStatus[]).map((s) => ({ value: s, label: ISSUE_STATUS_LABEL[s] })),
];

/**
 * The project's issue register, most severe first: raised directly or from a risk that occurred.
 * Those who keep it raise issues and edit them, resolving or closing them with a resolution.
 */
export function IssuesCard({
  projectId,
  canEdit,
  onOpenRisk,
}: {
  projectId: string;
  /** Whether the caller keeps the register, when no issue is listed to say so. */
  /** Whether the caller keeps the registers (the risk matrix's reply says). */
  canEdit: boolean;
  onOpenRisk: (riskId: string) => void;
}) {
  const [status, setStatus] = useState<IssueStatus | ''>('');
  const [editing, setEditing] = useState<Issue | 'new' | null>(null);
  const issues = usePagedList<Issue>(
    `/projects/${projectId}/issues`,
    { status },
    { pageSize: 25, noun: (total) => plural(total, 'issue') },
  );
  return (
    <section aria-label="Issues">
      <Card
        title="Issues"
        extra={
          <Flex gap={8} wrap>
            <ExportButton path="/api/v1/projects/{id}/issues" params={{ id: projectId }} filters={{ status: status || null }} />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                Raise issue
              </Button>
            )}
          </Flex>
        }
      >
        {issues.error && <ErrorAlert error={issues.error} onRetry={() => issues.refetch()} />}
        <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
          <label htmlFor="issue-status-filter">Status</label>
          <Select id="issue-status-filter" value={status} onChange={setStatus} options={STATUS_OPTIONS} style={{ width: 150 }} />
        </Flex>
        <Table<Issue>
          rowKey="id"
          size="small"
          aria-label="Issues"
          loading={issues.isFetching}
          dataSource={issues.items}
          pagination={issues.pagination}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: 'No issues match.' }}
          columns={[
            { title: 'Issue', dataIndex: 'key', width: 64 },
            { title: 'Title', dataIndex: 'title' },
            {
              title: 'Severity',
              key: 'severity',
              render: (_, i) => (
                <Flex gap={4} wrap>
                  <SeverityTag severity={i.severity as IssueSeverity} />
                  {i.escalated && <EscalatedTag />}
                </Flex>
              ),
            },
            { title: 'Owner', key: 'owner', render: (_, i) => i.owner?.name ?? '—' },
            { title: 'Due', dataIndex: 'dueOn', render: formatDate },
            {
              title: 'Status',
              key: 'status',
              render: (_, i) => (
                <Flex vertical gap={2} align="flex-start" style={{ maxWidth: 260 }}>
                  <IssueStatusTag status={i.status} />
                  {i.resolution && i.status !== 'open' && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {i.resolution}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            },
            {
              title: 'From risk',
              key: 'risk',
              render: (_, i) =>
                i.risk ? (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start', maxWidth: 260 }}
                    onClick={() => onOpenRisk(i.risk!.id)}
                  >
                    {i.risk.name}
                  </Button>
                ) : (
                  '—'
                ),
            },
            ...(canEdit
              ? [
                  {
                    title: <span className="tg-visually-hidden">Actions</span>,
                    key: 'actions',
                    render: (_: unknown, i: Issue) =>
                      i.canEdit && (
                        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(i)} aria-label={`Edit ${i.key}`}>
                          Edit
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
        <IssueDrawer projectId={projectId} issue={editing} onClose={() => setEditing(null)} />
      </Card>
    </section>
  );
}
