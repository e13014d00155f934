import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, InputNumber, Popconfirm, Select, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import {
  DELEGATION_APPROVERS,
  DELEGATION_SUBJECTS,
  MEASURES_BY_SUBJECT,
  type PmoDetail,
  type Threshold,
} from '../../api/domain.ts';
import { useWrite } from '../../api/hooks.ts';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { currencySymbol, formatMoney, humanize, plural } from '../../lib/format.ts';
import { FormModal } from '../../components/FormDrawer.tsx';

type Values = Pick<Threshold, 'subject' | 'measure' | 'upTo' | 'approver'>;

const APPROVER_LABELS: Record<string, string> = {
  pmo_analyst: 'PMO analyst',
  pmo_lead: 'PMO lead',
  reporting_executive: 'Executive the PMO reports to',
  ceo: 'CEO',
};

export function formatThreshold(measure: string, upTo: number): string {
  switch (measure) {
    case 'percent_of_bac':
      return `${upTo} % of BAC`;
    case 'amount':
      return formatMoney(upTo);
    case 'days':
      return plural(upTo, 'day');
    case 'count':
      return plural(upTo, 'person', 'people');
    default:
      return `score ${upTo}`;
  }
}

/** Delegation of authority: up to which size of change each approver may decide. */
export function ThresholdsTab({ pmo }: { pmo: PmoDetail }) {
  const [editing, setEditing] = useState<Threshold | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useServerErrors(form);
  const base = `/pmos/${pmo.id}/thresholds`;
  const save = useWrite(
    (v: Values) =>
      editing === 'new'
        ? api.post<Threshold>(base, v)
        : api.patch<Threshold>(`${base}/${(editing as Threshold).id}`, { ...v, version: (editing as Threshold).version }),
    ['/pmos'],
  );
  const remove = useWrite((t: Threshold) => api.delete(`${base}/${t.id}`), ['/pmos']);
  const subject = Form.useWatch('subject', form);
  const measures = subject ? MEASURES_BY_SUBJECT[subject] : [];
  const measure = Form.useWatch('measure', form);

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    form.setFieldsValue(
      editing === 'new' ? { subject: 'budget_increase', measure: 'percent_of_bac', approver: 'pmo_lead' } : editing,
    );
  }, [editing, form]);

  const sorted = [...pmo.thresholds].sort((a, b) => a.subject.localeCompare(b.subject) || a.upTo - b.upTo);
  return (
    <Card
      title="Delegation of authority"
      extra={
        pmo.canEdit && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            Add threshold
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        A change up to a threshold may be approved by the named approver; above every band, the executive this PMO reports to
        decides as well.
      </Typography.Paragraph>
      <Table<Threshold>
        rowKey="id"
        dataSource={sorted}
        pagination={false}
        locale={{ emptyText: 'No thresholds: every change goes to the reporting executive.' }}
        columns={[
          {
            title: 'Change',
            dataIndex: 'subject',
            filters: DELEGATION_SUBJECTS.map((s) => ({ text: humanize(s), value: s })),
            onFilter: (v, t) => t.subject === v,
            render: humanize,
          },
          {
            title: 'Up to',
            key: 'upTo',
            sorter: (a, b) => a.upTo - b.upTo,
            render: (_, t) => formatThreshold(t.measure, t.upTo),
          },
          { title: 'Approved by', dataIndex: 'approver', render: (a: string) => APPROVER_LABELS[a] ?? humanize(a) },
          ...(pmo.canEdit
            ? [
                {
                  title: <span className="tg-visually-hidden">Actions</span>,
                  key: 'actions',
                  render: (_: unknown, t: Threshold) => (
                    <Flex gap={8}>
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing(t)}
                        aria-label={`Edit ${humanize(t.subject)} threshold`}
                      >
                        Edit
                      </Button>
                      <Popconfirm
                        title="Remove this threshold?"
                        okText="Remove"
                        okButtonProps={{ danger: true }}
                        onConfirm={async () => {
                          try {
                            await remove.mutateAsync(t);
                            message.success('Threshold removed.');
                          } catch (err) {
                            showError(err);
                          }
                        }}
                      >
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={`Remove ${humanize(t.subject)} threshold`}
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
        title={editing === 'new' ? 'Add threshold' : 'Edit threshold'}
        open={editing !== null}
        onClose={() => setEditing(null)}
        submitLabel="Save"
        pending={save.isPending}
        form={form}
        formProps={{
          onValuesChange: (changed) => {
            if (changed.subject) form.setFieldValue('measure', MEASURES_BY_SUBJECT[changed.subject as Values['subject']][0]);
          },
        }}
        onFinish={async (v) => {
          await save.mutateAsync(v);
          message.success('Threshold saved.');
          setEditing(null);
        }}
      >
        <Form.Item label="Kind of change" name="subject" rules={[{ required: true }]}>
          <Select options={DELEGATION_SUBJECTS.map((s) => ({ value: s, label: humanize(s) }))} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item label="Measured in" name="measure" rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={measures.map((m) => ({ value: m, label: humanize(m).replace('bac', 'BAC') }))} />
          </Form.Item>
          <Form.Item
            label="Up to"
            name="upTo"
            rules={[
              { required: true, message: 'Enter the upper bound' },
              { type: 'number', min: 0, message: 'Must not be negative' },
            ]}
            style={{ flex: 1 }}
          >
            <InputNumber
              style={{ width: '100%' }}
              prefix={measure === 'amount' ? currencySymbol() : undefined}
              suffix={measure === 'percent_of_bac' ? '%' : measure === 'days' ? 'days' : undefined}
            />
          </Form.Item>
        </Flex>
        <Form.Item label="Approved by" name="approver" rules={[{ required: true }]}>
          <Select options={DELEGATION_APPROVERS.map((a) => ({ value: a, label: APPROVER_LABELS[a] }))} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
