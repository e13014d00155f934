import { HistoryOutlined } from '@ant-design/icons';
import { Card, Flex, Skeleton, Tag, Timeline, Typography, theme } from 'antd';
import { useRecord } from '../api/hooks.ts';
import type { AuditEvent, AuditHistory } from '../api/types.ts';
import { type Labels, diffRecords, formatValue, isEmptyValue, listChange, readableChanges } from '../lib/diff.ts';
import { formatDateTime, humanize } from '../lib/format.ts';
import { EmptyState, ErrorAlert } from './QueryState.tsx';

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  created: 'green',
  delete: 'red',
  deleted: 'red',
  update: 'blue',
  updated: 'blue',
};

function actionColor(action: string): string {
  const verb = action.split(/[._:]/).pop() ?? action;
  return ACTION_COLORS[verb] ?? ACTION_COLORS[action] ?? 'geekblue';
}

/** "pmo.members_set" -> "Members set": the verb of an audit action. */
export function actionLabel(action: string): string {
  const parts = action.split('.');
  return humanize(parts.length > 1 ? parts.slice(1).join(' ') : action);
}

/** The elements a list gained and lost: "+ Quinn Tester (analyst)", "− Sales". */
function ListChange({ change }: { change: { added: string[]; removed: string[] } }) {
  if (change.added.length === 0 && change.removed.length === 0) return <>Reordered</>;
  return (
    <Flex vertical gap={2}>
      {change.added.length > 0 && (
        <Typography.Text type="success" style={{ whiteSpace: 'pre-line' }}>
          {change.added.map((label) => `+ ${label}`).join('\n')}
        </Typography.Text>
      )}
      {change.removed.length > 0 && (
        <Typography.Text type="danger" style={{ whiteSpace: 'pre-line' }}>
          {change.removed.map((label) => `− ${label}`).join('\n')}
        </Typography.Text>
      )}
    </Flex>
  );
}

const cell = { padding: '2px 8px', wordBreak: 'break-word', whiteSpace: 'pre-line' } as const;

/** What changed in one event, as a small before → after table: names for references, formatted values. */
export function ChangeList({ event, labels = {} }: { event: AuditEvent; labels?: Labels }) {
  // The theme's secondary text, which keeps AA contrast (the library's default grey does not).
  const secondary = theme.useToken().token.colorTextSecondary;
  const created = event.before === null || event.before === undefined;
  // A created record lists what it was given, not the fields it left empty.
  const changes = readableChanges(
    diffRecords(event.before, event.after).filter((c) => !(created && (c.field === 'id' || isEmptyValue(c.after)))),
  );
  if (changes.length === 0) return null;
  const shown = changes.slice(0, 12);
  return (
    <table className="tg-diff" style={{ borderCollapse: 'collapse', marginTop: 6, fontSize: 13, width: '100%', maxWidth: 720 }}>
      <caption style={{ position: 'absolute', left: -10000 }}>Changed fields</caption>
      <thead>
        <tr style={{ textAlign: 'left', color: secondary }}>
          <th scope="col" style={{ padding: '2px 8px 2px 0', fontWeight: 500 }}>
            Field
          </th>
          {!created && (
            <th scope="col" style={{ padding: '2px 8px', fontWeight: 500 }}>
              Before
            </th>
          )}
          <th scope="col" style={{ padding: '2px 8px', fontWeight: 500 }}>
            {created ? 'Value' : 'After'}
          </th>
        </tr>
      </thead>
      <tbody>
        {shown.map((c) => {
          const list = created ? null : listChange(c.before, c.after, labels);
          return (
            <tr key={c.field} style={{ borderTop: '1px solid #f0f0f0', verticalAlign: 'top' }}>
              <th scope="row" style={{ padding: '2px 8px 2px 0', fontWeight: 400, whiteSpace: 'nowrap', textAlign: 'left' }}>
                <span title={c.field}>{c.label}</span>
              </th>
              {!created && !list && (
                <td style={cell}>
                  <Typography.Text delete={c.after !== undefined} type="secondary">
                    {formatValue(c.before, { field: c.field, labels })}
                  </Typography.Text>
                </td>
              )}
              {list ? (
                <td colSpan={created ? 1 : 2} style={cell}>
                  <ListChange change={list} />
                </td>
              ) : (
                <td style={cell}>{formatValue(c.after, { field: c.field, labels })}</td>
              )}
            </tr>
          );
        })}
      </tbody>
      {changes.length > shown.length && (
        <tfoot>
          <tr>
            <td colSpan={created ? 2 : 3} style={{ color: secondary, paddingTop: 4 }}>
              and {changes.length - shown.length} more changed fields
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

/** The audit history of one record, newest first: who, when, what, why and what changed. */
export function RecordHistory({
  entityType,
  entityId,
  title = 'History',
}: {
  entityType: string;
  entityId: string;
  title?: string;
}) {
  const history = useRecord<AuditHistory>(`/audit/records/${encodeURIComponent(entityType)}/${encodeURIComponent(entityId)}`);
  const events = history.data?.items;
  const labels = history.data?.labels ?? {};
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <HistoryOutlined aria-hidden />
          {title}
        </Flex>
      }
    >
      {history.isLoading && <Skeleton active aria-label="Loading history" />}
      {history.error && (
        <ErrorAlert error={history.error} onRetry={() => history.refetch()} title="The history could not be loaded" />
      )}
      {events && events.length === 0 && <EmptyState description="No recorded changes yet." />}
      {events && events.length > 0 && (
        <Timeline
          items={events.map((event) => ({
            key: event.id,
            color: actionColor(event.action),
            content: (
              <div>
                <Flex gap={8} align="center" wrap>
                  <Tag color={actionColor(event.action)}>{actionLabel(event.action)}</Tag>
                  <Typography.Text strong>{event.actorName}</Typography.Text>
                  <Typography.Text type="secondary">
                    <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
                  </Typography.Text>
                </Flex>
                {event.reason && (
                  <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                    Reason: {event.reason}
                  </Typography.Paragraph>
                )}
                <ChangeList event={event} labels={labels} />
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
