import { CloseOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { PROJECT_STATES, type Portfolio, type ProjectSummary, type ProjectTypeSummary } from '../../api/domain.ts';
import { useList, usePagedList } from '../../api/hooks.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { PersonSelect, PmoSelect, PositionSelect } from '../../components/pickers.tsx';
import { PastFinishTag, ProjectStateTag } from '../../components/tags.tsx';
import { formatDate, formatMoney, formatNumber, humanize, plural } from '../../lib/format.ts';
import { PAGE_SORT_HINT } from '../../lib/sort.ts';
import { figureText } from '../dashboard/dashboard.ts';
import { DueStateTag, MismatchTag, RagTag } from '../reports/ReportTags.tsx';

const FILTERS = [
  'pmoId',
  'portfolioId',
  'state',
  'projectTypeId',
  'managerId',
  'q',
  'executivePositionId',
  'phase',
  'mismatch',
  'reported',
  'dueState',
  'reportedOverall',
  'computedOverall',
  'reportedRag',
  'computedRag',
] as const;
type Filter = (typeof FILTERS)[number];

const RAG_OPTIONS = ['green', 'amber', 'red'].map((r) => ({ value: r, label: humanize(r) }));
const DUE_OPTIONS = [
  { value: 'upcoming', label: 'Upcoming' },
  { value: 'due', label: 'Due' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'escalated', label: 'Escalated' },
];

/** The filters a dashboard figure sets that have no control of their own here, in words: "Schedule computed red". */
function linkedFilterLabel(key: Filter, value: string): string | null {
  if (key === 'phase') return `Phase ${value}`;
  if (key === 'reported') return value === 'true' ? 'With a submitted report' : 'No report yet';
  if (key === 'reportedRag' || key === 'computedRag') {
    const [dimension, colour] = value.split(':');
    return `${humanize(dimension)} ${key === 'reportedRag' ? 'reported' : 'computed'} ${colour}`;
  }
  return null;
}

/**
 * Projects table: filter by PMO, portfolio, state, type and manager, search by code or name;
 * filters live in the URL and apply on the server, to the pages and to the export alike.
 */
export default function ProjectsPage() {
  const [params, setParams] = useSearchParams();
  const query = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined])) as Partial<Record<Filter, string>>;
  const linked = FILTERS.flatMap((key) => {
    const value = query[key];
    const label = value ? linkedFilterLabel(key, value) : null;
    return label ? [{ key, label }] : [];
  });
  const projects = usePagedList<ProjectSummary>('/projects', query, {
    pageSize: 25,
    noun: (total) => plural(total, 'project'),
  });
  const portfolios = useList<Portfolio>('/portfolios');
  const types = useList<ProjectTypeSummary>('/project-types');
  const setFilter = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Projects"
        subtitle="Every project you may see, with its PMO, type, phase, state and reporting status."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Projects' }]}
        extra={
          <ExportButton
            path="/api/v1/projects"
            filters={{
              ...query,
              state: query.state as ProjectSummary['state'] | undefined,
              mismatch: query.mismatch as 'true' | 'false' | undefined,
              reported: query.reported as 'true' | 'false' | undefined,
              reportedOverall: query.reportedOverall as 'green' | 'amber' | 'red' | undefined,
              computedOverall: query.computedOverall as 'green' | 'amber' | 'red' | undefined,
            }}
          />
        }
      />
      {projects.error && <ErrorAlert error={projects.error} onRetry={() => projects.refetch()} />}
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <SearchBox
            placeholder="Search code or name"
            aria-label="Search projects"
            value={query.q ?? ''}
            onSearch={(v) => setFilter('q', v)}
            style={{ width: 240 }}
          />
          <div style={{ width: 220 }}>
            <PmoSelect
              aria-label="Filter by PMO"
              placeholder="Any PMO"
              allowClear
              value={query.pmoId ?? null}
              onChange={(v) => setFilter('pmoId', v)}
            />
          </div>
          <Select
            aria-label="Filter by portfolio"
            placeholder="Any portfolio"
            allowClear
            style={{ width: 200 }}
            value={query.portfolioId}
            onChange={(v) => setFilter('portfolioId', v)}
            options={(portfolios.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
          <Select
            aria-label="Filter by state"
            placeholder="Any state"
            allowClear
            style={{ width: 150 }}
            value={query.state}
            onChange={(v) => setFilter('state', v)}
            options={PROJECT_STATES.map((s) => ({ value: s, label: humanize(s) }))}
          />
          <Select
            aria-label="Filter by project type"
            placeholder="Any type"
            allowClear
            style={{ width: 200 }}
            value={query.projectTypeId}
            onChange={(v) => setFilter('projectTypeId', v)}
            options={(types.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
          />
          <div style={{ width: 220 }}>
            <PersonSelect
              aria-label="Filter by project manager"
              placeholder="Any manager"
              allowClear
              value={query.managerId ?? null}
              onChange={(v) => setFilter('managerId', v)}
            />
          </div>
          <div style={{ width: 240 }}>
            <PositionSelect
              aria-label="Filter by executive"
              placeholder="Any executive"
              allowClear
              value={query.executivePositionId ?? null}
              onChange={(v) => setFilter('executivePositionId', v)}
            />
          </div>
          <Select
            aria-label="Filter by reported RAG"
            placeholder="Any reported RAG"
            allowClear
            style={{ width: 170 }}
            value={query.reportedOverall}
            onChange={(v) => setFilter('reportedOverall', v)}
            options={RAG_OPTIONS}
          />
          <Select
            aria-label="Filter by computed RAG"
            placeholder="Any computed RAG"
            allowClear
            style={{ width: 175 }}
            value={query.computedOverall}
            onChange={(v) => setFilter('computedOverall', v)}
            options={RAG_OPTIONS}
          />
          <Select
            aria-label="Filter by mismatch"
            placeholder="Mismatch or not"
            allowClear
            style={{ width: 170 }}
            value={query.mismatch}
            onChange={(v) => setFilter('mismatch', v)}
            options={[
              { value: 'true', label: 'Mismatch' },
              { value: 'false', label: 'No mismatch' },
            ]}
          />
          <Select
            mode="multiple"
            aria-label="Filter by report due state"
            placeholder="Any report state"
            allowClear
            style={{ minWidth: 200 }}
            value={query.dueState ? query.dueState.split(',') : []}
            onChange={(v: string[]) => setFilter('dueState', v.join(','))}
            options={DUE_OPTIONS}
          />
        </Flex>
        {linked.length > 0 && (
          <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
            <Typography.Text type="secondary">Also filtered by:</Typography.Text>
            {linked.map((f) => (
              <Button
                key={f.key}
                size="small"
                icon={<CloseOutlined aria-hidden />}
                iconPlacement="end"
                aria-label={`Remove the filter ${f.label}`}
                onClick={() => setFilter(f.key, null)}
              >
                {f.label}
              </Button>
            ))}
          </Flex>
        )}
        <Table<ProjectSummary>
          rowKey="id"
          loading={projects.isFetching}
          dataSource={projects.items}
          pagination={projects.pagination}
          showSorterTooltip={{ title: PAGE_SORT_HINT }}
          locale={{ emptyText: 'No project matches these filters.' }}
          scroll={{ x: 1500 }}
          columns={[
            {
              title: 'Project',
              key: 'name',
              render: (_, p) => (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.code}
                  </Typography.Text>
                  <div>
                    <Link to={`/projects/${p.id}`}>{p.name}</Link>
                  </div>
                </div>
              ),
            },
            {
              title: 'State',
              dataIndex: 'state',
              render: (s: string, p) => (
                <Flex gap={4} wrap>
                  <ProjectStateTag state={s} />
                  {p.pastPlannedFinish && <PastFinishTag plannedFinishDate={p.plannedFinishDate} />}
                </Flex>
              ),
            },
            {
              title: 'RAG reported / computed',
              key: 'rag',
              render: (_, p) =>
                p.reporting?.lastReportId ? (
                  <Flex gap={4} align="center" wrap>
                    <RagTag rag={p.reporting.reportedOverall} title="Reported overall" />
                    <span aria-hidden>/</span>
                    <span className="tg-visually-hidden">computed</span>
                    <RagTag rag={p.reporting.computedOverall} title="Computed overall from the figures" />
                    {p.reporting.mismatch && (
                      <MismatchTag
                        dimensions={p.reporting.mismatches.map((m) => `${m.dimension} (${figureText(m.figure, m.value)})`)}
                      />
                    )}
                  </Flex>
                ) : (
                  <Typography.Text type="secondary">No report yet</Typography.Text>
                ),
            },
            {
              title: 'Next report',
              key: 'due',
              render: (_, p) =>
                p.reporting?.nextDueOn ? (
                  <Flex gap={4} align="center" wrap>
                    {p.reporting.dueState && <DueStateTag state={p.reporting.dueState} />}
                    <span>{formatDate(p.reporting.nextDueOn)}</span>
                  </Flex>
                ) : (
                  '—'
                ),
            },
            {
              title: 'SPI',
              key: 'spi',
              align: 'right',
              sorter: (a, b) => (a.reporting?.spi ?? 0) - (b.reporting?.spi ?? 0),
              render: (_, p) => formatNumber(p.reporting?.spi, 2),
            },
            {
              title: 'CPI',
              key: 'cpi',
              align: 'right',
              sorter: (a, b) => (a.reporting?.cpi ?? 0) - (b.reporting?.cpi ?? 0),
              render: (_, p) => formatNumber(p.reporting?.cpi, 2),
            },
            {
              title: 'Phase',
              key: 'phase',
              sorter: (a, b) => a.phase.name.localeCompare(b.phase.name),
              render: (_, p) => p.phase.name,
            },
            {
              title: 'PMO',
              key: 'pmo',
              sorter: (a, b) => a.pmo.name.localeCompare(b.pmo.name),
              render: (_, p) => <Link to={`/pmos/${p.pmo.id}`}>{p.pmo.name}</Link>,
            },
            {
              title: 'Portfolio',
              key: 'portfolio',
              render: (_, p) => (p.portfolio ? <Link to={`/portfolios/${p.portfolio.id}`}>{p.portfolio.name}</Link> : '—'),
            },
            { title: 'Type', key: 'type', render: (_, p) => `${p.projectType.name} · v${p.standardVersion}` },
            {
              title: 'Manager',
              key: 'pm',
              sorter: (a, b) => (a.projectManager?.name ?? '').localeCompare(b.projectManager?.name ?? ''),
              render: (_, p) =>
                p.projectManager ? <Link to={`/people/${p.projectManager.id}`}>{p.projectManager.name}</Link> : '—',
            },
            {
              title: 'Finish',
              dataIndex: 'plannedFinishDate',
              sorter: (a, b) => (a.plannedFinishDate ?? '').localeCompare(b.plannedFinishDate ?? ''),
              render: (d: string | null) => formatDate(d),
            },
            {
              title: 'Budget',
              dataIndex: 'budget',
              align: 'right',
              sorter: (a, b) => a.budget - b.budget,
              render: (b: number) => formatMoney(b),
            },
          ]}
        />
      </Card>
    </>
  );
}
