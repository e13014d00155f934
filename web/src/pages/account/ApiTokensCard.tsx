import { CopyOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useList, useWrite } from '../../api/hooks.ts';
import type { ApiToken } from '../../api/types.ts';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { FormModal } from '../../components/FormDrawer.tsx';

type Created = ApiToken & { token: string };

export function ApiTokensCard() {
  const tokens = useList<ApiToken>('/auth/tokens');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const showError = useServerErrors(form);
  const create = useWrite((name: string) => api.post<Created>('/auth/tokens', { name }), ['/auth/tokens']);
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
        acts with your roles.
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
          { title: 'Created', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          { title: 'Last used', dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? formatDateTime(v) : 'Never') },
          {
            title: 'Status',
            key: 'status',
            render: (_, t) => (t.revokedAt ? <Tag>Revoked</Tag> : <Tag color="green">Active</Tag>),
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
      <FormModal<{ name: string }>
        title="New API token"
        open={creating}
        onClose={() => setCreating(false)}
        submitLabel="Create token"
        pending={create.isPending}
        form={form}
        onFinish={async ({ name }) => {
          const token = await create.mutateAsync(name);
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
