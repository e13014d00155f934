import { CheckCircleFilled, CloseCircleFilled, DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Input, Row, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ApiError, api } from '../../api/client.ts';
import type { PmoDetail } from '../../api/domain.ts';
import { useRecord, useWrite } from '../../api/hooks.ts';
import type { AhpEvaluation, DriverSet } from '../../api/intake.ts';
import { can, useMe } from '../../api/session.ts';
import { RecordState } from '../../components/QueryState.tsx';
import { useServerErrors } from '../../components/useServerErrors.ts';
import { formatDateTime } from '../../lib/format.ts';
import {
  CR_THRESHOLD,
  MAX_DRIVERS,
  addDriverToMatrix,
  driverNamesProblem,
  identityMatrix,
  removeDriverFromMatrix,
  setJudgement,
} from '../../lib/saaty.ts';
import { PairwiseMatrix } from './PairwiseMatrix.tsx';

interface Draft {
  drivers: string[];
  matrix: number[][];
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/** What the editor starts from: the saved set, or two unnamed drivers when there is none yet. */
function initialDraft(set: DriverSet): Draft {
  return set.drivers.length ? { drivers: set.drivers, matrix: set.matrix } : { drivers: ['', ''], matrix: identityMatrix(2) };
}

function sameDraft(a: Draft, b: Draft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The consistency verdict as a PMO lead reads it: green under 0.10, red at or above. */
export function ConsistencyTag({ cr, consistent, n }: { cr: number; consistent: boolean; n: number }) {
  if (n <= 2) return <Tag color="green">Consistent (two drivers always are)</Tag>;
  return consistent ? (
    <Tag color="green" icon={<CheckCircleFilled />} data-testid="consistency">
      Consistent (CR {cr.toFixed(2)} &lt; {CR_THRESHOLD.toFixed(2)})
    </Tag>
  ) : (
    <Tag color="red" icon={<CloseCircleFilled />} data-testid="consistency">
      Inconsistent (CR {cr.toFixed(2)} ≥ {CR_THRESHOLD.toFixed(2)})
    </Tag>
  );
}

function WeightsChart({ drivers, weights }: { drivers: string[]; weights: number[] }) {
  const data = drivers.map((d, i) => ({ driver: d, weight: Math.round((weights[i] ?? 0) * 1000) / 10 }));
  return (
    <div
      style={{ width: '100%', height: Math.max(160, 44 * data.length + 40) }}
      role="img"
      aria-label={data.map((d) => `${d.driver} ${d.weight} %`).join(', ')}
    >
      <ResponsiveContainer>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 56, top: 4, bottom: 4 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" domain={[0, (max: number) => Math.max(10, Math.ceil(max / 10) * 10)]} unit=" %" tickLine={false} />
          <YAxis type="category" dataKey="driver" width={150} tickLine={false} />
          <Tooltip formatter={(v) => [`${v} %`, 'Weight']} />
          <Bar dataKey="weight" fill="#1d4ed8" radius={[0, 4, 4, 0]} isAnimationActive={false}>
            <LabelList dataKey="weight" position="right" formatter={(v) => `${v} %`} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function DriverNames({
  draft,
  editable,
  onRename,
  onRemove,
  onAdd,
}: {
  draft: Draft;
  editable: boolean;
  onRename: (i: number, name: string) => void;
  onRemove: (i: number) => void;
  onAdd: () => void;
}) {
  const seen = new Map<string, number>();
  for (const d of draft.drivers) seen.set(d.trim().toLowerCase(), (seen.get(d.trim().toLowerCase()) ?? 0) + 1);
  return (
    <Flex vertical gap={8}>
      {draft.drivers.map((name, i) => {
        const twice = name.trim() !== '' && (seen.get(name.trim().toLowerCase()) ?? 0) > 1;
        const status = !name.trim() || twice ? 'error' : undefined;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the matrix
          <div key={i}>
            <Flex gap={8}>
              <Input
                aria-label={`Driver ${i + 1} name`}
                value={name}
                status={status}
                maxLength={120}
                disabled={!editable}
                onChange={(e) => onRename(i, e.target.value)}
              />
              {editable && (
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={`Remove driver ${name || i + 1}`}
                  disabled={draft.drivers.length <= 2}
                  onClick={() => onRemove(i)}
                />
              )}
            </Flex>
            {status && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {twice ? 'This name appears twice' : 'Name the driver'}
              </Typography.Text>
            )}
          </div>
        );
      })}
      {editable && (
        <Button icon={<PlusOutlined />} onClick={onAdd} disabled={draft.drivers.length >= MAX_DRIVERS}>
          Add driver
        </Button>
      )}
    </Flex>
  );
}

/**
 * A PMO's strategic drivers: names, the pairwise comparison on Saaty's scale, and the weights,
 * λmax, CI and CR computed live as the matrix is edited. The lead saves; a set with CR ≥ 0.10 is
 * saved but cannot score a decision.
 */
export function DriversTab({ pmo }: { pmo: PmoDetail }) {
  const path = `/pmos/${pmo.id}/driver-comparisons`;
  const saved = useRecord<DriverSet>(path);
  const me = useMe();
  const { message } = App.useApp();
  const showError = useServerErrors();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [stale, setStale] = useState(false);

  const base: Draft | null = saved.data ? initialDraft(saved.data) : null;
  // A fresh load (or a reload after a conflict) replaces the draft.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new version resets the draft
  useEffect(() => {
    if (!saved.data) return;
    setDraft(initialDraft(saved.data));
    setStale(false);
  }, [saved.data?.version, saved.dataUpdatedAt]);

  const editable = Boolean(saved.data?.canEdit && can(me.data, 'drivers.manage'));
  const current = draft ?? base;
  const dirty = Boolean(current && base && !sameDraft(current, base));
  const problem = current ? driverNamesProblem(current.drivers) : null;
  const debounced = useDebounced(current, 250);
  const live = useQuery({
    queryKey: ['/ahp/evaluate', debounced],
    queryFn: ({ signal }) =>
      api.post<AhpEvaluation>(
        '/ahp/evaluate',
        { drivers: debounced!.drivers.map((d) => d.trim()), matrix: debounced!.matrix },
        { signal },
      ),
    enabled: Boolean(dirty && debounced && !driverNamesProblem(debounced.drivers)),
    placeholderData: keepPreviousData,
  });
  const save = useWrite(
    (d: Draft) =>
      api.put<DriverSet>(path, { drivers: d.drivers.map((x) => x.trim()), matrix: d.matrix, version: saved.data?.version ?? 0 }),
    [path, `/pmos/${pmo.id}/review-queue`, '/requests'],
  );

  const evaluation: AhpEvaluation | null = useMemo(() => {
    if (!current) return null;
    if (!dirty) return saved.data?.drivers.length ? saved.data : null;
    const e = live.data;
    return e && e.matrix.length === current.drivers.length ? e : null;
  }, [current, dirty, saved.data, live.data]);
  const updating = dirty && (live.isFetching || debounced !== current);

  const update = (next: Draft) => setDraft(next);
  const onSave = async () => {
    if (!current) return;
    try {
      const result = await save.mutateAsync(current);
      if (result.consistent) message.success(`Comparisons saved: consistent (CR ${result.cr.toFixed(2)}).`);
      else message.warning(`Comparisons saved, but inconsistent (CR ${result.cr.toFixed(2)}): they cannot score a decision.`, 6);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') setStale(true);
      else showError(err);
    }
  };

  return (
    <RecordState isLoading={saved.isLoading} error={saved.error} refetch={() => saved.refetch()}>
      {() =>
        !current ? null : (
          <Flex vertical gap={16}>
            {stale && (
              <Alert
                type="warning"
                showIcon
                role="alert"
                title="Someone else saved these comparisons meanwhile"
                description="Reload to see their version; your unsaved changes here will be replaced."
                action={
                  <Button icon={<ReloadOutlined />} onClick={() => saved.refetch()}>
                    Reload
                  </Button>
                }
              />
            )}
            {!editable && saved.data?.version === 0 && (
              <Empty description="This PMO has no strategic drivers yet. Its lead sets them here." />
            )}
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={16}>
                <Flex vertical gap={16}>
                  <Card
                    title="Pairwise comparison"
                    extra={
                      editable && (
                        <Space>
                          <Button disabled={!dirty || save.isPending} onClick={() => base && setDraft(base)}>
                            Discard changes
                          </Button>
                          <Button
                            type="primary"
                            onClick={onSave}
                            loading={save.isPending}
                            disabled={!dirty || Boolean(problem) || stale}
                          >
                            Save comparisons
                          </Button>
                        </Space>
                      )
                    }
                  >
                    <Typography.Paragraph type="secondary">
                      Read each row against each column: how much more important is the row's driver? 1 means equally important, 3
                      moderately, 5 strongly, 7 very strongly, 9 extremely; 1/3 … 1/9 the other way round.
                    </Typography.Paragraph>
                    {problem ? (
                      <Alert type="info" showIcon title={problem} style={{ marginBottom: 12 }} />
                    ) : (
                      <PairwiseMatrix
                        drivers={current.drivers}
                        matrix={current.matrix}
                        weights={evaluation?.weights ?? null}
                        disagreements={evaluation && !evaluation.consistent ? evaluation.disagreements : []}
                        inconsistent={Boolean(evaluation && !evaluation.consistent)}
                        editable={editable}
                        onChange={(i, j, v) => update({ ...current, matrix: setJudgement(current.matrix, i, j, v) })}
                      />
                    )}
                    {saved.data?.updatedAt && (
                      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                        Saved version {saved.data.version}, {formatDateTime(saved.data.updatedAt)}
                        {dirty && ' · you have unsaved changes'}
                      </Typography.Paragraph>
                    )}
                  </Card>
                  {editable && (
                    <Card title={`Drivers (${current.drivers.length})`}>
                      <DriverNames
                        draft={current}
                        editable={editable}
                        onRename={(i, name) =>
                          update({ ...current, drivers: current.drivers.map((d, k) => (k === i ? name : d)) })
                        }
                        onRemove={(i) =>
                          update({
                            drivers: current.drivers.filter((_, k) => k !== i),
                            matrix: removeDriverFromMatrix(current.matrix, i),
                          })
                        }
                        onAdd={() => update({ drivers: [...current.drivers, ''], matrix: addDriverToMatrix(current.matrix) })}
                      />
                    </Card>
                  )}
                </Flex>
              </Col>
              <Col xs={24} xl={8}>
                <Flex vertical gap={16}>
                  <Card title="Weights and consistency" extra={updating ? <Spin size="small" aria-label="Recomputing" /> : null}>
                    <div aria-live="polite" data-testid="ahp-result">
                      {evaluation ? (
                        <>
                          <ConsistencyTag cr={evaluation.cr} consistent={evaluation.consistent} n={current.drivers.length} />
                          <Descriptions
                            size="small"
                            column={3}
                            style={{ marginTop: 12 }}
                            items={[
                              { key: 'lambda', label: 'λmax', children: evaluation.lambdaMax.toFixed(3) },
                              { key: 'ci', label: 'CI', children: evaluation.ci.toFixed(3) },
                              {
                                key: 'cr',
                                label: 'CR',
                                children: <span data-testid="cr-value">{evaluation.cr.toFixed(3)}</span>,
                              },
                            ]}
                          />
                          {!evaluation.consistent && (
                            <Alert
                              type="error"
                              showIcon
                              style={{ marginTop: 8 }}
                              title="These judgements contradict each other"
                              description="An inconsistent set is saved but cannot score a decision. The highlighted cells disagree most with the weights; their suggested values would bring the CR down."
                            />
                          )}
                          <WeightsChart drivers={current.drivers} weights={evaluation.weights} />
                        </>
                      ) : (
                        <Typography.Text type="secondary">
                          {problem ??
                            (live.error ? `The weights could not be computed: ${(live.error as Error).message}` : 'Computing…')}
                        </Typography.Text>
                      )}
                    </div>
                  </Card>
                </Flex>
              </Col>
            </Row>
          </Flex>
        )
      }
    </RecordState>
  );
}
