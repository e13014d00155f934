import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { useList, useWrite } from '../../api/hooks.ts';
import { can, useMe } from '../../api/session.ts';
import type { Mentorship } from '../../api/training.ts';
import { FormModal } from '../../components/FormDrawer.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { PersonSelect, PmoSelect } from '../../components/pickers.tsx';
import { todayIso } from '../../lib/capacity.ts';
import { formatDate } from '../../lib/format.ts';
import { MentorshipDrawer } from './MentorshipDrawer.tsx';
import { DateInput } from '../../components/DateInput.tsx';

interface NewPair {
  pmoId: string;
  mentorId: string;
  menteeId: string;
  goals?: string;
  startedOn: string;
}

function NewPairModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const [form] = Form.useForm<NewPair>();
  const { message } = App.useApp();
  const create = useWrite(
    (v: NewPair) => api.post<Mentorship>('/mentorships', { ...v, goals: v.goals?.trim() || null }),
    ['/mentorships'],
  );
  const mentorId = Form.useWatch('mentorId', form);
  return (
    <FormModal<NewPair>
      title="New mentor–mentee pair"
      open={open}
      onClose={onClose}
      submitLabel="Create pair"
      pending={create.isPending}
      form={form}
      formProps={{ initialValues: { startedOn: todayIso() } }}
      onFinish={async (v) => {
        const pair = await create.mutateAsync(v);
        message.success(`${pair.mentor.name} now mentors ${pair.mentee.name}.`);
        onClose();
        onCreated(pair.id);
      }}
    >
      <Form.Item label="PMO" name="pmoId" rules={[{ required: true, message: 'Choose the PMO that runs the mentorship' }]}>
        <PmoSelect />
      </Form.Item>
      <Form.Item label="Mentor" name="mentorId" rules={[{ required: true, message: 'Choose the mentor' }]}>
        <PersonSelect />
      </Form.Item>
      <Form.Item label="Mentee" name="menteeId" rules={[{ required: true, message: 'Choose the mentee' }]}>
        <PersonSelect exclude={mentorId ? [mentorId] : []} />
      </Form.Item>
      <Form.Item
        label="Started on"
        name="startedOn"
        rules={[{ required: true, message: 'Enter the date' }]}
        style={{ maxWidth: 200 }}
      >
        <DateInput />
      </Form.Item>
      <Form.Item label="Goals" name="goals" rules={[{ max: 4000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}

/** Mentor–mentee pairs: every one for a training manager, otherwise one's own. */
export default function MentoringPage() {
  const me = useMe().data;
  const manage = can(me, 'training.manage');
  const pairs = useList<Mentorship>('/mentorships');
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const open = params.get('pair');
  const show = (id: string | null) => setParams(id ? { pair: id } : {}, { replace: true });

  return (
    <>
      <PageHeader
        title="Mentoring"
        subtitle={manage ? 'Mentor–mentee pairs and their session notes.' : 'The mentorships you are mentor or mentee in.'}
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Training' }, { title: 'Mentoring' }]}
        extra={
          <Flex gap={8} wrap>
            <ExportButton path="/api/v1/mentorships" />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                New pair
              </Button>
            )}
          </Flex>
        }
      />
      {pairs.error && <ErrorAlert error={pairs.error} onRetry={() => pairs.refetch()} />}
      <Card>
        <Table<Mentorship>
          rowKey="id"
          loading={pairs.isLoading}
          dataSource={pairs.data ?? []}
          pagination={{ pageSize: 25, hideOnSinglePage: true }}
          locale={{ emptyText: manage ? 'No mentorships yet.' : 'You are not in any mentorship.' }}
          columns={[
            {
              title: 'Mentor → mentee',
              key: 'pair',
              sorter: (a, b) => a.mentor.name.localeCompare(b.mentor.name),
              render: (_, p) => (
                <Button type="link" style={{ padding: 0 }} onClick={() => show(p.id)}>
                  {p.mentor.name} → {p.mentee.name}
                </Button>
              ),
            },
            {
              title: 'PMO',
              key: 'pmo',
              filters: [...new Map((pairs.data ?? []).map((p) => [p.pmo.id, p.pmo.name])).entries()].map(([id, name]) => ({
                text: name,
                value: id,
              })),
              onFilter: (v, p) => p.pmo.id === v,
              render: (_, p) => <Link to={`/pmos/${p.pmo.id}`}>{p.pmo.name}</Link>,
            },
            {
              title: 'Started',
              dataIndex: 'startedOn',
              sorter: (a, b) => a.startedOn.localeCompare(b.startedOn),
              defaultSortOrder: 'descend',
              render: (v: string) => formatDate(v),
            },
            {
              title: 'Status',
              dataIndex: 'status',
              filters: [
                { text: 'Active', value: 'active' },
                { text: 'Ended', value: 'ended' },
              ],
              onFilter: (v, p) => p.status === v,
              render: (s: string, p) =>
                s === 'active' ? <Tag color="green">Active</Tag> : <Tag>Ended {formatDate(p.endedOn)}</Tag>,
            },
            { title: 'Sessions', dataIndex: 'sessionCount', align: 'right', sorter: (a, b) => a.sessionCount - b.sessionCount },
            { title: 'Last session', dataIndex: 'lastSessionOn', render: (v: string | null) => formatDate(v) },
          ]}
        />
      </Card>
      <NewPairModal open={creating} onClose={() => setCreating(false)} onCreated={show} />
      <MentorshipDrawer id={open} manage={manage} onClose={() => show(null)} />
    </>
  );
}
