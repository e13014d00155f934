import { Card, Col, Descriptions, Flex, Row, Steps, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useRecord } from '../../api/hooks.ts';
import { can, useMe } from '../../api/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RecordState } from '../../components/QueryState.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { AnswerPanel, DecisionPanel, WithdrawButton } from './ApprovalActions.tsx';
import { ApprovalStateTag, DueText, StepStateTag } from './ApprovalTags.tsx';
import { ImpactView } from './ImpactView.tsx';
import {
  ACTION_LABEL,
  type Approval,
  type ApprovalAction,
  type ApprovalStep,
  KIND_LABEL,
  type StepState,
  actorText,
  effectLines,
  effectLink,
  levelName,
  subjectOf,
} from './approvals.ts';

const STEP_STATUS: Record<StepState, 'wait' | 'process' | 'finish' | 'error'> = {
  waiting: 'wait',
  active: 'process',
  info_requested: 'process',
  approved: 'finish',
  rejected: 'error',
};

const ACTION_COLOR: Record<ApprovalAction['action'], string> = {
  approve: 'green',
  reject: 'red',
  request_info: 'orange',
  answer: 'blue',
  withdraw: 'gray',
  remind: 'orange',
  escalate: 'red',
};

function RequestCard({ approval: a }: { approval: Approval }) {
  const me = useMe();
  const change = a.change;
  return (
    <Card title="The request" style={{ marginBottom: 16 }}>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'project',
            label: a.project ? 'Project' : 'Initiation request',
            children: (
              <Link to={subjectOf(a).to}>
                {subjectOf(a).code} · {subjectOf(a).name}
              </Link>
            ),
          },
          {
            key: 'pmo',
            label: 'PMO',
            children: can(me.data, 'pmo.read') ? <Link to={`/pmos/${a.pmo.id}`}>{a.pmo.name}</Link> : a.pmo.name,
          },
          { key: 'kind', label: 'Kind', children: KIND_LABEL[a.kind] },
          { key: 'asked', label: 'What is asked', children: a.headline },
          ...(change.kind === 'scope_change'
            ? [
                {
                  key: 'scope',
                  label: 'Scope',
                  span: 2,
                  children: <span style={{ whiteSpace: 'pre-line' }}>{change.description}</span>,
                },
              ]
            : []),
          ...(a.impact.skill ? [{ key: 'skill', label: 'Skill', children: a.impact.skill.name }] : []),
          {
            key: 'reason',
            label: 'Reason',
            span: 2,
            children: <span style={{ whiteSpace: 'pre-line' }}>{a.reason}</span>,
          },
          { key: 'requested', label: 'Requested', children: `${a.requestedBy.name}, ${formatDateTime(a.requestedAt)}` },
          { key: 'decided', label: 'Decided', children: a.decidedAt ? formatDateTime(a.decidedAt) : 'Not yet' },
        ]}
      />
    </Card>
  );
}

function StepContent({ step }: { step: ApprovalStep }) {
  const open = step.state === 'active' || step.state === 'info_requested';
  return (
    <Flex vertical gap={2}>
      <span>{step.approvers.map((ap) => ap.name).join(', ') || 'Nobody named'}</span>
      {step.quorum > 1 && <span>quorum {step.quorum}</span>}
      <Typography.Text type="secondary">{step.because}</Typography.Text>
      {(step.quorum > 1 || step.approvals > 0) && (
        <span>
          {step.approvals} of {step.quorum} {step.quorum === 1 ? 'approval' : 'approvals'}
        </span>
      )}
      {open && <DueText dueOn={step.dueOn} overdue={step.overdue} />}
      {step.escalatedTo && (
        <span>
          escalated to {levelName(step.escalatedTo)}
          {step.escalatedAt ? ` on ${formatDateTime(step.escalatedAt)}` : ''}
        </span>
      )}
      {step.decidedAt && <span>decided {formatDateTime(step.decidedAt)}</span>}
    </Flex>
  );
}

function RouteCard({ approval }: { approval: Approval }) {
  return (
    <Card title="Route" style={{ marginBottom: 16 }}>
      <section aria-label="Route">
        <Steps
          orientation="vertical"
          size="small"
          items={approval.steps.map((s) => ({
            key: s.id,
            status: STEP_STATUS[s.state],
            title: (
              <Flex gap={8} align="center" wrap component="span">
                <span>
                  Step {s.position}: {s.levelName}
                </span>
                <StepStateTag state={s.state} />
              </Flex>
            ),
            content: <StepContent step={s} />,
          }))}
        />
      </section>
    </Card>
  );
}

function HistoryCard({ approval }: { approval: Approval }) {
  return (
    <Card title="History" style={{ marginBottom: 16 }}>
      <section aria-label="History">
        <Timeline
          items={[
            {
              key: 'raised',
              color: 'blue',
              content: (
                <Flex vertical gap={2}>
                  <span>
                    <Typography.Text strong>Requested</Typography.Text> by {approval.requestedBy.name}
                  </span>
                  <Typography.Text type="secondary">{formatDateTime(approval.requestedAt)}</Typography.Text>
                </Flex>
              ),
            },
            ...approval.actions.map((action) => ({
              key: action.id,
              color: ACTION_COLOR[action.action],
              content: (
                <Flex vertical gap={2}>
                  <span>
                    <Typography.Text strong>{ACTION_LABEL[action.action]}</Typography.Text> by {actorText(action)}
                    {action.stepPosition ? ` (step ${action.stepPosition})` : ''}
                  </span>
                  {action.comment && <span style={{ whiteSpace: 'pre-line' }}>{action.comment}</span>}
                  <Typography.Text type="secondary">{formatDateTime(action.at)}</Typography.Text>
                </Flex>
              ),
            })),
          ]}
        />
      </section>
    </Card>
  );
}

function EffectCard({ approval }: { approval: Approval }) {
  const lines = effectLines(approval.kind, approval.effect);
  if (approval.state !== 'approved' || lines.length === 0) return null;
  const link = effectLink(approval.kind, approval.project?.id ?? null, approval.effect);
  return (
    <Card title="What the approval did" style={{ marginBottom: 16 }}>
      <section aria-label="Effect">
        <Flex vertical gap={4}>
          {lines.map((line) => (
            <span key={line}>{line}</span>
          ))}
          {link && <Link to={link.to}>{link.label}</Link>}
        </Flex>
      </section>
    </Card>
  );
}

/**
 * One approval request: what is asked and why, its impact on the project, its route step by step
 * and its history; the approver of the current step decides here, the requester answers a
 * question or withdraws; once approved, what it changed.
 */
export default function ApprovalPage() {
  const { id = '' } = useParams();
  const approval = useRecord<Approval>(`/approvals/${id}`);
  return (
    <RecordState
      isLoading={approval.isLoading}
      error={approval.error}
      refetch={() => approval.refetch()}
      backTo={{ to: '/approvals', label: 'Back to approvals' }}
    >
      {() => {
        const a = approval.data as Approval;
        return (
          <>
            <PageHeader
              title={`${a.key} · ${a.title}`}
              subtitle={`${subjectOf(a).code} · ${subjectOf(a).name} · ${KIND_LABEL[a.kind]}`}
              tags={
                <>
                  <ApprovalStateTag state={a.state} />
                  {a.waitingOn?.overdue && <Tag color="red">late</Tag>}
                </>
              }
              breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Approvals', to: '/approvals' }, { title: a.key }]}
              extra={a.youMayWithdraw ? <WithdrawButton approval={a} /> : undefined}
            />
            <Row gutter={[16, 0]}>
              <Col xs={24} xl={14}>
                <RequestCard approval={a} />
                <EffectCard approval={a} />
                <Card title="Impact" style={{ marginBottom: 16 }}>
                  <section aria-label="Impact">
                    <ImpactView impact={a.impact} />
                  </section>
                </Card>
              </Col>
              <Col xs={24} xl={10}>
                {a.youMayDecide && <DecisionPanel key={`${a.id}-${a.currentStep}`} approval={a} />}
                {a.youMayAnswer && <AnswerPanel approval={a} />}
                <RouteCard approval={a} />
                <HistoryCard approval={a} />
              </Col>
            </Row>
          </>
        );
      }}
    </RecordState>
  );
}
