import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import { useList, useWrite } from '../../api/hooks.ts';
import type { Schemas } from '../../api/openapi.ts';
import { FormDrawer } from '../../components/FormDrawer.tsx';

export type Webhook = Schemas['Webhook'];
export type WebhookWithSecret = Schemas['WebhookWithSecret'];
type EventKind = Schemas['NotificationKind'];

interface WebhookValues {
  url: string;
  description?: string | null;
  /** The kinds chosen, or ['*'] for every kind. */
  events: string[];
  active: boolean;
}

/** The same check the server makes, so a bad URL is named before saving. */
function urlProblem(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Use an http or https URL';
    if (url.username || url.password) return 'No user name or password in the URL: the signature authenticates Tollgate';
    if (url.hash) return 'No fragment (#…) in the URL';
    return null;
  } catch {
    return 'Enter an absolute URL, e.g. https://hooks.example.com/tollgate';
  }
}

/** Registers a webhook or changes one: its URL, description, event kinds and whether it is active. */
export function WebhookDrawer({
  webhook,
  onClose,
  onCreated,
}: {
  webhook: Webhook | 'new' | null;
  onClose: () => void;
  onCreated: (created: WebhookWithSecret) => void;
}) {
  const [form] = Form.useForm<WebhookValues>();
  const kinds = useList<EventKind>('/notification-kinds', undefined, webhook !== null);
  const editing = webhook && webhook !== 'new' ? webhook : null;
  const save = useWrite(
    (values: WebhookValues) =>
      editing
        ? api.patch<Webhook>(`/webhooks/${editing.id}`, {
            ...values,
            description: values.description || null,
            version: editing.version,
          })
        : api.post<WebhookWithSecret>('/webhooks', { ...values, description: values.description || null }),
    ['/webhooks'],
  );
  useEffect(() => {
    if (webhook === null) return;
    form.setFieldsValue(
      editing
        ? { url: editing.url, description: editing.description, events: editing.events, active: editing.active }
        : { url: '', description: '', events: ['*'], active: true },
    );
  }, [webhook, editing, form]);

  const options = [
    { label: 'Every kind (*)', value: '*' },
    // Test events reach a webhook when the admin sends one, subscribed or not.
    ...(kinds.data ?? [])
      .filter((k) => k.kind !== 'webhook.test')
      .map((k) => ({ label: `${k.label} (${k.kind})`, value: k.kind })),
  ];
  return (
    <FormDrawer<WebhookValues>
      title={editing ? 'Change webhook' : 'New webhook'}
      open={webhook !== null}
      onClose={onClose}
      submitLabel={editing ? 'Save' : 'Register webhook'}
      pending={save.isPending}
      form={form}
      width={560}
      onFinish={async (values) => {
        const saved = await save.mutateAsync(values);
        onClose();
        if (!editing) onCreated(saved as WebhookWithSecret);
      }}
    >
      <Form.Item
        label="URL"
        name="url"
        extra="Tollgate POSTs each event here as JSON, signed in the X-Tollgate-Signature header."
        rules={[
          { required: true, whitespace: true, message: 'Enter the URL' },
          { validator: async (_, value: string) => (value && urlProblem(value) ? Promise.reject(urlProblem(value)) : undefined) },
        ]}
      >
        <Input placeholder="https://hooks.example.com/tollgate" autoFocus inputMode="url" />
      </Form.Item>
      <Form.Item label="Description" name="description" rules={[{ max: 500, message: 'At most 500 characters' }]}>
        <Input placeholder="What receives it, e.g. the reporting warehouse" />
      </Form.Item>
      <Form.Item
        label="Events"
        name="events"
        extra="Every kind, or the kinds this receiver handles."
        rules={[{ required: true, type: 'array', min: 1, message: 'Choose at least one kind' }]}
        normalize={(next: string[], prev: string[] = []) =>
          next.includes('*') && !prev.includes('*') ? ['*'] : next.filter((k) => k !== '*' || next.length === 1)
        }
      >
        <Select mode="multiple" options={options} loading={kinds.isLoading} aria-label="Events" optionFilterProp="label" />
      </Form.Item>
      <Form.Item
        label="Active"
        name="active"
        valuePropName="checked"
        extra="An inactive webhook receives nothing but test events."
      >
        <Switch />
      </Form.Item>
    </FormDrawer>
  );
}

/** The signing secret, shown once after registering or rotating. */
export function SecretModal({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret ?? '');
      message.success('Secret copied to the clipboard.');
    } catch {
      message.warning('Copying is not allowed here: select the secret and copy it by hand.');
    }
  };
  return (
    <Modal
      title="The webhook's signing secret"
      open={secret !== null}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          I have stored it
        </Button>
      }
    >
      <Alert type="warning" showIcon title="Copy it now: it is shown only once." style={{ marginBottom: 12 }} />
      <Typography.Paragraph>
        The receiver checks each delivery: <Typography.Text code>v1</Typography.Text> in{' '}
        <Typography.Text code>X-Tollgate-Signature: t=…,v1=…</Typography.Text> is the hex HMAC-SHA256 of{' '}
        <Typography.Text code>&lt;t&gt;.&lt;body&gt;</Typography.Text> keyed with this secret.
      </Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input readOnly value={secret ?? ''} aria-label="Signing secret" onFocus={(e) => e.currentTarget.select()} />
        <Button icon={<CopyOutlined />} onClick={copy}>
          Copy
        </Button>
      </Space.Compact>
    </Modal>
  );
}
