import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Table, Tabs, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { usePagedList } from '../../api/hooks.ts';
import { REQUEST_STATES, REQUEST_STATE_LABELS, type RequestState, type RequestSummary } from '../../api/requests.ts';
import { can, useMe } from '../../api/session.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { PmoSelect } from '../../components/pickers.tsx';
import { formatDate, formatDateTime, formatMoney, plural } from '../../lib/format.ts';
import { PAGE_SORT_HINT } from '../../lib/sort.ts';
import { RequestStateTag } from './RequestStateTag.tsx';

/**
 * Initiation requests: mine, or all I may see; filters live in the URL and apply on the server,
 * to the pages and to the export alike. The newest changed come first.
 */
export default function RequestsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // A requester who does not review starts from their own requests; the PMO, executives and
  // everyone else start from all they may see (an executive raises none: "mine" would be empty).
  const defaultTab = can(me.data, 'requests.create') && !can(me.data, 'requests.review') ? 'mine' : 'all';
  const tab = (params.get('tab') as 'all' | 'mine' | null) ?? defaultTab;
  const state = (params.get('state') as RequestState | null) ?? undefined;
  const pmoId = params.get('pmoId') ?? undefined;
  const search = params.get('q') ?? '';
  const filters = { mine: tab === 'mine' ? ('true' as const) : undefined, state, pmoId, q: search || undefined };
  const requests = usePagedList<RequestSummary>('/requests', filters, {
    pageSize: 25,
    noun: (total) => plural(total, 'request'),
  });
  const setParam = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Initiation requests"
        subtitle="Requests to start a project, from draft to the PMO's decision."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Requests' }]}
        extra={
          <Flex gap={8} wrap>
            <ExportButton path="/api/v1/requests" filters={filters} />
            {can(me.data, 'requests.create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/requests/new')}>
                New request
              </Button>
            )}
          </Flex>
        }
      />
      {requests.error && <ErrorAlert error={requests.error} onRetry={() => requests.refetch()} />}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParam('tab', key === defaultTab ? null : key)}
          items={[
            { key: 'mine', label: 'My requests' },
            { key: 'all', label: 'All I can see' },
          ]}
        />
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <SearchBox
            placeholder="Search code or title"
            aria-label="Search requests"
            value={search}
            onSearch={(v) => setParam('q', v)}
            style={{ width: 240 }}
          />
          <Select
            aria-label="Filter by state"
            placeholder="Any state"
            allowClear
            style={{ width: 200 }}
            value={state}
            onChange={(v) => setParam('state', v)}
            options={REQUEST_STATES.map((s) => ({ value: s, label: REQUEST_STATE_LABELS[s] }))}
          />
          <div style={{ width: 240 }}>
            <PmoSelect
              aria-label="Filter by PMO"
              placeholder="Any PMO"
              allowClear
              value={pmoId ?? null}
              onChange={(v) => setParam('pmoId', v)}
            />
          </div>
        </Flex>
        <Table<RequestSummary>
          rowKey="id"
          loading={requests.isFetching}
          dataSource={requests.items}
          pagination={requests.pagination}
          showSorterTooltip={{ title: PAGE_SORT_HINT }}
          locale={{
            emptyText: tab === 'mine' ? 'You have no request matching these filters.' : 'No request matches these filters.',
          }}
          scroll={{ x: 1100 }}
          columns={[
            {
              title: 'Code',
              dataIndex: 'code',
              width: 110,
              sorter: (a, b) => a.code.localeCompare(b.code),
              render: (code: string, r) => <Link to={`/requests/${r.id}`}>{code}</Link>,
            },
            {
              title: 'Title',
              dataIndex: 'title',
              sorter: (a, b) => a.title.localeCompare(b.title),
              render: (t: string, r) => (
                <div>
                  <Link to={`/requests/${r.id}`}>{t}</Link>
                  {tab === 'all' && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      by {r.requester.name}
                    </Typography.Text>
                  )}
                </div>
              ),
            },
            {
              title: 'State',
              dataIndex: 'state',
              sorter: (a, b) => REQUEST_STATES.indexOf(a.state) - REQUEST_STATES.indexOf(b.state),
              render: (_, r) => <RequestStateTag state={r.state} />,
            },
            {
              title: 'PMO',
              key: 'pmo',
              sorter: (a, b) => (a.pmo?.name ?? '').localeCompare(b.pmo?.name ?? ''),
              render: (_, r) => (r.pmo ? <Link to={`/pmos/${r.pmo.id}`}>{r.pmo.name}</Link> : '—'),
            },
            {
              title: 'Type',
              key: 'type',
              sorter: (a, b) => (a.projectType?.name ?? '').localeCompare(b.projectType?.name ?? ''),
              render: (_, r) => r.projectType?.name ?? '—',
            },
            {
              title: 'Wanted start',
              dataIndex: 'wantedStart',
              sorter: (a, b) => (a.wantedStart ?? '').localeCompare(b.wantedStart ?? ''),
              render: (d: string | null) => formatDate(d),
            },
            {
              title: 'Total cost',
              dataIndex: 'totalCost',
              align: 'right',
              sorter: (a, b) => a.totalCost - b.totalCost,
              render: (c: number) => formatMoney(c),
            },
            {
              title: 'Updated',
              dataIndex: 'updatedAt',
              sorter: (a, b) => a.updatedAt.localeCompare(b.updatedAt),
              render: (d: string) => formatDateTime(d),
            },
          ]}
        />
      </Card>
    </>
  );
}
