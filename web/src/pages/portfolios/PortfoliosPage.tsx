import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Portfolio } from '../../api/domain.ts';
import { useList } from '../../api/hooks.ts';
import { can, useMe } from '../../api/session.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { humanize, matchesSearch } from '../../lib/format.ts';
import { PortfolioDrawer } from './PortfolioDrawer.tsx';

export default function PortfoliosPage() {
  const me = useMe().data;
  const portfolios = useList<Portfolio>('/portfolios');
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const rows = (portfolios.data ?? []).filter((p) => matchesSearch(search, p.name, p.code, p.description));
  const pmos = [...new Map((portfolios.data ?? []).map((p) => [p.pmo.id, p.pmo.name])).entries()];
  return (
    <>
      <PageHeader
        title="Portfolios"
        subtitle="Portfolios and programs group projects; each is governed by one PMO."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Portfolios' }]}
        extra={
          <Flex gap={8} wrap>
            <ExportButton path="/api/v1/portfolios" />
            {can(me, 'portfolios.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                New portfolio
              </Button>
            )}
          </Flex>
        }
      />
      {portfolios.error && <ErrorAlert error={portfolios.error} onRetry={() => portfolios.refetch()} />}
      <Card>
        <Input.Search
          placeholder="Search portfolios"
          aria-label="Search portfolios"
          allowClear
          onChange={(e) => setSearch(e.target.value)}
          style={{ maxWidth: 320, marginBottom: 16 }}
        />
        <Table<Portfolio>
          rowKey="id"
          loading={portfolios.isLoading}
          dataSource={rows}
          pagination={{ pageSize: 25, hideOnSinglePage: true }}
          locale={{ emptyText: search ? 'No portfolio matches this search.' : 'No portfolios yet.' }}
          columns={[
            {
              title: 'Portfolio',
              dataIndex: 'name',
              sorter: (a, b) => a.name.localeCompare(b.name),
              defaultSortOrder: 'ascend',
              render: (n: string, p) => (
                <span>
                  <Link to={`/portfolios/${p.id}`}>{n}</Link> <Typography.Text type="secondary">{p.code}</Typography.Text>
                </span>
              ),
            },
            {
              title: 'Kind',
              dataIndex: 'kind',
              filters: [
                { text: 'Portfolio', value: 'portfolio' },
                { text: 'Program', value: 'program' },
              ],
              onFilter: (v, p) => p.kind === v,
              render: (k: string) => <Tag color={k === 'program' ? 'cyan' : 'geekblue'}>{humanize(k)}</Tag>,
            },
            {
              title: 'PMO',
              key: 'pmo',
              filters: pmos.map(([id, name]) => ({ text: name, value: id })),
              onFilter: (v, p) => p.pmo.id === v,
              render: (_, p) => <Link to={`/pmos/${p.pmo.id}`}>{p.pmo.name}</Link>,
            },
            {
              title: 'Owner',
              dataIndex: 'ownerName',
              render: (n: string | null, p) => (n && p.ownerPersonId ? <Link to={`/people/${p.ownerPersonId}`}>{n}</Link> : '—'),
            },
            { title: 'Projects', dataIndex: 'projectCount', align: 'right', sorter: (a, b) => a.projectCount - b.projectCount },
          ]}
        />
      </Card>
      <PortfolioDrawer portfolio={creating ? 'new' : null} onClose={() => setCreating(false)} />
    </>
  );
}
