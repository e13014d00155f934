import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Popconfirm, Table } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { useList, useWrite } from '../../api/hooks.ts';
import type { Absence } from '../../api/resources.ts';
import { FormModal } from '../../components/FormDrawer.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { formatDate } from '../../lib/format.ts';

type Values = Pick<Absence, 'startsOn' | 'endsOn' | 'reason'>;

const workdaysLabel = (a: Absence) => {
  const days = Math.round((Date.parse(a.endsOn) - Date.parse(a.startsOn)) / 86_400_000) + 1;
  return `${days} day${days === 1 ? '' : 's'}`;
};

/** A person's absences (leave, training, sickness): they lower the capacity of the months they touch. */
export function AbsencesCard({ personId, manage }: { personId: string; manage: boolean }) {
  const path = `/people/${personId}/absences`;
  const absences = useList<Absence>(path);
  const [editing, setEditing] = useState<Absence | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useServerErrors(form);
  const save = useWrite(
    (v: Values) =>
      editing === 'new'
        ? api.post<Absence>(path, v)
        : api.patch<Absence>(`/absences/${(editing as Absence).id}`, { ...v, version: (editing as Absence).version }),
    ['/people', '/resources'],
  );
  const remove = useWrite(
    (a: Absence) => api.delete(`/absences/${a.id}`, { query: { version: a.version } }),
    ['/people', '/resources'],
  );
  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing !== 'new') form.setFieldsValue(editing);
  }, [editing, form]);

  return (
    <Card
      title="Absences"
      extra={
        manage && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            Add absence
          </Button>
        )
      }
    >
      {absences.error && <ErrorAlert error={absences.error} onRetry={() => absences.refetch()} />}
      <Table<Absence>
        rowKey="id"
        size="small"
        loading={absences.isLoading}
        dataSource={absences.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: 'No absences recorded.' }}
        columns={[
          {
            title: 'From',
            dataIndex: 'startsOn',
            sorter: (a, b) => a.startsOn.localeCompare(b.startsOn),
            defaultSortOrder: 'descend',
            render: (v: string) => formatDate(v),
          },
          { title: 'To', dataIndex: 'endsOn', render: (v: string) => formatDate(v) },
          { title: 'Length', key: 'length', render: (_, a) => workdaysLabel(a) },
          { title: 'Reason', dataIndex: 'reason' },
          ...(manage
            ? [
                {
                  title: <span className="tg-visually-hidden">Actions</span>,
                  key: 'actions',
                  render: (_: unknown, a: Absence) => (
                    <Flex gap={8}>
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing(a)}
                        aria-label={`Edit absence from ${formatDate(a.startsOn)}`}
                      />
                      <Popconfirm
                        title="Remove this absence?"
                        okText="Remove"
                        okButtonProps={{ danger: true }}
                        onConfirm={async () => {
                          try {
                            await remove.mutateAsync(a);
                            message.success('Absence removed.');
                          } catch (err) {
                            showError(err);
                          }
                        }}
                      >
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={`Remove absence from ${formatDate(a.startsOn)}`}
                        />
                      </Popconfirm>
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<Values>
        title={editing === 'new' ? 'Add absence' : 'Edit absence'}
        open={editing !== null}
        onClose={() => setEditing(null)}
        submitLabel="Save"
        pending={save.isPending}
        form={form}
        onFinish={async (v) => {
          await save.mutateAsync({ ...v, reason: v.reason.trim() });
          message.success('Absence saved.');
          setEditing(null);
        }}
      >
        <Flex gap={16}>
          <Form.Item
            label="First day"
            name="startsOn"
            rules={[{ required: true, message: 'Enter the first day' }]}
            style={{ flex: 1 }}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            label="Last day"
            name="endsOn"
            dependencies={['startsOn']}
            style={{ flex: 1 }}
            rules={[
              { required: true, message: 'Enter the last day' },
              ({ getFieldValue }) => ({
                validator: (_, v: string | undefined) =>
                  !v || !getFieldValue('startsOn') || v >= getFieldValue('startsOn')
                    ? Promise.resolve()
                    : Promise.reject(new Error('Must not be before the first day')),
              }),
            ]}
          >
            <Input type="date" />
          </Form.Item>
        </Flex>
        <Form.Item
          label="Reason"
          name="reason"
          rules={[{ required: true, whitespace: true, message: 'Give a reason, e.g. Annual leave' }, { max: 500 }]}
        >
          <Input placeholder="Annual leave, training, sickness…" />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
