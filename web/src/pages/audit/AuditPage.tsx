import { CheckCircleOutlined, CloseCircleOutlined, SafetyOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { can, useMe } from '../../api/session.ts';
import type { AuditEvent, AuditEventList, AuditVerification } from '../../api/types.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { ChangeList, actionLabel } from '../../components/RecordHistory.tsx';
import { recordName, recordPath } from '../../lib/diff.ts';
import { entityLabel, formatDateTime, plural } from '../../lib/format.ts';

/** The kinds of record the trail holds, for the filter. */
const ENTITY_TYPES = [
  'request',
  'project',
  'allocation',
  'person',
  'absence',
  'pmo',
  'delegation_threshold',
  'org_unit',
  'position',
  'skill',
  'portfolio',
  'project_type',
  'course',
  'training_record',
  'certification',
  'mentorship',
  'user',
];

interface Filters {
  q?: string;
  entityType?: string;
  from?: string;
  to?: string;
}

/** The verification of the hash chain, for those who may run it. */
function VerifyCard() {
  const verify = useMutation({ mutationFn: () => api.get<AuditVerification>('/audit/verify') });
  return (
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
  );
}

/** The record an event is about: its kind, and its name linked to its page where the app has one. */
function RecordCell({ event, labels }: { event: AuditEvent; labels: Record<string, string> }) {
  const name = recordName(event, labels);
  const path = recordPath(event);
  const target = path?.split('/').pop();
  const linkable = path !== null && target !== undefined && labels[target] !== undefined;
  return (
    <Flex gap={6} align="center" wrap>
      <Tag>{entityLabel(event.entityType)}</Tag>
      {name ? (
        linkable ? (
          <Link to={path}>{name}</Link>
        ) : (
          <span>{name}</span>
        )
      ) : (
        <Typography.Text type="secondary">unnamed or removed</Typography.Text>
      )}
    </Flex>
  );
}

/**
 * The audit trail as the caller may see it: every event of every record they may read, searched
 * and paged on the server; the hash-chain verification for those who may run it.
 */
export default function AuditPage() {
  const me = useMe();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ current: 1, pageSize: 50 });
  const query = { ...filters, limit: page.pageSize, offset: (page.current - 1) * page.pageSize };
  const events = useQuery({
    queryKey: ['/audit/events', query],
    queryFn: ({ signal }) => api.get<AuditEventList>('/audit/events', { query, signal }),
    placeholderData: keepPreviousData,
  });
  const labels = events.data?.labels ?? {};
  const filter = (next: Filters) => {
    setFilters((current) => ({ ...current, ...next }));
    setPage((current) => ({ ...current, current: 1 }));
  };

  return (
    <>
      <PageHeader
        title="Audit trail"
        subtitle="Every change is recorded with who, when, what and why, and chained by hash so tampering shows. You see the events of the records you may see."
        breadcrumbs={[{ title: 'Overview', to: '/' }, { title: 'Audit trail' }]}
      />
      {can(me.data, 'audit.verify') && <VerifyCard />}
      <Card title="Events" extra={<ExportButton path="/api/v1/audit/events" filters={filters} />}>
        {events.error && <ErrorAlert error={events.error} onRetry={() => events.refetch()} />}
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            placeholder="Search a record's code or name, who, or the action"
            aria-label="Search events"
            allowClear
            onSearch={(value) => filter({ q: value.trim() || undefined })}
            style={{ maxWidth: 380 }}
          />
          <Select
            aria-label="Kind of record"
            placeholder="Every kind of record"
            allowClear
            value={filters.entityType}
            onChange={(value?: string) => filter({ entityType: value })}
            options={ENTITY_TYPES.map((t) => ({ value: t, label: entityLabel(t) }))}
            style={{ width: 200 }}
          />
          <DateInput
            aria-label="From"
            placeholder="From"
            value={filters.from ?? null}
            max={filters.to}
            onChange={(value) => filter({ from: value ?? undefined })}
            style={{ width: 160 }}
          />
          <DateInput
            aria-label="To"
            placeholder="To"
            value={filters.to ?? null}
            min={filters.from}
            onChange={(value) => filter({ to: value ?? undefined })}
            style={{ width: 160 }}
          />
        </Flex>
        <Table<AuditEvent>
          rowKey="id"
          size="middle"
          loading={events.isFetching}
          dataSource={events.data?.items ?? []}
          pagination={{
            current: page.current,
            pageSize: page.pageSize,
            total: events.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [25, 50, 100, 250],
            showTotal: (total) => plural(total, 'event'),
            onChange: (current, pageSize) => setPage({ current: pageSize === page.pageSize ? current : 1, pageSize }),
          }}
          expandable={{
            expandedRowRender: (e) => <ChangeList event={e} labels={labels} />,
            rowExpandable: (e) => e.before !== null || e.after !== null,
          }}
          locale={{
            emptyText:
              filters.q || filters.entityType || filters.from || filters.to ? 'No event matches.' : 'No events recorded yet.',
          }}
          columns={[
            { title: 'When', dataIndex: 'occurredAt', render: (v: string) => formatDateTime(v), width: 180 },
            { title: 'Who', dataIndex: 'actorName' },
            { title: 'Record', key: 'record', render: (_, e) => <RecordCell event={e} labels={labels} /> },
            { title: 'Action', dataIndex: 'action', render: (a: string) => actionLabel(a) },
            {
              title: 'Reason',
              dataIndex: 'reason',
              render: (r: string | null) => r ?? <Typography.Text type="secondary">—</Typography.Text>,
            },
          ]}
        />
      </Card>
    </>
  );
}
