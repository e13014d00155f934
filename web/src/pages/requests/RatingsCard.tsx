import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { App, Card, Empty, Flex, Progress, Segmented, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { useRecord, useWrite } from '../../api/hooks.ts';
import { DRIVER_RATINGS, type DriverRating, type RequestRatings } from '../../api/intake.ts';
import { can, useMe } from '../../api/session.ts';
import { RecordState } from '../../components/QueryState.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { formatDateTime, formatScore } from '../../lib/format.ts';

/** The little of a request this card needs; the request page loads the same record. */
interface RequestBasics {
  id: string;
  state: string;
  requester: { id: string; name: string };
}

const RATABLE_STATES = new Set(['submitted', 'in_review', 'info_requested']);

const RATING_LABELS: Record<DriverRating, string> = {
  none: 'None',
  low: 'Low',
  moderate: 'Moderate',
  strong: 'Strong',
  extreme: 'Extreme',
};

/**
 * A request's priority score against its PMO's strategic drivers: each driver with its weight and
 * the request's rating (editable by the PMO's members, never by the requester), and the score
 * 0–100 with whether it may be used to decide.
 */
export function RatingsCard({ requestId, pmoId }: { requestId: string; pmoId: string | null }) {
  const path = `/requests/${requestId}/ratings`;
  const ratings = useRecord<RequestRatings>(path);
  const request = useRecord<RequestBasics>(`/requests/${requestId}`);
  const me = useMe();
  const { message } = App.useApp();
  const showError = useServerErrors();
  const rate = useWrite(
    (body: { ratings: { driver: string; rating: DriverRating }[] }) => api.put<RequestRatings>(path, body),
    [path, `/requests/${requestId}`, '/pmos'],
  );

  const isRequester = Boolean(me.data?.userId && request.data?.requester.id === me.data.userId);
  const isMember = Boolean(me.data?.roles.includes('admin') || (me.data?.pmoMemberships.length ?? 0) > 0);
  const stateOk = request.data ? RATABLE_STATES.has(request.data.state) : false;
  const editable = can(me.data, 'requests.rate') && !isRequester && isMember && stateOk;

  const onRate = async (driver: string, rating: DriverRating) => {
    try {
      const result = await rate.mutateAsync({ ratings: [{ driver, rating }] });
      message.success(
        result.score === null
          ? `${driver} rated ${RATING_LABELS[rating].toLowerCase()}.`
          : `Rated. Score ${formatScore(result.score)}.`,
      );
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Card title="Strategic score" extra={pmoId && <Link to={`/pmos/${pmoId}?tab=drivers`}>Drivers and weights</Link>}>
      <RecordState isLoading={ratings.isLoading} error={ratings.error} refetch={() => ratings.refetch()}>
        {() => {
          const r = ratings.data as RequestRatings;
          if (r.ratings.length === 0) {
            return <Empty description={r.reason ?? 'The PMO has no strategic drivers yet.'} />;
          }
          return (
            <Flex vertical gap={16}>
              <Flex align="center" gap={16} wrap data-testid="request-score">
                <Progress
                  type="circle"
                  size={72}
                  percent={r.score ?? 0}
                  format={() => formatScore(r.score)}
                  status={r.scoreUsable ? 'normal' : 'exception'}
                  strokeColor={r.scoreUsable ? undefined : '#d97706'}
                  aria-label={r.score === null ? 'No score yet' : `Score ${formatScore(r.score)} of 100`}
                />
                <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
                  <Typography.Text>
                    Score <strong>{r.score === null ? 'not yet' : `${formatScore(r.score)} / 100`}</strong>
                  </Typography.Text>
                  {r.scoreUsable ? (
                    <span>
                      <Tag color="green" icon={<CheckCircleFilled />}>
                        Usable to decide
                      </Tag>
                    </span>
                  ) : (
                    <span>
                      <Tag color="orange" icon={<ExclamationCircleFilled />}>
                        Not usable
                      </Tag>
                      <Typography.Text type="secondary">{r.reason}</Typography.Text>
                    </span>
                  )}
                </Flex>
              </Flex>
              {isRequester && (
                <Typography.Text type="secondary">You raised this request, so the PMO rates it, not you.</Typography.Text>
              )}
              <ul aria-label="Ratings against the strategic drivers" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {r.ratings.map((line) => (
                  <li key={line.driver} style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0' }}>
                    <Flex justify="space-between" gap={8} style={{ marginBottom: 4 }}>
                      <Typography.Text strong>
                        {line.driver}
                        {line.weight === null && (
                          <Tag style={{ marginInlineStart: 8 }} color="default">
                            no longer a driver
                          </Tag>
                        )}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                        weight {line.weight === null ? '—' : `${(line.weight * 100).toFixed(1)} %`}
                      </Typography.Text>
                    </Flex>
                    {editable && line.weight !== null ? (
                      <Segmented<DriverRating>
                        block
                        size="small"
                        // Five choices in a side column: narrow padding keeps "Moderate" and "Extreme" whole.
                        styles={{ label: { paddingInline: 2, fontSize: 12 } }}
                        aria-label={`Rating for ${line.driver}`}
                        value={line.rating ?? undefined}
                        disabled={rate.isPending}
                        onChange={(v) => onRate(line.driver, v)}
                        options={DRIVER_RATINGS.map((d) => ({ value: d, label: RATING_LABELS[d], title: RATING_LABELS[d] }))}
                      />
                    ) : line.rating ? (
                      <Tag>{RATING_LABELS[line.rating]}</Tag>
                    ) : (
                      <Typography.Text type="secondary">Not rated</Typography.Text>
                    )}
                    {line.ratedBy && (
                      <div style={{ fontSize: 12, color: '#6b7280', marginTop: 2 }}>
                        Rated by {line.ratedBy.name}, {formatDateTime(line.ratedAt)}
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            </Flex>
          );
        }}
      </RecordState>
    </Card>
  );
}
