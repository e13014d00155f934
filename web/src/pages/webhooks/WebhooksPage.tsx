import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { usePagedList } from '../../api/hooks.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { formatDateTime, plural } from '../../lib/format.ts';
import { SecretModal, type Webhook, WebhookDrawer } from './WebhookForm.tsx';

/** The outcome of a delivery attempt as a tag: the receiver's status, or that none came. */
export function DeliveryTag({ statusCode, ok }: { statusCode: number | null; ok: boolean }) {
  if (ok) return <Tag color="green">{statusCode}</Tag>;
  return <Tag color="red">{statusCode ?? 'No answer'}</Tag>;
}

/** The admin's outgoing webhooks: where Tollgate POSTs its events, signed. */
export default function WebhooksPage() {
  const webhooks = usePagedList<Webhook>('/webhooks', {}, { noun: (n) => plural(n, 'webhook') });
  const [editing, setEditing] = useState<'new' | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [createdId, setCreatedId] = useState<string | null>(null);
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title="Webhooks"
        subtitle="Systems Tollgate tells of events as they happen: each delivery is a signed JSON POST, retried until the receiver answers 2xx."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Administration' }, { title: 'Webhooks' }]}
        extra={
          <Flex gap={8} wrap>
            <ExportButton path="/api/v1/webhooks" />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              New webhook
            </Button>
          </Flex>
        }
      />
      {webhooks.error && <ErrorAlert error={webhooks.error} onRetry={() => webhooks.refetch()} />}
      <Card>
        <Table<Webhook>
          rowKey="id"
          loading={webhooks.isLoading}
          dataSource={webhooks.items}
          pagination={webhooks.pagination}
          locale={{ emptyText: 'No webhooks yet: register one to send Tollgate’s events to another system.' }}
          columns={[
            {
              title: 'URL',
              dataIndex: 'url',
              render: (url: string, w) => (
                <Link to={`/admin/webhooks/${w.id}`}>
                  <Typography.Text style={{ wordBreak: 'break-all' }}>{url}</Typography.Text>
                </Link>
              ),
            },
            { title: 'Description', dataIndex: 'description', render: (d: string | null) => d ?? '—' },
            {
              title: 'Events',
              dataIndex: 'events',
              render: (events: string[]) =>
                events.includes('*') ? <Tag>Every kind</Tag> : events.map((e) => <Tag key={e}>{e}</Tag>),
            },
            {
              title: 'Status',
              dataIndex: 'active',
              render: (active: boolean) => (active ? <Tag color="green">Active</Tag> : <Tag>Inactive</Tag>),
            },
            {
              title: 'Last delivery',
              dataIndex: 'lastDelivery',
              render: (last: Webhook['lastDelivery']) =>
                last ? (
                  <Flex gap={8} align="center">
                    <DeliveryTag statusCode={last.statusCode} ok={last.ok} />
                    {formatDateTime(last.at)}
                  </Flex>
                ) : (
                  'None yet'
                ),
            },
          ]}
        />
      </Card>
      <WebhookDrawer
        webhook={editing}
        onClose={() => setEditing(null)}
        onCreated={(created) => {
          setCreatedId(created.id);
          setSecret(created.secret);
        }}
      />
      <SecretModal
        secret={secret}
        onClose={() => {
          setSecret(null);
          if (createdId) navigate(`/admin/webhooks/${createdId}`);
          setCreatedId(null);
        }}
      />
    </>
  );
}
