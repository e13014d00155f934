import { FlagOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Flex, List, Row, Table, Tag, Timeline, Typography } from 'antd';
import type { Gate, StandardDefinition } from '../../api/domain.ts';
import { humanize, plural, roleLabel } from '../../lib/format.ts';
import { RiskMatrix } from './RiskMatrix.tsx';

function GateDetail({ gate }: { gate: Gate }) {
  const must = gate.criteria.filter((c) => c.kind === 'must');
  const should = gate.criteria.filter((c) => c.kind === 'should');
  return (
    <Card
      size="small"
      style={{ background: '#f8fafc', borderColor: '#cbd5e1' }}
      title={
        <Flex gap={8} align="center">
          <SafetyCertificateOutlined aria-hidden /> Tollgate: {gate.name}
        </Flex>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'reviewers', label: 'Reviewers', children: gate.reviewerRoles.map((r) => <Tag key={r}>{roleLabel(r)}</Tag>) },
          { key: 'quorum', label: 'Quorum', children: `${gate.quorum} vote${gate.quorum === 1 ? '' : 's'}` },
          { key: 'pass', label: 'Pass score', children: `${gate.passScore} / 100` },
        ]}
      />
      <Typography.Text strong>Must meet</Typography.Text>
      <List
        size="small"
        dataSource={must}
        locale={{ emptyText: 'No must-meet criteria' }}
        renderItem={(c) => (
          <List.Item key={c.key}>
            <Tag color="red">Must</Tag>
            {c.text}
          </List.Item>
        )}
      />
      <Typography.Text strong>Should meet (scored)</Typography.Text>
      <List
        size="small"
        dataSource={should}
        locale={{ emptyText: 'No should-meet criteria' }}
        renderItem={(c) => (
          <List.Item key={c.key}>
            <span>
              <Tag color="gold">Should</Tag>
              {c.text}
            </span>
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', marginLeft: 12 }}>
              weight {c.weight}
            </Typography.Text>
          </List.Item>
        )}
      />
      <Typography.Text strong>Required deliverables</Typography.Text>
      <div style={{ marginTop: 4 }}>
        {(gate.deliverables ?? []).length === 0 ? (
          <Typography.Text type="secondary">None</Typography.Text>
        ) : (
          (gate.deliverables ?? []).map((d) => (
            <Tag key={d.key} icon={<FlagOutlined />}>
              {d.name}
            </Tag>
          ))
        )}
      </div>
    </Card>
  );
}

/** Phases in order, each followed by the tollgate that closes it. */
export function Lifecycle({ definition }: { definition: StandardDefinition }) {
  const items = definition.phases.flatMap((phase, i) => {
    const gates = definition.gates.filter((g) => g.afterPhase === phase.key);
    return [
      {
        key: `phase-${phase.key}`,
        color: 'blue',
        title: `Phase ${i + 1}`,
        content: (
          <div>
            <Typography.Text strong style={{ fontSize: 15 }}>
              {phase.name}
            </Typography.Text>
            {phase.description && (
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {phase.description}
              </Typography.Paragraph>
            )}
          </div>
        ),
      },
      ...gates.map((g) => ({
        key: `gate-${g.key}`,
        color: 'gray',
        icon: <SafetyCertificateOutlined style={{ fontSize: 16 }} aria-hidden />,
        title: 'Tollgate',
        content: <GateDetail gate={g} />,
      })),
    ];
  });
  return <Timeline mode="start" titleSpan="90px" items={items} />;
}

export function TolerancesTable({ tolerances }: { tolerances: StandardDefinition['tolerances'] }) {
  const rows = [
    { key: 'spi', name: 'Schedule performance index (SPI)', rule: 'below', ...tolerances.spi },
    { key: 'cpi', name: 'Cost performance index (CPI)', rule: 'below', ...tolerances.cpi },
    { key: 'budget', name: 'Budget variance (% of BAC)', rule: 'above', ...tolerances.budgetVariancePct },
    { key: 'date', name: 'Finish date slip (days)', rule: 'above', ...tolerances.dateVarianceDays },
  ];
  return (
    <Table
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: 'Indicator', dataIndex: 'name' },
        {
          title: <Tag color="orange">Amber</Tag>,
          key: 'amber',
          render: (_, r) => `${r.rule === 'below' ? '<' : '≥'} ${r.amber}`,
        },
        { title: <Tag color="red">Red</Tag>, key: 'red', render: (_, r) => `${r.rule === 'below' ? '<' : '≥'} ${r.red}` },
      ]}
    />
  );
}

/** The whole standard of one version, read-only. */
export function StandardView({ definition }: { definition: StandardDefinition }) {
  const r = definition.reporting;
  return (
    <Flex vertical gap={16}>
      <Card title={`Lifecycle: ${plural(definition.phases.length, 'phase')}, ${plural(definition.gates.length, 'tollgate')}`}>
        <Lifecycle definition={definition} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <Card title="Status reporting">
              <Descriptions
                column={1}
                items={[
                  { key: 'cadence', label: 'Cadence', children: humanize(r.cadence) },
                  {
                    key: 'dims',
                    label: 'RAG dimensions',
                    children: r.ragDimensions.map((d) => <Tag key={d}>{humanize(d)}</Tag>),
                  },
                  { key: 'grace', label: 'Overdue after', children: `${r.graceDays} grace days` },
                  {
                    key: 'escalate',
                    label: 'Escalated to the PMO lead',
                    children: `${plural(r.escalateAfterDays, 'day')} overdue`,
                  },
                  {
                    key: 'approval-step',
                    label: 'Each approval step',
                    children: `${plural(definition.approvals?.stepDeadlineDays ?? 5, 'day')}, escalated ${plural(definition.approvals?.escalateAfterDays ?? 2, 'day')} after`,
                  },
                ]}
              />
            </Card>
            <Card title="Tolerances">
              <TolerancesTable tolerances={definition.tolerances} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={14}>
          <Card title="Risk matrix">
            <RiskMatrix matrix={definition.riskMatrix} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
