import { Card, Checkbox, Flex, Select, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { usePagedList } from '../../api/hooks.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { PmoSelect } from '../../components/pickers.tsx';
import { formatDate, formatDateTime, plural } from '../../lib/format.ts';
import { MismatchTag, RagTag } from './ReportTags.tsx';
import { type ReviewReport, periodText } from './reports.ts';

/**
 * The PMO's "Reports to review": submitted report versions not yet reviewed, in the caller's scope,
 * newest first, with reported against computed overall and a mismatch tag; by default only those
 * the caller may review (never one of their own projects). Filters live in the URL and apply to the
 * export as to the pages.
 */
export default function ReportsToReviewPage() {
  const [params, setParams] = useSearchParams();
  const all = params.get('all') === 'true';
  const filters = {
    state: 'submitted' as const,
    reviewable: all ? undefined : ('true' as const),
    pmoId: params.get('pmoId') ?? undefined,
    mismatch: (params.get('mismatch') as 'true' | 'false' | null) ?? undefined,
    q: params.get('q') ?? undefined,
  };
  const reports = usePagedList<ReviewReport>('/status-reports', filters, {
    pageSize: 25,
    noun: (total) => plural(total, 'report'),
  });
  const setFilter = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Reports to review"
        subtitle="Submitted status reports waiting for the PMO: accept them, or return them with a comment."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Reports to review' }]}
        extra={<ExportButton path="/api/v1/status-reports" filters={filters} />}
      />
      {reports.error && <ErrorAlert error={reports.error} onRetry={() => reports.refetch()} />}
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <SearchBox
            placeholder="Search project code or name"
            aria-label="Search projects"
            value={filters.q ?? ''}
            onSearch={(v) => setFilter('q', v)}
            style={{ width: 240 }}
          />
          <div style={{ width: 220 }}>
            <PmoSelect
              aria-label="Filter by PMO"
              placeholder="Any PMO"
              allowClear
              value={filters.pmoId ?? null}
              onChange={(v) => setFilter('pmoId', v)}
            />
          </div>
          <Select
            aria-label="Filter by mismatch"
            placeholder="Mismatch or not"
            allowClear
            style={{ width: 200 }}
            value={filters.mismatch}
            onChange={(v) => setFilter('mismatch', v)}
            options={[
              { value: 'true', label: 'Only mismatches' },
              { value: 'false', label: 'No mismatch' },
            ]}
          />
          <Checkbox checked={all} onChange={(e) => setFilter('all', e.target.checked ? 'true' : null)}>
            Include reports I may not review (my own projects)
          </Checkbox>
        </Flex>
        <Table<ReviewReport>
          rowKey="id"
          loading={reports.isFetching}
          dataSource={reports.items}
          pagination={reports.pagination}
          scroll={{ x: 1000 }}
          locale={{ emptyText: 'No submitted report waits for review.' }}
          columns={[
            {
              title: 'Project',
              key: 'project',
              render: (_, r) => (
                <Flex vertical>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.project.code} · {r.pmo.name}
                  </Typography.Text>
                  <Link to={`/projects/${r.project.id}/status-reports/${r.id}`}>{r.project.name}</Link>
                </Flex>
              ),
            },
            {
              title: 'Period',
              key: 'period',
              render: (_, r) => (
                <Flex vertical>
                  <span>{periodText(r.periodStart, r.periodEnd)}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.revision > 1 ? `revision ${r.revision} · ` : ''}due {formatDate(r.dueOn)}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: 'Submitted',
              key: 'submitted',
              render: (_, r) => (
                <Flex vertical>
                  <span>{formatDateTime(r.submittedAt)}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    by {r.submittedBy?.name ?? '—'}
                    {r.onTime === false ? ' · late' : ''}
                  </Typography.Text>
                </Flex>
              ),
            },
            { title: 'Reported', key: 'reported', render: (_, r) => <RagTag rag={r.rag.overall} /> },
            { title: 'Computed', key: 'computed', render: (_, r) => <RagTag rag={r.computedRag?.overall} /> },
            {
              title: 'Flags',
              key: 'flags',
              render: (_, r) => (
                <Flex gap={4} wrap>
                  {r.mismatch && <MismatchTag dimensions={r.mismatches.map((m) => m.dimension)} />}
                  {!r.mayReview && <Tag>Your project</Tag>}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
