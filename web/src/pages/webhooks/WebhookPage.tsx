import { DeleteOutlined, EditOutlined, KeyOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { usePagedList, useRecord, useWrite } from '../../api/hooks.ts';
import type { Schemas } from '../../api/openapi.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { RecordHistory } from '../../components/RecordHistory.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { formatDateTime, plural } from '../../lib/format.ts';
import { SecretModal, type Webhook, type WebhookWithSecret, WebhookDrawer } from './WebhookForm.tsx';
import { DeliveryTag } from './WebhooksPage.tsx';

type Delivery = Schemas['WebhookDelivery'];

/** One webhook: its settings, its actions (test event, new secret, change, delete) and its delivery log. */
export default function WebhookPage() {
  const { id = '' } = useParams();
  const webhook = useRecord<Webhook>(`/webhooks/${id}`);
  const log = usePagedList<Delivery>(`/webhooks/${id}/deliveries`, {}, { noun: (n) => plural(n, 'attempt') });
  const { message } = App.useApp();
  const showError = useServerErrors();
  const navigate = useNavigate();
  const [editing, setEditing] = useState<Webhook | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const test = useWrite(() => api.post<{ eventId: string }>(`/webhooks/${id}/test`), ['/webhooks']);
  const rotate = useWrite(() => api.post<WebhookWithSecret>(`/webhooks/${id}/rotate-secret`), ['/webhooks']);
  const remove = useWrite((version: number) => api.delete(`/webhooks/${id}`, { query: { version } }), ['/webhooks']);

  if (webhook.error) return <ErrorAlert error={webhook.error} onRetry={() => webhook.refetch()} />;
  const hook = webhook.data;
  return (
    <>
      <PageHeader
        title={hook?.description || 'Webhook'}
        subtitle={hook?.url}
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Webhooks', to: '/admin/webhooks' }, { title: 'Webhook' }]}
        tags={hook && (hook.active ? <Tag color="green">Active</Tag> : <Tag>Inactive</Tag>)}
        extra={
          hook && (
            <Flex gap={8} wrap>
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={test.isPending}
                onClick={async () => {
                  try {
                    await test.mutateAsync(undefined);
                    message.success('Test event queued: its attempts appear in the delivery log.');
                  } catch (err) {
                    showError(err);
                  }
                }}
              >
                Send a test event
              </Button>
              <Button icon={<EditOutlined />} onClick={() => setEditing(hook)}>
                Change
              </Button>
              <Popconfirm
                title="Replace the signing secret?"
                description="Deliveries are signed with the new secret at once; update the receiver."
                okText="Rotate secret"
                onConfirm={async () => {
                  try {
                    setSecret((await rotate.mutateAsync(undefined)).secret);
                  } catch (err) {
                    showError(err);
                  }
                }}
              >
                <Button icon={<KeyOutlined />}>Rotate secret</Button>
              </Popconfirm>
              <Popconfirm
                title="Delete this webhook?"
                description="Its delivery log goes with it; queued deliveries are dropped."
                okText="Delete"
                okButtonProps={{ danger: true }}
                onConfirm={async () => {
                  try {
                    await remove.mutateAsync(hook.version);
                    message.success('Webhook deleted.');
                    navigate('/admin/webhooks');
                  } catch (err) {
                    showError(err);
                  }
                }}
              >
                <Button danger icon={<DeleteOutlined />}>
                  Delete
                </Button>
              </Popconfirm>
            </Flex>
          )
        }
      />
      <Flex vertical gap={16}>
        <Card loading={webhook.isLoading} title="Settings">
          {hook && (
            <Descriptions
              column={{ xs: 1, md: 2 }}
              items={[
                {
                  key: 'url',
                  label: 'URL',
                  children: <Typography.Text style={{ wordBreak: 'break-all' }}>{hook.url}</Typography.Text>,
                },
                {
                  key: 'events',
                  label: 'Events',
                  children: hook.events.includes('*') ? 'Every kind' : hook.events.join(', '),
                },
                { key: 'created', label: 'Registered', children: formatDateTime(hook.createdAt) },
                { key: 'updated', label: 'Last changed', children: formatDateTime(hook.updatedAt) },
              ]}
            />
          )}
        </Card>
        <Card
          title="Delivery log"
          extra={
            <Flex gap={8}>
              <Button icon={<ReloadOutlined />} onClick={() => log.refetch()} loading={log.isFetching}>
                Refresh
              </Button>
              <ExportButton path="/api/v1/webhooks/{id}/deliveries" params={{ id }} />
            </Flex>
          }
        >
          {log.error && <ErrorAlert error={log.error} onRetry={() => log.refetch()} />}
          <Table<Delivery>
            rowKey="id"
            size="small"
            loading={log.isLoading}
            dataSource={log.items}
            pagination={log.pagination}
            locale={{ emptyText: 'Nothing delivered yet. Send a test event to try the receiver.' }}
            columns={[
              { title: 'At', dataIndex: 'at', render: (v: string) => formatDateTime(v) },
              { title: 'Event', dataIndex: 'kind' },
              { title: 'Attempt', dataIndex: 'attempt' },
              {
                title: 'Answer',
                key: 'answer',
                render: (_, d) => <DeliveryTag statusCode={d.statusCode} ok={d.ok} />,
              },
              { title: 'Duration', dataIndex: 'durationMs', render: (ms: number) => `${ms} ms` },
              { title: 'Error', dataIndex: 'error', render: (e: string | null) => e ?? '—' },
              {
                title: 'Event id',
                dataIndex: 'eventId',
                render: (e: string) => <Typography.Text code>{e.slice(0, 8)}</Typography.Text>,
              },
            ]}
          />
        </Card>
        {hook && <RecordHistory entityType="webhook" entityId={hook.id} />}
      </Flex>
      <WebhookDrawer webhook={editing} onClose={() => setEditing(null)} onCreated={() => {}} />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
