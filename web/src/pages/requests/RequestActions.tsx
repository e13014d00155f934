import { EditOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { useWrite } from '../../api/hooks.ts';
import type { InitiationRequest } from '../../api/requests.ts';
import { EnterSubmits } from '../../components/EnterSubmits.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';

type ReasonAction = 'request_info' | 'withdraw' | 'reopen';

const REASON_ACTIONS: Record<ReasonAction, { path: string; button: string; title: string; label: string; ok: string }> = {
  request_info: {
    path: 'request-info',
    button: 'Request information',
    title: 'Ask the requester for information',
    label: 'Question for the requester',
    ok: 'Send question',
  },
  withdraw: {
    path: 'withdraw',
    button: 'Withdraw',
    title: 'Withdraw this request',
    label: 'Reason for withdrawing',
    ok: 'Withdraw request',
  },
  reopen: {
    path: 'reopen',
    button: 'Reopen',
    title: 'Take the request back into review',
    label: 'Reason for reopening',
    ok: 'Reopen request',
  },
};

function ReasonModal({
  request,
  action,
  onClose,
}: {
  request: InitiationRequest;
  action: ReasonAction | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const showError = useServerErrors(form);
  const { message } = App.useApp();
  const spec = action ? REASON_ACTIONS[action] : null;
  const move = useWrite(
    (reason: string) => api.post<InitiationRequest>(`/requests/${request.id}/${spec?.path}`, { reason }),
    ['/requests', '/notifications'],
  );
  const send = async ({ reason }: { reason: string }) => {
    try {
      await move.mutateAsync(reason);
      message.success(action === 'request_info' ? 'The requester has been asked.' : 'Done.');
      form.resetFields();
      onClose();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Modal
      open={action !== null}
      title={spec?.title}
      okText={spec?.ok}
      okButtonProps={{ danger: action === 'withdraw', loading: move.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={send} requiredMark={false}>
        <Form.Item
          name="reason"
          label={spec?.label}
          extra="Recorded in the request's history."
          rules={[
            { required: true, whitespace: true, message: 'A reason is required' },
            { max: 4000, message: 'At most 4,000 characters' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} autoFocus />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}

/** The workflow buttons the server says the caller may use on this request. */
export function RequestActions({ request }: { request: InitiationRequest }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const showError = useServerErrors();
  const [reasonFor, setReasonFor] = useState<ReasonAction | null>(null);
  const allowed = new Set(request.allowedActions);
  const submit = useWrite(() => api.post<InitiationRequest>(`/requests/${request.id}/submit`), ['/requests']);
  const startReview = useWrite(
    () => api.post<InitiationRequest>(`/requests/${request.id}/start-review`, {}),
    ['/requests', '/notifications'],
  );
  const run = async (write: { mutateAsync: () => Promise<unknown> }, done: string) => {
    try {
      await write.mutateAsync();
      message.success(done);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <>
      {allowed.has('edit') && (
        <Button icon={<EditOutlined />} onClick={() => navigate(`/requests/${request.id}/edit`)}>
          Edit
        </Button>
      )}
      {allowed.has('submit') &&
        (request.state === 'draft' ? (
          // A draft is submitted from the form's review step, which lists what is missing.
          <Button type="primary" icon={<SendOutlined />} onClick={() => navigate(`/requests/${request.id}/edit?step=6`)}>
            Review and submit
          </Button>
        ) : (
          <Popconfirm
            title="Send the request back into review?"
            okText="Send"
            onConfirm={() => run(submit, 'Sent back to the PMO.')}
          >
            <Button type="primary" icon={<SendOutlined />} loading={submit.isPending}>
              Send the answer
            </Button>
          </Popconfirm>
        ))}
      {allowed.has('start_review') && (
        <Button type="primary" loading={startReview.isPending} onClick={() => run(startReview, 'Review started.')}>
          Start review
        </Button>
      )}
      {allowed.has('request_info') && <Button onClick={() => setReasonFor('request_info')}>Request information</Button>}
      {allowed.has('reopen') && <Button onClick={() => setReasonFor('reopen')}>Reopen</Button>}
      {allowed.has('withdraw') && (
        <Button danger onClick={() => setReasonFor('withdraw')}>
          Withdraw
        </Button>
      )}
      <ReasonModal request={request} action={reasonFor} onClose={() => setReasonFor(null)} />
    </>
  );
}
