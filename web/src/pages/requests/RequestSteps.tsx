import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Form, Input, InputNumber, Row, Select, Tag, Typography } from 'antd';
import { riskBand, riskScore } from '../../api/requests.ts';
import { PersonSelect, PmoSelect } from '../../components/pickers.tsx';
import { currencySymbol } from '../../lib/format.ts';
import type { RequestFormValues } from './requestForm.ts';
import { ProjectSelect, ProjectTypeSelect } from './requestPickers.tsx';

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return <Button type="text" danger icon={<DeleteOutlined />} aria-label={label} onClick={onClick} />;
}

/** Step 1: what the project is for. */
export function BasicsStep() {
  return (
    <>
      <Form.Item
        name="title"
        label="Title"
        rules={[
          { required: true, whitespace: true, message: 'Give the request a title; the draft is saved once it has one' },
          { max: 200, message: 'At most 200 characters' },
        ]}
      >
        <Input placeholder="e.g. Warehouse scanning app refresh" maxLength={200} showCount />
      </Form.Item>
      <Form.Item
        name="problem"
        label="Problem"
        extra="What is wrong today, for whom, and why it matters now."
        rules={[{ max: 20_000, message: 'At most 20,000 characters' }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
      <Form.Item label="Objectives" required={false}>
        <Form.List name="objectives">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item
                    name={field.name}
                    style={{ flex: 1, marginBottom: 0 }}
                    rules={[
                      { required: true, whitespace: true, message: 'Write the objective or remove it' },
                      { max: 1000, message: 'At most 1,000 characters' },
                    ]}
                  >
                    <Input aria-label={`Objective ${i + 1}`} placeholder="A measurable outcome" />
                  </Form.Item>
                  <RemoveButton label={`Remove objective ${i + 1}`} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add('')} style={{ alignSelf: 'flex-start' }}>
                Add objective
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item label="Expected benefits" extra="With an amount where it is known.">
        <Form.List name="benefits">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item
                    name={[field.name, 'description']}
                    style={{ flex: 1, marginBottom: 0 }}
                    rules={[{ required: true, whitespace: true, message: 'Describe the benefit or remove it' }]}
                  >
                    <Input aria-label={`Benefit ${i + 1}`} placeholder="e.g. Fewer mis-picks and returns" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'amount']} style={{ width: 200, marginBottom: 0 }}>
                    <InputNumber
                      aria-label={`Benefit ${i + 1} amount`}
                      min={0}
                      max={999_999_999_999}
                      prefix={currencySymbol()}
                      placeholder="Amount"
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                  <RemoveButton label={`Remove benefit ${i + 1}`} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ description: '', amount: null })}
                style={{ alignSelf: 'flex-start' }}
              >
                Add benefit
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
    </>
  );
}

/** Step 2: who governs and sponsors it, and what it depends on. */
export function GovernanceStep() {
  const form = Form.useFormInstance<RequestFormValues>();
  const dependencies = Form.useWatch('dependencies', form) ?? [];
  const chosen = dependencies.map((d) => d?.projectId).filter((id): id is string => Boolean(id));
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="projectTypeId" label="Project type" extra="Its standard sets the lifecycle and gates.">
            <ProjectTypeSelect />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="pmoId" label="Target PMO" extra="The PMO asked to decide.">
            <PmoSelect allowClear placeholder="Choose the PMO" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="sponsorId" label="Sponsor" extra="The executive who owns the business case.">
            <PersonSelect allowClear placeholder="Choose the sponsor" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="Dependencies on other projects">
        <Form.List name="dependencies">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="flex-start" wrap>
                  <Form.Item
                    name={[field.name, 'projectId']}
                    style={{ width: 360, marginBottom: 0 }}
                    rules={[{ required: true, message: 'Choose the project or remove the row' }]}
                  >
                    <ProjectSelect aria-label={`Dependency ${i + 1} project`} exclude={chosen} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'note']} style={{ flex: 1, minWidth: 240, marginBottom: 0 }}>
                    <Input aria-label={`Dependency ${i + 1} note`} placeholder="What is needed from it" maxLength={2000} />
                  </Form.Item>
                  <RemoveButton label={`Remove dependency ${i + 1}`} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ projectId: null, note: '' })}
                style={{ alignSelf: 'flex-start' }}
              >
                Add dependency
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
    </>
  );
}

const SCALE = [1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }));

function RiskScore({ index }: { index: number }) {
  const form = Form.useFormInstance<RequestFormValues>();
  const risk = Form.useWatch(['knownRisks', index], form);
  const score = risk ? riskScore(risk) : null;
  if (score === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const band = riskBand(score);
  return (
    <Tag color={band.color} aria-label={`Risk ${index + 1} score ${score} (${band.label})`}>
      {score} · {band.label}
    </Tag>
  );
}

/** Step 5: known risks, scored probability × impact on the 5×5 grid. */
export function RisksStep() {
  return (
    <Form.List name="knownRisks">
      {(fields, { add, remove }) => (
        <Flex vertical gap={12}>
          {fields.length === 0 && <Typography.Text type="secondary">No known risk yet.</Typography.Text>}
          {fields.map((field, i) => (
            <div key={field.key} style={{ border: '1px solid #e5e7eb', borderRadius: 6, padding: '12px 12px 0' }}>
              <Row gutter={12} align="top">
                <Col xs={24} md={10}>
                  <Form.Item
                    name={[field.name, 'title']}
                    label={`Risk ${i + 1}`}
                    rules={[
                      { required: true, whitespace: true, message: 'Name the risk or remove it' },
                      { max: 200, message: 'At most 200 characters' },
                    ]}
                  >
                    <Input aria-label={`Risk ${i + 1} title`} placeholder="What could go wrong" />
                  </Form.Item>
                </Col>
                <Col xs={8} md={4}>
                  <Form.Item name={[field.name, 'probability']} label="Probability" rules={[{ required: true, message: '1–5' }]}>
                    <Select aria-label={`Risk ${i + 1} probability`} options={SCALE} placeholder="1–5" />
                  </Form.Item>
                </Col>
                <Col xs={8} md={4}>
                  <Form.Item name={[field.name, 'impact']} label="Impact" rules={[{ required: true, message: '1–5' }]}>
                    <Select aria-label={`Risk ${i + 1} impact`} options={SCALE} placeholder="1–5" />
                  </Form.Item>
                </Col>
                <Col xs={6} md={4}>
                  <Form.Item label="Score">
                    <RiskScore index={field.name} />
                  </Form.Item>
                </Col>
                <Col xs={2} md={2} style={{ paddingTop: 30 }}>
                  <RemoveButton label={`Remove risk ${i + 1}`} onClick={() => remove(field.name)} />
                </Col>
                <Col span={24}>
                  <Form.Item name={[field.name, 'response']} label="Response" rules={[{ max: 2000 }]}>
                    <Input.TextArea
                      aria-label={`Risk ${i + 1} response`}
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      placeholder="Avoid, mitigate, transfer or accept — and how"
                    />
                  </Form.Item>
                </Col>
              </Row>
            </div>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ title: '', probability: null, impact: null, response: '' })}
            style={{ alignSelf: 'flex-start' }}
          >
            Add risk
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
