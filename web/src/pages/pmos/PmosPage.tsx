import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PMO_LEVELS, PMO_ORIENTATIONS, type Pmo } from '../../api/domain.ts';
import { useList } from '../../api/hooks.ts';
import { can, useMe } from '../../api/session.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { PmoLevelTag, orientationLabel } from '../../components/tags.tsx';
import { humanize, matchesSearch } from '../../lib/format.ts';
import { PmoDrawer } from './PmoDrawer.tsx';

const LEVEL_ORDER: Record<string, number> = { enterprise: 0, portfolio: 1, program: 2 };

/** Every PMO: its level, orientation, reporting line, parent and size. */
export default function PmosPage() {
  const me = useMe().data;
  const pmos = useList<Pmo>('/pmos');
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const rows = (pmos.data ?? []).filter((p) => matchesSearch(search, p.name, p.code, p.description));
  return (
    <>
      <PageHeader
        title="PMOs"
        subtitle="Project management offices, whom they report to, and what they govern."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'PMOs' }]}
        extra={
          <Flex gap={8} wrap>
            <ExportButton path="/api/v1/pmos" />
            {can(me, 'pmo.create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                New PMO
              </Button>
            )}
          </Flex>
        }
      />
      {pmos.error && <ErrorAlert error={pmos.error} onRetry={() => pmos.refetch()} />}
      <Card>
        <Input.Search
          placeholder="Search PMOs"
          aria-label="Search PMOs"
          allowClear
          onChange={(e) => setSearch(e.target.value)}
          style={{ maxWidth: 320, marginBottom: 16 }}
        />
        <Table<Pmo>
          rowKey="id"
          loading={pmos.isLoading}
          dataSource={rows}
          pagination={{ pageSize: 25, hideOnSinglePage: true }}
          locale={{ emptyText: search ? 'No PMO matches this search.' : 'No PMOs yet.' }}
          columns={[
            {
              title: 'PMO',
              dataIndex: 'name',
              sorter: (a, b) => a.name.localeCompare(b.name),
              render: (n: string, p) => (
                <span>
                  <Link to={`/pmos/${p.id}`}>{n}</Link> <Typography.Text type="secondary">{p.code}</Typography.Text>
                </span>
              ),
            },
            {
              title: 'Level',
              dataIndex: 'level',
              sorter: (a, b) => (LEVEL_ORDER[a.level] ?? 9) - (LEVEL_ORDER[b.level] ?? 9),
              defaultSortOrder: 'ascend',
              filters: PMO_LEVELS.map((l) => ({ text: humanize(l), value: l })),
              onFilter: (v, p) => p.level === v,
              render: (l: string) => <PmoLevelTag level={l} />,
            },
            {
              title: 'Orientation',
              dataIndex: 'orientation',
              filters: PMO_ORIENTATIONS.map((o) => ({ text: orientationLabel(o), value: o })),
              onFilter: (v, p) => p.orientation === v,
              render: orientationLabel,
            },
            {
              title: 'Reports to',
              key: 'reportsTo',
              sorter: (a, b) => (a.reportsTo?.code ?? '').localeCompare(b.reportsTo?.code ?? ''),
              render: (_, p) =>
                p.reportsTo ? (
                  <span>
                    <Typography.Text strong>{p.reportsTo.code}</Typography.Text>
                    {p.reportsTo.holderName ? ` · ${p.reportsTo.holderName}` : ' · vacant'}
                  </span>
                ) : (
                  '—'
                ),
            },
            {
              title: 'Parent PMO',
              key: 'parent',
              render: (_, p) => (p.parentPmo ? <Link to={`/pmos/${p.parentPmo.id}`}>{p.parentPmo.name}</Link> : '—'),
            },
            { title: 'Members', dataIndex: 'memberCount', align: 'right', sorter: (a, b) => a.memberCount - b.memberCount },
            {
              title: 'Org units in scope',
              dataIndex: 'scopeCount',
              align: 'right',
              sorter: (a, b) => a.scopeCount - b.scopeCount,
            },
          ]}
        />
      </Card>
      <PmoDrawer pmo={creating ? 'new' : null} onClose={() => setCreating(false)} />
    </>
  );
}
