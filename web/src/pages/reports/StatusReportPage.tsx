import { Alert, Card, List, Result, Skeleton, Typography } from 'antd';
import { useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Project } from '../../api/domain.ts';
import { useList, useRecord } from '../../api/hooks.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert, RecordState } from '../../components/QueryState.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { ReportEditor } from './ReportEditor.tsx';
import { ReportStateTag } from './ReportTags.tsx';
import { ReportView } from './ReportView.tsx';
import { ReviewActions, ReviewOutcome } from './ReviewActions.tsx';
import { type Milestone, type Reporting, type StatusReport, asOfFor, periodText, ragKeys } from './reports.ts';

const utcToday = () => new Date().toISOString().slice(0, 10);

/** The other versions of the period's report: revision 1, 2, … with their state, each a link. */
function Versions({ projectId, report }: { projectId: string; report: StatusReport }) {
  if (report.versions.length < 2) return null;
  return (
    <Card title="Versions of this period's report" size="small" style={{ marginBottom: 16 }}>
      <List
        size="small"
        dataSource={report.versions}
        renderItem={(v) => (
          <List.Item extra={<ReportStateTag state={v.state} />}>
            {v.id === report.id ? (
              <Typography.Text strong aria-current="page">
                Revision {v.revision} (this one)
              </Typography.Text>
            ) : (
              <Link to={`/projects/${projectId}/status-reports/${v.id}`}>Revision {v.revision}</Link>
            )}
            <Typography.Text type="secondary">
              {' · '}
              {v.submittedAt ? `submitted ${formatDateTime(v.submittedAt)}` : 'not submitted'}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

/**
 * One status report of a project: the form while it is a draft its reader may edit (saved as it
 * goes), otherwise the report read-only with its earned value, computed RAG and mismatches, the
 * PMO's review, and the actions the server allows (accept, return, revise). `…/status-reports/new`
 * starts the report of the period `?asOf=` falls in (by default the one owed now).
 */
export default function StatusReportPage() {
  const { id: projectId = '', reportId = 'new' } = useParams();
  const [params] = useSearchParams();
  const isNew = reportId === 'new';
  const project = useRecord<Project>(`/projects/${projectId}`);
  const reporting = useRecord<Reporting>(`/projects/${projectId}/reporting`);
  const milestones = useList<Milestone>(`/projects/${projectId}/milestones`);
  const loaded = useRecord<StatusReport>(isNew ? null : `/projects/${projectId}/status-reports/${reportId}`);
  const today = utcToday();
  // The draft a new report's first save created keeps its form (no remount while typing on).
  const created = useRef<string | null>(null);

  return (
    <RecordState
      isLoading={project.isLoading || (!isNew && loaded.isLoading)}
      error={project.error ?? (isNew ? null : loaded.error)}
      refetch={() => {
        void project.refetch();
        void loaded.refetch();
      }}
      backTo={{ to: `/projects/${projectId}?tab=reports`, label: 'Back to the project' }}
    >
      {() => {
        const p = project.data as Project;
        const report = isNew ? null : (loaded.data ?? null);
        const info = reporting.data;
        const owed = info?.nextDue ?? null;
        const initialAsOf = params.get('asOf') ?? (owed ? asOfFor(owed, today) : today);
        const period = report
          ? { periodStart: report.periodStart, periodEnd: report.periodEnd }
          : owed && initialAsOf && initialAsOf >= owed.periodStart && initialAsOf <= owed.periodEnd
            ? owed
            : null;
        const editable = report ? report.state === 'draft' && report.allowedActions.includes('edit') : Boolean(info?.mayReport);
        const title = report ? `Status report ${periodText(report.periodStart, report.periodEnd)}` : 'New status report';
        const body = () => {
          if (reporting.isLoading || milestones.isLoading) return <Skeleton active />;
          if (reporting.error) return <ErrorAlert error={reporting.error} onRetry={() => reporting.refetch()} />;
          if (milestones.error) return <ErrorAlert error={milestones.error} onRetry={() => milestones.refetch()} />;
          const keys = ragKeys(info?.ragDimensions ?? []);
          if (editable) {
            return (
              <ReportEditor
                key={report && report.id !== created.current ? report.id : 'new'}
                onCreated={(id) => {
                  created.current = id;
                }}
                projectId={projectId}
                report={report}
                initialAsOf={initialAsOf}
                ragKeys={keys}
                milestones={milestones.data ?? []}
                period={period}
                today={today}
                plannedFinish={p.plannedFinishDate}
              />
            );
          }
          if (!report) {
            return (
              <Result
                status="info"
                title="You do not report on this project"
                subTitle="Its project manager and the staff of its PMO write its status reports."
                extra={<Link to={`/projects/${projectId}?tab=reports`}>Back to the project</Link>}
              />
            );
          }
          return (
            <>
              {report.state === 'draft' && (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title="A draft, not yet submitted"
                  description="Its earned value and computed status are worked out when it is submitted."
                />
              )}
              <ReviewOutcome report={report} />
              <ReviewActions projectId={projectId} report={report} />
              <ReportView report={report} ragKeys={keys} plannedFinish={p.plannedFinishDate} />
            </>
          );
        };
        return (
          <>
            <PageHeader
              title={title}
              documentTitle={`${p.code} ${title}`}
              subtitle={
                report
                  ? `${p.code} · ${p.name} · revision ${report.revision} · due ${formatDate(report.dueOn)}`
                  : `${p.code} · ${p.name}`
              }
              tags={report && <ReportStateTag state={report.state} />}
              breadcrumbs={[
                { title: 'Overview', to: '/' },
                { title: 'Projects', to: '/projects' },
                { title: p.code, to: `/projects/${projectId}?tab=reports` },
                { title: 'Status report' },
              ]}
            />
            {report && <Versions projectId={projectId} report={report} />}
            {body()}
          </>
        );
      }}
    </RecordState>
  );
}
