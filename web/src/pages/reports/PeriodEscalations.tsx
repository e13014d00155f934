import { Card, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Schemas } from '../../api/openapi.ts';
import { useList } from '../../api/hooks.ts';
import { formatDate, humanize } from '../../lib/format.ts';

type Escalation = Schemas['Escalation'];

/**
 * The project's escalations to the PMO open at some point of the report's period, as they stand
 * now: what was escalated, its state and the PMO's guidance.
 */
export function PeriodEscalations({
  projectId,
  periodStart,
  periodEnd,
}: {
  projectId: string;
  periodStart: string;
  periodEnd: string;
}) {
  const escalations = useList<Escalation>('/escalations', {
    projectId,
    state: 'all',
    openFrom: periodStart,
    openTo: periodEnd,
  });
  return (
    <section aria-label="Escalations to the PMO in this period">
      <Card title="Escalations to the PMO in this period">
        <List
          loading={escalations.isLoading}
          dataSource={escalations.data ?? []}
          locale={{ emptyText: 'No risk or issue of the project was escalated to the PMO in this period.' }}
          renderItem={(e) => (
            <List.Item
              key={e.id}
              extra={
                <Tag color={e.state === 'closed' ? 'default' : e.state === 'open' ? 'red' : 'blue'}>{humanize(e.state)}</Tag>
              }
            >
              <List.Item.Meta
                title={<Link to={`/escalations/${e.id}`}>{e.summary}</Link>}
                description={
                  <>
                    <Typography.Text type="secondary">{`Raised ${formatDate(e.raisedAt)}, ${e.ageDays} days old`}</Typography.Text>
                    {e.guidance && (
                      <div>
                        {`PMO guidance: ${e.guidance}`}
                        {e.requiredBy ? ` (required by ${formatDate(e.requiredBy)})` : ''}
                      </div>
                    )}
                    {e.reportBack && <div>{`Reported back: ${e.reportBack}`}</div>}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </section>
  );
}
