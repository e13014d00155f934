import { Card, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useList } from '../../api/hooks.ts';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { formatDate, plural } from '../../lib/format.ts';
import { DueStateTag } from './ReportTags.tsx';
import { type DueReport, dueReportLink, periodText } from './reports.ts';

const utcToday = () => new Date().toISOString().slice(0, 10);

/** "Due 31 Mar 2026 · 4 days late", "Due 31 Mar 2026 · in 3 days", "Due today". */
function dueText(item: DueReport, today: string): string {
  if (item.daysLate > 0) return `Due ${formatDate(item.dueOn)} · ${plural(item.daysLate, 'day')} late`;
  if (item.dueOn === today) return 'Due today';
  const days = Math.round((Date.parse(`${item.dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return days > 0 ? `Due ${formatDate(item.dueOn)} · in ${plural(days, 'day')}` : `Due ${formatDate(item.dueOn)}`;
}

/**
 * A project manager's "Reports due": the report each project they manage owes, the latest first,
 * with when it is due and whether it is late or escalated, linking to its draft or a new report of
 * its period; and a report the PMO returned for revision, linking to it.
 */
export function ReportsDueCard() {
  const due = useList<DueReport>('/reporting/due', { managed: 'true' });
  const today = utcToday();
  const items = due.data ?? [];
  const late = items.filter((i) => i.dueState === 'overdue' || i.dueState === 'escalated').length;
  return (
    <Card
      title="Reports due"
      extra={late > 0 ? <Typography.Text type="danger">{`${plural(late, 'late report')}`}</Typography.Text> : undefined}
      data-testid="reports-due"
    >
      {due.error && <ErrorAlert error={due.error} onRetry={() => due.refetch()} />}
      <List<DueReport>
        size="small"
        loading={due.isLoading}
        dataSource={items}
        locale={{ emptyText: 'No status report is owed on the projects you manage.' }}
        renderItem={(i) => (
          <List.Item
            data-testid={`due-${i.project.code}`}
            extra={
              <Flex gap={4} wrap justify="flex-end">
                <DueStateTag state={i.dueState} />
                {i.returned && <Tag color="volcano">Returned</Tag>}
              </Flex>
            }
          >
            <Flex vertical gap={2}>
              <Link to={`/projects/${i.project.id}?tab=reports`}>
                <Typography.Text strong>{`${i.project.code} · ${i.project.name}`}</Typography.Text>
              </Link>
              {i.periodStart <= today ? (
                <Link to={dueReportLink(i, today)}>
                  {`${i.draft ? 'Continue' : 'Write'} the report for ${periodText(i.periodStart, i.periodEnd)}`}
                </Link>
              ) : (
                <Typography.Text>{`Next report: ${periodText(i.periodStart, i.periodEnd)}`}</Typography.Text>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dueText(i, today)}
              </Typography.Text>
              {i.returned && (
                <Link to={`/projects/${i.project.id}/status-reports/${i.returned.revisionDraftId ?? i.returned.id}`}>
                  {`${i.returned.revisionDraftId ? 'Continue the revision of' : 'Revise'} the report for ${periodText(i.returned.periodStart, i.returned.periodEnd)}`}
                </Link>
              )}
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}
