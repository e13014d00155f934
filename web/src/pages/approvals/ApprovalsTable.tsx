import { Flex, Table, type TablePaginationConfig, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format.ts';
import { ApprovalStateTag, WaitingOnText } from './ApprovalTags.tsx';
import { type ApprovalSummary, KIND_LABEL, subjectOf } from './approvals.ts';

/** The table of requests, shared by this page and the project's Approvals tab. */
export function ApprovalsTable({
  items,
  loading,
  pagination,
  emptyText,
  showProject = true,
}: {
  items: ApprovalSummary[];
  loading: boolean;
  pagination: TablePaginationConfig | false;
  emptyText: string;
  showProject?: boolean;
}) {
  return (
    <Table<ApprovalSummary>
      rowKey="id"
      aria-label="Approval requests"
      loading={loading}
      dataSource={items}
      pagination={pagination}
      scroll={{ x: 1100 }}
      locale={{ emptyText }}
      columns={[
        {
          title: 'Request',
          key: 'key',
          render: (_, a) => <Link to={`/approvals/${a.id}`}>{a.key}</Link>,
        },
        ...(showProject
          ? [
              {
                title: 'Project',
                key: 'project',
                render: (_: unknown, a: ApprovalSummary) => {
                  const subject = subjectOf(a);
                  return (
                    <Flex vertical>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {subject.code}
                      </Typography.Text>
                      <Link to={subject.to}>{subject.name}</Link>
                    </Flex>
                  );
                },
              },
            ]
          : []),
        {
          title: 'Asked',
          key: 'title',
          render: (_, a) => (
            <Flex vertical>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {KIND_LABEL[a.kind]}
              </Typography.Text>
              <Link to={`/approvals/${a.id}`}>{a.title}</Link>
              <Typography.Text type="secondary">{a.headline}</Typography.Text>
            </Flex>
          ),
        },
        { title: 'State', key: 'state', render: (_, a) => <ApprovalStateTag state={a.state} /> },
        { title: 'Waiting on', key: 'waitingOn', render: (_, a) => <WaitingOnText waitingOn={a.waitingOn} /> },
        { title: 'Requested by', key: 'requestedBy', render: (_, a) => a.requestedBy.name },
        { title: 'Requested', key: 'requestedAt', render: (_, a) => formatDate(a.requestedAt) },
      ]}
    />
  );
}
