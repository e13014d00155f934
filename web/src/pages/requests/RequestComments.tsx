import { Avatar, Button, Flex, Form, Input, List, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { useList, useWrite } from '../../api/hooks.ts';
import type { RequestComment } from '../../api/requests.ts';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { formatDateTime } from '../../lib/format.ts';

/** The thread between requester and PMO, oldest first, with a box to post at the end. */
export function RequestComments({ requestId, canComment }: { requestId: string; canComment: boolean }) {
  const path = `/requests/${requestId}/comments`;
  const comments = useList<RequestComment>(path);
  const [form] = Form.useForm<{ body: string }>();
  const showError = useServerErrors(form);
  const post = useWrite((body: string) => api.post<RequestComment>(path, { body }), [`/requests/${requestId}`]);

  const send = async ({ body }: { body: string }) => {
    try {
      await post.mutateAsync(body);
      form.resetFields();
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Flex vertical gap={16}>
      {comments.error && <ErrorAlert error={comments.error} onRetry={() => comments.refetch()} />}
      <List
        loading={comments.isLoading}
        dataSource={comments.data ?? []}
        locale={{ emptyText: 'No comment yet.' }}
        aria-label="Comments"
        renderItem={(c) => (
          <List.Item key={c.id}>
            <List.Item.Meta
              avatar={
                <Avatar style={{ background: '#1d4ed8' }} aria-hidden>
                  {c.author.name.slice(0, 1)}
                </Avatar>
              }
              title={
                <Flex gap={8} align="baseline">
                  <span>{c.author.name}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
                    {formatDateTime(c.createdAt)}
                  </Typography.Text>
                </Flex>
              }
              description={<span style={{ whiteSpace: 'pre-wrap', color: 'rgba(0,0,0,0.88)' }}>{c.body}</span>}
            />
          </List.Item>
        )}
      />
      {canComment && (
        <Form form={form} layout="vertical" onFinish={send} requiredMark={false}>
          <Form.Item
            name="body"
            label="Add a comment"
            rules={[
              { required: true, whitespace: true, message: 'Write something first' },
              { max: 8000, message: 'At most 8,000 characters' },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder="Ask or answer a question" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={post.isPending}>
            Post comment
          </Button>
        </Form>
      )}
    </Flex>
  );
}
