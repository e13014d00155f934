import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Modal, Select, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { PmoDetail } from '../../api/domain.ts';
import { useWrite } from '../../api/hooks.ts';
import { OrgUnitMultiSelect, PersonSelect } from '../../components/pickers.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { roleLabel } from '../../lib/format.ts';
import { EnterSubmits } from '../../components/EnterSubmits.tsx';

interface MembersValues {
  members: { personId: string; role: 'lead' | 'analyst' }[];
}

/** PMO members and their PMO roles; the lead edits the whole list at once. */
export function MembersTab({ pmo }: { pmo: PmoDetail }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<MembersValues>();
  const { message } = App.useApp();
  const showError = useServerErrors(form);
  const save = useWrite(
    (v: MembersValues) => api.put<PmoDetail>(`/pmos/${pmo.id}/members`, { version: pmo.version, members: v.members }),
    ['/pmos', '/people', '/me'],
  );
  const chosen = Form.useWatch('members', form) ?? [];
  useEffect(() => {
    if (open) form.setFieldsValue({ members: pmo.members.map((m) => ({ personId: m.personId, role: m.role })) });
  }, [open, pmo, form]);

  return (
    <Card
      title="Members"
      extra={
        pmo.canEdit && (
          <Button icon={<EditOutlined />} onClick={() => setOpen(true)}>
            Edit members
          </Button>
        )
      }
    >
      <Table
        rowKey="personId"
        dataSource={pmo.members}
        pagination={false}
        locale={{ emptyText: 'This PMO has no members yet.' }}
        columns={[
          {
            title: 'Name',
            dataIndex: 'name',
            sorter: (a, b) => a.name.localeCompare(b.name),
            render: (n: string, m) => <Link to={`/people/${m.personId}`}>{n}</Link>,
          },
          {
            title: 'PMO role',
            dataIndex: 'role',
            filters: [
              { text: 'Lead', value: 'lead' },
              { text: 'Analyst', value: 'analyst' },
            ],
            onFilter: (v, m) => m.role === v,
            render: (r: string) => <Tag color={r === 'lead' ? 'purple' : 'blue'}>{roleLabel(`pmo_${r}`)}</Tag>,
          },
          { title: 'Job title', dataIndex: 'jobTitle', render: (t: string | null) => t ?? '—' },
          { title: 'E-mail', dataIndex: 'email' },
        ]}
      />
      <Modal
        title="Edit members"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="Save members"
        confirmLoading={save.isPending}
        width={640}
        destroyOnHidden
      >
        <Form<MembersValues>
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            try {
              await save.mutateAsync(v);
              message.success('Members saved.');
              setOpen(false);
            } catch (err) {
              showError(err);
            }
          }}
        >
          <EnterSubmits />
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <Flex vertical gap={4}>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={12} align="flex-start">
                    <Form.Item
                      name={[field.name, 'personId']}
                      label={index === 0 ? 'Person' : undefined}
                      rules={[{ required: true, message: 'Choose a person' }]}
                      style={{ flex: 1, marginBottom: 8 }}
                    >
                      <PersonSelect
                        aria-label={`Member ${index + 1}`}
                        exclude={chosen.filter((_, i) => i !== index).map((c) => c?.personId)}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'role']}
                      label={index === 0 ? 'PMO role' : undefined}
                      rules={[{ required: true }]}
                      style={{ width: 140, marginBottom: 8 }}
                    >
                      <Select
                        aria-label={`PMO role of member ${index + 1}`}
                        options={[
                          { value: 'lead', label: 'Lead' },
                          { value: 'analyst', label: 'Analyst' },
                        ]}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={`Remove member ${index + 1}`}
                      onClick={() => remove(field.name)}
                      style={{ marginTop: index === 0 ? 30 : 0 }}
                    />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'analyst' })}>
                  Add a member
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}

/** The org units this PMO governs. */
export function ScopeTab({ pmo }: { pmo: PmoDetail }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ orgUnitIds: string[] }>();
  const { message } = App.useApp();
  const showError = useServerErrors(form);
  const save = useWrite(
    (orgUnitIds: string[]) => api.put<PmoDetail>(`/pmos/${pmo.id}/scope`, { version: pmo.version, orgUnitIds }),
    ['/pmos'],
  );
  useEffect(() => {
    if (open) form.setFieldsValue({ orgUnitIds: pmo.scope.map((s) => s.orgUnitId) });
  }, [open, pmo, form]);
  return (
    <Card
      title="Scope"
      extra={
        pmo.canEdit && (
          <Button icon={<EditOutlined />} onClick={() => setOpen(true)}>
            Edit scope
          </Button>
        )
      }
    >
      <Table
        rowKey="orgUnitId"
        dataSource={pmo.scope}
        pagination={false}
        locale={{ emptyText: 'This PMO governs no org units yet.' }}
        columns={[
          { title: 'Org unit', dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
          { title: 'Code', dataIndex: 'code' },
        ]}
      />
      <Modal
        title="Edit scope"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="Save scope"
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            try {
              await save.mutateAsync(v.orgUnitIds ?? []);
              message.success('Scope saved.');
              setOpen(false);
            } catch (err) {
              showError(err);
            }
          }}
        >
          <EnterSubmits />
          <Form.Item label="Org units governed" name="orgUnitIds">
            <OrgUnitMultiSelect />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
