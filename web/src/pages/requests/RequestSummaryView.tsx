import { Card, Col, Descriptions, Row, Table, Tag, Typography } from 'antd';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { type CostLine, type RequestContent, type SkillDemand, monthLabel, riskBand, riskScore } from '../../api/requests.ts';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { formatDate, formatMoney, formatMoneyCompact, plural } from '../../lib/format.ts';
import { useNames } from './requestPickers.tsx';

const none = <Typography.Text type="secondary">Not given</Typography.Text>;

export function CostByMonth({ lines, chart = true }: { lines: CostLine[]; chart?: boolean }) {
  if (lines.length === 0) return none;
  const sorted = [...lines].sort((a, b) => a.month.localeCompare(b.month));
  const total = sorted.reduce((s, l) => s + l.amount, 0);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={chart ? 9 : 24}>
        <Table
          size="small"
          rowKey="month"
          pagination={false}
          dataSource={sorted}
          columns={[
            { title: 'Month', dataIndex: 'month', render: (m: string) => monthLabel(m) },
            { title: 'Amount', dataIndex: 'amount', align: 'right', render: (a: number) => formatMoney(a) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>Total</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <strong>{formatMoney(total)}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Col>
      {chart && (
        <Col xs={24} lg={15}>
          <figure style={{ margin: 0, height: 260 }} aria-label="Cost estimate by month, bar chart">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={sorted.map((l) => ({ month: monthLabel(l.month), amount: l.amount }))}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="month" tick={{ fontSize: 12 }} />
                <YAxis tickFormatter={(v: number) => formatMoneyCompact(v)} width={72} tick={{ fontSize: 12 }} />
                <Tooltip formatter={(v) => formatMoney(Number(v))} />
                <Bar dataKey="amount" name="Cost" fill="#1d4ed8" radius={[3, 3, 0, 0]} />
              </BarChart>
            </ResponsiveContainer>
          </figure>
        </Col>
      )}
    </Row>
  );
}

export function SkillsDemand({ demand }: { demand: SkillDemand[] }) {
  const names = useNames();
  if (demand.length === 0) return none;
  const months = [...new Set(demand.map((d) => d.month))].sort();
  const skills = [...new Set(demand.map((d) => d.skillId))];
  const rows = skills.map((skillId) => {
    const fte: Record<string, number> = {};
    for (const d of demand) if (d.skillId === skillId) fte[d.month] = d.fte;
    return { skillId, fte };
  });
  return (
    <ScrollRegion label="Skills and FTE by month">
      <Table
        size="small"
        rowKey="skillId"
        pagination={false}
        style={{ minWidth: 200 + months.length * 84 }}
        dataSource={rows}
        columns={[
          { title: 'Skill', key: 'skill', width: 200, render: (_, r) => names.skill(r.skillId) },
          ...months.map((m) => ({
            title: monthLabel(m),
            key: m,
            width: 84,
            align: 'right' as const,
            render: (_: unknown, r: (typeof rows)[number]) => r.fte[m] ?? '',
          })),
        ]}
      />
    </ScrollRegion>
  );
}

export function KnownRisks({ risks }: { risks: NonNullable<RequestContent['knownRisks']> }) {
  if (risks.length === 0) return none;
  return (
    <Table
      size="small"
      rowKey={(_, i) => String(i)}
      pagination={false}
      dataSource={[...risks].sort((a, b) => (riskScore(b) ?? 0) - (riskScore(a) ?? 0))}
      columns={[
        { title: 'Risk', dataIndex: 'title' },
        { title: 'Probability', dataIndex: 'probability', align: 'center', width: 100 },
        { title: 'Impact', dataIndex: 'impact', align: 'center', width: 90 },
        {
          title: 'Score',
          key: 'score',
          width: 120,
          render: (_, r) => {
            const s = riskScore(r) ?? 0;
            const band = riskBand(s);
            return (
              <Tag color={band.color}>
                {s} · {band.label}
              </Tag>
            );
          },
        },
        { title: 'Response', dataIndex: 'response', render: (t: string | null) => t || '—' },
      ]}
    />
  );
}

export interface SummaryNames {
  projectType: string | null;
  pmo: string | null;
  sponsor: string | null;
}

/** Everything a request says, read-only: the review step and the request's overview tab. */
export function RequestSummaryView({
  content,
  names,
  chart = true,
}: {
  content: RequestContent;
  names: SummaryNames;
  chart?: boolean;
}) {
  const projectNames = useNames();
  const benefits = content.benefits ?? [];
  const objectives = content.objectives ?? [];
  const dependencies = content.dependencies ?? [];
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card title="The case" size="small">
          <Descriptions
            column={1}
            bordered
            size="small"
            styles={{ label: { width: 180 } }}
            items={[
              { key: 'title', label: 'Title', children: content.title || none },
              {
                key: 'problem',
                label: 'Problem',
                children: content.problem ? <span style={{ whiteSpace: 'pre-wrap' }}>{content.problem}</span> : none,
              },
              {
                key: 'objectives',
                label: 'Objectives',
                children: objectives.length ? (
                  <ol style={{ margin: 0, paddingInlineStart: 18 }}>
                    {objectives.map((o, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list that never reorders
                      <li key={i}>{o}</li>
                    ))}
                  </ol>
                ) : (
                  none
                ),
              },
              {
                key: 'benefits',
                label: 'Expected benefits',
                children: benefits.length ? (
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {benefits.map((b, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list that never reorders
                      <li key={i}>
                        {b.description}
                        {b.amount !== null && <strong> · {formatMoney(b.amount)}</strong>}
                      </li>
                    ))}
                  </ul>
                ) : (
                  none
                ),
              },
              { key: 'type', label: 'Project type', children: names.projectType ?? none },
              { key: 'pmo', label: 'Target PMO', children: names.pmo ?? none },
              { key: 'sponsor', label: 'Sponsor', children: names.sponsor ?? none },
              { key: 'start', label: 'Wanted start', children: content.wantedStart ? formatDate(content.wantedStart) : none },
              {
                key: 'duration',
                label: 'Duration',
                children: content.durationMonths ? plural(content.durationMonths, 'month') : none,
              },
              {
                key: 'dependencies',
                label: 'Dependencies',
                children: dependencies.length ? (
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {dependencies.map((d) => (
                      <li key={d.projectId}>
                        {projectNames.project(d.projectId)}
                        {d.note && <Typography.Text type="secondary"> — {d.note}</Typography.Text>}
                      </li>
                    ))}
                  </ul>
                ) : (
                  'None'
                ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col span={24}>
        <Card title="Cost estimate by month" size="small">
          <CostByMonth lines={content.costEstimate ?? []} chart={chart} />
        </Card>
      </Col>
      <Col span={24}>
        <Card title="Skills and FTE by month" size="small">
          <SkillsDemand demand={content.skillDemand ?? []} />
        </Card>
      </Col>
      <Col span={24}>
        <Card title="Known risks" size="small">
          <KnownRisks risks={content.knownRisks ?? []} />
        </Card>
      </Col>
    </Row>
  );
}
