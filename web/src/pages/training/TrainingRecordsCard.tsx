import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Popconfirm, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { useList, useWrite } from '../../api/hooks.ts';
import type { TrainingRecord } from '../../api/training.ts';
import { FormModal } from '../../components/FormDrawer.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { CourseSelect } from '../../components/resourcePickers.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { expiryState, todayIso } from '../../lib/capacity.ts';
import { formatDate } from '../../lib/format.ts';
import { Evidence, ExpiryTag } from './trainingTags.tsx';

interface Values {
  courseId: string;
  completedOn: string;
  expiresOn: string | null;
  evidence: string;
}

/** A person's completed courses, with their expiry and evidence. */
export function TrainingRecordsCard({ personId, manage }: { personId: string; manage: boolean }) {
  const path = `/people/${personId}/training-records`;
  const records = useList<TrainingRecord>(path);
  const [editing, setEditing] = useState<TrainingRecord | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useServerErrors(form);
  const isNew = editing === 'new';
  const save = useWrite(
    (v: Values) => {
      const expiresOn = v.expiresOn || undefined;
      if (isNew)
        return api.post<TrainingRecord>(path, {
          courseId: v.courseId,
          completedOn: v.completedOn,
          expiresOn,
          evidence: v.evidence.trim(),
        });
      const before = editing as TrainingRecord;
      return api.patch<TrainingRecord>(`/training-records/${before.id}`, {
        version: before.version,
        completedOn: v.completedOn,
        // Without an expiry, a new completion date lets the server count it from the course's validity.
        ...(expiresOn ? { expiresOn } : {}),
        evidence: v.evidence.trim(),
      });
    },
    ['/people', '/training', '/courses'],
  );
  const remove = useWrite(
    (r: TrainingRecord) => api.delete(`/training-records/${r.id}`, { query: { version: r.version } }),
    ['/people', '/training'],
  );
  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    if (editing === 'new') form.setFieldsValue({ completedOn: todayIso() });
    else form.setFieldsValue({ ...editing, courseId: editing.course.id, evidence: editing.evidence ?? '' });
  }, [editing, form]);

  const today = todayIso();
  // An older completion of a course taken again later no longer matters: it reads "renewed", not "expired".
  const latest = new Map<string, TrainingRecord>();
  for (const r of records.data ?? []) {
    const seen = latest.get(r.course.id);
    if (!seen || r.completedOn > seen.completedOn) latest.set(r.course.id, r);
  }
  const renewed = (r: TrainingRecord) => latest.get(r.course.id)?.id !== r.id;
  return (
    <Card
      title="Training records"
      extra={
        manage && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            Record training
          </Button>
        )
      }
    >
      {records.error && <ErrorAlert error={records.error} onRetry={() => records.refetch()} />}
      <Table<TrainingRecord>
        rowKey="id"
        size="small"
        loading={records.isLoading}
        dataSource={records.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: 'No training recorded.' }}
        columns={[
          {
            title: 'Course',
            key: 'course',
            sorter: (a, b) => a.course.code.localeCompare(b.course.code),
            render: (_, r) => `${r.course.code} · ${r.course.title}`,
          },
          {
            title: 'Completed',
            dataIndex: 'completedOn',
            sorter: (a, b) => a.completedOn.localeCompare(b.completedOn),
            defaultSortOrder: 'descend',
            render: (v: string) => formatDate(v),
          },
          { title: 'Expires', dataIndex: 'expiresOn', render: (v: string | null) => formatDate(v) },
          {
            title: 'Status',
            key: 'status',
            filters: [
              { text: 'Expired', value: 'expired' },
              { text: 'Expiring within 90 days', value: 'expiring' },
            ],
            onFilter: (v, r) => !renewed(r) && expiryState(r.expiresOn, today).state === v,
            render: (_, r) => (renewed(r) ? <Tag>Renewed</Tag> : <ExpiryTag expiresOn={r.expiresOn} />),
          },
          { title: 'Evidence', dataIndex: 'evidence', render: (e: string | null) => <Evidence text={e} /> },
          ...(manage
            ? [
                {
                  title: <span className="tg-visually-hidden">Actions</span>,
                  key: 'actions',
                  render: (_: unknown, r: TrainingRecord) => (
                    <Flex gap={8}>
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing(r)}
                        aria-label={`Edit ${r.course.code} record`}
                      />
                      <Popconfirm
                        title={`Remove this ${r.course.code} record?`}
                        description="Only for a record made in error."
                        okText="Remove"
                        okButtonProps={{ danger: true }}
                        onConfirm={async () => {
                          try {
                            await remove.mutateAsync(r);
                            message.success('Training record removed.');
                          } catch (err) {
                            showError(err);
                          }
                        }}
                      >
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={`Remove ${r.course.code} record`} />
                      </Popconfirm>
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<Values>
        title={isNew ? 'Record training' : 'Edit training record'}
        open={editing !== null}
        onClose={() => setEditing(null)}
        submitLabel="Save"
        pending={save.isPending}
        form={form}
        onFinish={async (v) => {
          await save.mutateAsync(v);
          message.success('Training record saved.');
          setEditing(null);
        }}
      >
        <Form.Item label="Course" name="courseId" rules={[{ required: true, message: 'Choose a course' }]}>
          <CourseSelect disabled={!isNew} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item
            label="Completed on"
            name="completedOn"
            rules={[{ required: true, message: 'Enter the date' }]}
            style={{ flex: 1 }}
          >
            <Input type="date" max={today} />
          </Form.Item>
          <Form.Item
            label="Expires on"
            name="expiresOn"
            style={{ flex: 1 }}
            extra="Leave empty to count the course's validity from completion."
            dependencies={['completedOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v: string | null | undefined) =>
                  !v || !getFieldValue('completedOn') || v > getFieldValue('completedOn')
                    ? Promise.resolve()
                    : Promise.reject(new Error('Must be after the completion')),
              }),
            ]}
          >
            <Input type="date" />
          </Form.Item>
        </Flex>
        <Form.Item
          label="Evidence"
          name="evidence"
          rules={[
            { required: true, whitespace: true, message: 'Link or reference the certificate or attendance record' },
            { max: 2000 },
          ]}
        >
          <Input placeholder="https://… or a certificate number" />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
