import { App, Button, Descriptions, Drawer, Flex, Form, Input, List, Popconfirm, Tag, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { useList, useRecord, useWrite } from '../../api/hooks.ts';
import type { MentoringSession, Mentorship } from '../../api/training.ts';
import { ErrorAlert, RecordState } from '../../components/QueryState.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { todayIso } from '../../lib/capacity.ts';
import { formatDate } from '../../lib/format.ts';
import { DateInput } from '../../components/DateInput.tsx';

interface SessionValues {
  heldOn: string;
  notes: string;
}

function Sessions({ pair }: { pair: Mentorship }) {
  const path = `/mentorships/${pair.id}/sessions`;
  const sessions = useList<MentoringSession>(path);
  const [form] = Form.useForm<SessionValues>();
  const { message } = App.useApp();
  const showError = useServerErrors(form);
  const add = useWrite(
    (v: SessionValues) => api.post<MentoringSession>(path, { heldOn: v.heldOn, notes: v.notes.trim() }),
    ['/mentorships'],
  );
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
        Session notes
      </Typography.Title>
      {sessions.error && <ErrorAlert error={sessions.error} onRetry={() => sessions.refetch()} />}
      <List
        loading={sessions.isLoading}
        dataSource={sessions.data ?? []}
        locale={{ emptyText: 'No session recorded yet.' }}
        renderItem={(s) => (
          <List.Item key={s.id}>
            <List.Item.Meta
              title={formatDate(s.heldOn)}
              description={<Typography.Text type="secondary">recorded by {s.recordedBy}</Typography.Text>}
            />
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0, flex: 2 }}>{s.notes}</Typography.Paragraph>
          </List.Item>
        )}
      />
      {pair.status === 'active' && (
        <Form<SessionValues>
          form={form}
          layout="vertical"
          initialValues={{ heldOn: todayIso() }}
          validateTrigger={['onChange', 'onBlur']}
          style={{ marginTop: 16 }}
          onFinish={async (v) => {
            try {
              await add.mutateAsync(v);
              message.success('Session recorded.');
              form.resetFields();
            } catch (err) {
              showError(err);
            }
          }}
        >
          <Typography.Title level={3} style={{ fontSize: 14 }}>
            Add a session
          </Typography.Title>
          <Form.Item
            label="Held on"
            name="heldOn"
            rules={[{ required: true, message: 'Enter the date' }]}
            style={{ maxWidth: 200 }}
          >
            <DateInput max={todayIso()} />
          </Form.Item>
          <Form.Item
            label="Notes"
            name="notes"
            rules={[{ required: true, whitespace: true, message: 'Write what was discussed' }, { max: 8000 }]}
          >
            <Input.TextArea rows={4} placeholder="What was discussed, what was agreed, what comes next" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            Add session
          </Button>
        </Form>
      )}
    </>
  );
}

/** One mentor–mentee pair: its goals, its sessions, and (for a training manager) ending it. */
export function MentorshipDrawer({ id, manage, onClose }: { id: string | null; manage: boolean; onClose: () => void }) {
  const pair = useRecord<Mentorship>(id ? `/mentorships/${id}` : null);
  const { message } = App.useApp();
  const showError = useServerErrors();
  const end = useWrite(
    (p: Mentorship) =>
      api.patch<Mentorship>(`/mentorships/${p.id}`, { version: p.version, status: 'ended', endedOn: todayIso() }),
    ['/mentorships'],
  );
  const p = pair.data;
  return (
    <Drawer
      title={p ? `${p.mentor.name} → ${p.mentee.name}` : 'Mentorship'}
      open={id !== null}
      onClose={onClose}
      size={640}
      destroyOnHidden
      extra={
        p &&
        manage &&
        p.status === 'active' && (
          <Popconfirm
            title="End this mentorship?"
            description="It cannot be reopened; start a new pair instead."
            okText="End pair"
            okButtonProps={{ danger: true }}
            onConfirm={async () => {
              try {
                await end.mutateAsync(p);
                message.success('Mentorship ended.');
              } catch (err) {
                showError(err);
              }
            }}
          >
            <Button danger loading={end.isPending}>
              End pair
            </Button>
          </Popconfirm>
        )
      }
    >
      <RecordState isLoading={pair.isLoading} error={pair.error} refetch={() => pair.refetch()}>
        {() =>
          p && (
            <>
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'mentor', label: 'Mentor', children: p.mentor.name },
                  { key: 'mentee', label: 'Mentee', children: p.mentee.name },
                  { key: 'pmo', label: 'PMO', children: p.pmo.name },
                  {
                    key: 'status',
                    label: 'Status',
                    children: (
                      <Flex gap={8} align="center">
                        {p.status === 'active' ? <Tag color="green">Active</Tag> : <Tag>Ended</Tag>}
                        {p.endedOn && `on ${formatDate(p.endedOn)}`}
                      </Flex>
                    ),
                  },
                  { key: 'started', label: 'Started', children: formatDate(p.startedOn) },
                  {
                    key: 'goals',
                    label: 'Goals',
                    children: p.goals ? (
                      <span style={{ whiteSpace: 'pre-wrap' }}>{p.goals}</span>
                    ) : (
                      <Typography.Text type="secondary">None recorded</Typography.Text>
                    ),
                  },
                ]}
              />
              <Sessions pair={p} />
            </>
          )
        }
      </RecordState>
    </Drawer>
  );
}
