import { BellOutlined } from '@ant-design/icons';
import { App, Card, Flex, Radio, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { useRecord, useWrite } from '../../api/hooks.ts';
import type { Schemas } from '../../api/openapi.ts';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';

type Preferences = Schemas['NotificationPreferences'];
type Preference = Schemas['NotificationPreference'];
type Delivery = Schemas['NotificationDelivery'];

const DELIVERY_LABEL: Record<Delivery, string> = { inbox: 'Inbox only', inbox_and_email: 'Inbox and e-mail' };

/** Per kind of notice: inbox only, or inbox and e-mail. Saved as soon as it is chosen. */
export function NotificationPreferencesCard() {
  const preferences = useRecord<Preferences>('/me/notification-preferences');
  const { message } = App.useApp();
  const showError = useServerErrors();
  const save = useWrite(
    (change: { kind: string; delivery: Delivery }) =>
      api.put<Preferences>('/me/notification-preferences', { preferences: [change] }),
    ['/me/notification-preferences'],
  );
  return (
    <Card
      title={
        <Space>
          <BellOutlined aria-hidden />
          Notifications
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        Every notice reaches your inbox in Tollgate. Choose which kinds also come to you by e-mail.
      </Typography.Paragraph>
      {preferences.error && <ErrorAlert error={preferences.error} onRetry={() => preferences.refetch()} />}
      <Table<Preference>
        rowKey="kind"
        size="small"
        loading={preferences.isLoading}
        dataSource={preferences.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: 'Notice',
            dataIndex: 'label',
            render: (label: string, p) => (
              <Flex vertical gap={2} align="flex-start">
                <span>{label}</span>
                {!p.chosen && p.defaultDelivery === 'inbox_and_email' && <Tag color="blue">E-mailed by default</Tag>}
              </Flex>
            ),
          },
          {
            title: 'Delivery',
            dataIndex: 'delivery',
            render: (delivery: Delivery, p) => (
              <Radio.Group
                aria-label={`Delivery of “${p.label}”`}
                value={delivery}
                optionType="button"
                size="small"
                disabled={save.isPending}
                options={(['inbox', 'inbox_and_email'] as const).map((value) => ({ value, label: DELIVERY_LABEL[value] }))}
                onChange={async (e) => {
                  try {
                    await save.mutateAsync({ kind: p.kind, delivery: e.target.value as Delivery });
                    message.success(`“${p.label}”: ${DELIVERY_LABEL[e.target.value as Delivery].toLowerCase()}.`);
                  } catch (err) {
                    showError(err);
                  }
                }}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
