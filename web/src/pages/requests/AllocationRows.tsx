import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, type FormInstance, Input, InputNumber, Table, Tag, Typography } from 'antd';
import type { OverAllocation } from '../../api/intake.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { PersonSelect, SkillSelect } from '../../components/pickers.tsx';
import { type Month, monthLabel } from '../../lib/capacity.ts';
import { plural } from '../../lib/format.ts';
import { AllocationPersonSelect, usePersonCapacity } from './decisionPickers.tsx';

export interface AllocationValues {
  skillId?: string | null;
  personId?: string | null;
  fte?: number | null;
  /** `2027-01`. */
  startMonth?: Month | null;
  endMonth?: Month | null;
  overrideReason?: string;
}

const monthText = monthLabel;

/** The server's figures for an allocation it refused: month by month, capacity against load. */
function OverAllocationFigures({ over }: { over: OverAllocation }) {
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title="Over capacity: this allocation does not fit"
      description={
        <Table
          size="small"
          pagination={false}
          rowKey="month"
          dataSource={over.months}
          aria-label="Over-allocated months"
          columns={[
            { title: 'Month', dataIndex: 'month', render: monthText },
            { title: 'Capacity', dataIndex: 'capacityFte', align: 'right', render: (v: number) => `${v} FTE` },
            { title: 'Already allocated', dataIndex: 'allocatedFte', align: 'right', render: (v: number) => `${v} FTE` },
            { title: 'Requested', dataIndex: 'requestedFte', align: 'right', render: (v: number) => `${v} FTE` },
            {
              title: 'Over by',
              dataIndex: 'overByFte',
              align: 'right',
              render: (v: number) => <Typography.Text type="danger">{v} FTE</Typography.Text>,
            },
          ]}
        />
      }
      style={{ marginTop: 8 }}
    />
  );
}

/**
 * Free FTE of the chosen person in each month of the row (red where the row's FTE does not fit),
 * the server's figures when it refused the row, and for a PMO lead the override reason.
 */
function RowCapacity({
  fieldName,
  n,
  row,
  over,
  mayOverride,
}: {
  fieldName: number;
  n: number;
  row: AllocationValues;
  over: OverAllocation | undefined;
  mayOverride: boolean;
}) {
  const fte = row.fte ?? 0;
  const capacity = usePersonCapacity(row.personId, row.startMonth ?? null, row.endMonth ?? null);
  const months = capacity.data?.months ?? [];
  const short = row.personId ? months.filter((m) => m.freeFte + 1e-9 < fte) : [];
  const needsOverride = Boolean(over) || short.length > 0;
  return (
    <>
      {row.personId && capacity.isLoading && <Typography.Text type="secondary">Loading free capacity…</Typography.Text>}
      {row.personId && capacity.data && (
        <Flex
          gap={4}
          wrap
          align="center"
          aria-label={`Free capacity of ${capacity.data.person.name}`}
          data-testid="free-capacity"
        >
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {capacity.data.person.name} is free:
          </Typography.Text>
          {months.slice(0, 12).map((m) => (
            <Tag key={m.month} color={m.freeFte + 1e-9 < fte ? 'red' : 'green'} style={{ marginInlineEnd: 0 }}>
              {monthText(m.month)} {m.freeFte} FTE
            </Tag>
          ))}
          {months.length > 12 && <Typography.Text type="secondary">+{plural(months.length - 12, 'month')}</Typography.Text>}
          {short.length > 0 && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              Over capacity in {plural(short.length, 'month')}
            </Typography.Text>
          )}
        </Flex>
      )}
      {over && <OverAllocationFigures over={over} />}
      {needsOverride &&
        (mayOverride && over?.overrideAllowed !== false ? (
          <Form.Item
            name={[fieldName, 'overrideReason']}
            label="Override with a reason"
            extra="As a lead of this PMO you may allocate beyond capacity; the reason is kept in the audit trail."
            rules={[{ required: Boolean(over), whitespace: true, message: 'Say why, or lower the FTE or the months' }]}
            style={{ marginTop: 8, marginBottom: 0 }}
          >
            <Input.TextArea
              aria-label={`Override reason of allocation ${n}`}
              autoSize={{ minRows: 1, maxRows: 3 }}
              maxLength={2000}
            />
          </Form.Item>
        ) : (
          <Typography.Text type="secondary">Lower the FTE or the months, or ask a PMO lead to override.</Typography.Text>
        ))}
    </>
  );
}

/**
 * The approval's allocations: a skill and/or a person, FTE and months per row, with the person's
 * free capacity shown as they are picked, and the server's refusal figures under the row it names.
 */
export function AllocationRows({
  form,
  overAllocated,
  mayOverride,
  defaults,
}: {
  form: FormInstance;
  overAllocated: Record<number, OverAllocation>;
  mayOverride: boolean;
  defaults: () => AllocationValues;
}) {
  const rows = (Form.useWatch('allocations', form) ?? []) as AllocationValues[];
  return (
    <Form.List name="allocations">
      {(fields, { add, remove }) => (
        <Flex vertical gap={12}>
          {fields.map((field, index) => {
            const row = rows[index] ?? {};
            const n = index + 1;
            return (
              <div
                key={field.key}
                data-testid={`allocation-${n}`}
                style={{ border: '1px solid #e5e7eb', borderRadius: 8, padding: 12 }}
              >
                <Flex gap={8} wrap align="flex-start">
                  <Form.Item name={[field.name, 'skillId']} label={`Skill ${n}`} style={{ flex: '1 1 180px', marginBottom: 8 }}>
                    <SkillSelect aria-label={`Skill of allocation ${n}`} placeholder="Any skill" allowClear />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'personId']}
                    label={`Person ${n}`}
                    style={{ flex: '2 1 240px', marginBottom: 8 }}
                    rules={[
                      {
                        validator: (_, v) =>
                          v || form.getFieldValue(['allocations', field.name, 'skillId'])
                            ? Promise.resolve()
                            : Promise.reject(new Error('Choose a person or a skill')),
                      },
                    ]}
                  >
                    <AllocationPersonSelect
                      aria-label={`Person of allocation ${n}`}
                      skillId={row.skillId ?? null}
                      from={row.startMonth ?? null}
                      to={row.endMonth ?? null}
                      fte={row.fte ?? null}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'fte']}
                    label="FTE"
                    style={{ width: 96, marginBottom: 8 }}
                    rules={[
                      { required: true, message: 'Required' },
                      { type: 'number', min: 0.05, max: 20, message: '0.05 to 20' },
                    ]}
                  >
                    <InputNumber aria-label={`FTE of allocation ${n}`} step={0.1} min={0} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'startMonth']}
                    label="From"
                    style={{ width: 130, marginBottom: 8 }}
                    rules={[{ required: true, message: 'Required' }]}
                  >
                    <DateInput month allowClear={false} aria-label={`Start month of allocation ${n}`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'endMonth']}
                    label="To"
                    style={{ width: 130, marginBottom: 8 }}
                    dependencies={[['allocations', field.name, 'startMonth']]}
                    rules={[
                      { required: true, message: 'Required' },
                      {
                        validator: (_, v: Month | null) => {
                          const start = form.getFieldValue(['allocations', field.name, 'startMonth']) as Month | null;
                          return !v || !start || v >= start ? Promise.resolve() : Promise.reject(new Error('Before the start'));
                        },
                      },
                    ]}
                  >
                    <DateInput month allowClear={false} aria-label={`End month of allocation ${n}`} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={`Remove allocation ${n}`}
                    onClick={() => remove(field.name)}
                    style={{ marginTop: 30 }}
                  />
                </Flex>
                <RowCapacity fieldName={field.name} n={n} row={row} over={overAllocated[index]} mayOverride={mayOverride} />
              </div>
            );
          })}
          <span>
            <Button icon={<PlusOutlined />} onClick={() => add(defaults())}>
              Add allocation
            </Button>
          </span>
        </Flex>
      )}
    </Form.List>
  );
}

/** The approval's conditions: what must happen, who owns it, by when. */
export function ConditionRows() {
  return (
    <Form.List name="conditions">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} wrap align="flex-start">
              <Form.Item
                name={[field.name, 'text']}
                style={{ flex: '3 1 280px', marginBottom: 0 }}
                rules={[{ required: true, whitespace: true, message: 'Say what the condition is' }]}
              >
                <Input aria-label={`Condition ${index + 1}`} placeholder="Condition" maxLength={2000} />
              </Form.Item>
              <Form.Item name={[field.name, 'ownerPersonId']} style={{ flex: '1 1 200px', marginBottom: 0 }}>
                <PersonSelect aria-label={`Owner of condition ${index + 1}`} placeholder="Owner" allowClear />
              </Form.Item>
              <Form.Item name={[field.name, 'dueOn']} style={{ width: 150, marginBottom: 0 }}>
                <DateInput aria-label={`Due date of condition ${index + 1}`} placeholder="Due" />
              </Form.Item>
              <Button icon={<DeleteOutlined />} aria-label={`Remove condition ${index + 1}`} onClick={() => remove(field.name)} />
            </Flex>
          ))}
          <span>
            <Button icon={<PlusOutlined />} onClick={() => add({})}>
              Add condition
            </Button>
          </span>
        </Flex>
      )}
    </Form.List>
  );
}
