import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic } from 'antd';
import { type ListReply, api } from '../../api/client.ts';
import type { Escalation } from './escalations.ts';

/** The most guided escalations read to count the overdue ones; past it the figure says "or more". */
const GUIDED_READ = 1000;

/** How many escalations are in `state` under the filters (one row read, the total kept). */
function useCount(state: 'open' | 'acknowledged', scope: Record<string, string>) {
  const query = { ...scope, state, limit: 1 };
  return useQuery({
    queryKey: ['/escalations', query],
    queryFn: ({ signal }) => api.get<ListReply<Escalation>>('/escalations', { query, signal }),
    select: (page) => page.total ?? page.items.length,
  });
}

/**
 * The queue at a glance, under the PMO and project filters (whatever the state filter): open
 * (no guidance yet), guided and awaiting the project, acknowledged (to close), and guided past
 * the day the PMO required.
 */
export function EscalationFigures({ pmoId, projectId }: { pmoId?: string; projectId?: string }) {
  const scope: Record<string, string> = {};
  if (pmoId) scope.pmoId = pmoId;
  if (projectId) scope.projectId = projectId;
  const open = useCount('open', scope);
  const acknowledged = useCount('acknowledged', scope);
  const guidedQuery = { ...scope, state: 'guided', limit: GUIDED_READ };
  const guided = useQuery({
    queryKey: ['/escalations', guidedQuery],
    queryFn: ({ signal }) => api.get<ListReply<Escalation>>('/escalations', { query: guidedQuery, signal }),
  });
  const guidedTotal = guided.data ? (guided.data.total ?? guided.data.items.length) : undefined;
  const overdue = guided.data?.items.filter((e) => e.overdue).length;
  const overdueMore = guided.data && guidedTotal !== undefined && guidedTotal > guided.data.items.length;

  const figures = [
    { title: 'Open: no guidance yet', value: open.data, loading: open.isLoading },
    { title: 'Guided, awaiting the project', value: guidedTotal, loading: guided.isLoading },
    { title: 'Acknowledged, to close', value: acknowledged.data, loading: acknowledged.isLoading },
    {
      title: 'Overdue guidance',
      value: overdue,
      suffix: overdueMore ? 'or more' : undefined,
      loading: guided.isLoading,
      danger: (overdue ?? 0) > 0,
    },
  ];
  return (
    <section aria-label="The queue at a glance" style={{ marginBottom: 16 }}>
      <Row gutter={[16, 16]}>
        {figures.map((f) => (
          <Col xs={12} lg={6} key={f.title}>
            <Card size="small">
              <Statistic
                title={f.title}
                value={f.value ?? 0}
                suffix={f.suffix}
                loading={f.loading}
                styles={f.danger ? { content: { color: '#cf1322' } } : undefined}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </section>
  );
}
