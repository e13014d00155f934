import { EditOutlined, OrderedListOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { PmoDetail } from '../../api/domain.ts';
import { useRecord } from '../../api/hooks.ts';
import { can, useMe } from '../../api/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RecordState } from '../../components/QueryState.tsx';
import { RecordHistory } from '../../components/RecordHistory.tsx';
import { PmoLevelTag, orientationLabel } from '../../components/tags.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { PmoDrawer } from './PmoDrawer.tsx';
import { MembersTab, ScopeTab } from './PmoSections.tsx';
import { ReportingLine } from './ReportingLine.tsx';
import { ThresholdsTab } from './ThresholdsTab.tsx';
import { DriversTab } from './DriversTab.tsx';

function Overview({ pmo }: { pmo: PmoDetail }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card title="Overview">
          <Descriptions
            column={1}
            items={[
              { key: 'code', label: 'Code', children: pmo.code },
              { key: 'level', label: 'Level', children: <PmoLevelTag level={pmo.level} /> },
              { key: 'orientation', label: 'Orientation', children: orientationLabel(pmo.orientation) },
              {
                key: 'reports',
                label: 'Reports to',
                children: pmo.reportsTo
                  ? `${pmo.reportsTo.code} (${pmo.reportsTo.title}) · ${pmo.reportsTo.holderName ?? 'vacant'}`
                  : '—',
              },
              {
                key: 'parent',
                label: 'Parent PMO',
                children: pmo.parentPmo ? <Link to={`/pmos/${pmo.parentPmo.id}`}>{pmo.parentPmo.name}</Link> : 'None',
              },
              { key: 'members', label: 'Members', children: pmo.members.length },
              { key: 'scope', label: 'Org units in scope', children: pmo.scope.map((s) => s.name).join(', ') || 'None' },
              {
                key: 'description',
                label: 'Description',
                children: pmo.description || <Typography.Text type="secondary">None</Typography.Text>,
              },
              { key: 'updated', label: 'Last changed', children: formatDateTime(pmo.updatedAt) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title="Reporting line">
          <ReportingLine pmo={pmo} />
        </Card>
      </Col>
    </Row>
  );
}

/** One PMO: overview with its reporting line, members, scope, delegation, child PMOs, history. */
export default function PmoPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const pmo = useRecord<PmoDetail>(`/pmos/${id}`);
  const [editing, setEditing] = useState(false);
  const tab = params.get('tab') ?? 'overview';
  const me = useMe();
  const navigate = useNavigate();
  const reviewer = can(me.data, 'requests.review');

  return (
    <RecordState
      isLoading={pmo.isLoading}
      error={pmo.error}
      refetch={() => pmo.refetch()}
      backTo={{ to: '/pmos', label: 'Back to PMOs' }}
    >
      {() => {
        const p = pmo.data as PmoDetail;
        return (
          <>
            <PageHeader
              title={p.name}
              subtitle={`${p.code} · ${orientationLabel(p.orientation)} PMO`}
              tags={<PmoLevelTag level={p.level} />}
              breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'PMOs', to: '/pmos' }, { title: p.name }]}
              extra={
                <>
                  {reviewer && (
                    <Button icon={<OrderedListOutlined />} onClick={() => navigate(`/review?pmo=${p.id}`)}>
                      Review queue
                    </Button>
                  )}
                  {p.canEdit && (
                    <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                      Edit PMO
                    </Button>
                  )}
                </>
              }
            />
            <Tabs
              activeKey={tab}
              onChange={(key) => setParams(key === 'overview' ? {} : { tab: key }, { replace: true })}
              items={[
                { key: 'overview', label: 'Overview', children: <Overview pmo={p} /> },
                {
                  key: 'reporting-line',
                  label: 'Reporting line',
                  children: (
                    <Card title={`From ${p.name} up to the top`}>
                      <ReportingLine pmo={p} />
                    </Card>
                  ),
                },
                { key: 'members', label: `Members (${p.members.length})`, children: <MembersTab pmo={p} /> },
                { key: 'scope', label: `Scope (${p.scope.length})`, children: <ScopeTab pmo={p} /> },
                { key: 'delegation', label: 'Delegation of authority', children: <ThresholdsTab pmo={p} /> },
                { key: 'drivers', label: 'Strategic drivers', children: <DriversTab pmo={p} /> },
                {
                  key: 'children',
                  label: `Child PMOs (${p.childPmos.length})`,
                  children: (
                    <Card>
                      <Table
                        rowKey="id"
                        dataSource={p.childPmos}
                        pagination={false}
                        locale={{ emptyText: 'No PMO sits under this one.' }}
                        columns={[
                          { title: 'PMO', dataIndex: 'name', render: (n: string, c) => <Link to={`/pmos/${c.id}`}>{n}</Link> },
                          { title: 'Code', dataIndex: 'code' },
                          { title: 'Level', dataIndex: 'level', render: (l: string) => <PmoLevelTag level={l} /> },
                        ]}
                      />
                    </Card>
                  ),
                },
                { key: 'history', label: 'History', children: <RecordHistory entityType="pmo" entityId={p.id} /> },
              ]}
            />
            <PmoDrawer pmo={editing ? p : null} onClose={() => setEditing(false)} />
          </>
        );
      }}
    </RecordState>
  );
}
