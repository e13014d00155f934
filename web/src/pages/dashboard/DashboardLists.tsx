import { Card, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { usePagedList } from '../../api/hooks.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { formatDate, formatDateTime, humanize, plural } from '../../lib/format.ts';
import { DueStateTag, RagTag } from '../reports/ReportTags.tsx';
import { ragKeyLabel } from '../reports/reports.ts';
import {
  type Dashboard,
  type DashboardFilters,
  type LateReportRow,
  type MismatchRow,
  type RagMatrixRow,
  figureText,
  projectsPage,
} from './dashboard.ts';

const REVIEW_LABEL = { submitted: 'Awaiting review', accepted: 'Accepted', returned: 'Returned' } as const;
const REVIEW_COLOR = { submitted: 'blue', accepted: 'green', returned: 'volcano' } as const;

function ReviewTag({ state }: { state: RagMatrixRow['reviewState'] }) {
  if (!state) return <Typography.Text type="secondary">No report yet</Typography.Text>;
  return <Tag color={REVIEW_COLOR[state]}>{REVIEW_LABEL[state]}</Tag>;
}

function ProjectCell({ project }: { project: { id: string; code: string; name: string } }) {
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {project.code}
      </Typography.Text>
      <div>
        <Link to={`/projects/${project.id}`}>{project.name}</Link>
      </div>
    </div>
  );
}

/** A card of one of the dashboard's lists: its title with the count, the link to its projects, Export. */
function ListCard({
  title,
  total,
  link,
  linkText,
  exportPath,
  filters,
  error,
  onRetry,
  children,
}: {
  title: string;
  total: number;
  link: string;
  linkText: string;
  exportPath: '/api/v1/dashboard/mismatches' | '/api/v1/dashboard/late-reports' | '/api/v1/dashboard/rag-matrix';
  filters: DashboardFilters;
  error: unknown;
  onRetry: () => void;
  children: ReactNode;
}) {
  return (
    <section aria-label={title}>
      <Card
        title={`${title} (${total})`}
        extra={
          <Flex gap={12} align="center" wrap>
            <Link to={projectsPage(link)}>{linkText}</Link>
            <ExportButton path={exportPath} filters={filters} size="small" />
          </Flex>
        }
      >
        {error ? <ErrorAlert error={error} onRetry={onRetry} /> : null}
        {children}
      </Card>
    </section>
  );
}

/** Reported better than computed: each project with the dimensions and the figures that disagree. */
export function MismatchList({ board, filters }: { board: Dashboard; filters: DashboardFilters }) {
  const list = usePagedList<MismatchRow>('/dashboard/mismatches', filters, {
    pageSize: 10,
    noun: (n) => plural(n, 'project'),
  });
  return (
    <ListCard
      title="Mismatches"
      total={board.mismatches.total}
      link={board.mismatches.link}
      linkText="In the project list"
      exportPath="/api/v1/dashboard/mismatches"
      filters={filters}
      error={list.error}
      onRetry={() => list.refetch()}
    >
      <ScrollRegion label="Mismatches table">
        <Table<MismatchRow>
          rowKey={(r) => r.project.id}
          size="small"
          loading={list.isFetching}
          dataSource={list.items}
          pagination={list.pagination}
          locale={{ emptyText: 'No project is reported better than its figures.' }}
          columns={[
            { title: 'Project', key: 'project', render: (_, r) => <ProjectCell project={r.project} /> },
            {
              title: 'Reported, computed and why',
              key: 'dimensions',
              render: (_, r) => (
                <Flex vertical gap={4}>
                  {r.dimensions.map((d) => (
                    <Flex key={d.dimension} gap={6} align="center" wrap>
                      <Typography.Text strong>{ragKeyLabel(d.dimension)}</Typography.Text>
                      <RagTag rag={d.reported} />
                      <span aria-hidden>→</span>
                      <span className="tg-visually-hidden">reported, computed</span>
                      <RagTag rag={d.computed} />
                      <Typography.Text type="secondary">{figureText(d.figure, d.value)}</Typography.Text>
                    </Flex>
                  ))}
                </Flex>
              ),
            },
            { title: 'Status date', dataIndex: 'asOf', render: (d: string | null) => formatDate(d) },
            { title: 'Review', key: 'review', render: (_, r) => <ReviewTag state={r.reviewState} /> },
            {
              title: 'Report',
              key: 'report',
              render: (_, r) =>
                r.reportId ? <Link to={`/projects/${r.project.id}/status-reports/${r.reportId}`}>Open report</Link> : '—',
            },
          ]}
        />
      </ScrollRegion>
    </ListCard>
  );
}

/** Reports owed and late: overdue past the grace days, or escalated to the PMO lead. */
export function LateReportList({ board, filters }: { board: Dashboard; filters: DashboardFilters }) {
  const list = usePagedList<LateReportRow>('/dashboard/late-reports', filters, {
    pageSize: 10,
    noun: (n) => plural(n, 'project'),
  });
  return (
    <ListCard
      title="Overdue and escalated reports"
      total={board.late.total}
      link={board.late.link}
      linkText="In the project list"
      exportPath="/api/v1/dashboard/late-reports"
      filters={filters}
      error={list.error}
      onRetry={() => list.refetch()}
    >
      <ScrollRegion label="Overdue and escalated reports table">
        <Table<LateReportRow>
          rowKey={(r) => r.project.id}
          size="small"
          loading={list.isFetching}
          dataSource={list.items}
          pagination={list.pagination}
          locale={{ emptyText: 'No report is overdue.' }}
          columns={[
            { title: 'Project', key: 'project', render: (_, r) => <ProjectCell project={r.project} /> },
            {
              title: 'Project manager',
              key: 'pm',
              render: (_, r) =>
                r.projectManager ? <Link to={`/people/${r.projectManager.id}`}>{r.projectManager.name}</Link> : '—',
            },
            { title: 'Due on', dataIndex: 'dueOn', render: (d: string) => formatDate(d) },
            { title: 'Days late', dataIndex: 'daysLate', align: 'right' },
            { title: 'State', key: 'state', render: (_, r) => <DueStateTag state={r.dueState} /> },
            { title: 'Escalated', dataIndex: 'escalatedAt', render: (d: string | null) => (d ? formatDateTime(d) : '—') },
          ]}
        />
      </ScrollRegion>
    </ListCard>
  );
}

/** Every project × the dimensions: reported and computed RAG of its latest report, and its review. */
export function RagMatrix({ board, filters }: { board: Dashboard; filters: DashboardFilters }) {
  const list = usePagedList<RagMatrixRow>('/dashboard/rag-matrix', filters, {
    pageSize: 25,
    noun: (n) => plural(n, 'project'),
  });
  const dimensions = board.rag.dimensions;
  const columns: TableColumnsType<RagMatrixRow> = [
    { title: 'Project', key: 'project', fixed: 'left', render: (_, r) => <ProjectCell project={r.project} /> },
    ...dimensions.map((d) => ({
      title: humanize(d),
      key: d,
      render: (_: unknown, r: RagMatrixRow) => (
        <Flex vertical gap={2} align="flex-start">
          <span>
            <span className="tg-visually-hidden">reported </span>
            <RagTag rag={r.reported[d]} title="Reported" />
          </span>
          <span>
            <span className="tg-visually-hidden">computed </span>
            {r.computed[d] ? <RagTag rag={r.computed[d]} title="Computed from the figures" /> : null}
          </span>
        </Flex>
      ),
    })),
    { title: 'Status date', dataIndex: 'lastAsOf', render: (d: string | null) => formatDate(d) },
    { title: 'Review', key: 'review', render: (_, r) => <ReviewTag state={r.reviewState} /> },
  ];
  return (
    <ListCard
      title="RAG matrix"
      total={board.rag.rows.total}
      link={board.rag.rows.link}
      linkText="In the project list"
      exportPath="/api/v1/dashboard/rag-matrix"
      filters={filters}
      error={list.error}
      onRetry={() => list.refetch()}
    >
      <Typography.Paragraph type="secondary">
        Each cell: the RAG the project manager reported, and below it the RAG the figures give (schedule and cost have figures;
        the others are reported only).
      </Typography.Paragraph>
      <Table<RagMatrixRow>
        rowKey={(r) => r.project.id}
        size="small"
        loading={list.isFetching}
        dataSource={list.items}
        pagination={list.pagination}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: 'No project matches these filters.' }}
        columns={columns}
      />
    </ListCard>
  );
}
