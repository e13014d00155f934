import { Alert, Card, Col, Descriptions, Flex, Row, Table, Typography } from 'antd';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../lib/format.ts';
import { MismatchTag, RagTag } from './ReportTags.tsx';
import { PeriodEscalations } from './PeriodEscalations.tsx';
import {
  EVM_FIGURES,
  type Mismatch,
  type Rag,
  type RagKey,
  type StatusReport,
  daysBetween,
  evmFigure,
  mismatchLine,
  ragKeyLabel,
  slipText,
} from './reports.ts';

/** The banner of a report whose reported RAG is better than its figures: each dimension and its figure. */
export function MismatchBanner({ mismatches }: { mismatches: readonly Mismatch[] }) {
  if (mismatches.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="mismatch-banner"
      title="Reported better than the figures show"
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {mismatches.map((m) => (
            <li key={m.dimension}>
              <Typography.Text strong>{ragKeyLabel(m.dimension)}</Typography.Text>
              {`: reported ${m.reported}, computed ${m.computed} — ${mismatchLine(m).split(': ').slice(1).join(': ')}`}
            </li>
          ))}
        </ul>
      }
    />
  );
}

interface RagRow {
  key: RagKey;
  reported: Rag | undefined;
  reason: string | undefined;
  computed: Rag | undefined;
  because: string | undefined;
  mismatch: boolean;
}

/** Reported beside computed, for overall and each dimension, with the reason given and the figure behind. */
function RagComparison({ report, ragKeys }: { report: StatusReport; ragKeys: readonly RagKey[] }) {
  const mismatched = new Set(report.mismatches.map((m) => m.dimension));
  const rows: RagRow[] = ragKeys.map((k) => {
    const entry = k === 'overall' ? undefined : report.computedRag?.dimensions[k];
    return {
      key: k,
      reported: report.rag[k],
      reason: report.ragReasons[k],
      computed: k === 'overall' ? report.computedRag?.overall : entry?.rag,
      because: entry?.because,
      mismatch: mismatched.has(k),
    };
  });
  return (
    <Table<RagRow>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: 'Dimension', key: 'key', render: (_, r) => <Typography.Text strong>{ragKeyLabel(r.key)}</Typography.Text> },
        { title: 'Reported', key: 'reported', render: (_, r) => <RagTag rag={r.reported} /> },
        {
          title: 'Computed',
          key: 'computed',
          render: (_, r) =>
            report.computedRag ? (
              <Flex gap={6} align="center" wrap>
                <RagTag rag={r.computed} />
                {r.mismatch && <MismatchTag />}
              </Flex>
            ) : (
              '—'
            ),
        },
        {
          title: 'Why',
          key: 'why',
          render: (_, r) => (
            <Flex vertical gap={2}>
              {r.reason && <span>{r.reason}</span>}
              {r.because && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  Computed: {r.because}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
      ]}
    />
  );
}

/** The twelve figures of earned value; an undefined one is "—" with the reason beneath. */
function EarnedValue({ report }: { report: StatusReport }) {
  const evm = report.evm;
  if (!evm) return <Typography.Text type="secondary">Worked out when the report is submitted.</Typography.Text>;
  return (
    <>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 2, sm: 3, lg: 4 }}
        items={EVM_FIGURES.map((f) => {
          const { text, reason } = evmFigure(evm, f.key, f.kind);
          return {
            key: f.key,
            label: <abbr title={f.title}>{f.label}</abbr>,
            // An undefined figure says why in words, not behind a hover.
            children: reason ? (
              <Flex vertical gap={0}>
                <span data-testid={`evm-${f.key}`}>{text}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {`Not defined: ${reason}`}
                </Typography.Text>
              </Flex>
            ) : (
              <span data-testid={`evm-${f.key}`}>{text}</span>
            ),
          };
        })}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        Other estimates at completion: {formatMoney(evm.eacAtBudgetRate)} at the budgeted rate (AC + BAC − EV)
        {evm.eacComposite === null ? '' : `, ${formatMoney(evm.eacComposite)} with CPI × SPI`}
        {evm.tcpiToEac === null ? '' : `; TCPI to EAC ${formatNumber(evm.tcpiToEac, 2)}`}.
        {report.baseline ? ` Against baseline version ${report.baseline.number}.` : ''}
      </Typography.Paragraph>
    </>
  );
}

/** "12 days after the planned finish of", "on the planned finish of". */
function finishText(days: number): string {
  if (days === 0) return 'on the planned finish of';
  const n = Math.abs(days);
  return `${n} day${n === 1 ? '' : 's'} ${days > 0 ? 'after' : 'before'} the planned finish of`;
}

function Narrative({ title, text }: { title: string; text: string }) {
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Title level={3} style={{ fontSize: 14, marginBottom: 4 }}>
        {title}
      </Typography.Title>
      {text ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{text}</Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary">None</Typography.Text>
      )}
    </div>
  );
}

/** A submitted report, read-only: figures, RAG reported against computed, mismatches, milestones and narrative. */
export function ReportView({
  report,
  ragKeys,
  plannedFinish,
}: {
  report: StatusReport;
  ragKeys: readonly RagKey[];
  plannedFinish: string | null;
}) {
  const finishSlip = plannedFinish && report.forecastFinish ? daysBetween(plannedFinish, report.forecastFinish) : null;
  return (
    <>
      <MismatchBanner mismatches={report.mismatches} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title="Progress" style={{ height: '100%' }}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'asOf', label: 'Status date', children: formatDate(report.asOf) },
                {
                  key: 'pct',
                  label: 'Percent complete',
                  children: report.percentComplete === null ? '—' : `${formatNumber(report.percentComplete, 2)} %`,
                },
                { key: 'ac', label: 'Actual cost to date', children: formatMoney(report.actualCost) },
                {
                  key: 'finish',
                  label: 'Forecast finish',
                  children: `${formatDate(report.forecastFinish)}${finishSlip === null ? '' : ` (${finishText(finishSlip)} ${formatDate(plannedFinish)})`}`,
                },
                {
                  key: 'submitted',
                  label: 'Submitted',
                  children: report.submittedAt
                    ? `${formatDateTime(report.submittedAt)} by ${report.submittedBy?.name ?? '—'}${report.onTime === false ? ' (late)' : ''}`
                    : 'Not yet',
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="Status: reported and computed" style={{ height: '100%' }}>
            <RagComparison report={report} ragKeys={ragKeys} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title="Earned value">
            <EarnedValue report={report} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="Key milestones" style={{ height: '100%' }}>
            <Table
              rowKey="milestoneId"
              size="small"
              pagination={false}
              dataSource={report.milestoneForecasts}
              locale={{ emptyText: 'No milestone forecast in this report.' }}
              columns={[
                { title: 'Milestone', dataIndex: 'name' },
                { title: 'Baseline', dataIndex: 'baselineDate', render: (d: string) => formatDate(d) },
                { title: 'Forecast', dataIndex: 'forecastDate', render: (d: string) => formatDate(d) },
                {
                  title: 'Slip',
                  key: 'slip',
                  render: (_, f) => slipText(daysBetween(f.baselineDate, f.forecastDate)),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="Narrative" style={{ height: '100%' }}>
            <Narrative title="Accomplishments" text={report.accomplishments} />
            <Narrative title="Next steps" text={report.nextSteps} />
            <Narrative title="Help needed" text={report.helpNeeded} />
          </Card>
        </Col>
        <Col xs={24}>
          <PeriodEscalations projectId={report.projectId} periodStart={report.periodStart} periodEnd={report.periodEnd} />
        </Col>
      </Row>
    </>
  );
}
