import { Card, Flex, Select, Switch } from 'antd';
import { useSearchParams } from 'react-router';
import { usePagedList } from '../../api/hooks.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { plural } from '../../lib/format.ts';
import { ApprovalsTable } from './ApprovalsTable.tsx';
import {
  type ApprovalSummary,
  KIND_OPTIONS,
  STATE_FILTER_OPTIONS,
  type StateFilter,
  filtersOf,
  isStateFilter,
} from './approvals.ts';

/**
 * Approval requests across the projects one may see, newest first: the open ones unless another
 * state is chosen, and with "Waiting on me" those whose current step one may decide (the address
 * /approvals?waitingOn=me the notices link to). Filters live in the URL and apply to the export.
 */
export default function ApprovalsPage() {
  const [params, setParams] = useSearchParams();
  const stateParam = params.get('state');
  const state: StateFilter = isStateFilter(stateParam) ? stateParam : 'open';
  const filters = filtersOf(params);
  const approvals = usePagedList<ApprovalSummary>(
    '/approvals',
    { ...filters },
    {
      pageSize: 25,
      noun: (total) => plural(total, 'request'),
    },
  );
  const setFilter = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Approvals"
        subtitle="Changes the projects asked for (budget, people, infrastructure, re-baselines, scope), each on its route through the PMO's delegation of authority."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Approvals' }]}
        extra={<ExportButton path="/api/v1/approvals" filters={filters} />}
      />
      {approvals.error && <ErrorAlert error={approvals.error} onRetry={() => approvals.refetch()} />}
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Select
            aria-label="Filter by state"
            style={{ width: 240 }}
            value={state}
            onChange={(v) => setFilter('state', v === 'open' ? null : v)}
            options={[...STATE_FILTER_OPTIONS]}
          />
          <Select
            aria-label="Filter by kind"
            style={{ width: 220 }}
            placeholder="Any kind"
            allowClear
            value={filters.kind ?? null}
            onChange={(v) => setFilter('kind', v)}
            options={KIND_OPTIONS}
          />
          <Flex gap={8} align="center">
            <Switch
              id="approvals-waiting-on-me"
              checked={filters.waitingOn === 'me'}
              onChange={(on) => setFilter('waitingOn', on ? 'me' : null)}
            />
            <label htmlFor="approvals-waiting-on-me">Waiting on me</label>
          </Flex>
        </Flex>
        <ApprovalsTable
          items={approvals.items}
          loading={approvals.isFetching}
          pagination={approvals.pagination}
          emptyText={filters.waitingOn ? 'Nothing waits on you.' : 'No approval request here.'}
        />
      </Card>
    </>
  );
}
