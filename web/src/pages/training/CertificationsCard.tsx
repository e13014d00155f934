import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Popconfirm, Table } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { useList, useWrite } from '../../api/hooks.ts';
import type { Certification } from '../../api/training.ts';
import { FormModal } from '../../components/FormDrawer.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { formatDate } from '../../lib/format.ts';
import { Evidence, ExpiryTag } from './trainingTags.tsx';

type Values = Pick<Certification, 'name' | 'issuer' | 'credentialId' | 'obtainedOn' | 'expiresOn' | 'evidence'>;

const blank = (s: string | null | undefined) => s?.trim() || null;

/** External certifications (PMP, PRINCE2, …) a person holds. */
export function CertificationsCard({ personId, manage }: { personId: string; manage: boolean }) {
  const path = `/people/${personId}/certifications`;
  const certs = useList<Certification>(path);
  const [editing, setEditing] = useState<Certification | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useServerErrors(form);
  const save = useWrite(
    (v: Values) => {
      const body = {
        name: v.name.trim(),
        issuer: v.issuer.trim(),
        credentialId: blank(v.credentialId),
        obtainedOn: v.obtainedOn,
        expiresOn: v.expiresOn || null,
        evidence: blank(v.evidence),
      };
      return editing === 'new'
        ? api.post<Certification>(path, body)
        : api.patch<Certification>(`/certifications/${(editing as Certification).id}`, {
            ...body,
            version: (editing as Certification).version,
          });
    },
    ['/people'],
  );
  const remove = useWrite(
    (c: Certification) => api.delete(`/certifications/${c.id}`, { query: { version: c.version } }),
    ['/people'],
  );
  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing !== 'new') form.setFieldsValue(editing);
  }, [editing, form]);

  return (
    <Card
      title="Certifications"
      extra={
        manage && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            Add certification
          </Button>
        )
      }
    >
      {certs.error && <ErrorAlert error={certs.error} onRetry={() => certs.refetch()} />}
      <Table<Certification>
        rowKey="id"
        size="small"
        loading={certs.isLoading}
        dataSource={certs.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: 'No external certifications recorded.' }}
        columns={[
          {
            title: 'Certification',
            dataIndex: 'name',
            sorter: (a, b) => a.name.localeCompare(b.name),
            render: (n: string, c) => (c.credentialId ? `${n} (${c.credentialId})` : n),
          },
          { title: 'Issuer', dataIndex: 'issuer' },
          {
            title: 'Obtained',
            dataIndex: 'obtainedOn',
            sorter: (a, b) => a.obtainedOn.localeCompare(b.obtainedOn),
            render: (v: string) => formatDate(v),
          },
          { title: 'Status', key: 'status', render: (_, c) => <ExpiryTag expiresOn={c.expiresOn} /> },
          { title: 'Evidence', dataIndex: 'evidence', render: (e: string | null) => <Evidence text={e} /> },
          ...(manage
            ? [
                {
                  title: <span className="tg-visually-hidden">Actions</span>,
                  key: 'actions',
                  render: (_: unknown, c: Certification) => (
                    <Flex gap={8}>
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`} />
                      <Popconfirm
                        title={`Remove ${c.name}?`}
                        okText="Remove"
                        okButtonProps={{ danger: true }}
                        onConfirm={async () => {
                          try {
                            await remove.mutateAsync(c);
                            message.success('Certification removed.');
                          } catch (err) {
                            showError(err);
                          }
                        }}
                      >
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={`Remove ${c.name}`} />
                      </Popconfirm>
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<Values>
        title={editing === 'new' ? 'Add certification' : 'Edit certification'}
        open={editing !== null}
        onClose={() => setEditing(null)}
        submitLabel="Save"
        pending={save.isPending}
        form={form}
        onFinish={async (v) => {
          await save.mutateAsync(v);
          message.success('Certification saved.');
          setEditing(null);
        }}
      >
        <Flex gap={16}>
          <Form.Item
            label="Name"
            name="name"
            style={{ flex: 1 }}
            rules={[{ required: true, whitespace: true, message: 'Enter a name, e.g. PMP' }, { max: 200 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item label="Credential ID" name="credentialId" style={{ flex: 1 }} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
        </Flex>
        <Form.Item
          label="Issuer"
          name="issuer"
          rules={[{ required: true, whitespace: true, message: 'Enter the issuer' }, { max: 200 }]}
        >
          <Input placeholder="Project Management Institute, AXELOS…" />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item
            label="Obtained on"
            name="obtainedOn"
            style={{ flex: 1 }}
            rules={[{ required: true, message: 'Enter the date' }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            label="Expires on"
            name="expiresOn"
            style={{ flex: 1 }}
            extra="Leave empty if it does not expire."
            dependencies={['obtainedOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v: string | null | undefined) =>
                  !v || !getFieldValue('obtainedOn') || v > getFieldValue('obtainedOn')
                    ? Promise.resolve()
                    : Promise.reject(new Error('Must be after the date obtained')),
              }),
            ]}
          >
            <Input type="date" />
          </Form.Item>
        </Flex>
        <Form.Item label="Evidence" name="evidence" rules={[{ max: 2000 }]}>
          <Input placeholder="https://… or a reference" />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
