import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useList, usePagedList, useRecord } from '../../api/hooks.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { formatDate, formatDateTime, humanize, plural } from '../../lib/format.ts';
import { DueStateTag, MismatchTag, RagTag, ReportStateTag } from './ReportTags.tsx';
import {
  type ReportPeriod,
  type ReportSummary,
  type Reporting,
  asOfFor,
  lateFrom,
  mismatchLine,
  periodState,
  periodText,
} from './reports.ts';

const utcToday = () => new Date().toISOString().slice(0, 10);

/** What the project owes: the next report and when, what is late, and how to start or continue it. */
function DueSummary({ projectId, reporting, versions }: { projectId: string; reporting: Reporting; versions: ReportSummary[] }) {
  const today = utcToday();
  const navigate = useNavigate();
  const owed = reporting.nextDue;
  const draft = owed ? versions.find((v) => v.periodStart === owed.periodStart && v.state === 'draft') : undefined;
  const status = reporting.status;
  const returned = status?.lastReportState === 'returned' ? status.lastReportId : null;
  const revisionDraft = returned
    ? versions.find((v) => v.state === 'draft' && versions.some((r) => r.id === returned && r.periodStart === v.periodStart))
    : undefined;
  const startAsOf = owed ? asOfFor(owed, today) : null;
  let action: React.ReactNode = null;
  if (reporting.mayReport && owed) {
    if (draft) {
      action = (
        <Button type="primary" onClick={() => navigate(`/projects/${projectId}/status-reports/${draft.id}`)}>
          Continue the draft
        </Button>
      );
    } else if (startAsOf) {
      action = (
        <Button type="primary" onClick={() => navigate(`/projects/${projectId}/status-reports/new?asOf=${startAsOf}`)}>
          Start the report
        </Button>
      );
    } else {
      action = <Typography.Text type="secondary">It can be started from {formatDate(owed.periodStart)}.</Typography.Text>;
    }
  }
  return (
    <Card
      title="Reporting"
      extra={
        <Typography.Text type="secondary">{`${humanize(reporting.cadence)} · ${plural(reporting.graceDays, 'grace day')} · escalated ${plural(reporting.escalateAfterDays, 'day')} after that`}</Typography.Text>
      }
      style={{ height: '100%' }}
    >
      {!reporting.goAheadOn ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No go-ahead yet: nothing is reported before it." />
      ) : (
        <Flex vertical gap={12}>
          {reporting.escalated && (
            <Alert type="error" showIcon title="Escalated to the PMO: a report is overdue past the escalation days." />
          )}
          {returned && (
            <Alert
              type="warning"
              showIcon
              title="The latest report was returned for revision"
              action={
                <Link to={`/projects/${projectId}/status-reports/${revisionDraft?.id ?? returned}`}>
                  {revisionDraft ? 'Continue the revision' : 'Open it'}
                </Link>
              }
            />
          )}
          {owed ? (
            <Flex gap={16} align="center" wrap justify="space-between">
              <div>
                <Typography.Text strong>Next report: {periodText(owed.periodStart, owed.periodEnd)}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">Due {formatDate(owed.dueOn)} </Typography.Text>
                  <DueStateTag state={owed.dueState} />
                </div>
              </div>
              {action}
            </Flex>
          ) : (
            <Typography.Text type="secondary">No report is owed: the project is closed.</Typography.Text>
          )}
          {reporting.late.length > 0 && (
            <div>
              <Typography.Text strong>{plural(reporting.late.length, 'late report')}: </Typography.Text>
              <Flex gap={4} wrap style={{ marginTop: 4 }}>
                {reporting.late.map((l) => (
                  <Tag key={l.periodStart} color={l.dueState === 'escalated' ? 'red' : 'orange'}>
                    {periodText(l.periodStart, l.periodEnd)} · due {formatDate(l.dueOn)}
                  </Tag>
                ))}
              </Flex>
            </div>
          )}
        </Flex>
      )}
    </Card>
  );
}

/** The latest submitted report's status, reported beside computed. */
function CurrentStatus({ projectId, reporting }: { projectId: string; reporting: Reporting }) {
  const status = reporting.status;
  return (
    <Card title="Current status" style={{ height: '100%' }}>
      {!status?.lastReportId ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No report submitted yet." />
      ) : (
        <Descriptions
          column={1}
          size="small"
          items={[
            {
              key: 'reported',
              label: 'Reported overall',
              children: (
                <Flex gap={6} wrap>
                  <RagTag rag={status.reported.overall} />
                  {status.mismatch && <MismatchTag dimensions={status.mismatchDimensions} />}
                </Flex>
              ),
            },
            { key: 'computed', label: 'Computed overall', children: <RagTag rag={status.computed.overall} /> },
            ...(status.mismatches.length
              ? [
                  {
                    key: 'mismatches',
                    label: 'Reported better than computed',
                    children: (
                      <ul data-testid="status-mismatches" style={{ margin: 0, paddingInlineStart: 18 }}>
                        {status.mismatches.map((m) => (
                          <li key={m.dimension}>{mismatchLine(m)}</li>
                        ))}
                      </ul>
                    ),
                  },
                ]
              : []),
            {
              key: 'last',
              label: 'Latest report',
              children: (
                <Link to={`/projects/${projectId}/status-reports/${status.lastReportId}`}>
                  {`As of ${formatDate(status.lastAsOf)}`}
                  {status.lastReportState ? ` · ${humanize(status.lastReportState)}` : ''}
                </Link>
              ),
            },
            {
              key: 'accepted',
              label: 'Last accepted',
              children: status.lastAcceptedReportId ? (
                <Link to={`/projects/${projectId}/status-reports/${status.lastAcceptedReportId}`}>
                  {formatDateTime(status.lastAcceptedAt)}
                </Link>
              ) : (
                'None yet'
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

/** The overall RAG reported beside the one computed from the figures, and the mismatch flag. */
function RagPair({ version }: { version: ReportSummary }) {
  if (version.state === 'draft') return <Typography.Text type="secondary">Draft</Typography.Text>;
  return (
    <Flex gap={4} wrap align="center">
      <RagTag rag={version.rag.overall} title="Reported overall" />
      <span aria-hidden>/</span>
      <RagTag rag={version.computedRag?.overall} title="Computed overall" />
      {version.mismatch && <MismatchTag dimensions={version.mismatches.map((m) => m.dimension)} />}
    </Flex>
  );
}

/** The newest submitted version of a period's report. */
function latestSubmitted(versions: readonly ReportSummary[]): ReportSummary | undefined {
  return [...versions].sort((a, b) => b.revision - a.revision).find((v) => v.state !== 'draft');
}

/** Every version of one period: revision, submission, review outcome and comment. */
function PeriodVersions({ projectId, versions }: { projectId: string; versions: ReportSummary[] }) {
  if (versions.length === 0) return <Typography.Text type="secondary">No report for this period yet.</Typography.Text>;
  return (
    <Table<ReportSummary>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={[...versions].sort((a, b) => a.revision - b.revision)}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: 'Revision',
          dataIndex: 'revision',
          render: (n: number, v) => <Link to={`/projects/${projectId}/status-reports/${v.id}`}>Revision {n}</Link>,
        },
        { title: 'State', dataIndex: 'state', render: (_, v) => <ReportStateTag state={v.state} /> },
        {
          title: 'Submitted',
          key: 'submitted',
          render: (_, v) =>
            v.submittedAt
              ? `${formatDateTime(v.submittedAt)} by ${v.submittedBy?.name ?? '—'}${v.onTime === false ? ' (late)' : ''}`
              : '—',
        },
        { title: 'Reported / computed', key: 'rag', render: (_, v) => <RagPair version={v} /> },
        {
          title: 'Review',
          key: 'review',
          render: (_, v) =>
            v.review ? (
              <Flex vertical>
                <span>{`${humanize(v.review.outcome)} by ${v.review.reviewer.name}, ${formatDateTime(v.review.reviewedAt)}`}</span>
                {v.review.comment && <Typography.Text type="secondary">“{v.review.comment}”</Typography.Text>}
              </Flex>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

/**
 * The project page's "Status reports" tab: what is due and late, the current status, and every
 * report period with its state and, expanded, every version of its report with its review.
 */
export function StatusReportsTab({ projectId }: { projectId: string }) {
  const reporting = useRecord<Reporting>(`/projects/${projectId}/reporting`);
  const periods = usePagedList<ReportPeriod>(
    `/projects/${projectId}/report-periods`,
    {},
    {
      pageSize: 25,
      noun: (total) => plural(total, 'report period'),
    },
  );
  const versions = useList<ReportSummary>(`/projects/${projectId}/status-reports`);
  const byPeriod = new Map<string, ReportSummary[]>();
  for (const v of versions.data ?? []) byPeriod.set(v.periodStart, [...(byPeriod.get(v.periodStart) ?? []), v]);

  if (reporting.isLoading) return <Skeleton active />;
  if (reporting.error) return <ErrorAlert error={reporting.error} onRetry={() => reporting.refetch()} />;
  const info = reporting.data as Reporting;
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <DueSummary projectId={projectId} reporting={info} versions={versions.data ?? []} />
        </Col>
        <Col xs={24} xl={10}>
          <CurrentStatus projectId={projectId} reporting={info} />
        </Col>
      </Row>
      <Card
        title="Report periods"
        extra={
          <Flex gap={8} wrap>
            <ExportButton
              path="/api/v1/projects/{id}/report-periods"
              params={{ id: projectId }}
              label="Export periods"
              size="small"
            />
            <ExportButton
              path="/api/v1/projects/{id}/status-reports"
              params={{ id: projectId }}
              label="Export reports"
              size="small"
            />
          </Flex>
        }
      >
        {periods.error && <ErrorAlert error={periods.error} onRetry={() => periods.refetch()} />}
        {versions.error && <ErrorAlert error={versions.error} onRetry={() => versions.refetch()} />}
        <Table<ReportPeriod>
          rowKey="id"
          loading={periods.isFetching}
          dataSource={periods.items}
          pagination={periods.pagination}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: 'No report period yet: periods start with the go-ahead.' }}
          expandable={{
            expandedRowRender: (p) => <PeriodVersions projectId={projectId} versions={byPeriod.get(p.periodStart) ?? []} />,
            rowExpandable: () => true,
          }}
          columns={[
            { title: 'Period', key: 'period', render: (_, p) => periodText(p.periodStart, p.periodEnd) },
            { title: 'Due', dataIndex: 'dueOn', render: (d: string) => formatDate(d) },
            {
              title: 'State',
              key: 'state',
              render: (_, p) => {
                const shown = periodState(p.dueState, byPeriod.get(p.periodStart) ?? []);
                return shown.kind === 'report' ? <ReportStateTag state={shown.state} /> : <DueStateTag state={shown.state} />;
              },
            },
            {
              title: 'Overdue from',
              key: 'overdue',
              render: (_, p) => formatDate(lateFrom(p.dueOn, info.graceDays, info.escalateAfterDays).overdueFrom),
            },
            {
              title: 'Escalated from',
              key: 'escalated',
              render: (_, p) => formatDate(lateFrom(p.dueOn, info.graceDays, info.escalateAfterDays).escalatedFrom),
            },
            {
              title: 'Reported / computed',
              key: 'rag',
              render: (_, p) => {
                const latest = latestSubmitted(byPeriod.get(p.periodStart) ?? []);
                return latest ? <RagPair version={latest} /> : '—';
              },
            },
            {
              title: 'Latest version',
              key: 'report',
              render: (_, p) =>
                p.report ? (
                  <Flex gap={6} align="center" wrap>
                    <Link to={`/projects/${projectId}/status-reports/${p.report.id}`}>Revision {p.report.revision}</Link>
                    <ReportStateTag state={p.report.state} />
                  </Flex>
                ) : (
                  '—'
                ),
            },
            {
              title: 'Versions',
              key: 'versions',
              align: 'right',
              render: (_, p) => (byPeriod.get(p.periodStart) ?? []).length,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
