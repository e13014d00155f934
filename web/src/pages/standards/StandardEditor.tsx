import { Alert, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Tabs, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { RAG_DIMENSIONS, type ProjectType, type StandardDefinition, type StandardVersion } from '../../api/domain.ts';
import { useWrite } from '../../api/hooks.ts';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { sameDocument } from '../../lib/canonical.ts';
import { humanize } from '../../lib/format.ts';
import { GatesEditor, PhasesEditor } from './LifecycleEditor.tsx';
import { RiskMatrixEditor } from './RiskMatrixEditor.tsx';

interface Values extends StandardDefinition {
  note?: string;
}

const TOLERANCES: { key: keyof StandardDefinition['tolerances']; label: string; hint: string; step: number }[] = [
  { key: 'spi', label: 'SPI', hint: 'Amber below the amber value, red below the red value (red ≤ amber).', step: 0.01 },
  { key: 'cpi', label: 'CPI', hint: 'Amber below the amber value, red below the red value (red ≤ amber).', step: 0.01 },
  { key: 'budgetVariancePct', label: 'Budget variance %', hint: 'Overrun in % of BAC; red ≥ amber.', step: 1 },
  { key: 'dateVarianceDays', label: 'Date variance days', hint: 'Forecast finish slip in days; red ≥ amber.', step: 1 },
];

function TolerancesEditor() {
  return (
    <Flex vertical gap={8}>
      {TOLERANCES.map((t) => {
        const lower = t.key === 'spi' || t.key === 'cpi';
        return (
          <Card key={t.key} size="small" title={t.label} extra={<Typography.Text type="secondary">{t.hint}</Typography.Text>}>
            <Flex gap={24} wrap>
              <Form.Item
                label={`${t.label} amber threshold`}
                name={['tolerances', t.key, 'amber']}
                rules={[{ required: true, message: 'Enter the amber threshold' }]}
              >
                <InputNumber step={t.step} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item
                label={`${t.label} red threshold`}
                name={['tolerances', t.key, 'red']}
                dependencies={[['tolerances', t.key, 'amber']]}
                rules={[
                  { required: true, message: 'Enter the red threshold' },
                  ({ getFieldValue }) => ({
                    validator: (_, red: number | null) => {
                      const amber = getFieldValue(['tolerances', t.key, 'amber']) as number | null;
                      if (red == null || amber == null) return Promise.resolve();
                      if (lower && red > amber) return Promise.reject(new Error('Red must not be above amber'));
                      if (!lower && red < amber) return Promise.reject(new Error('Red must not be below amber'));
                      return Promise.resolve();
                    },
                  }),
                ]}
              >
                <InputNumber step={t.step} style={{ width: 160 }} />
              </Form.Item>
            </Flex>
          </Card>
        );
      })}
    </Flex>
  );
}

function ReportingEditor() {
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item label="Reporting cadence" name={['reporting', 'cadence']} rules={[{ required: true }]}>
          <Select options={['weekly', 'fortnightly', 'monthly'].map((c) => ({ value: c, label: humanize(c) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label="RAG dimensions"
          name={['reporting', 'ragDimensions']}
          rules={[{ required: true, type: 'array', min: 1, message: 'Choose at least one dimension' }]}
        >
          <Select mode="multiple" options={RAG_DIMENSIONS.map((d) => ({ value: d, label: humanize(d) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label="Grace days before a report is overdue"
          name={['reporting', 'graceDays']}
          rules={[{ required: true }, { type: 'number', min: 0, max: 30, message: '0 to 30 days' }]}
        >
          <InputNumber style={{ width: 160 }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label="Days overdue before escalation"
          name={['reporting', 'escalateAfterDays']}
          rules={[{ required: true }, { type: 'number', min: 0, max: 60, message: '0 to 60 days' }]}
        >
          <InputNumber style={{ width: 160 }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label="Days each approval step may take"
          name={['approvals', 'stepDeadlineDays']}
          rules={[{ type: 'number', min: 1, max: 60, message: '1 to 60 days' }]}
          extra="A late step is reminded the day after (5 days unless set)."
        >
          <InputNumber style={{ width: 160 }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label="Days late before a step is escalated"
          name={['approvals', 'escalateAfterDays']}
          rules={[{ type: 'number', min: 0, max: 30, message: '0 to 30 days' }]}
          extra="It goes up to the next level of the PMO's line (2 days unless set)."
        >
          <InputNumber style={{ width: 160 }} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Which editor tab holds a top-level field of the definition. */
const TAB_OF_FIELD: Record<string, string> = {
  tolerances: 'tolerances',
  reporting: 'reporting',
  approvals: 'reporting',
  phases: 'phases',
  gates: 'gates',
  riskMatrix: 'risk',
};

/**
 * Edits a copy of the current standard and publishes it as the next version. The draft names
 * the version it was based on; if someone published meanwhile the server answers 409.
 */
export function StandardEditor({
  type,
  onPublished,
  onCancel,
}: {
  type: ProjectType;
  onPublished: (v: StandardVersion) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [conflict, setConflict] = useState(false);
  const [tab, setTab] = useState('tolerances');
  // Publishing an unchanged standard is refused by the server; say so before the click.
  const [changed, setChanged] = useState(false);
  /** Brings the tab holding the first wrong field to the front: errors in a hidden tab go unseen. */
  const showTabOf = (name: readonly (string | number)[] | undefined) => {
    const key = name ? TAB_OF_FIELD[String(name[0] === 'definition' ? name[1] : name[0])] : undefined;
    if (key) setTab(key);
  };
  const showError = useServerErrors(form, { strip: ['definition'] });
  const publish = useWrite(
    ({ note, ...definition }: Values) =>
      api.post<StandardVersion>(`/project-types/${type.id}/versions`, {
        definition,
        basedOnVersion: type.currentVersion,
        note: note?.trim() || null,
      }),
    ['/project-types', '/projects'],
  );

  const onFinish = async () => {
    setConflict(false);
    const values = form.getFieldsValue(true) as Values;
    try {
      onPublished(await publish.mutateAsync(values));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setConflict(true);
      else {
        showTabOf(err instanceof ApiError ? err.issues[0]?.field.split('.') : undefined);
        showError(err);
      }
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={structuredClone(type.definition)}
      validateTrigger={['onChange', 'onBlur']}
      onFinish={onFinish}
      onValuesChange={() => {
        const { note: _note, ...definition } = form.getFieldsValue(true) as Values;
        setChanged(!sameDocument(definition, type.definition));
      }}
      onFinishFailed={({ errorFields }) => {
        const first = errorFields[0];
        if (!first) return;
        showTabOf(first.name);
        // The tab switch renders first; then the field can be scrolled to.
        setTimeout(() => form.scrollToField(first.name, { block: 'center', focus: true }), 50);
      }}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`Editing a draft of version ${type.currentVersion}`}
        description={`Publishing makes version ${type.currentVersion + 1}. Projects already running keep the version they are bound to.`}
      />
      {conflict && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title="Someone published a newer version of this standard"
          description="Reload to see it, then apply your changes again."
          action={
            <Button size="small" onClick={() => window.location.reload()}>
              Reload
            </Button>
          }
        />
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'tolerances', label: 'Tolerances', forceRender: true, children: <TolerancesEditor /> },
            { key: 'reporting', label: 'Reporting cadence', forceRender: true, children: <ReportingEditor /> },
            { key: 'phases', label: 'Phases', forceRender: true, children: <PhasesEditor /> },
            { key: 'gates', label: 'Gates & criteria', forceRender: true, children: <GatesEditor /> },
            { key: 'risk', label: 'Risk matrix', forceRender: true, children: <RiskMatrixEditor /> },
          ]}
        />
      </Card>
      <Card style={{ marginTop: 16 }}>
        <Form.Item
          label="What changed and why"
          name="note"
          rules={[{ max: 2000 }]}
          extra="Recorded with the new version and in the audit trail."
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Flex gap={8} justify="flex-end">
          {!changed && (
            <Typography.Text type="secondary" id="publish-unchanged" style={{ alignSelf: 'center' }}>
              Nothing to publish yet: this draft is the same as version {type.currentVersion}.
            </Typography.Text>
          )}
          <Button onClick={onCancel}>Cancel</Button>
          <Tooltip
            title={changed ? undefined : `Change something first: the draft is the same as version ${type.currentVersion}`}
          >
            <Button
              type="primary"
              htmlType="submit"
              loading={publish.isPending}
              disabled={!changed}
              aria-describedby={changed ? undefined : 'publish-unchanged'}
            >
              Publish version {type.currentVersion + 1}
            </Button>
          </Tooltip>
        </Flex>
      </Card>
    </Form>
  );
}
