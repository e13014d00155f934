import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import { useWrite } from '../../api/hooks.ts';
import { FormModal } from '../../components/FormDrawer.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { formatDateTime } from '../../lib/format.ts';
import {
  type Approval,
  type ApprovalDecision,
  STATE_LABEL,
  actorText,
  approvalPaths,
  levelName,
  openQuestion,
} from './approvals.ts';

/** A refusal of the server as a sentence: "step 1 (PMO lead) of AR-3 is for … to decide." */
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/** Refusals that are about the request, not a field: shown in the panel, with the record refreshed. */
const REFUSALS = new Set(['NOT_YOUR_STEP', 'SELF_APPROVAL', 'STEP_DECIDED', 'INVALID_STATE', 'FORBIDDEN']);

interface DecisionValues {
  comment?: string;
  overrideReason?: string;
}

/**
 * The approver's decision on the step they may decide: a comment, and Approve, Reject or Ask for
 * information (the last two need the comment: the server says so under it). A headcount request
 * whose final approval would over-allocate the skill is refused with the figures; the approver may
 * then approve over capacity with a reason.
 */
export function DecisionPanel({ approval }: { approval: Approval }) {
  const [form] = Form.useForm<DecisionValues>();
  const { message } = App.useApp();
  const showError = useServerErrors(form);
  const [overAllocated, setOverAllocated] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [pending, setPending] = useState<ApprovalDecision['outcome'] | 'override' | null>(null);
  const queryClient = useQueryClient();
  const decide = useWrite(
    (body: ApprovalDecision) => api.post<Approval>(`/approvals/${approval.id}/decision`, body),
    approvalPaths(approval.project?.id ?? null),
  );

  const send = async (outcome: ApprovalDecision['outcome'], override = false) => {
    const { comment, overrideReason } = form.getFieldsValue();
    setRefusal(null);
    form.setFields([{ name: 'comment', errors: [] }]);
    if (override && !overrideReason?.trim()) {
      form.setFields([{ name: 'overrideReason', errors: ['Say why the allocation may go over capacity'] }]);
      return;
    }
    setPending(override ? 'override' : outcome);
    try {
      const decided = await decide.mutateAsync({
        outcome,
        ...(comment?.trim() ? { comment: comment.trim() } : {}),
        ...(override ? { overrideReason: overrideReason?.trim() } : {}),
        version: approval.version,
      });
      form.resetFields();
      setOverAllocated(null);
      message.success(`${decided.key} is ${STATE_LABEL[decided.state].toLowerCase()}.`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'OVER_ALLOCATED') {
        setOverAllocated(sentence(err.message));
      } else if (err instanceof ApiError && REFUSALS.has(err.code)) {
        // Someone else decided meanwhile, or the request moved on: show it as it is now.
        setRefusal(sentence(err.message));
        message.error(sentence(err.message), 6);
        void queryClient.invalidateQueries({ queryKey: [`/approvals/${approval.id}`] });
      } else {
        showError(err);
      }
    } finally {
      setPending(null);
    }
  };

  return (
    <Card title="Your decision" style={{ marginBottom: 16 }}>
      <Form<DecisionValues> form={form} layout="vertical">
        <Typography.Paragraph type="secondary">
          Step {approval.currentStep} ({approval.waitingOn?.levelName ?? 'this step'}) waits for you. A reason is needed to reject
          or to ask for information.
        </Typography.Paragraph>
        {refusal && <Alert type="error" showIcon role="alert" title={refusal} style={{ marginBottom: 16 }} />}
        <Form.Item label="Comment" name="comment" rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        {overAllocated && (
          <>
            <Alert
              type="warning"
              showIcon
              role="alert"
              title="The allocation would go over capacity"
              description={overAllocated}
              style={{ marginBottom: 16 }}
            />
            <Form.Item label="Override reason" name="overrideReason" rules={[{ max: 2000 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        <Flex gap={8} wrap>
          {overAllocated ? (
            <Button type="primary" danger loading={pending === 'override'} onClick={() => send('approve', true)}>
              Approve over capacity
            </Button>
          ) : (
            <Button type="primary" loading={pending === 'approve'} onClick={() => send('approve')}>
              Approve
            </Button>
          )}
          <Button danger loading={pending === 'reject'} onClick={() => send('reject')}>
            Reject
          </Button>
          <Button loading={pending === 'request_info'} onClick={() => send('request_info')}>
            Ask for information
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

/** The requester answers the approver's question; the step resumes. */
export function AnswerPanel({ approval }: { approval: Approval }) {
  const [form] = Form.useForm<{ answer?: string }>();
  const { message } = App.useApp();
  const showError = useServerErrors(form);
  const question = openQuestion(approval);
  const answer = useWrite(
    (text: string) => api.post<Approval>(`/approvals/${approval.id}/answer`, { answer: text }),
    approvalPaths(approval.project?.id ?? null),
  );
  const step = approval.steps.find((s) => s.position === approval.currentStep);
  return (
    <Card title="Answer the question" style={{ marginBottom: 16 }}>
      {question && (
        <Typography.Paragraph>
          <Typography.Text strong>{actorText(question)}</Typography.Text>
          {step ? ` (${levelName(step.level)})` : ''} asked on {formatDateTime(question.at)}:{' '}
          <span style={{ whiteSpace: 'pre-line' }}>{question.comment}</span>
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          try {
            await answer.mutateAsync((v.answer ?? '').trim());
            form.resetFields();
            message.success('Answer sent: the step resumes.');
          } catch (err) {
            showError(err);
          }
        }}
      >
        <Form.Item
          label="Your answer"
          name="answer"
          rules={[{ required: true, whitespace: true, message: 'Write the answer' }, { max: 4000 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={answer.isPending}>
          Send answer
        </Button>
      </Form>
    </Card>
  );
}

/** "Withdraw": the requester takes back an open request, with a reason. */
export function WithdrawButton({ approval }: { approval: Approval }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason?: string }>();
  const { message } = App.useApp();
  const withdraw = useWrite(
    (reason: string) => api.post<Approval>(`/approvals/${approval.id}/withdraw`, { reason }),
    approvalPaths(approval.project?.id ?? null),
  );
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        Withdraw
      </Button>
      <FormModal<{ reason?: string }>
        title={`Withdraw ${approval.key}`}
        open={open}
        onClose={() => setOpen(false)}
        submitLabel="Withdraw request"
        okButtonProps={{ danger: true }}
        pending={withdraw.isPending}
        form={form}
        onFinish={async (v) => {
          await withdraw.mutateAsync((v.reason ?? '').trim());
          message.success(`${approval.key} is withdrawn.`);
          setOpen(false);
        }}
      >
        <Typography.Paragraph type="secondary">
          The request stops where it is; nothing it asked for is done. Its approvers see why.
        </Typography.Paragraph>
        <Form.Item
          label="Reason"
          name="reason"
          rules={[{ required: true, whitespace: true, message: 'Say why it is withdrawn' }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} autoFocus />
        </Form.Item>
      </FormModal>
    </>
  );
}
