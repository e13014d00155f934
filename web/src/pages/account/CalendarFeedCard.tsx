import { CalendarOutlined, CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useRecord, useWrite } from '../../api/hooks.ts';
import type { Schemas } from '../../api/openapi.ts';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { formatDateTime } from '../../lib/format.ts';

type FeedState = Schemas['CalendarFeedState'];
type CreatedFeed = Schemas['CreatedCalendarFeed'];

/** The personal iCalendar feed: a secret URL to subscribe to, made anew or revoked here. */
export function CalendarFeedCard() {
  const state = useRecord<FeedState>('/me/calendar-feed');
  const { message } = App.useApp();
  const showError = useServerErrors();
  const [created, setCreated] = useState<CreatedFeed | null>(null);
  const create = useWrite(() => api.post<CreatedFeed>('/me/calendar-feed'), ['/me/calendar-feed']);
  const revoke = useWrite(() => api.delete('/me/calendar-feed'), ['/me/calendar-feed']);
  const feed = state.data?.feed ?? null;

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      message.success('Calendar URL copied to the clipboard.');
    } catch {
      message.warning('Copying is not allowed here: select the URL and copy it by hand.');
    }
  };
  const makeNew = async () => {
    try {
      setCreated(await create.mutateAsync(undefined));
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Card
      title={
        <Space>
          <CalendarOutlined aria-hidden />
          Calendar feed
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        Subscribe to your feed in Outlook, Google Calendar or Apple Calendar to see the status reports due from you, and the other
        dates Tollgate holds for you. Anyone with the URL can read the feed: keep it to yourself, and make a new one if it got
        out.
      </Typography.Paragraph>
      {state.error && <ErrorAlert error={state.error} onRetry={() => state.refetch()} />}
      {created && (
        <Flex vertical gap={8} style={{ marginBottom: 12 }}>
          <Alert type="warning" showIcon title="Copy the URL now: it is shown only once." />
          <Space.Compact style={{ width: '100%' }}>
            <Input readOnly value={created.url} aria-label="Calendar URL" onFocus={(e) => e.currentTarget.select()} />
            <Button icon={<CopyOutlined />} onClick={() => copy(created.url)}>
              Copy
            </Button>
          </Space.Compact>
        </Flex>
      )}
      <Flex gap={8} wrap align="center">
        {feed ? (
          <Typography.Text>
            Your feed <Typography.Text code>{feed.prefix}…</Typography.Text> was made {formatDateTime(feed.createdAt)}
            {feed.lastUsedAt ? `, last read ${formatDateTime(feed.lastUsedAt)}` : ', not read yet'}.
          </Typography.Text>
        ) : (
          !state.isLoading && <Typography.Text>You have no calendar feed.</Typography.Text>
        )}
        {feed ? (
          <Popconfirm
            title="Make a new calendar URL?"
            description="The current URL stops working: calendars subscribed to it must use the new one."
            okText="Make new URL"
            onConfirm={makeNew}
          >
            <Button loading={create.isPending}>Create new URL</Button>
          </Popconfirm>
        ) : (
          <Button type="primary" loading={create.isPending} onClick={makeNew}>
            Create calendar URL
          </Button>
        )}
        {feed && (
          <Popconfirm
            title="Revoke the calendar URL?"
            description="Calendars subscribed to it stop updating."
            okText="Revoke"
            okButtonProps={{ danger: true }}
            onConfirm={async () => {
              try {
                await revoke.mutateAsync(undefined);
                setCreated(null);
                message.success('Calendar URL revoked.');
              } catch (err) {
                showError(err);
              }
            }}
          >
            <Button danger loading={revoke.isPending}>
              Revoke
            </Button>
          </Popconfirm>
        )}
      </Flex>
    </Card>
  );
}
