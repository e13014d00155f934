import { App, Flex, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import type { Gate } from '../../api/domain.ts';
import { useWrite } from '../../api/hooks.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import type { Milestone } from './performance.ts';

interface Values {
  name: string;
  baselineDate: string;
  gateKey: string | null;
  deliverableKey: string | null;
  achievedOn: string | null;
}

/** The queries a milestone write changes: the list, the trend chart and the performance figures. */
export const milestonePaths = (projectId: string) => [
  `/projects/${projectId}/milestones`,
  `/projects/${projectId}/milestone-trend`,
  `/projects/${projectId}/performance`,
];

/**
 * Add a key milestone, or edit one (its baseline date, gate or deliverable, the day it was
 * achieved). Field issues from the server land on their fields; a stale version says to reload.
 */
export function MilestoneDrawer({
  projectId,
  gates,
  milestone,
  onClose,
}: {
  projectId: string;
  gates: Gate[];
  milestone: Milestone | 'new' | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const isNew = milestone === 'new';
  const gateKey = Form.useWatch('gateKey', form);
  const save = useWrite((v: Values) => {
    const body = {
      name: v.name.trim(),
      baselineDate: v.baselineDate,
      gateKey: v.gateKey ?? null,
      deliverableKey: v.deliverableKey ?? null,
      achievedOn: v.achievedOn ?? null,
    };
    return isNew
      ? api.post<Milestone>(`/projects/${projectId}/milestones`, body)
      : api.patch<Milestone>(`/projects/${projectId}/milestones/${(milestone as Milestone).id}`, {
          ...body,
          version: (milestone as Milestone).version,
        });
  }, milestonePaths(projectId));

  useEffect(() => {
    if (!milestone) return;
    form.resetFields();
    if (milestone !== 'new') form.setFieldsValue(milestone);
  }, [milestone, form]);

  const deliverables = gates
    .filter((g) => !gateKey || g.key === gateKey)
    .flatMap((g) => (g.deliverables ?? []).map((d) => ({ value: d.key, label: gateKey ? d.name : `${d.name} (${g.name})` })));

  return (
    <FormDrawer<Values>
      title={isNew ? 'New milestone' : 'Edit milestone'}
      open={milestone !== null}
      onClose={onClose}
      submitLabel={isNew ? 'Save milestone' : 'Save'}
      pending={save.isPending}
      form={form}
      width={520}
      onFinish={async (v) => {
        const saved = await save.mutateAsync(v);
        message.success(`Milestone ${saved.name} saved.`);
        onClose();
      }}
    >
      <Form.Item label="Name" name="name" rules={[{ required: true, whitespace: true, message: 'Enter a name' }, { max: 200 }]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item
        label="Baseline date"
        name="baselineDate"
        rules={[{ required: true, message: 'Enter the baseline date' }]}
        extra="The date the plan commits to; forecasts and slips are measured against it."
      >
        <DateInput />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item label="Gate" name="gateKey" style={{ flex: 1 }}>
          <Select
            allowClear
            placeholder="None"
            options={gates.map((g) => ({ value: g.key, label: g.name }))}
            onChange={() => form.setFieldValue('deliverableKey', null)}
          />
        </Form.Item>
        <Form.Item label="Deliverable" name="deliverableKey" style={{ flex: 1 }}>
          <Select allowClear placeholder="None" options={deliverables} notFoundContent="No deliverables at this gate" />
        </Form.Item>
      </Flex>
      <Form.Item label="Achieved on" name="achievedOn" extra="Leave empty until the milestone is reached.">
        <DateInput />
      </Form.Item>
    </FormDrawer>
  );
}
