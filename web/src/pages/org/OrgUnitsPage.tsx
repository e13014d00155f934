import { ApartmentOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Table, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { OrgUnit, OrgUnitNode, Person } from '../../api/domain.ts';
import { useList } from '../../api/hooks.ts';
import { can, useMe } from '../../api/session.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { RecordHistory } from '../../components/RecordHistory.tsx';
import { useOrgTree } from '../../components/pickers.tsx';
import { OrgUnitModal } from './OrgUnitModal.tsx';

function flatten(nodes: OrgUnitNode[], into = new Map<string, OrgUnitNode>()): Map<string, OrgUnitNode> {
  for (const n of nodes) {
    into.set(n.id, n);
    flatten(n.children ?? [], into);
  }
  return into;
}

type TreeNode = { key: string; title: string; children: TreeNode[] };
const toTree = (nodes: OrgUnitNode[]): TreeNode[] =>
  nodes.map((n) => ({ key: n.id, title: `${n.name} · ${n.code}`, children: toTree(n.children ?? []) }));

/** The organisation as a tree, with the selected unit's details and people. */
export default function OrgUnitsPage() {
  const me = useMe().data;
  const tree = useOrgTree();
  const byId = useMemo(() => flatten(tree.roots ?? []), [tree.roots]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<OrgUnit | 'new' | null>(null);
  const selected = (selectedId && byId.get(selectedId)) || tree.roots?.[0] || null;
  const people = useList<Person>('/people', selected ? { orgUnitId: selected.id } : undefined, selected !== null);
  const manage = can(me, 'org.manage');

  return (
    <>
      <PageHeader
        title="Org units"
        subtitle="The organisation's structure. PMOs govern org units; people belong to one."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Organisation' }, { title: 'Org units' }]}
        extra={
          <Flex gap={8} wrap>
            <ExportButton path="/api/v1/org-units" />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                New org unit
              </Button>
            )}
          </Flex>
        }
      />
      {tree.error && <ErrorAlert error={tree.error} onRetry={() => tree.refetch()} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card title="Structure">
            {tree.isLoading && <Skeleton active aria-label="Loading org units" />}
            {tree.roots && tree.roots.length === 0 && <Empty description="No org units yet." />}
            {tree.roots && tree.roots.length > 0 && (
              <Tree
                aria-label="Org unit tree"
                showLine
                showIcon
                icon={<ApartmentOutlined aria-hidden />}
                defaultExpandAll
                selectedKeys={selected ? [selected.id] : []}
                onSelect={(keys) => keys[0] && setSelectedId(String(keys[0]))}
                treeData={toTree(tree.roots)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          {selected && (
            <Flex vertical gap={16}>
              <Card
                title={selected.name}
                extra={
                  manage && (
                    <Button icon={<EditOutlined />} onClick={() => setEditing(selected)}>
                      Edit
                    </Button>
                  )
                }
              >
                <Descriptions
                  column={{ xs: 1, md: 2 }}
                  items={[
                    { key: 'code', label: 'Code', children: selected.code },
                    {
                      key: 'parent',
                      label: 'Part of',
                      children: selected.parentId ? (byId.get(selected.parentId)?.name ?? '—') : 'Top of the organisation',
                    },
                    { key: 'children', label: 'Sub-units', children: selected.children?.length ?? selected.childCount },
                    { key: 'people', label: 'People', children: people.data?.length ?? '…' },
                    {
                      key: 'description',
                      label: 'Description',
                      span: 2,
                      children: selected.description || <Typography.Text type="secondary">None</Typography.Text>,
                    },
                  ]}
                />
              </Card>
              <Card title="People in this unit">
                {people.error && <ErrorAlert error={people.error} />}
                <Table<Person>
                  rowKey="id"
                  size="small"
                  loading={people.isLoading}
                  dataSource={people.data ?? []}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  locale={{ emptyText: 'Nobody belongs to this unit directly.' }}
                  columns={[
                    {
                      title: 'Name',
                      dataIndex: 'name',
                      sorter: (a, b) => a.name.localeCompare(b.name),
                      render: (n: string, p) => <Link to={`/people/${p.id}`}>{n}</Link>,
                    },
                    { title: 'Job title', dataIndex: 'jobTitle' },
                    { title: 'E-mail', dataIndex: 'email' },
                  ]}
                />
              </Card>
              <RecordHistory entityType="org_unit" entityId={selected.id} />
            </Flex>
          )}
        </Col>
      </Row>
      <OrgUnitModal unit={editing} parentId={selected?.id ?? null} onClose={() => setEditing(null)} />
    </>
  );
}
