import { Card, Col, Flex, Form, type FormInstance, Input, InputNumber, Radio, Row, Table, Typography } from 'antd';
import { DateInput } from '../../components/DateInput.tsx';
import { currencySymbol, formatDate } from '../../lib/format.ts';
import { RAG_DOT_COLOR, RAGS, type Milestone, type RagKey, type ReportFormValues, ragKeyLabel } from './reports.ts';

const RAG_WORD = { green: 'Green', amber: 'Amber', red: 'Red' } as const;

/** One RAG key: the green/amber/red control and its reason, which a non-green rating needs. */
function RagRow({ form, ragKey }: { form: FormInstance<ReportFormValues>; ragKey: RagKey }) {
  const label = ragKeyLabel(ragKey);
  const rag = Form.useWatch(['rag', ragKey], form);
  return (
    <Row gutter={16} align="top">
      <Col xs={24} md={9}>
        <Form.Item name={['rag', ragKey]} label={label} style={{ marginBottom: 12 }}>
          <Radio.Group
            aria-label={label}
            optionType="button"
            buttonStyle="solid"
            options={RAGS.map((r) => ({
              value: r,
              label: (
                <span>
                  <span
                    aria-hidden
                    style={{
                      display: 'inline-block',
                      width: 8,
                      height: 8,
                      borderRadius: 4,
                      marginInlineEnd: 6,
                      background: RAG_DOT_COLOR[r],
                      boxShadow: '0 0 0 1px #fff',
                    }}
                  />
                  {RAG_WORD[r]}
                </span>
              ),
            }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={15}>
        <Form.Item
          name={['ragReasons', ragKey]}
          label={`Reason (${label})`}
          dependencies={[['rag', ragKey]]}
          style={{ marginBottom: 12 }}
          rules={[
            {
              // A hint while typing; the server decides at submission (and names the field).
              warningOnly: true,
              validator: (_, value: string | undefined) =>
                rag && rag !== 'green' && !value?.trim()
                  ? Promise.reject(new Error(`Say why ${label.toLowerCase()} is ${rag}: it is needed to submit`))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input maxLength={2000} placeholder={rag && rag !== 'green' ? `Why is it ${rag}?` : 'Needed when not green'} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/**
 * The status report's fields: status date, progress and cost, forecast finish, a RAG with its
 * reason for overall and each dimension the standard names, the forecast of each open milestone,
 * and what was done, what is next and what help is needed.
 */
export function ReportForm({
  form,
  ragKeys,
  milestones,
  period,
  today,
  plannedFinish,
  onValuesChange,
  initialValues,
}: {
  form: FormInstance<ReportFormValues>;
  ragKeys: readonly RagKey[];
  milestones: readonly Milestone[];
  period: { periodStart: string; periodEnd: string } | null;
  today: string;
  plannedFinish: string | null;
  onValuesChange: (changed: Partial<ReportFormValues>) => void;
  initialValues: ReportFormValues;
}) {
  const open = milestones.filter((m) => !m.achievedOn);
  const achieved = milestones.filter((m) => m.achievedOn);
  return (
    <Form<ReportFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={(changed) => onValuesChange(changed)}
      style={{ maxWidth: 1100 }}
    >
      <Card title="Progress and cost" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item
              name="asOf"
              label="Status date"
              extra={
                period
                  ? `The day the figures are as of; this report covers ${formatDate(period.periodStart)} – ${formatDate(period.periodEnd)}.`
                  : 'The day the figures are as of; it decides the report period.'
              }
            >
              <DateInput allowClear={false} max={period ? (period.periodEnd < today ? period.periodEnd : today) : today} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="percentComplete" label="Percent complete">
              <InputNumber min={0} max={100} step={1} suffix="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="actualCost" label="Actual cost to date">
              <InputNumber min={0} step={1000} prefix={currencySymbol()} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="forecastFinish"
              label="Forecast finish"
              extra={plannedFinish ? `Planned finish: ${formatDate(plannedFinish)}` : undefined}
            >
              <DateInput />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card
        title="Status (RAG)"
        extra={<Typography.Text type="secondary">A short reason for each rating that is not green</Typography.Text>}
        style={{ marginBottom: 16 }}
      >
        {ragKeys.map((k) => (
          <RagRow key={k} form={form} ragKey={k} />
        ))}
      </Card>
      <Card title="Key milestones" style={{ marginBottom: 16 }}>
        {milestones.length === 0 ? (
          <Typography.Text type="secondary">This project has no key milestones.</Typography.Text>
        ) : (
          <Flex vertical gap={8}>
            {open.map((m) => (
              <Form.Item
                key={m.id}
                name={['forecasts', m.id]}
                label={`${m.name}: forecast`}
                extra={`Baseline ${formatDate(m.baselineDate)}${m.latestForecast ? ` · last forecast ${formatDate(m.latestForecast)}` : ''}`}
                style={{ maxWidth: 420, marginBottom: 8 }}
              >
                <DateInput />
              </Form.Item>
            ))}
            {achieved.length > 0 && (
              <Table<Milestone>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={achieved}
                columns={[
                  { title: 'Achieved milestone', dataIndex: 'name' },
                  { title: 'Baseline', dataIndex: 'baselineDate', render: (d: string) => formatDate(d) },
                  { title: 'Achieved on', dataIndex: 'achievedOn', render: (d: string) => formatDate(d) },
                ]}
              />
            )}
          </Flex>
        )}
      </Card>
      <Card title="Narrative">
        <Form.Item name="accomplishments" label="Accomplishments this period">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20_000} />
        </Form.Item>
        <Form.Item name="nextSteps" label="Next steps">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20_000} />
        </Form.Item>
        <Form.Item name="helpNeeded" label="Help needed from the PMO or sponsor">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20_000} />
        </Form.Item>
      </Card>
    </Form>
  );
}
