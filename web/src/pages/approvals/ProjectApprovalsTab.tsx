import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { usePagedList } from '../../api/hooks.ts';
import { can, useMe } from '../../api/session.ts';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { plural } from '../../lib/format.ts';
import { ApprovalsTable } from './ApprovalsTable.tsx';
import { AskApprovalDrawer, type AskProject } from './AskApprovalDrawer.tsx';
import type { ApprovalSummary } from './approvals.ts';

/**
 * The project page's "Approvals" tab: every request raised on the project, newest first, in any
 * state; its manager (or its PMO's staff) asks for a new one here.
 */
export function ProjectApprovalsTab({ project }: { project: AskProject }) {
  const me = useMe();
  const [asking, setAsking] = useState(false);
  const approvals = usePagedList<ApprovalSummary>(
    '/approvals',
    { projectId: project.id },
    { pageSize: 25, noun: (total) => plural(total, 'request') },
  );
  return (
    <Card
      title="Approval requests"
      extra={
        can(me.data, 'approvals.request') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAsking(true)}>
            Ask for approval
          </Button>
        )
      }
    >
      {approvals.error && <ErrorAlert error={approvals.error} onRetry={() => approvals.refetch()} />}
      <ApprovalsTable
        items={approvals.items}
        loading={approvals.isFetching}
        pagination={approvals.pagination}
        emptyText="No approval was asked for on this project."
        showProject={false}
      />
      <AskApprovalDrawer project={project} open={asking} onClose={() => setAsking(false)} />
    </Card>
  );
}
