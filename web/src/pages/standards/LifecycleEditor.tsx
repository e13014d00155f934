import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { ALL_ROLES, roleLabel } from '../../lib/format.ts';

const KEY_RULES = [
  { required: true, message: 'Enter a key' },
  { max: 40 },
  { pattern: /^[a-z][a-z0-9_-]*$/, message: 'Lower-case letters, digits, - and _' },
];

/** The key and name columns of a phase or gate card, labelled e.g. "Phase 1 key", "Phase 1 name". */
function KeyAndName({ field, label, nameSpan }: { field: number; label: string; nameSpan: number }) {
  return (
    <>
      <Col xs={24} md={6}>
        <Form.Item label={`${label} key`} name={[field, 'key']} rules={KEY_RULES}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={nameSpan}>
        <Form.Item
          label={`${label} name`}
          name={[field, 'name']}
          rules={[{ required: true, whitespace: true, message: 'Enter a name' }, { max: 100 }]}
        >
          <Input />
        </Form.Item>
      </Col>
    </>
  );
}

/** The ordered phases of the lifecycle. */
export function PhasesEditor() {
  return (
    <Form.List
      name="phases"
      rules={[
        {
          validator: async (_, v: unknown[]) =>
            v?.length >= 2 ? undefined : Promise.reject(new Error('A lifecycle needs at least two phases')),
        },
      ]}
    >
      {(fields, { add, remove, move }, { errors }) => (
        <Flex vertical gap={8}>
          {fields.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              title={`Phase ${i + 1}`}
              extra={
                <Flex gap={4}>
                  <Button
                    size="small"
                    icon={<ArrowUpOutlined />}
                    aria-label={`Move phase ${i + 1} up`}
                    disabled={i === 0}
                    onClick={() => move(i, i - 1)}
                  />
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined />}
                    aria-label={`Move phase ${i + 1} down`}
                    disabled={i === fields.length - 1}
                    onClick={() => move(i, i + 1)}
                  />
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`Remove phase ${i + 1}`}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              }
            >
              <Row gutter={12}>
                <KeyAndName field={field.name} label={`Phase ${i + 1}`} nameSpan={8} />
                <Col xs={24} md={10}>
                  <Form.Item label={`Phase ${i + 1} description`} name={[field.name, 'description']} rules={[{ max: 2000 }]}>
                    <Input />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', name: '', description: '' })}>
            Add a phase
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

type GateField = { name: number; key: number };

/**
 * One of a gate's lists (criteria, deliverables): a heading, a row of inputs per item with a
 * Remove button, and an Add button that appends `blank`.
 */
function GateItemsEditor({
  gateName,
  gateIndex,
  list,
  heading,
  noun,
  blank,
  wrap,
  style,
  children,
}: {
  gateName: number;
  gateIndex: number;
  /** The gate's field holding the list. */
  list: 'criteria' | 'deliverables';
  heading: string;
  /** What one item is called in the labels: "criterion" → "Remove criterion 2 of gate 1", "Add a criterion". */
  noun: string;
  blank: Record<string, unknown>;
  wrap?: boolean;
  style?: CSSProperties;
  /** The inputs of one item; `label(part)` names them, e.g. "Gate 1 criterion 2 key". */
  children: (field: GateField, label: (part: string) => string) => ReactNode;
}) {
  return (
    <Form.List name={[gateName, list]}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={0} style={style}>
          <Typography.Text strong>{heading}</Typography.Text>
          {fields.map((field, i) => (
            <Flex key={field.key} gap={8} align="flex-start" wrap={wrap}>
              {children(field, (part) => `Gate ${gateIndex + 1} ${noun} ${i + 1} ${part}`)}
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={`Remove ${noun} ${i + 1} of gate ${gateIndex + 1}`}
                onClick={() => remove(field.name)}
              />
            </Flex>
          ))}
          <Button
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add(blank)}
            style={{ alignSelf: 'flex-start' }}
          >
            Add a {noun}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

function CriteriaEditor({ gateName, gateIndex }: { gateName: number; gateIndex: number }) {
  return (
    <GateItemsEditor
      gateName={gateName}
      gateIndex={gateIndex}
      list="criteria"
      heading="Criteria"
      noun="criterion"
      blank={{ kind: 'must', key: '', text: '', weight: 1 }}
      wrap
    >
      {(field, label) => (
        <>
          <Form.Item name={[field.name, 'kind']} rules={[{ required: true }]} style={{ width: 136, marginBottom: 8 }}>
            <Select
              aria-label={label('kind')}
              options={[
                { value: 'must', label: 'Must meet' },
                { value: 'should', label: 'Should meet' },
              ]}
            />
          </Form.Item>
          <Form.Item name={[field.name, 'key']} rules={KEY_RULES} style={{ width: 130, marginBottom: 8 }}>
            <Input aria-label={label('key')} placeholder="key" />
          </Form.Item>
          <Form.Item
            name={[field.name, 'text']}
            rules={[{ required: true, whitespace: true, message: 'Describe the criterion' }, { max: 500 }]}
            style={{ flex: 1, minWidth: 220, marginBottom: 8 }}
          >
            <Input aria-label={label('text')} placeholder="What must be true" />
          </Form.Item>
          <Form.Item
            name={[field.name, 'weight']}
            rules={[{ type: 'number', min: 0, max: 100, message: '0 to 100' }]}
            style={{ width: 90, marginBottom: 8 }}
          >
            <InputNumber aria-label={label('weight')} placeholder="weight" />
          </Form.Item>
        </>
      )}
    </GateItemsEditor>
  );
}

function DeliverablesEditor({ gateName, gateIndex }: { gateName: number; gateIndex: number }) {
  return (
    <GateItemsEditor
      gateName={gateName}
      gateIndex={gateIndex}
      list="deliverables"
      heading="Required deliverables"
      noun="deliverable"
      blank={{ key: '', name: '' }}
      style={{ marginTop: 12 }}
    >
      {(field, label) => (
        <>
          <Form.Item name={[field.name, 'key']} rules={KEY_RULES} style={{ width: 160, marginBottom: 8 }}>
            <Input aria-label={label('key')} placeholder="key" />
          </Form.Item>
          <Form.Item
            name={[field.name, 'name']}
            rules={[{ required: true, whitespace: true, message: 'Name the deliverable' }, { max: 200 }]}
            style={{ flex: 1, marginBottom: 8 }}
          >
            <Input aria-label={label('name')} placeholder="Deliverable" />
          </Form.Item>
        </>
      )}
    </GateItemsEditor>
  );
}

/** The tollgates: which phase each closes, criteria, deliverables, reviewers and quorum. */
export function GatesEditor() {
  const phases = (Form.useWatch('phases') as { key: string; name: string }[] | undefined) ?? [];
  const phaseOptions = phases
    .slice(0, -1)
    .filter((p) => p?.key)
    .map((p) => ({ value: p.key, label: `${p.name || p.key} (${p.key})` }));
  return (
    <Form.List name="gates">
      {(fields, { add, remove }) => (
        <Flex vertical gap={12}>
          {fields.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              title={`Gate ${i + 1}`}
              extra={
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`Remove gate ${i + 1}`}
                  onClick={() => remove(field.name)}
                />
              }
            >
              <Row gutter={12}>
                <KeyAndName field={field.name} label={`Gate ${i + 1}`} nameSpan={9} />
                <Col xs={24} md={9}>
                  <Form.Item
                    label={`Gate ${i + 1} closes phase`}
                    name={[field.name, 'afterPhase']}
                    rules={[{ required: true, message: 'Choose the phase it closes' }]}
                  >
                    <Select options={phaseOptions} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    label={`Gate ${i + 1} reviewer roles`}
                    name={[field.name, 'reviewerRoles']}
                    rules={[{ required: true, type: 'array', min: 1, message: 'Name at least one reviewer role' }]}
                  >
                    <Select mode="multiple" options={ALL_ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item
                    label={`Gate ${i + 1} quorum`}
                    name={[field.name, 'quorum']}
                    rules={[
                      { required: true, message: 'Enter the quorum' },
                      { type: 'integer', min: 1, max: 20, message: '1 to 20 votes' },
                    ]}
                  >
                    <InputNumber precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item
                    label={`Gate ${i + 1} pass score`}
                    name={[field.name, 'passScore']}
                    rules={[{ required: true }, { type: 'number', min: 0, max: 100, message: '0 to 100' }]}
                  >
                    <InputNumber style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <CriteriaEditor gateName={field.name} gateIndex={i} />
              <DeliverablesEditor gateName={field.name} gateIndex={i} />
            </Card>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() =>
              add({
                key: '',
                name: '',
                criteria: [{ kind: 'must', key: '', text: '', weight: 1 }],
                deliverables: [],
                reviewerRoles: ['pmo_lead'],
                quorum: 1,
                passScore: 60,
              })
            }
          >
            Add a gate
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
