import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { Position } from '../../api/domain.ts';
import { useList, useWrite } from '../../api/hooks.ts';
import { can, useMe } from '../../api/session.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { OrgUnitSelect, PersonSelect, PositionSelect } from '../../components/pickers.tsx';
import { CODE_RULE } from './OrgUnitModal.tsx';
import { FormModal } from '../../components/FormDrawer.tsx';

interface Values {
  code: string;
  title: string;
  orgUnitId: string | null;
  holderPersonId: string | null;
  reportsToPositionId: string | null;
}

function PositionModal({ position, onClose }: { position: Position | 'new' | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const isNew = position === 'new';
  const save = useWrite(
    (v: Values) =>
      isNew
        ? api.post<Position>('/positions', v)
        : api.patch<Position>(`/positions/${(position as Position).id}`, { ...v, version: (position as Position).version }),
    ['/positions', '/pmos'],
  );
  useEffect(() => {
    if (!position) return;
    form.resetFields();
    if (!isNew) form.setFieldsValue(position);
  }, [position, isNew, form]);
  return (
    <FormModal<Values>
      title={isNew ? 'New executive position' : `Edit ${(position as Position | null)?.code ?? ''}`}
      open={position !== null}
      onClose={onClose}
      submitLabel={isNew ? 'Create' : 'Save'}
      pending={save.isPending}
      form={form}
      onFinish={async (v) => {
        const saved = await save.mutateAsync({
          ...v,
          orgUnitId: v.orgUnitId ?? null,
          holderPersonId: v.holderPersonId ?? null,
          reportsToPositionId: v.reportsToPositionId ?? null,
        });
        message.success(`Position ${saved.code} saved.`);
        onClose();
      }}
    >
      <Form.Item
        label="Code"
        name="code"
        extra="Short title, e.g. COO."
        rules={[{ required: true, message: 'Enter a code' }, { max: 40 }, CODE_RULE]}
      >
        <Input autoFocus />
      </Form.Item>
      <Form.Item
        label="Title"
        name="title"
        rules={[{ required: true, whitespace: true, message: 'Enter the title' }, { max: 200 }]}
      >
        <Input />
      </Form.Item>
      <Form.Item label="Held by" name="holderPersonId">
        <PersonSelect allowClear placeholder="Vacant" />
      </Form.Item>
      <Form.Item label="Reports to" name="reportsToPositionId" extra="Leave empty for the top position (the CEO).">
        <PositionSelect allowClear exclude={isNew ? undefined : (position as Position | null)?.id} />
      </Form.Item>
      <Form.Item label="Org unit" name="orgUnitId">
        <OrgUnitSelect allowClear />
      </Form.Item>
    </FormModal>
  );
}

/** Executive positions (CEO, COO, …) and who holds them: the top of every reporting line. */
export default function PositionsPage() {
  const me = useMe().data;
  const positions = useList<Position>('/positions');
  const [editing, setEditing] = useState<Position | 'new' | null>(null);
  const manage = can(me, 'org.manage');
  return (
    <>
      <PageHeader
        title="Executive positions"
        subtitle="Each PMO reports to one of these positions; approvals above delegated thresholds route up this line."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Organisation' }, { title: 'Executive positions' }]}
        extra={
          <Flex gap={8} wrap>
            <ExportButton path="/api/v1/positions" />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                New position
              </Button>
            )}
          </Flex>
        }
      />
      {positions.error && <ErrorAlert error={positions.error} onRetry={() => positions.refetch()} />}
      <Card>
        <Table<Position>
          rowKey="id"
          loading={positions.isLoading}
          dataSource={positions.data ?? []}
          pagination={false}
          locale={{ emptyText: 'No executive positions yet.' }}
          columns={[
            {
              title: 'Code',
              dataIndex: 'code',
              sorter: (a, b) => a.code.localeCompare(b.code),
              render: (c: string) => <Typography.Text strong>{c}</Typography.Text>,
            },
            { title: 'Title', dataIndex: 'title', sorter: (a, b) => a.title.localeCompare(b.title) },
            {
              title: 'Held by',
              dataIndex: 'holderName',
              sorter: (a, b) => (a.holderName ?? '').localeCompare(b.holderName ?? ''),
              render: (n: string | null, p) =>
                n && p.holderPersonId ? (
                  <Link to={`/people/${p.holderPersonId}`}>{n}</Link>
                ) : (
                  <Typography.Text type="warning">Vacant</Typography.Text>
                ),
            },
            { title: 'Reports to', dataIndex: 'reportsToCode', render: (c: string | null) => c ?? '—' },
            { title: 'Org unit', dataIndex: 'orgUnitName', render: (n: string | null) => n ?? '—' },
            ...(manage
              ? [
                  {
                    title: <span className="tg-visually-hidden">Actions</span>,
                    key: 'edit',
                    render: (_: unknown, p: Position) => (
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} aria-label={`Edit ${p.code}`}>
                        Edit
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <PositionModal position={editing} onClose={() => setEditing(null)} />
    </>
  );
}
