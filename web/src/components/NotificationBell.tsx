import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Flex, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import type { Reply } from '../api/openapi.ts';
import type { AppNotification } from '../api/requests.ts';
import { formatDateTime } from '../lib/format.ts';
import { ErrorAlert } from './QueryState.tsx';

const INBOX_KEY = ['/notifications', { limit: 30 }] as const;
export const INBOX_POLL_MS = 60_000;

/** The in-app inbox in the top bar: the unread count, polled every minute, and the latest notices. */
export function NotificationBell() {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const inbox = useQuery({
    queryKey: INBOX_KEY,
    queryFn: ({ signal }) => api.get<Reply<'/api/v1/notifications'>>('/notifications', { query: { limit: 30 }, signal }),
    refetchInterval: INBOX_POLL_MS,
    staleTime: 10_000,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['/notifications'] });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post(`/notifications/${id}/read`),
    onSuccess: refresh,
  });
  const markAll = useMutation({ mutationFn: () => api.post('/notifications/read-all'), onSuccess: refresh });
  const unread = inbox.data?.unread ?? 0;

  const openNotice = (n: AppNotification) => {
    if (!n.read) markRead.mutate(n.id);
    setOpen(false);
  };

  const content = (
    <div style={{ width: 380, maxHeight: 460, overflowY: 'auto' }}>
      {inbox.error && <ErrorAlert error={inbox.error} onRetry={() => inbox.refetch()} />}
      <List<AppNotification>
        loading={inbox.isLoading}
        dataSource={inbox.data?.items ?? []}
        locale={{ emptyText: 'Nothing new.' }}
        renderItem={(n) => (
          <List.Item
            key={n.id}
            style={{ alignItems: 'flex-start', background: n.read ? undefined : '#eff6ff', paddingInline: 8 }}
            actions={
              n.read
                ? []
                : [
                    <Button
                      key="read"
                      type="text"
                      size="small"
                      icon={<CheckOutlined />}
                      aria-label={`Mark "${n.title}" read`}
                      onClick={() => markRead.mutate(n.id)}
                    />,
                  ]
            }
          >
            <List.Item.Meta
              title={
                n.link ? (
                  <Link to={n.link} onClick={() => openNotice(n)} style={{ fontWeight: n.read ? 400 : 600 }}>
                    {n.title}
                  </Link>
                ) : (
                  <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
                )
              }
              description={
                <>
                  {n.body && <div style={{ color: 'rgba(0,0,0,0.75)', whiteSpace: 'pre-wrap' }}>{n.body}</div>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(n.createdAt)}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </div>
  );

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        <Flex justify="space-between" align="center">
          <span>Notifications</span>
          <Button size="small" type="link" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()}>
            Mark all read
          </Button>
        </Flex>
      }
      content={content}
    >
      <Button
        type="text"
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        style={{ height: 48, width: 48 }}
      >
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} aria-hidden />
        </Badge>
      </Button>
    </Popover>
  );
}
