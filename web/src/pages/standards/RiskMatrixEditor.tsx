import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { StandardDefinition } from '../../api/domain.ts';
import { RiskMatrix } from './RiskMatrix.tsx';

const COLORS = ['green', 'yellow', 'amber', 'orange', 'red', 'darkred'];

/** Scale labels, score bands and the escalation score, with a live preview of the grid. */
export function RiskMatrixEditor() {
  const matrix = Form.useWatch('riskMatrix') as StandardDefinition['riskMatrix'] | undefined;
  const complete =
    matrix?.bands?.every((b) => b && typeof b.minScore === 'number') &&
    matrix.probabilityLabels?.length === 5 &&
    matrix.impactLabels?.length === 5;
  return (
    <Row gutter={24}>
      <Col xs={24} xl={12}>
        <Typography.Text strong>Scales</Typography.Text>
        <Row gutter={12} style={{ marginTop: 8 }}>
          {[0, 1, 2, 3, 4].map((i) => (
            <Col span={12} key={`p${i}`}>
              <Form.Item
                label={`Probability ${i + 1} label`}
                name={['riskMatrix', 'probabilityLabels', i]}
                rules={[{ required: true, message: 'Enter a label' }, { max: 40 }]}
                style={{ marginBottom: 8 }}
              >
                <Input />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Row gutter={12}>
          {[0, 1, 2, 3, 4].map((i) => (
            <Col span={12} key={`i${i}`}>
              <Form.Item
                label={`Impact ${i + 1} label`}
                name={['riskMatrix', 'impactLabels', i]}
                rules={[{ required: true, message: 'Enter a label' }, { max: 40 }]}
                style={{ marginBottom: 8 }}
              >
                <Input />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Typography.Text strong>Score bands (ascending, the first starts at 1)</Typography.Text>
        <Form.List name={['riskMatrix', 'bands']}>
          {(fields, { add, remove }) => (
            <Flex vertical style={{ marginTop: 8 }}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[{ required: true, message: 'Name the band' }, { max: 20 }]}
                    style={{ flex: 1, marginBottom: 8 }}
                  >
                    <Input aria-label={`Band ${i + 1} name`} placeholder="Name" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'minScore']}
                    rules={[
                      { required: true, message: 'From which score' },
                      { type: 'integer', min: 1, max: 25, message: '1 to 25' },
                    ]}
                    style={{ width: 110, marginBottom: 8 }}
                  >
                    <InputNumber aria-label={`Band ${i + 1} starts at score`} precision={0} placeholder="from" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'color']} rules={[{ required: true }]} style={{ width: 130, marginBottom: 8 }}>
                    <Select aria-label={`Band ${i + 1} colour`} options={COLORS.map((c) => ({ value: c, label: c }))} />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={`Remove band ${i + 1}`}
                    onClick={() => remove(field.name)}
                    disabled={fields.length <= 2}
                  />
                </Flex>
              ))}
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ name: '', minScore: 25, color: 'red' })}
                style={{ alignSelf: 'flex-start' }}
              >
                Add a band
              </Button>
            </Flex>
          )}
        </Form.List>
        <Form.Item
          label="Escalation score"
          name={['riskMatrix', 'escalationScore']}
          extra="A risk scoring at or above this lands in the PMO's queue."
          rules={[{ required: true }, { type: 'integer', min: 1, max: 25, message: '1 to 25' }]}
          style={{ marginTop: 16 }}
        >
          <InputNumber precision={0} />
        </Form.Item>
      </Col>
      <Col xs={24} xl={12}>
        <Typography.Text strong>Preview</Typography.Text>
        <div style={{ marginTop: 8 }}>
          {complete && matrix ? (
            <RiskMatrix matrix={matrix} />
          ) : (
            <Typography.Text type="secondary">Complete the scales and bands to see the grid.</Typography.Text>
          )}
        </div>
      </Col>
    </Row>
  );
}
