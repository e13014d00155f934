import { App, Flex, Form, Input, InputNumber, Switch } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { Person } from '../../api/domain.ts';
import { useWrite } from '../../api/hooks.ts';
import { OrgUnitSelect } from '../../components/pickers.tsx';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { currencySymbol } from '../../lib/format.ts';

interface Values {
  name: string;
  email: string;
  jobTitle: string | null;
  orgUnitId: string | null;
  /** Absent from the form when the editor may not read cost rates (the API then gives null). */
  costRate?: number;
  weeklyHours: number;
  availabilityPct: number;
  active: boolean;
}

/** Create or edit a person: name, contact, org unit, capacity and cost rate. */
export function PersonDrawer({ person, onClose }: { person: Person | 'new' | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isNew = person === 'new';
  // The API masks the cost rate for callers without costs.read; they neither see nor change it.
  const seesCostRate = isNew || person === null || person.costRate !== null;
  const save = useWrite(
    (v: Values) => {
      const body = {
        name: v.name,
        email: v.email,
        jobTitle: v.jobTitle?.trim() || null,
        orgUnitId: v.orgUnitId ?? null,
        ...(v.costRate === undefined ? {} : { costRate: v.costRate }),
        weeklyHours: v.weeklyHours,
        availability: Math.round(v.availabilityPct) / 100,
        active: v.active,
      };
      return isNew
        ? api.post<Person>('/people', body)
        : api.patch<Person>(`/people/${(person as Person).id}`, { ...body, version: (person as Person).version });
    },
    ['/people', '/org-units'],
  );

  useEffect(() => {
    if (!person) return;
    form.resetFields();
    if (person === 'new') form.setFieldsValue({ costRate: 0, weeklyHours: 40, availabilityPct: 100, active: true });
    else {
      form.setFieldsValue({
        ...person,
        costRate: person.costRate ?? undefined,
        availabilityPct: Math.round(person.availability * 100),
      });
    }
  }, [person, form]);

  return (
    <FormDrawer<Values>
      title={isNew ? 'New person' : 'Edit person'}
      open={person !== null}
      onClose={onClose}
      submitLabel={isNew ? 'Create person' : 'Save'}
      pending={save.isPending}
      form={form}
      width={520}
      onFinish={async (v) => {
        const saved = await save.mutateAsync(v);
        message.success(`${saved.name} saved.`);
        onClose();
        if (isNew) navigate(`/people/${saved.id}`);
      }}
    >
      <Form.Item label="Name" name="name" rules={[{ required: true, whitespace: true, message: 'Enter the name' }, { max: 200 }]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item
        label="E-mail"
        name="email"
        rules={[
          { required: true, message: 'Enter the e-mail address' },
          { type: 'email', message: 'This is not an e-mail address' },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item label="Job title" name="jobTitle" rules={[{ max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item label="Org unit" name="orgUnitId">
        <OrgUnitSelect allowClear />
      </Form.Item>
      <Flex gap={16} wrap>
        {seesCostRate && (
          <Form.Item
            label="Cost rate per hour"
            name="costRate"
            rules={[
              { required: true, message: 'Enter a cost rate' },
              { type: 'number', min: 0, message: 'Must not be negative' },
            ]}
          >
            <InputNumber step={5} precision={2} prefix={currencySymbol()} style={{ width: 150 }} />
          </Form.Item>
        )}
        <Form.Item
          label="Hours per week"
          name="weeklyHours"
          rules={[
            { required: true, message: 'Enter the hours' },
            { type: 'number', min: 0, max: 168, message: '0 to 168 hours' },
          ]}
        >
          <InputNumber style={{ width: 120 }} />
        </Form.Item>
        <Form.Item
          label="Available for projects"
          name="availabilityPct"
          rules={[
            { required: true, message: 'Enter the availability' },
            { type: 'number', min: 0, max: 100, message: '0 to 100 %' },
          ]}
        >
          <InputNumber suffix="%" style={{ width: 120 }} />
        </Form.Item>
      </Flex>
      <Form.Item label="Active" name="active" valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormDrawer>
  );
}
