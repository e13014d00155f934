import { Alert, Card, Col, Descriptions, Row, Tabs, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { useRecord } from '../../api/hooks.ts';
import type { InitiationRequest } from '../../api/requests.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RecordState } from '../../components/QueryState.tsx';
import { RecordHistory } from '../../components/RecordHistory.tsx';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format.ts';
import { DecisionPanel } from './DecisionPanel.tsx';
import { RatingsCard } from './RatingsCard.tsx';
import { RequestActions } from './RequestActions.tsx';
import { RequestAttachments } from './RequestAttachments.tsx';
import { RequestComments } from './RequestComments.tsx';
import { RequestStateTag } from './RequestStateTag.tsx';
import { RequestSummaryView } from './RequestSummaryView.tsx';

function Decision({ request }: { request: InitiationRequest }) {
  if (!request.decidedAt) return null;
  const type = request.state === 'approved' ? 'success' : request.state === 'rejected' ? 'error' : 'info';
  return (
    <Alert
      type={type}
      showIcon
      style={{ marginBottom: 16 }}
      title={`${request.state === 'approved' ? 'Approved' : request.state === 'rejected' ? 'Rejected' : 'Deferred'} by ${
        request.decidedBy?.name ?? 'the PMO'
      } on ${formatDate(request.decidedAt)}`}
      description={
        <>
          {request.decisionRationale && <div style={{ whiteSpace: 'pre-wrap' }}>{request.decisionRationale}</div>}
          {request.revisitOn && <div>Revisit on {formatDate(request.revisitOn)}.</div>}
          {request.projectId && (
            <div>
              <Link to={`/projects/${request.projectId}`}>Open the project</Link>
            </div>
          )}
        </>
      }
    />
  );
}

function Overview({ request }: { request: InitiationRequest }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Decision request={request} />
        <RequestSummaryView
          content={{
            ...request,
            projectTypeId: request.projectType?.id ?? null,
            pmoId: request.pmo?.id ?? null,
            sponsorId: request.sponsor?.id ?? null,
          }}
          names={{
            projectType: request.projectType?.name ?? null,
            pmo: request.pmo?.name ?? null,
            sponsor: request.sponsor?.name ?? null,
          }}
        />
      </Col>
      <Col xs={24} xl={8}>
        <Card title="At a glance" size="small" style={{ marginBottom: 16 }}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'total', label: 'Total cost', children: formatMoney(request.totalCost) },
              { key: 'requester', label: 'Requester', children: request.requester.name },
              { key: 'created', label: 'Created', children: formatDateTime(request.createdAt) },
              { key: 'submitted', label: 'Submitted', children: formatDateTime(request.submittedAt) },
              { key: 'updated', label: 'Last changed', children: formatDateTime(request.updatedAt) },
            ]}
          />
        </Card>
        <RatingsCard requestId={request.id} pmoId={request.pmo?.id ?? null} />
      </Col>
    </Row>
  );
}

/** One initiation request: its case, the thread with the PMO, attachments and history. */
export default function RequestPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const request = useRecord<InitiationRequest>(`/requests/${id}`);
  const tab = params.get('tab') ?? 'overview';

  return (
    <RecordState
      isLoading={request.isLoading}
      error={request.error}
      refetch={() => request.refetch()}
      backTo={{ to: '/requests', label: 'Back to requests' }}
    >
      {() => {
        const r = request.data as InitiationRequest;
        return (
          <>
            <PageHeader
              title={`${r.code} · ${r.title}`}
              documentTitle={r.code}
              subtitle={
                <>
                  Requested by {r.requester.name} · {r.pmo ? `to ${r.pmo.name}` : 'no PMO chosen yet'}
                </>
              }
              tags={<RequestStateTag state={r.state} />}
              breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Requests', to: '/requests' }, { title: r.code }]}
              extra={
                <>
                  <RequestActions request={r} />
                  <DecisionPanel request={r} onDecided={() => void request.refetch()} />
                </>
              }
            />
            {r.goAheadApproval && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                title="The go-ahead waits for approval up the line"
                description={
                  <Typography.Text>
                    The PMO lead approved it; its budget is above the lead&apos;s limit, so the go-ahead is made when{' '}
                    <Link to={`/approvals/${r.goAheadApproval.id}`}>its approval request {r.goAheadApproval.key}</Link> is
                    approved.
                  </Typography.Text>
                }
              />
            )}
            {r.state === 'info_requested' && r.allowedActions.includes('edit') && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title="The PMO has asked for information"
                description={
                  <Typography.Text>
                    Answer in the comments and change the request where needed, then send it back from the{' '}
                    <Link to={`/requests/${r.id}/edit?step=6`}>review step</Link>.
                  </Typography.Text>
                }
              />
            )}
            <Tabs
              activeKey={tab}
              onChange={(key) => setParams(key === 'overview' ? {} : { tab: key }, { replace: true })}
              items={[
                { key: 'overview', label: 'Overview', children: <Overview request={r} /> },
                {
                  key: 'comments',
                  label: `Comments (${r.commentsCount})`,
                  children: (
                    <Card>
                      <RequestComments requestId={r.id} canComment={r.allowedActions.includes('comment')} />
                    </Card>
                  ),
                },
                {
                  key: 'attachments',
                  label: `Attachments (${r.attachments.length})`,
                  children: (
                    <Card>
                      <RequestAttachments
                        requestId={r.id}
                        canAttach={r.allowedActions.includes('attach')}
                        canRemove={r.state === 'draft' && r.allowedActions.includes('attach')}
                      />
                    </Card>
                  ),
                },
                { key: 'history', label: 'History', children: <RecordHistory entityType="request" entityId={r.id} /> },
              ]}
            />
          </>
        );
      }}
    </RecordState>
  );
}
