import { CheckCircleOutlined, CloseCircleOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useList } from '../../api/hooks.ts';
import type { AuditEvent, AuditVerification } from '../../api/types.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { ChangeList, actionLabel } from '../../components/RecordHistory.tsx';
import { entityLabel, formatDateTime, matchesSearch } from '../../lib/format.ts';
import { useMutation } from '@tanstack/react-query';

/** Verify the hash chain, and read the latest events across the installation. */
export default function AuditPage() {
  const [limit, setLimit] = useState(100);
  const [search, setSearch] = useState('');
  const events = useList<AuditEvent>('/audit/events', { limit });
  const verify = useMutation({ mutationFn: () => api.get<AuditVerification>('/audit/verify') });
  const rows = (events.data ?? []).filter((e) => matchesSearch(search, e.actor, e.entityType, e.action, e.entityId, e.reason));
  const types = [...new Set((events.data ?? []).map((e) => e.entityType))].sort();

  return (
    <>
      <PageHeader
        title="Audit trail"
        subtitle="Every change is recorded with who, when, what and why, and chained by hash so tampering shows."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Audit trail' }]}
      />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={16} align="center" wrap>
          <Button type="primary" icon={<SafetyOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
            Verify the audit trail
          </Button>
          <Typography.Text type="secondary">Recomputes every hash chain from the first event.</Typography.Text>
        </Flex>
        <div aria-live="polite" style={{ marginTop: verify.data || verify.error ? 16 : 0 }}>
          {verify.error && <ErrorAlert error={verify.error} title="Verification could not run" />}
          {verify.data?.ok && (
            <Alert
              type="success"
              showIcon
              icon={<CheckCircleOutlined />}
              title={`The audit trail is intact: ${verify.data.events} events in ${verify.data.chains} chains verified.`}
              description={
                <span>
                  Digest{' '}
                  <Typography.Text code copyable>
                    {verify.data.digest}
                  </Typography.Text>
                </span>
              }
            />
          )}
          {verify.data && !verify.data.ok && (
            <Alert
              type="error"
              showIcon
              icon={<CloseCircleOutlined />}
              title="The audit trail is broken"
              description={
                <span>
                  First broken event: <Typography.Text code>{verify.data.firstBrokenEventId ?? 'unknown'}</Typography.Text>
                  {verify.data.reason ? ` — ${verify.data.reason}` : ''}
                </span>
              }
            />
          )}
        </div>
      </Card>
      <Card title="Latest events">
        {events.error && <ErrorAlert error={events.error} onRetry={() => events.refetch()} />}
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder="Search actor, entity, action, reason"
            aria-label="Search events"
            allowClear
            onChange={(e) => setSearch(e.target.value)}
            style={{ maxWidth: 360 }}
          />
          <Select
            aria-label="Number of events"
            value={limit}
            onChange={setLimit}
            options={[50, 100, 250, 500].map((n) => ({ value: n, label: `Latest ${n}` }))}
            style={{ width: 140 }}
          />
        </Flex>
        <Table<AuditEvent>
          rowKey="id"
          size="middle"
          loading={events.isLoading}
          dataSource={rows}
          pagination={{ pageSize: 25, hideOnSinglePage: true }}
          expandable={{
            expandedRowRender: (e) => <ChangeList event={e} />,
            rowExpandable: (e) => e.before !== null || e.after !== null,
          }}
          locale={{ emptyText: 'No events recorded yet.' }}
          columns={[
            {
              title: 'When',
              dataIndex: 'occurredAt',
              sorter: (a, b) => a.occurredAt.localeCompare(b.occurredAt),
              defaultSortOrder: 'descend',
              render: (v: string) => formatDateTime(v),
              width: 190,
            },
            { title: 'Who', dataIndex: 'actor', sorter: (a, b) => a.actor.localeCompare(b.actor) },
            {
              title: 'Entity',
              dataIndex: 'entityType',
              filters: types.map((t) => ({ text: entityLabel(t), value: t })),
              onFilter: (v, e) => e.entityType === v,
              render: (t: string) => <Tag>{entityLabel(t)}</Tag>,
            },
            { title: 'Action', dataIndex: 'action', render: (a: string) => actionLabel(a) },
            {
              title: 'Reason',
              dataIndex: 'reason',
              render: (r: string | null) => r ?? <Typography.Text type="secondary">—</Typography.Text>,
            },
            { title: 'Event', dataIndex: 'id', render: (id: string) => <Typography.Text code>{id.slice(0, 8)}</Typography.Text> },
          ]}
        />
      </Card>
    </>
  );
}
