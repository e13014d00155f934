import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Form, InputNumber, Row, Table, Typography } from 'antd';
import { monthLabel, monthsFrom } from '../../api/requests.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { currencySymbol, formatMoney } from '../../lib/format.ts';
import type { RequestFormValues } from './requestForm.ts';
import { SkillSelect } from './requestPickers.tsx';

/** The months of the plan, from the wanted start for the duration. */
export function usePlanMonths(): string[] {
  const form = Form.useFormInstance<RequestFormValues>();
  const start = Form.useWatch('wantedStart', form) as string | null | undefined;
  const duration = Form.useWatch('durationMonths', form);
  return monthsFrom(start ?? null, duration);
}

function PlanMissing() {
  return (
    <Alert
      type="info"
      showIcon
      title="Set the wanted start and the duration first"
      description="The grid shows one column per month of the plan."
    />
  );
}

/** Step 3: when, how long, and the cost estimate by month. */
export function PlanStep() {
  const form = Form.useFormInstance<RequestFormValues>();
  const months = usePlanMonths();
  const cost = Form.useWatch('cost', form) ?? {};
  const total = months.reduce((sum, m) => sum + (Number(cost[m]) || 0), 0);
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="wantedStart" label="Wanted start">
            <DateInput />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="durationMonths"
            label="Duration (months)"
            rules={[
              { type: 'integer', message: 'Whole months' },
              { type: 'number', min: 1, max: 240, message: 'Between 1 and 240 months' },
            ]}
          >
            <InputNumber style={{ width: '100%' }} precision={0} placeholder="e.g. 6" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        Cost estimate by month
      </Typography.Title>
      {months.length === 0 ? (
        <PlanMissing />
      ) : (
        <Table
          size="small"
          rowKey="month"
          pagination={false}
          style={{ maxWidth: 480 }}
          dataSource={months.map((month) => ({ month }))}
          columns={[
            { title: 'Month', dataIndex: 'month', render: (m: string) => monthLabel(m) },
            {
              title: `Amount (${currencySymbol()})`,
              key: 'amount',
              render: (_, row) => (
                <Form.Item
                  name={['cost', row.month]}
                  style={{ marginBottom: 0 }}
                  rules={[{ type: 'number', min: 0, message: 'Must not be negative' }]}
                >
                  <InputNumber
                    aria-label={`Cost ${monthLabel(row.month)}`}
                    max={999_999_999_999}
                    style={{ width: '100%' }}
                    prefix={currencySymbol()}
                  />
                </Form.Item>
              ),
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>Total</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1}>
                <strong data-testid="cost-total">{formatMoney(total)}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      )}
    </>
  );
}

/** Step 4: skills and FTE needed by month: one row per skill, one column per month. */
export function PeopleStep() {
  const form = Form.useFormInstance<RequestFormValues>();
  const months = usePlanMonths();
  const rows = Form.useWatch('skills', form) ?? [];
  const chosen = rows.map((r) => r?.skillId).filter((id): id is string => Boolean(id));
  if (months.length === 0) return <PlanMissing />;
  return (
    <Form.List name="skills">
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            scroll={{ x: 260 + months.length * 96 }}
            dataSource={fields}
            locale={{ emptyText: 'No skill yet: add the skills the project needs.' }}
            columns={[
              {
                title: 'Skill',
                key: 'skill',
                fixed: 'left',
                width: 240,
                render: (_, field, i) => (
                  <Form.Item
                    name={[field.name, 'skillId']}
                    style={{ marginBottom: 0 }}
                    rules={[{ required: true, message: 'Choose a skill or remove the row' }]}
                  >
                    <SkillSelect aria-label={`Skill row ${i + 1}`} exclude={chosen} />
                  </Form.Item>
                ),
              },
              ...months.map((month) => ({
                title: monthLabel(month),
                key: month,
                width: 96,
                render: (_: unknown, field: { name: number }, i: number) => (
                  <Form.Item
                    name={[field.name, 'fte', month]}
                    style={{ marginBottom: 0 }}
                    rules={[
                      { type: 'number' as const, min: 0, max: 20, message: '0–20 FTE' },
                      {
                        validator: (_r: unknown, v: number | null | undefined) =>
                          v === 0 ? Promise.reject(new Error('More than 0, or leave empty')) : Promise.resolve(),
                      },
                    ]}
                  >
                    <InputNumber aria-label={`Row ${i + 1} FTE ${monthLabel(month)}`} step={0.5} style={{ width: '100%' }} />
                  </Form.Item>
                ),
              })),
              {
                title: <span className="tg-visually-hidden">Remove</span>,
                key: 'remove',
                width: 48,
                fixed: 'right',
                render: (_, field, i) => (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`Remove skill row ${i + 1}`}
                    onClick={() => remove(field.name)}
                  />
                ),
              },
            ]}
          />
          <Button icon={<PlusOutlined />} onClick={() => add({ skillId: null, fte: {} })} style={{ marginTop: 12 }}>
            Add skill
          </Button>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            FTE: full-time equivalents (1 = one person full time for the month). Leave a month empty when the skill is not needed.
          </Typography.Paragraph>
        </>
      )}
    </Form.List>
  );
}
