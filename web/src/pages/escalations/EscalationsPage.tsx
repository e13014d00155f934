import { Card, Flex, Select, Table, Typography } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ProjectSummary } from '../../api/domain.ts';
import { usePagedList } from '../../api/hooks.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { PmoSelect, SearchPicker } from '../../components/pickers.tsx';
import { plural } from '../../lib/format.ts';
import { EscalationDrawer } from './EscalationDrawer.tsx';
import { EscalationFigures } from './EscalationFigures.tsx';
import { AgeText, EscalationReasonTag, EscalationStateTag, RequiredByText } from './EscalationTags.tsx';
import { type Escalation, STATE_FILTER_OPTIONS, isStateFilter, registerLink } from './escalations.ts';

/**
 * The PMO's escalation queue: the risks and issues raised to the PMOs, oldest first, with their
 * age, the guidance and what it requires by when; the figures of the queue above. One opens in a
 * drawer at /escalations/<id> (the address the notices link to), where the PMO guides and closes
 * it and the project manager reports back. Filters live in the URL and apply to the export too.
 */
export default function EscalationsPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const stateParam = params.get('state');
  const state = isStateFilter(stateParam) ? stateParam : 'active';
  const filters = {
    state,
    pmoId: params.get('pmoId') ?? undefined,
    projectId: params.get('projectId') ?? undefined,
  };
  const escalations = usePagedList<Escalation>('/escalations', filters, {
    pageSize: 25,
    noun: (total) => plural(total, 'escalation'),
  });
  const setFilter = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const search = params.toString() ? `?${params.toString()}` : '';

  return (
    <>
      <PageHeader
        title="Escalation queue"
        subtitle="Risks and issues the projects raised to their PMO, oldest first: the PMO gives its guidance and says what it requires by when, the project manager reports back, and the PMO closes them."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Escalation queue' }]}
        extra={<ExportButton path="/api/v1/escalations" filters={filters} />}
      />
      {escalations.error && <ErrorAlert error={escalations.error} onRetry={() => escalations.refetch()} />}
      <EscalationFigures pmoId={filters.pmoId} projectId={filters.projectId} />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Select
            aria-label="Filter by state"
            style={{ width: 240 }}
            value={state}
            onChange={(v) => setFilter('state', v === 'active' ? null : v)}
            options={[...STATE_FILTER_OPTIONS]}
          />
          <div style={{ width: 240 }}>
            <PmoSelect
              aria-label="Filter by PMO"
              placeholder="Any PMO"
              allowClear
              value={filters.pmoId ?? null}
              onChange={(v) => setFilter('pmoId', v)}
            />
          </div>
          <div style={{ width: 300 }}>
            <SearchPicker<ProjectSummary>
              path="/projects"
              aria-label="Filter by project"
              placeholder="Any project (type its code or name)"
              defaultPlaceholder="Any project"
              allowClear
              value={filters.projectId ?? null}
              onChange={(v) => setFilter('projectId', v)}
              label={(p) => `${p.code} · ${p.name}`}
            />
          </div>
        </Flex>
        <Table<Escalation>
          rowKey="id"
          aria-label="Escalations"
          loading={escalations.isFetching}
          dataSource={escalations.items}
          pagination={escalations.pagination}
          scroll={{ x: 1100 }}
          locale={{ emptyText: state === 'closed' ? 'No closed escalation.' : 'No escalation waits here.' }}
          columns={[
            {
              title: 'Project',
              key: 'project',
              render: (_, e) => (
                <Flex vertical>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.project.code}
                  </Typography.Text>
                  <Link to={registerLink(e)}>{e.project.name}</Link>
                </Flex>
              ),
            },
            {
              title: 'Escalated',
              key: 'subject',
              render: (_, e) => (
                <Flex vertical>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.subject.kind === 'risk' ? 'Risk' : 'Issue'}
                  </Typography.Text>
                  <Link to={{ pathname: `/escalations/${e.id}`, search }}>
                    {e.subject.key} · {e.subject.title}
                  </Link>
                </Flex>
              ),
            },
            { title: 'Reason', key: 'reason', render: (_, e) => <EscalationReasonTag reason={e.reason} /> },
            { title: 'State', key: 'state', render: (_, e) => <EscalationStateTag state={e.state} /> },
            { title: 'Age', key: 'age', render: (_, e) => <AgeText days={e.ageDays} /> },
            { title: 'Required by', key: 'requiredBy', render: (_, e) => <RequiredByText escalation={e} /> },
            { title: 'PMO', key: 'pmo', render: (_, e) => e.pmo.name },
          ]}
        />
      </Card>
      <EscalationDrawer escalationId={id ?? null} onClose={() => navigate({ pathname: '/escalations', search })} />
    </>
  );
}
