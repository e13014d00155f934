import { Alert, App, Form, Input, InputNumber, Radio, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { useRecord, useWrite } from '../../api/hooks.ts';
import type { Allocation, OverAllocation, PersonCapacity } from '../../api/resources.ts';
import { FormModal } from '../../components/FormDrawer.tsx';
import { MonthSelect, PersonSelect, SkillSelect } from '../../components/pickers.tsx';
import { addMonths, currentMonth, formatFte, monthCount, monthLabel, toMonth } from '../../lib/capacity.ts';

interface Values {
  target: 'person' | 'skill';
  personId: string | null;
  skillId: string | null;
  startMonth: string;
  endMonth: string;
  fte: number;
  overrideReason?: string;
}

const fte2 = (n: number) => Math.round(n * 100) / 100;

/** The person's free capacity in the chosen months, and what this allocation would leave. */
function FreeCapacity({ capacity, fte, own }: { capacity: PersonCapacity; fte: number; own: (month: string) => number }) {
  return (
    <Table
      size="small"
      rowKey="month"
      pagination={false}
      style={{ maxHeight: 260, overflowY: 'auto' }}
      aria-label={`Free capacity of ${capacity.person.name}`}
      dataSource={capacity.months}
      columns={[
        { title: 'Month', dataIndex: 'month', render: monthLabel },
        { title: 'Capacity', dataIndex: 'capacityFte', align: 'right', render: formatFte },
        {
          title: 'Allocated',
          key: 'allocated',
          align: 'right',
          render: (_, m) => formatFte(fte2(m.allocatedFte - own(m.month))),
        },
        {
          title: 'Free',
          key: 'free',
          align: 'right',
          render: (_, m) => formatFte(fte2(m.capacityFte - m.allocatedFte + own(m.month))),
        },
        {
          title: 'Left after this',
          key: 'after',
          align: 'right',
          render: (_, m) => {
            const left = fte2(m.capacityFte - m.allocatedFte + own(m.month) - (fte || 0));
            return <Typography.Text type={left < 0 ? 'danger' : undefined}>{formatFte(left)}</Typography.Text>;
          },
        },
      ]}
    />
  );
}

/** The figures of a refused allocation, month by month. */
function OverAllocationFigures({ over, name }: { over: OverAllocation; name: string }) {
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={`${name} would be over-allocated in ${over.months.length} month${over.months.length === 1 ? '' : 's'}`}
      description={
        <>
          <Table
            size="small"
            rowKey="month"
            pagination={false}
            aria-label="Over-allocation by month"
            dataSource={over.months}
            style={{ margin: '8px 0' }}
            columns={[
              { title: 'Month', dataIndex: 'month', render: monthLabel },
              { title: 'Capacity', dataIndex: 'capacityFte', align: 'right', render: formatFte },
              { title: 'Already allocated', dataIndex: 'allocatedFte', align: 'right', render: formatFte },
              { title: 'Requested', dataIndex: 'requestedFte', align: 'right', render: formatFte },
              {
                title: 'Over by',
                dataIndex: 'overByFte',
                align: 'right',
                render: (v: number) => <Typography.Text type="danger">{formatFte(v)}</Typography.Text>,
              },
            ]}
          />
          {over.overrideAllowed
            ? 'As a lead of this project’s PMO you may allocate anyway: give the reason below.'
            : 'Only a lead of this project’s PMO can allocate beyond capacity. Lower the FTE or change the months.'}
        </>
      }
    />
  );
}

/** Add or edit an allocation; a refusal for over-allocation shows its figures and, for a PMO lead, an override. */
export function AllocationModal({
  projectId,
  allocation,
  onClose,
}: {
  projectId: string;
  allocation: Allocation | 'new' | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [over, setOver] = useState<OverAllocation | null>(null);
  const isNew = allocation === 'new';
  const existing = allocation && allocation !== 'new' ? allocation : null;

  const target = Form.useWatch('target', form);
  const personId = Form.useWatch('personId', form);
  const startMonth = Form.useWatch('startMonth', form);
  const endMonth = Form.useWatch('endMonth', form);
  const fte = Form.useWatch('fte', form);
  const rangeOk = Boolean(startMonth && endMonth && endMonth >= startMonth && monthCount(startMonth, endMonth) <= 36);
  const capacity = useRecord<PersonCapacity>(
    target === 'person' && personId && rangeOk ? `/people/${personId}/capacity?from=${startMonth}&to=${endMonth}` : null,
  );
  // When editing, the person's allocated figures include this allocation itself.
  const own = (month: string) =>
    existing?.person &&
    existing.person.id === personId &&
    month >= toMonth(existing.startMonth) &&
    month <= toMonth(existing.endMonth)
      ? existing.fte
      : 0;

  const save = useWrite(
    (v: Values) => {
      const body = {
        personId: v.target === 'person' ? v.personId : null,
        skillId: v.skillId ?? null,
        startMonth: v.startMonth,
        endMonth: v.endMonth,
        fte: v.fte,
        ...(over?.overrideAllowed && v.overrideReason ? { overrideReason: v.overrideReason } : {}),
      };
      return existing
        ? api.patch<Allocation>(`/allocations/${existing.id}`, { ...body, version: existing.version })
        : api.post<Allocation>('/allocations', { ...body, projectId });
    },
    ['/allocations', '/resources', '/people'],
  );

  useEffect(() => {
    if (!allocation) return;
    setOver(null);
    form.resetFields();
    if (allocation === 'new') {
      const now = currentMonth();
      form.setFieldsValue({ target: 'person', startMonth: now, endMonth: addMonths(now, 5), fte: 0.5 });
    } else {
      form.setFieldsValue({
        target: allocation.person ? 'person' : 'skill',
        personId: allocation.person?.id ?? null,
        skillId: allocation.skill?.id ?? null,
        startMonth: toMonth(allocation.startMonth),
        endMonth: toMonth(allocation.endMonth),
        fte: allocation.fte,
      });
    }
  }, [allocation, form]);

  const overriding = Boolean(over?.overrideAllowed);
  return (
    <FormModal<Values>
      title={isNew ? 'Add allocation' : 'Edit allocation'}
      open={allocation !== null}
      onClose={onClose}
      submitLabel={overriding ? 'Allocate anyway' : isNew ? 'Allocate' : 'Save'}
      okButtonProps={{ danger: overriding }}
      pending={save.isPending}
      form={form}
      width={720}
      formProps={{
        onValuesChange: (changed) => {
          if (over && Object.keys(changed).some((k) => k !== 'overrideReason')) setOver(null);
        },
      }}
      onFinish={async (v) => {
        try {
          await save.mutateAsync(v);
          message.success(over ? 'Allocated beyond capacity, with your reason recorded.' : 'Allocation saved.');
          onClose();
        } catch (err) {
          // A refusal for over-allocation shows its figures; anything else goes to the form's error display.
          if (err instanceof ApiError && err.code === 'OVER_ALLOCATED' && err.details) {
            setOver(err.details as OverAllocation);
            return;
          }
          throw err;
        }
      }}
    >
      <Form.Item label="Allocate" name="target">
        <Radio.Group
          options={[
            { value: 'person', label: 'A named person' },
            { value: 'skill', label: 'A skill, nobody named yet' },
          ]}
        />
      </Form.Item>
      {target !== 'skill' && (
        <Form.Item label="Person" name="personId" rules={[{ required: true, message: 'Choose a person' }]}>
          <PersonSelect />
        </Form.Item>
      )}
      <Form.Item
        label={target === 'skill' ? 'Skill' : 'Skill (optional)'}
        name="skillId"
        rules={target === 'skill' ? [{ required: true, message: 'Choose a skill' }] : []}
      >
        <SkillSelect allowClear />
      </Form.Item>
      <div style={{ display: 'flex', gap: 16 }}>
        <Form.Item
          label="First month"
          name="startMonth"
          rules={[{ required: true, message: 'Choose a month' }]}
          style={{ flex: 1 }}
        >
          <MonthSelect />
        </Form.Item>
        <Form.Item
          label="Last month"
          name="endMonth"
          dependencies={['startMonth']}
          style={{ flex: 1 }}
          rules={[
            { required: true, message: 'Choose a month' },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                !v || !getFieldValue('startMonth') || v >= getFieldValue('startMonth')
                  ? Promise.resolve()
                  : Promise.reject(new Error('Must not be before the first month')),
            }),
          ]}
        >
          <MonthSelect />
        </Form.Item>
        <Form.Item
          label="FTE"
          name="fte"
          style={{ width: 120 }}
          rules={[
            { required: true, message: 'Enter the FTE' },
            { type: 'number', min: 0.01, max: 99.99, message: 'Between 0.01 and 99.99' },
          ]}
        >
          <InputNumber step={0.1} precision={2} style={{ width: '100%' }} />
        </Form.Item>
      </div>
      {over && <OverAllocationFigures over={over} name={capacity.data?.person.name ?? 'This person'} />}
      {overriding && (
        <Form.Item
          label="Reason for allocating beyond capacity"
          name="overrideReason"
          rules={[
            { required: true, whitespace: true, message: 'Give the reason for the override' },
            { min: 3, message: 'At least 3 characters' },
            { max: 2000 },
          ]}
        >
          <Input.TextArea rows={2} autoFocus />
        </Form.Item>
      )}
      {target === 'person' && personId && rangeOk && capacity.data && !over && (
        <>
          <Typography.Title level={2} style={{ fontSize: 14, marginTop: 0 }}>
            Free capacity of {capacity.data.person.name}
          </Typography.Title>
          <FreeCapacity capacity={capacity.data} fte={fte ?? 0} own={own} />
        </>
      )}
      {existing?.overrideReason && !over && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          Allocated beyond capacity earlier: “{existing.overrideReason}”.
        </Typography.Paragraph>
      )}
    </FormModal>
  );
}
