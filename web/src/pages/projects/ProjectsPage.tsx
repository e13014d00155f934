import { Card, Flex, Select, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { PROJECT_STATES, type Portfolio, type ProjectSummary, type ProjectTypeSummary } from '../../api/domain.ts';
import { useList, usePagedList } from '../../api/hooks.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { PersonSelect, PmoSelect } from '../../components/pickers.tsx';
import { PastFinishTag, ProjectStateTag } from '../../components/tags.tsx';
import { formatDate, formatMoney, humanize, plural } from '../../lib/format.ts';
import { PAGE_SORT_HINT } from '../../lib/sort.ts';

const FILTERS = ['pmoId', 'portfolioId', 'state', 'projectTypeId', 'managerId', 'q'] as const;

/**
 * Projects table: filter by PMO, portfolio, state, type and manager, search by code or name;
 * filters live in the URL and apply on the server, to the pages and to the export alike.
 */
export default function ProjectsPage() {
  const [params, setParams] = useSearchParams();
  const query = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined])) as Partial<
    Record<(typeof FILTERS)[number], string>
  >;
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
        subtitle="Every project you may see, with its PMO, type, phase and state."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Projects' }]}
        extra={
          <ExportButton
            path="/api/v1/projects"
            filters={{ ...query, state: query.state as ProjectSummary['state'] | undefined }}
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
        </Flex>
        <Table<ProjectSummary>
          rowKey="id"
          loading={projects.isFetching}
          dataSource={projects.items}
          pagination={projects.pagination}
          showSorterTooltip={{ title: PAGE_SORT_HINT }}
          locale={{ emptyText: 'No project matches these filters.' }}
          scroll={{ x: 1100 }}
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
