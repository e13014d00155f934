import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Flex, Form, type FormInstance, Input, InputNumber, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import { useWrite } from '../../api/hooks.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { PersonSelect } from '../../components/pickers.tsx';
import { currencySymbol } from '../../lib/format.ts';
import { EscalatedTag, ScoreTag } from './RaidTags.tsx';
import {
  RISK_CATEGORIES,
  RISK_RESPONSES,
  type Risk,
  type RiskDetail,
  type RiskMatrix,
  type RiskValues,
  liveScore,
  partlyFilled,
  raidPaths,
  riskBody,
  riskUpdateBody,
  riskValues,
  scaleOptions,
} from './raid.ts';

/** The score, band and escalation the risk will have, as the probability, impact and response change. */
function LiveScore({ form, matrix }: { form: FormInstance<RiskValues>; matrix: RiskMatrix }) {
  const probability = Form.useWatch('probability', form);
  const impact = Form.useWatch('impact', form);
  const response = Form.useWatch('response', form);
  const live = liveScore(matrix, probability, impact, response);
  return (
    <div role="status" aria-live="polite" style={{ marginBottom: 16 }}>
      {live ? (
        <Flex gap={8} align="center" wrap>
          <Typography.Text>Score</Typography.Text>
          <ScoreTag score={live.score} band={live.band} />
          {live.escalates ? (
            <>
              <EscalatedTag />
              <Typography.Text type="secondary">
                {live.score >= matrix.escalationScore
                  ? `A score of ${matrix.escalationScore} or more goes to the PMO.`
                  : 'Its response escalates it to the PMO.'}
              </Typography.Text>
            </>
          ) : null}
        </Flex>
      ) : (
        <Typography.Text type="secondary">Choose the probability and the impact to see the score.</Typography.Text>
      )}
    </div>
  );
}

/** Shown when a risk being edited is reassessed: the note kept with the new score. */
function AssessmentNote({ form, risk }: { form: FormInstance<RiskValues>; risk: Risk }) {
  const probability = Form.useWatch('probability', form);
  const impact = Form.useWatch('impact', form);
  if (probability === undefined || (probability === risk.probability && impact === risk.impact)) return null;
  return (
    <Form.Item
      label="Assessment note"
      name="assessmentNote"
      rules={[{ max: 1000 }]}
      extra={`A reassessment from ${risk.probability} × ${risk.impact} = ${risk.score}: say what changed. It is kept in the risk's history.`}
    >
      <Input.TextArea rows={2} />
    </Form.Item>
  );
}

/** Minimum, most likely and maximum of a three-point estimate; all three, or none. */
function ThreePointFields({
  name,
  legend,
  noun,
  money,
}: {
  name: 'costImpact' | 'scheduleImpactDays';
  legend: string;
  noun: string;
  money?: boolean;
}) {
  const points = [
    { key: 'min', label: 'Minimum' },
    { key: 'likely', label: 'Most likely' },
    { key: 'max', label: 'Maximum' },
  ] as const;
  return (
    <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
      <legend style={{ fontSize: 14, marginBottom: 8 }}>{legend}</legend>
      <Flex gap={12}>
        {points.map((p) => (
          <Form.Item
            key={p.key}
            label={p.label}
            name={[name, p.key]}
            style={{ flex: 1 }}
            dependencies={points.filter((o) => o.key !== p.key).map((o) => [name, o.key])}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, value) => {
                  if ((value === null || value === undefined) && partlyFilled(getFieldValue(name))) {
                    throw new Error('Give all three, or none');
                  }
                },
              }),
            ]}
          >
            <InputNumber
              aria-label={`${p.label} ${noun}`}
              min={0}
              precision={money ? 2 : 0}
              prefix={money ? currencySymbol() : undefined}
              suffix={money ? undefined : 'days'}
              style={{ width: '100%' }}
            />
          </Form.Item>
        ))}
      </Flex>
    </fieldset>
  );
}

/** The risk's actions: what is done about it, by whom and by when. */
function ActionFields() {
  return (
    <Form.List name="actions">
      {(fields, { add, remove }) => (
        <fieldset style={{ border: 'none', padding: 0, margin: '0 0 16px' }}>
          <legend style={{ fontSize: 14, marginBottom: 8 }}>Actions</legend>
          <Flex vertical gap={8}>
            {fields.map((field, index) => (
              <div key={field.key} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px 0' }}>
                <Flex gap={8} align="flex-start">
                  <Form.Item
                    name={[field.name, 'text']}
                    label={`Action ${index + 1}`}
                    rules={[
                      { required: true, whitespace: true, message: 'Say what is done, or remove the action' },
                      { max: 500 },
                    ]}
                    style={{ flex: 1, marginBottom: 8 }}
                  >
                    <Input />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`Remove action ${index + 1}`}
                    onClick={() => remove(field.name)}
                    style={{ marginTop: 30 }}
                  />
                </Flex>
                <Flex gap={8}>
                  <Form.Item name={[field.name, 'ownerPersonId']} label="Owner" style={{ flex: 2, marginBottom: 8 }}>
                    <PersonSelect allowClear aria-label={`Owner of action ${index + 1}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'dueOn']} label="Due" style={{ flex: 1, marginBottom: 8 }}>
                    <DateInput aria-label={`Due day of action ${index + 1}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'doneOn']} label="Done on" style={{ flex: 1, marginBottom: 8 }}>
                    <DateInput aria-label={`Done on, action ${index + 1}`} />
                  </Form.Item>
                </Flex>
              </div>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '' })}>
              Add an action
            </Button>
          </Flex>
        </fieldset>
      )}
    </Form.List>
  );
}

/**
 * Add a risk to the register, or edit one: what it is, its probability and impact on the project's
 * matrix (with the score and band it will have, live), its response, owner, three-point impacts and
 * actions. Editing the probability or the impact is a reassessment, with a note for its history.
 */
export function RiskDrawer({
  projectId,
  matrix,
  risk,
  onClose,
}: {
  projectId: string;
  matrix: RiskMatrix;
  /** 'new' to add one; a risk to edit it; null when closed. */
  risk: Risk | 'new' | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<RiskValues>();
  const { message } = App.useApp();
  const isNew = risk === 'new';
  const save = useWrite(
    (v: RiskValues) =>
      risk === 'new' || risk === null
        ? api.post<RiskDetail>(`/projects/${projectId}/risks`, riskBody(v))
        : api.patch<RiskDetail>(`/projects/${projectId}/risks/${risk.id}`, riskUpdateBody(v, risk)),
    raidPaths(projectId),
  );

  useEffect(() => {
    if (!risk) return;
    form.resetFields();
    if (risk !== 'new') form.setFieldsValue(riskValues(risk));
  }, [risk, form]);

  const probabilities = scaleOptions(matrix.probabilityLabels);
  const impacts = scaleOptions(matrix.impactLabels);
  return (
    <FormDrawer<RiskValues>
      title={isNew ? 'New risk' : risk ? `Edit ${risk.key}` : ''}
      open={risk !== null}
      onClose={onClose}
      submitLabel={isNew ? 'Save risk' : 'Save changes'}
      pending={save.isPending}
      form={form}
      width={640}
      formProps={{ initialValues: { response: 'mitigate', actions: [] } }}
      onFinish={async (v) => {
        const saved = await save.mutateAsync(v);
        message.success(`${saved.key} ${saved.title} saved.`);
        onClose();
      }}
    >
      <Form.Item
        label="Title"
        name="title"
        rules={[{ required: true, whitespace: true, message: 'Enter a title' }, { max: 200 }]}
      >
        <Input autoFocus />
      </Form.Item>
      <Form.Item
        label="Category"
        name="category"
        rules={[{ required: true, whitespace: true, message: 'Enter a category' }, { max: 60 }]}
      >
        <AutoComplete
          options={RISK_CATEGORIES.map((c) => ({ value: c }))}
          showSearch={{
            filterOption: (typed, option) =>
              String(option?.value ?? '')
                .toLowerCase()
                .includes(typed.toLowerCase()),
          }}
          placeholder="e.g. Supplier"
        />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item
          label="Probability"
          name="probability"
          rules={[{ required: true, message: 'Choose the probability' }]}
          style={{ flex: 1 }}
        >
          <Select options={probabilities} placeholder="How likely it is" />
        </Form.Item>
        <Form.Item label="Impact" name="impact" rules={[{ required: true, message: 'Choose the impact' }]} style={{ flex: 1 }}>
          <Select options={impacts} placeholder="How bad if it happens" />
        </Form.Item>
      </Flex>
      <LiveScore form={form} matrix={matrix} />
      {risk && risk !== 'new' && <AssessmentNote form={form} risk={risk} />}
      <Flex gap={16}>
        <Form.Item
          label="Response"
          name="response"
          rules={[{ required: true, message: 'Choose a response' }]}
          style={{ flex: 1 }}
        >
          <Select options={[...RISK_RESPONSES]} />
        </Form.Item>
        <Form.Item label="Owner" name="ownerPersonId" style={{ flex: 1 }}>
          <PersonSelect allowClear />
        </Form.Item>
      </Flex>
      <Form.Item label="Cause" name="cause" rules={[{ max: 2000 }]} extra="What could make it happen.">
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item label="Effect" name="effect" rules={[{ max: 2000 }]} extra="What happens to the project if it does.">
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item label="Description" name="description" rules={[{ max: 4000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <ThreePointFields name="costImpact" legend="Cost impact if it occurs (optional)" noun="cost impact" money />
      <ThreePointFields name="scheduleImpactDays" legend="Schedule impact if it occurs (optional)" noun="delay in days" />
      <ActionFields />
    </FormDrawer>
  );
}
