import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useList, useWrite } from '../../api/hooks.ts';
import type { Schemas } from '../../api/openapi.ts';
import type { Me } from '../../api/types.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { FormModal } from '../../components/FormDrawer.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { PersonSelect } from '../../components/pickers.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { formatDate } from '../../lib/format.ts';

/** The version is optional here until the generated types carry it; the server sends it. */
type Delegation = Schemas['ApprovalDelegate'] & { version?: number };

interface NewDelegation {
  delegatePersonId: string | null;
  startsOn: string | null;
  endsOn: string | null;
  reason?: string;
}

const PATH = '/approval-delegates';
const DAY_MS = 86_400_000;
/** The longest cover the server accepts, counted from its first day. */
const MAX_DAYS = 366;

/** An ISO day (UTC) `days` from `from` (today): the server counts its days in UTC too. */
function isoDay(days: number, from = new Date().toISOString().slice(0, 10)): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Where a delegation stands today: under way, still to come, or over. */
function CoverTag({ delegation }: { delegation: Delegation }) {
  if (delegation.active) return <Tag color="green">Active now</Tag>;
  return delegation.startsOn > isoDay(0) ? <Tag color="blue">Upcoming</Tag> : <Tag>Ended</Tag>;
}

/**
 * Holiday cover: the delegates the signed-in approver named, each removable, and the approvers they
 * stand in for. Shown to those who decide approval steps (`approvals.decide`).
 */
export function HolidayCoverCard({ me }: { me: Me }) {
  const delegations = useList<Delegation>(PATH);
  const { message } = App.useApp();
  const [form] = Form.useForm<NewDelegation>();
  const startsOn = Form.useWatch('startsOn', form);
  const [naming, setNaming] = useState(false);
  const showError = useServerErrors();
  const create = useWrite(
    (values: NewDelegation) =>
      api.post<Delegation>(PATH, {
        delegatePersonId: values.delegatePersonId,
        startsOn: values.startsOn,
        endsOn: values.endsOn,
        reason: values.reason?.trim() || null,
      }),
    [PATH],
  );
  // The version guards against removing a cover that changed meanwhile (409, "reload").
  const remove = useWrite((d: Delegation) => api.delete(`${PATH}/${d.id}`, { query: { version: d.version } }), [PATH]);
  const end = async (d: Delegation, done: string) => {
    try {
      await remove.mutateAsync(d);
      message.success(done);
    } catch (err) {
      showError(err);
    }
  };
  const all = delegations.data ?? [];
  const named = all.filter((d) => d.approver.id === me.userId);
  const standingIn = all.filter((d) => d.approver.id !== me.userId);

  return (
    <section aria-label="Holiday cover">
      <Card
        title={
          <Space>
            <SwapOutlined aria-hidden />
            Holiday cover
          </Space>
        }
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setNaming(true)}>
            Name a delegate
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          While you are away your delegate decides the approval steps that name you; each decision records that they acted for
          you.
        </Typography.Paragraph>
        {delegations.error && <ErrorAlert error={delegations.error} onRetry={() => delegations.refetch()} />}
        <Table<Delegation>
          rowKey="id"
          size="small"
          loading={delegations.isLoading}
          dataSource={named}
          pagination={false}
          locale={{ emptyText: 'You have named no delegate.' }}
          columns={[
            { title: 'Delegate', key: 'delegate', render: (_, d) => d.delegate.name },
            { title: 'From', dataIndex: 'startsOn', render: (v: string) => formatDate(v) },
            { title: 'To', dataIndex: 'endsOn', render: (v: string) => formatDate(v) },
            { title: 'Reason', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
            { title: 'Status', key: 'status', render: (_, d) => <CoverTag delegation={d} /> },
            {
              title: <span className="tg-visually-hidden">Actions</span>,
              key: 'actions',
              render: (_, d) => (
                <Popconfirm
                  title={`Remove ${d.delegate.name} as your delegate?`}
                  description="From now on only you decide the steps that name you."
                  okText="Remove"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => end(d, `${d.delegate.name} no longer decides for you.`)}
                >
                  <Button danger size="small" aria-label={`Remove ${d.delegate.name}`}>
                    Remove
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
        {standingIn.length > 0 && (
          <>
            <Typography.Paragraph strong style={{ marginTop: 16, marginBottom: 8 }}>
              You stand in for
            </Typography.Paragraph>
            <ul aria-label="Approvers you stand in for" style={{ paddingLeft: 20, marginBottom: 0 }}>
              {standingIn.map((d) => (
                <li key={d.id} style={{ marginBottom: 4 }}>
                  <Space size={8} wrap>
                    <Typography.Text>
                      You decide for {d.approver.name} from {formatDate(d.startsOn)} to {formatDate(d.endsOn)}
                      {d.reason ? ` (${d.reason})` : ''}
                    </Typography.Text>
                    <CoverTag delegation={d} />
                    <Popconfirm
                      title={`Stop covering for ${d.approver.name}?`}
                      description="Their steps wait for them again, unless they name someone else."
                      okText="Stop covering"
                      okButtonProps={{ danger: true }}
                      onConfirm={() => end(d, `You no longer decide for ${d.approver.name}.`)}
                    >
                      <Button size="small" aria-label={`Stop covering for ${d.approver.name}`}>
                        Stop covering
                      </Button>
                    </Popconfirm>
                  </Space>
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
      <FormModal<NewDelegation>
        title="Name a delegate"
        open={naming}
        onClose={() => setNaming(false)}
        submitLabel="Name delegate"
        pending={create.isPending}
        form={form}
        formProps={{ initialValues: { delegatePersonId: null, startsOn: isoDay(0), endsOn: isoDay(7) } }}
        onFinish={async (values) => {
          const delegation = await create.mutateAsync(values);
          setNaming(false);
          form.resetFields();
          message.success(
            `${delegation.delegate.name} decides for you from ${formatDate(delegation.startsOn)} to ${formatDate(delegation.endsOn)}.`,
          );
        }}
      >
        <Form.Item
          label="Delegate"
          name="delegatePersonId"
          extra="Someone with a user account who may decide approvals."
          rules={[{ required: true, message: 'Choose who decides for you' }]}
        >
          <PersonSelect exclude={me.personId ? [me.personId] : undefined} />
        </Form.Item>
        <Form.Item label="From" name="startsOn" rules={[{ required: true, message: 'Choose the first day' }]}>
          <DateInput allowClear={false} />
        </Form.Item>
        <Form.Item
          label="To"
          name="endsOn"
          extra={`The last day of the cover, inclusive; at most ${MAX_DAYS} days after the first.`}
          dependencies={['startsOn']}
          rules={[
            { required: true, message: 'Choose the last day' },
            ({ getFieldValue }) => ({
              validator: (_, value: string | null) => {
                const first = getFieldValue('startsOn') as string | null;
                return value && first && value < first
                  ? Promise.reject(new Error('The last day is before the first'))
                  : Promise.resolve();
              },
            }),
          ]}
        >
          <DateInput
            allowClear={false}
            min={startsOn && startsOn > isoDay(0) ? startsOn : isoDay(0)}
            max={isoDay(MAX_DAYS, startsOn ?? undefined)}
          />
        </Form.Item>
        <Form.Item label="Reason" name="reason" rules={[{ max: 500, message: 'At most 500 characters' }]}>
          <Input.TextArea rows={2} placeholder="e.g. Annual leave" />
        </Form.Item>
      </FormModal>
    </section>
  );
}
