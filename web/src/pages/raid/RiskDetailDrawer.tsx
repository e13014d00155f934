import { EditOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Skeleton,
  Table,
  Typography,
} from 'antd';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useRecord, useWrite } from '../../api/hooks.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { FormModal } from '../../components/FormDrawer.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { formatDate, formatDateTime, formatMoney, plural } from '../../lib/format.ts';
import { ESCALATION_STATE_LABEL } from '../escalations/escalations.ts';
import { RiskDrawer } from './RiskDrawer.tsx';
import { EscalatedTag, IssueStatusTag, RiskStatusTag, ScoreTag, SeverityTag } from './RaidTags.tsx';
import {
  ISSUE_SEVERITIES,
  type Issue,
  type IssueSeverity,
  type Risk,
  type RiskAssessment,
  type RiskDetail,
  type RiskMatrix,
  raidPaths,
  responseLabel,
  scaleLabel,
  textOrNull,
  threePointText,
} from './raid.ts';

const muted = (text: string | null) => text || <Typography.Text type="secondary">None</Typography.Text>;

/** The score over time: a line when there are two assessments or more, and always the table of them. */
function AssessmentHistory({ risk, matrix }: { risk: RiskDetail; matrix: RiskMatrix }) {
  const rows = risk.assessments.map((a, i) => ({ n: i + 1, when: formatDate(a.assessedAt), score: a.score }));
  const highest = matrix.probabilityLabels.length * matrix.impactLabels.length;
  return (
    <section aria-label="Assessment history">
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        Assessment history
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {plural(risk.assessments.length, 'assessment')}: the score went from {risk.assessments[0]?.score ?? risk.score} to{' '}
        {risk.score}.
      </Typography.Paragraph>
      {rows.length >= 2 && (
        <figure style={{ margin: '0 0 12px', height: 180 }} aria-label={`Score of ${risk.key} by assessment, out of ${highest}`}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="n" tickFormatter={(n: number) => rows[n - 1]?.when ?? ''} tick={{ fontSize: 12 }} />
              <YAxis domain={[0, highest]} width={32} tick={{ fontSize: 12 }} />
              <Tooltip labelFormatter={(n) => rows[Number(n) - 1]?.when ?? ''} />
              <ReferenceLine
                y={matrix.escalationScore}
                stroke="#cf1322"
                strokeDasharray="4 4"
                label={{ value: 'escalation', position: 'insideTopLeft', fontSize: 12 }}
              />
              <Line dataKey="score" name="Score" stroke="#1d4ed8" strokeWidth={2} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </figure>
      )}
      <Table<RiskAssessment>
        size="small"
        aria-label={`Assessments of ${risk.key}`}
        rowKey={(a) => `${a.assessedAt}-${a.score}`}
        pagination={false}
        dataSource={risk.assessments}
        columns={[
          { title: 'Assessed', dataIndex: 'assessedAt', render: formatDateTime },
          { title: 'Probability', dataIndex: 'probability', align: 'right' },
          { title: 'Impact', dataIndex: 'impact', align: 'right' },
          {
            title: 'Score',
            key: 'score',
            render: (_, a) => <ScoreTag score={a.score} band={matrix.bands.find((b) => b.name === a.band) ?? null} />,
          },
          { title: 'Note', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
          { title: 'By', key: 'by', render: (_, a) => a.assessedBy?.name ?? '—' },
        ]}
      />
    </section>
  );
}

/** The issue the risk became when it occurred. */
function BecameIssue({ projectId, issueId }: { projectId: string; issueId: string }) {
  const issue = useRecord<Issue>(`/projects/${projectId}/issues/${issueId}`);
  const i = issue.data;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title="It occurred: the risk is kept as it was, and the issue is followed in the Issues register."
      description={
        i && (
          <Flex gap={8} align="center" wrap>
            <span>
              {i.key} · {i.title}
            </span>
            <SeverityTag severity={i.severity} />
            <IssueStatusTag status={i.status} />
          </Flex>
        )
      }
    />
  );
}

interface OccurValues {
  severity: IssueSeverity;
  description?: string | null;
  dueOn?: string | null;
}

/** "It occurred": asks the severity of the issue it becomes (and optionally a description and a due day). */
function OccurModal({ projectId, risk, open, onClose }: { projectId: string; risk: Risk; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<OccurValues>();
  const { message } = App.useApp();
  const occur = useWrite(
    (v: OccurValues) =>
      api.post<Issue>(`/projects/${projectId}/risks/${risk.id}/occurred`, {
        version: risk.version,
        severity: v.severity,
        description: textOrNull(v.description),
        dueOn: v.dueOn ?? null,
      }),
    raidPaths(projectId),
  );
  return (
    <FormModal<OccurValues>
      title={`${risk.key} occurred`}
      open={open}
      onClose={onClose}
      submitLabel="Raise the issue"
      pending={occur.isPending}
      form={form}
      onFinish={async (v) => {
        const issue = await occur.mutateAsync(v);
        message.success(`${risk.key} occurred: issue ${issue.key} raised.`);
        onClose();
      }}
    >
      <Typography.Paragraph type="secondary">
        The risk becomes an issue in the Issues register, linked to it; the risk is kept, marked occurred.
      </Typography.Paragraph>
      <Form.Item label="Severity" name="severity" rules={[{ required: true, message: 'Choose the severity' }]}>
        <Select options={[...ISSUE_SEVERITIES]} placeholder="How severe the issue is" />
      </Form.Item>
      <Form.Item label="Description" name="description" rules={[{ max: 4000 }]} extra="Leave it empty to take the risk's effect.">
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item label="Due" name="dueOn" extra="When the issue should be dealt with.">
        <DateInput />
      </Form.Item>
    </FormModal>
  );
}

/**
 * One risk: its assessment, response, owner, impacts and actions, every assessment of its score,
 * and, for those who keep the register, Edit, Close (or reopen) and "It occurred".
 */
export function RiskDetailDrawer({
  projectId,
  matrix,
  riskId,
  onClose,
}: {
  projectId: string;
  matrix: RiskMatrix;
  riskId: string | null;
  onClose: () => void;
}) {
  const record = useRecord<RiskDetail>(riskId ? `/projects/${projectId}/risks/${riskId}` : null);
  const { message } = App.useApp();
  const showError = useServerErrors();
  const [occurring, setOccurring] = useState(false);
  const [editing, setEditing] = useState(false);
  const setStatus = useWrite(
    ({ risk, status }: { risk: Risk; status: 'open' | 'closed' }) =>
      api.patch<RiskDetail>(`/projects/${projectId}/risks/${risk.id}`, { version: risk.version, status }),
    raidPaths(projectId),
  );
  const risk = record.data && record.data.id === riskId ? record.data : undefined;
  const changeStatus = async (r: Risk, status: 'open' | 'closed') => {
    try {
      await setStatus.mutateAsync({ risk: r, status });
      message.success(status === 'closed' ? `${r.key} closed.` : `${r.key} is open again.`);
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Drawer
      title={risk ? `${risk.key} · ${risk.title}` : 'Risk'}
      open={riskId !== null}
      onClose={onClose}
      size={720}
      destroyOnHidden
      extra={
        risk?.canEdit && (
          <Flex gap={8} wrap>
            {risk.status === 'open' && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  Edit
                </Button>
                <Popconfirm
                  title={`Close ${risk.key}?`}
                  description="A closed risk can no longer happen; it leaves the heat map."
                  okText="Close risk"
                  onConfirm={() => changeStatus(risk, 'closed')}
                >
                  <Button loading={setStatus.isPending}>Close risk</Button>
                </Popconfirm>
                <Button danger onClick={() => setOccurring(true)}>
                  It occurred
                </Button>
              </>
            )}
            {risk.status === 'closed' && (
              <Button loading={setStatus.isPending} onClick={() => changeStatus(risk, 'open')}>
                Reopen risk
              </Button>
            )}
          </Flex>
        )
      }
    >
      {record.error && <ErrorAlert error={record.error} onRetry={() => record.refetch()} />}
      {!risk && !record.error && <Skeleton active />}
      {risk && (
        <>
          {risk.status === 'occurred' && risk.issueId && <BecameIssue projectId={projectId} issueId={risk.issueId} />}
          {risk.escalation && (
            <Typography.Paragraph>
              <Link to={`/escalations/${risk.escalation.id}`}>
                In the PMO's escalation queue: {ESCALATION_STATE_LABEL[risk.escalation.state].toLowerCase()}
              </Link>
            </Typography.Paragraph>
          )}
          <Descriptions
            column={{ xs: 1, md: 2 }}
            size="small"
            style={{ marginBottom: 16 }}
            items={[
              {
                key: 'score',
                label: 'Score',
                children: (
                  <Flex gap={6} wrap>
                    <ScoreTag score={risk.score} band={risk.band} />
                    {risk.escalated && <EscalatedTag />}
                  </Flex>
                ),
              },
              { key: 'status', label: 'Status', children: <RiskStatusTag status={risk.status} /> },
              { key: 'probability', label: 'Probability', children: scaleLabel(matrix.probabilityLabels, risk.probability) },
              { key: 'impact', label: 'Impact', children: scaleLabel(matrix.impactLabels, risk.impact) },
              { key: 'category', label: 'Category', children: risk.category },
              { key: 'response', label: 'Response', children: responseLabel(risk.response) },
              { key: 'owner', label: 'Owner', children: risk.owner?.name ?? '—' },
              {
                key: 'escalatedAt',
                label: 'Escalated',
                children: risk.escalated ? `since ${formatDateTime(risk.escalatedAt)}` : 'No',
              },
              { key: 'cause', label: 'Cause', span: 2, children: muted(risk.cause) },
              { key: 'effect', label: 'Effect', span: 2, children: muted(risk.effect) },
              { key: 'description', label: 'Description', span: 2, children: muted(risk.description) },
              {
                key: 'cost',
                label: 'Cost impact',
                span: 2,
                children: threePointText(risk.costImpact, (n) => formatMoney(n)),
              },
              {
                key: 'schedule',
                label: 'Schedule impact',
                span: 2,
                children: threePointText(risk.scheduleImpactDays, (n) => plural(n, 'day')),
              },
            ]}
          />
          <section aria-label="Actions">
            <Typography.Title level={3} style={{ fontSize: 15 }}>
              Actions
            </Typography.Title>
            <Table
              size="small"
              aria-label={`Actions on ${risk.key}`}
              rowKey="n"
              pagination={false}
              dataSource={risk.actions.map((a, n) => ({ ...a, n }))}
              locale={{ emptyText: 'No actions yet.' }}
              style={{ marginBottom: 16 }}
              columns={[
                { title: 'Action', dataIndex: 'text' },
                { title: 'Owner', key: 'owner', render: (_, a) => a.owner?.name ?? '—' },
                { title: 'Due', dataIndex: 'dueOn', render: formatDate },
                { title: 'Done', dataIndex: 'doneOn', render: formatDate },
              ]}
            />
          </section>
          <AssessmentHistory risk={risk} matrix={matrix} />
          <OccurModal projectId={projectId} risk={risk} open={occurring} onClose={() => setOccurring(false)} />
          {/* Nested, so that it opens above this drawer (which it pushes aside). */}
          <RiskDrawer projectId={projectId} matrix={matrix} risk={editing ? risk : null} onClose={() => setEditing(false)} />
        </>
      )}
    </Drawer>
  );
}
