import { CopyOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useList, useWrite } from '../../api/hooks.ts';
import type { TokenScope } from '../../api/session.ts';
import type { Schemas } from '../../api/openapi.ts';
import type { ApiToken } from '../../api/types.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { FormModal } from '../../components/FormDrawer.tsx';

type Created = Schemas['CreatedApiToken'];

/** How long a new token lives: a number of days, a chosen day, or for good. */
type Lifetime = '30' | '90' | '365' | 'date' | 'never';

interface NewToken {
  name: string;
  scope: TokenScope;
  lifetime: Lifetime;
  /** The last day it works (UTC), when `lifetime` is 'date'; named as the API names it, so its errors land here. */
  expiresAt?: string | null;
}

const DAY_MS = 86_400_000;

/** An ISO day (UTC) `days` from now: the server reads a day as "through that day, UTC". */
function isoDayFromNow(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The latest last day the server accepts: the same day next year. */
function latestLastDay(): string {
  const next = new Date();
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  return next.toISOString().slice(0, 10);
}

/** The API's `expiresAt` for the form's choice. */
export function expiresAtOf(lifetime: Lifetime, lastDay: string | null | undefined): string | null {
  if (lifetime === 'never') return null;
  if (lifetime === 'date') return lastDay ?? null;
  return isoDayFromNow(Number(lifetime));
}

function isExpired(t: ApiToken): boolean {
  return t.expiresAt !== null && Date.parse(t.expiresAt) <= Date.now();
}

export function ApiTokensCard() {
  const tokens = useList<ApiToken>('/auth/tokens');
  const { message } = App.useApp();
  const [form] = Form.useForm<NewToken>();
  const lifetime = Form.useWatch('lifetime', form);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const showError = useServerErrors(form);
  const create = useWrite(
    (values: NewToken) =>
      api.post<Created>('/auth/tokens', {
        name: values.name,
        scope: values.scope,
        expiresAt: expiresAtOf(values.lifetime, values.expiresAt),
      }),
    ['/auth/tokens'],
  );
  const revoke = useWrite((id: string) => api.delete(`/auth/tokens/${id}`), ['/auth/tokens']);

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      message.success('Token copied to the clipboard.');
    } catch {
      message.warning('Copying is not allowed here: select the token and copy it by hand.');
    }
  };

  return (
    <Card
      title={
        <Space>
          <KeyOutlined aria-hidden />
          API tokens
        </Space>
      }
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          New token
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        Scripts and integrations send a token as <Typography.Text code>Authorization: Bearer &lt;token&gt;</Typography.Text>. It
        acts with your roles; a read-only token may only read. Changing your password revokes your tokens unless you choose
        otherwise.
      </Typography.Paragraph>
      {tokens.error && <ErrorAlert error={tokens.error} onRetry={() => tokens.refetch()} />}
      <Table<ApiToken>
        rowKey="id"
        size="small"
        loading={tokens.isLoading}
        dataSource={tokens.data ?? []}
        pagination={false}
        locale={{ emptyText: 'You have no API tokens.' }}
        columns={[
          { title: 'Name', dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
          { title: 'Starts with', dataIndex: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
          {
            title: 'Access',
            dataIndex: 'scope',
            filters: [
              { text: 'Read only', value: 'read' },
              { text: 'Read and write', value: 'write' },
            ],
            onFilter: (value, t) => t.scope === value,
            render: (scope: TokenScope) => (scope === 'read' ? <Tag color="blue">Read only</Tag> : <Tag>Read and write</Tag>),
          },
          { title: 'Created', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          { title: 'Expires', dataIndex: 'expiresAt', render: (v: string | null) => (v ? formatDateTime(v) : 'Never') },
          { title: 'Last used', dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? formatDateTime(v) : 'Never') },
          {
            title: 'Status',
            key: 'status',
            render: (_, t) =>
              t.revokedAt ? (
                <Tag>Revoked</Tag>
              ) : isExpired(t) ? (
                <Tag color="orange">Expired</Tag>
              ) : (
                <Tag color="green">Active</Tag>
              ),
          },
          {
            title: <span className="tg-visually-hidden">Actions</span>,
            key: 'actions',
            render: (_, t) =>
              !t.revokedAt && (
                <Popconfirm
                  title={`Revoke "${t.name}"?`}
                  description="Scripts using it stop working at once."
                  okText="Revoke"
                  okButtonProps={{ danger: true }}
                  onConfirm={async () => {
                    try {
                      await revoke.mutateAsync(t.id);
                      message.success(`Token "${t.name}" revoked.`);
                    } catch (err) {
                      showError(err);
                    }
                  }}
                >
                  <Button danger size="small">
                    Revoke
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <FormModal<NewToken>
        title="New API token"
        open={creating}
        onClose={() => setCreating(false)}
        submitLabel="Create token"
        pending={create.isPending}
        form={form}
        formProps={{ initialValues: { scope: 'write', lifetime: '90', expiresAt: null } }}
        onFinish={async (values) => {
          const token = await create.mutateAsync(values);
          setCreating(false);
          form.resetFields();
          setCreated(token);
        }}
      >
        <Form.Item
          label="Token name"
          name="name"
          extra="Say what uses it, e.g. “Nightly portfolio export”."
          rules={[
            { required: true, whitespace: true, message: 'Name the token' },
            { max: 100, message: 'At most 100 characters' },
          ]}
        >
          <Input autoFocus />
        </Form.Item>
        <Form.Item label="Access" name="scope">
          <Radio.Group
            options={[
              { label: 'Read and write: everything you may do', value: 'write' },
              { label: 'Read only: looks, never changes anything', value: 'read' },
            ]}
            style={{ display: 'grid', gap: 6 }}
          />
        </Form.Item>
        <Form.Item label="Expires" name="lifetime" extra="A token works at most a year ahead, or until you revoke it.">
          <Select<Lifetime>
            options={[
              { label: 'In 30 days', value: '30' },
              { label: 'In 90 days', value: '90' },
              { label: 'In a year', value: '365' },
              { label: 'After a day I choose', value: 'date' },
              { label: 'Never', value: 'never' },
            ]}
          />
        </Form.Item>
        {lifetime === 'date' && (
          <Form.Item
            label="Last day it works"
            name="expiresAt"
            extra="Through the end of that day (UTC)."
            rules={[{ required: true, message: 'Choose the last day' }]}
          >
            <DateInput min={isoDayFromNow(0)} max={latestLastDay()} allowClear={false} />
          </Form.Item>
        )}
      </FormModal>
      <Modal
        title="Your new API token"
        open={created !== null}
        onCancel={() => setCreated(null)}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            I have stored it
          </Button>
        }
      >
        <Alert type="warning" showIcon title="Copy it now: it is shown only once." style={{ marginBottom: 12 }} />
        {created && (
          <Typography.Paragraph>
            {created.scope === 'read' ? 'Read only' : 'Read and write'},{' '}
            {created.expiresAt ? `works until ${formatDateTime(created.expiresAt)}` : 'does not expire'}.
          </Typography.Paragraph>
        )}
        {created && (
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={created.token} aria-label="API token" onFocus={(e) => e.currentTarget.select()} />
            <Button icon={<CopyOutlined />} onClick={() => copy(created.token)}>
              Copy
            </Button>
          </Space.Compact>
        )}
      </Modal>
    </Card>
  );
}
