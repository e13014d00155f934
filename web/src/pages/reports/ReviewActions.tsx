import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { can, useMe } from '../../api/session.ts';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { isReportQuery } from './ReportEditor.tsx';
import type { StatusReport } from './reports.ts';

/** The PMO's review outcome and comment, and who gave it when. */
export function ReviewOutcome({ report }: { report: StatusReport }) {
  const review = report.review;
  if (!review) return null;
  const returned = review.outcome === 'returned';
  return (
    <Alert
      type={returned ? 'warning' : 'success'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="review-outcome"
      title={
        returned
          ? `Returned for revision by ${review.reviewer.name} on ${formatDateTime(review.reviewedAt)}`
          : `Accepted by ${review.reviewer.name} on ${formatDateTime(review.reviewedAt)}`
      }
      description={
        review.comment ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{review.comment}</Typography.Paragraph>
        ) : undefined
      }
    />
  );
}

/**
 * What the caller may do with a submitted or returned version, as the server's allowed actions
 * say: accept it or return it with a comment (the PMO, never on their own project), or revise it
 * as the next revision (its reporters, once returned).
 */
export function ReviewActions({ projectId, report }: { projectId: string; report: StatusReport }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const me = useMe().data;
  const [returnForm] = Form.useForm<{ comment: string }>();
  const [acceptForm] = Form.useForm<{ comment?: string }>();
  const [open, setOpen] = useState<'accept' | 'return' | null>(null);
  const [busy, setBusy] = useState(false);
  const showError = useServerErrors(open === 'return' ? returnForm : acceptForm);
  const allowed = new Set(report.allowedActions);
  const path = `/projects/${projectId}/status-reports/${report.id}`;

  const refresh = async (updated: StatusReport) => {
    client.setQueryData([path], updated);
    await client.invalidateQueries({ predicate: (q) => isReportQuery(projectId)(q) && q.queryKey[0] !== path });
  };

  const review = async (action: 'accept' | 'return', comment: string | undefined) => {
    setBusy(true);
    try {
      const updated = await api.post<StatusReport>(`${path}/${action}`, comment ? { comment } : {});
      await refresh(updated);
      setOpen(null);
      message.success(action === 'accept' ? 'Report accepted.' : 'Report returned to the project manager.');
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const revise = async () => {
    setBusy(true);
    try {
      const draft = await api.post<StatusReport>(`${path}/revise`);
      client.setQueryData([`/projects/${projectId}/status-reports/${draft.id}`], draft);
      await client.invalidateQueries({ predicate: isReportQuery(projectId) });
      message.success(`Revision ${draft.revision} started from the returned report.`);
      navigate(`/projects/${projectId}/status-reports/${draft.id}`);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const ownProject =
    report.state === 'submitted' && can(me, 'reports.review') && !allowed.has('accept') && !allowed.has('return');
  if (!allowed.has('accept') && !allowed.has('return') && !allowed.has('revise') && !ownProject) return null;
  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        {allowed.has('accept') && (
          <Button type="primary" onClick={() => setOpen('accept')}>
            Accept
          </Button>
        )}
        {allowed.has('return') && (
          <Button danger onClick={() => setOpen('return')}>
            Return for revision
          </Button>
        )}
        {allowed.has('revise') && (
          <Button type="primary" onClick={() => void revise()} loading={busy}>
            Revise
          </Button>
        )}
        {ownProject && (
          <Typography.Text type="secondary">
            You are part of this project or submitted this report, so another member of its PMO reviews it.
          </Typography.Text>
        )}
      </Flex>
      <Modal
        title="Accept the status report"
        open={open === 'accept'}
        okText="Accept"
        confirmLoading={busy}
        onOk={() =>
          acceptForm
            .validateFields()
            .then((v) => review('accept', v.comment?.trim() || undefined))
            // The form shows what is missing under its field.
            .catch(() => undefined)
        }
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        <Form form={acceptForm} layout="vertical" preserve={false}>
          <Form.Item name="comment" label="Comment (optional)">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title="Return the status report for revision"
        open={open === 'return'}
        okText="Return"
        okButtonProps={{ danger: true }}
        confirmLoading={busy}
        onOk={() =>
          returnForm
            .validateFields()
            .then((v) => review('return', v.comment.trim()))
            // The form shows what is missing under its field.
            .catch(() => undefined)
        }
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        <Form form={returnForm} layout="vertical" preserve={false}>
          <Form.Item
            name="comment"
            label="What should the project manager revise?"
            rules={[{ required: true, whitespace: true, message: 'Say what to revise: the project manager reads it' }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
