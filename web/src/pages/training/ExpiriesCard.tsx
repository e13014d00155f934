import { Card, Checkbox, Flex, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useList } from '../../api/hooks.ts';
import type { TrainingExpiry } from '../../api/training.ts';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { formatDate, plural } from '../../lib/format.ts';

/** Completions that expire within 30, 60 or 90 days (and, if asked, those already expired). */
export function ExpiriesCard() {
  const [withinDays, setWithinDays] = useState(90);
  const [includeExpired, setIncludeExpired] = useState(false);
  const expiries = useList<TrainingExpiry>('/training/expiries', {
    withinDays,
    includeExpired: includeExpired ? 'true' : undefined,
  });
  return (
    <Card
      title="Expiring soon"
      extra={
        <Flex gap={12} align="center" wrap>
          <Segmented
            aria-label="Expiring within"
            value={withinDays}
            onChange={(v) => setWithinDays(Number(v))}
            options={[30, 60, 90].map((d) => ({ value: d, label: plural(d, 'day') }))}
          />
          <Checkbox checked={includeExpired} onChange={(e) => setIncludeExpired(e.target.checked)}>
            Include expired
          </Checkbox>
        </Flex>
      }
    >
      {expiries.error && <ErrorAlert error={expiries.error} onRetry={() => expiries.refetch()} />}
      <Table<TrainingExpiry>
        rowKey="recordId"
        size="small"
        loading={expiries.isLoading}
        dataSource={expiries.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: `No completion expires within ${plural(withinDays, 'day')}.` }}
        columns={[
          {
            title: 'Person',
            key: 'person',
            sorter: (a, b) => a.person.name.localeCompare(b.person.name),
            render: (_, e) => <Link to={`/people/${e.person.id}?tab=training`}>{e.person.name}</Link>,
          },
          { title: 'Course', key: 'course', render: (_, e) => `${e.course.code} · ${e.course.title}` },
          { title: 'Completed', dataIndex: 'completedOn', render: (v: string) => formatDate(v) },
          {
            title: 'Expires',
            dataIndex: 'expiresOn',
            sorter: (a, b) => a.expiresOn.localeCompare(b.expiresOn),
            defaultSortOrder: 'ascend',
            render: (v: string) => formatDate(v),
          },
          {
            title: 'Days left',
            dataIndex: 'daysLeft',
            align: 'right',
            render: (d: number) =>
              d <= 0 ? (
                <Tag color="red">Expired {plural(-d, 'day')} ago</Tag>
              ) : (
                <Tag color={d <= 30 ? 'orange' : 'gold'}>{plural(d, 'day')}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
