import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { DateInput } from '../../components/DateInput.tsx';
import { MonthSelect, PersonSelect, SkillSelect } from '../../components/pickers.tsx';
import { currencySymbol, formatDate } from '../../lib/format.ts';
import { type ApprovalKind, COST_CATEGORY_OPTIONS, type MilestoneRow, RECURRENCE_OPTIONS } from './approvals.ts';

const required = (message: string) => [{ required: true, message }];
const money = { min: 0, precision: 2, style: { width: '100%' } } as const;

function BudgetFields() {
  return (
    <Flex gap={16}>
      <Form.Item label="Amount" name={['change', 'amount']} rules={required('Enter the amount')} style={{ flex: 1 }}>
        <InputNumber {...money} prefix={currencySymbol()} />
      </Form.Item>
      <Form.Item
        label="Cost category"
        name={['change', 'costCategory']}
        rules={required('Choose the cost category')}
        style={{ flex: 1 }}
      >
        <Select options={COST_CATEGORY_OPTIONS} placeholder="What the money is for" />
      </Form.Item>
    </Flex>
  );
}

function HeadcountFields() {
  const startMonth = Form.useWatch(['change', 'startMonth']) as string | undefined;
  return (
    <>
      <Flex gap={16}>
        <Form.Item label="Skill" name={['change', 'skillId']} rules={required('Choose the skill')} style={{ flex: 2 }}>
          <SkillSelect />
        </Form.Item>
        <Form.Item label="FTE" name={['change', 'fte']} rules={required('Enter the FTE')} style={{ flex: 1 }}>
          <InputNumber min={0} max={100} step={0.1} precision={2} style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Flex gap={16}>
        <Form.Item
          label="From month"
          name={['change', 'startMonth']}
          rules={required('Choose the first month')}
          style={{ flex: 1 }}
        >
          <MonthSelect />
        </Form.Item>
        <Form.Item label="To month" name={['change', 'endMonth']} rules={required('Choose the last month')} style={{ flex: 1 }}>
          <MonthSelect min={startMonth ?? undefined} />
        </Form.Item>
      </Flex>
      <Form.Item
        label="Person (optional)"
        name={['change', 'personId']}
        extra="When the project wants someone in particular; otherwise the resource manager finds them."
      >
        <PersonSelect allowClear />
      </Form.Item>
    </>
  );
}

function InfrastructureFields() {
  return (
    <>
      <Form.Item
        label="Item"
        name={['change', 'item']}
        rules={[{ required: true, whitespace: true, message: 'Say what is needed' }, { max: 200 }]}
      >
        <Input placeholder="e.g. Test environment in the cloud" />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item label="Cost" name={['change', 'cost']} rules={required('Enter the cost')} style={{ flex: 1 }}>
          <InputNumber {...money} prefix={currencySymbol()} />
        </Form.Item>
        <Form.Item label="Recurrence" name={['change', 'recurrence']} rules={required('Choose how often')} style={{ flex: 1 }}>
          <Select options={RECURRENCE_OPTIONS} />
        </Form.Item>
        <Form.Item label="Needed by" name={['change', 'neededBy']} rules={required('Choose the day')} style={{ flex: 1 }}>
          <DateInput />
        </Form.Item>
      </Flex>
    </>
  );
}

/** The cumulative planned-value curve, point by point. */
function CurveFields() {
  return (
    <Form.List name={['change', 'curve']}>
      {(fields, { add, remove }, { errors }) => (
        <fieldset style={{ border: 'none', padding: 0, margin: '0 0 16px' }}>
          <legend style={{ fontSize: 14, marginBottom: 8 }}>Planned value curve (cumulative, ending at the new BAC)</legend>
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="flex-start">
              <Form.Item
                name={[field.name, 'date']}
                rules={required('Choose the day')}
                style={{ flex: 1, marginBottom: 8 }}
                label={index === 0 ? 'Date' : undefined}
              >
                <DateInput aria-label={`Date of curve point ${index + 1}`} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'plannedValue']}
                rules={required('Enter the planned value')}
                style={{ flex: 1, marginBottom: 8 }}
                label={index === 0 ? 'Planned value' : undefined}
              >
                <InputNumber {...money} prefix={currencySymbol()} aria-label={`Planned value of curve point ${index + 1}`} />
              </Form.Item>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={`Remove curve point ${index + 1}`}
                onClick={() => remove(field.name)}
                style={{ marginTop: index === 0 ? 30 : 0 }}
              />
            </Flex>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
            Add a point
          </Button>
        </fieldset>
      )}
    </Form.List>
  );
}

function RebaselineFields({ milestones }: { milestones: readonly MilestoneRow[] }) {
  return (
    <>
      <Flex gap={16}>
        <Form.Item label="New BAC" name={['change', 'bac']} rules={required('Enter the new BAC')} style={{ flex: 1 }}>
          <InputNumber {...money} prefix={currencySymbol()} />
        </Form.Item>
        <Form.Item label="Planned finish" name={['change', 'plannedFinishDate']} style={{ flex: 1 }}>
          <DateInput />
        </Form.Item>
      </Flex>
      <CurveFields />
      {milestones.length > 0 && (
        <fieldset style={{ border: 'none', padding: 0, margin: '0 0 16px' }}>
          <legend style={{ fontSize: 14, marginBottom: 8 }}>New baseline dates of the key milestones</legend>
          {milestones.map((m, row) => (
            <Form.Item
              key={m.id}
              label={m.name}
              name={['change', 'milestones', row, 'baselineDate']}
              extra={`Baseline now ${formatDate(m.baselineDate)}`}
              style={{ marginBottom: 8 }}
            >
              <DateInput allowClear={false} />
            </Form.Item>
          ))}
        </fieldset>
      )}
    </>
  );
}

function ScopeFields() {
  return (
    <>
      <Form.Item
        label="Description"
        name={['change', 'description']}
        rules={[{ required: true, whitespace: true, message: 'Describe the change of scope' }, { max: 4000 }]}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item label="Schedule impact" name={['change', 'scheduleImpactDays']} style={{ flex: 1 }}>
          <InputNumber min={0} max={3650} precision={0} suffix="days" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="Cost impact" name={['change', 'costImpact']} style={{ flex: 1 }}>
          <InputNumber {...money} prefix={currencySymbol()} />
        </Form.Item>
      </Flex>
    </>
  );
}

/** The fields of the chosen kind of change. */
export function ChangeFields({ kind, milestones }: { kind: ApprovalKind | undefined; milestones: readonly MilestoneRow[] }) {
  switch (kind) {
    case 'budget_increase':
      return <BudgetFields />;
    case 'headcount':
      return <HeadcountFields />;
    case 'infrastructure':
      return <InfrastructureFields />;
    case 'rebaseline':
      return <RebaselineFields milestones={milestones} />;
    case 'scope_change':
      return <ScopeFields />;
    default:
      return <Typography.Paragraph type="secondary">Choose the kind of change to describe it.</Typography.Paragraph>;
  }
}
