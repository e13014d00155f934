import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useList, usePagedList } from '../../api/hooks.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { plural } from '../../lib/format.ts';
import { EscalatedTag, RiskStatusTag, ScoreTag } from './RaidTags.tsx';
import {
  type CellFilter,
  RISK_STATUS_LABEL,
  type Risk,
  type RiskMatrix,
  type RiskStatus,
  inCell,
  responseLabel,
  scaleLabel,
} from './raid.ts';

type EscalatedFilter = 'true' | 'false';

const STATUS_OPTIONS = [
  { value: '', label: 'Any status' },
  ...(Object.keys(RISK_STATUS_LABEL) as RiskStatus[]).map((s) => ({ value: s, label: RISK_STATUS_LABEL[s] })),
];
const ESCALATED_OPTIONS = [
  { value: '', label: 'Escalated or not' },
  { value: 'true', label: 'Escalated to the PMO' },
  { value: 'false', label: 'Not escalated' },
];

/**
 * The project's risk register, highest score first, paged on the server and filtered by status and
 * escalation (the export takes the same filters). A heat map cell chosen above narrows it to that
 * cell's open risks, filtered here from the whole open register.
 */
export function RiskRegisterCard({
  projectId,
  matrix,
  cell,
  onClearCell,
  canEdit,
  onOpen,
  onAdd,
}: {
  projectId: string;
  matrix: RiskMatrix;
  cell: CellFilter | null;
  onClearCell: () => void;
  /** Whether the caller keeps the register, when no risk is listed to say so. */
  /** Whether the caller keeps the registers (the risk matrix's reply says). */
  canEdit: boolean;
  onOpen: (risk: Risk) => void;
  onAdd: () => void;
}) {
  const [status, setStatus] = useState<RiskStatus | ''>('');
  const [escalated, setEscalated] = useState<EscalatedFilter | ''>('');
  const path = `/projects/${projectId}/risks`;
  const paged = usePagedList<Risk>(path, { status, escalated }, { pageSize: 25, noun: (total) => plural(total, 'risk') });
  const open = useList<Risk>(path, { status: 'open' }, cell !== null);
  const cellRisks = cell ? inCell(open.data ?? [], cell) : [];
  const list = cell ? open : paged;
  return (
    <section aria-label="Risk register">
      <Card
        title="Risk register"
        extra={
          <Flex gap={8} wrap>
            <ExportButton
              path="/api/v1/projects/{id}/risks"
              params={{ id: projectId }}
              filters={{ status: status || null, escalated: escalated || null }}
            />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={onAdd}>
                Add risk
              </Button>
            )}
          </Flex>
        }
      >
        {list.error && <ErrorAlert error={list.error} onRetry={() => list.refetch()} />}
        <Flex gap={16} wrap align="center" style={{ marginBottom: 12 }}>
          {cell ? (
            <Flex gap={8} align="center" wrap>
              <Typography.Text>Heat map cell:</Typography.Text>
              <Tag style={{ marginInlineEnd: 0 }}>
                Probability {scaleLabel(matrix.probabilityLabels, cell.probability)} × impact{' '}
                {scaleLabel(matrix.impactLabels, cell.impact)}
              </Tag>
              <Typography.Text type="secondary">{plural(cellRisks.length, 'open risk')}</Typography.Text>
              <Button size="small" onClick={onClearCell}>
                Clear the cell filter
              </Button>
            </Flex>
          ) : (
            <>
              <Flex gap={8} align="center">
                <label htmlFor="risk-status-filter">Status</label>
                <Select
                  id="risk-status-filter"
                  value={status}
                  onChange={setStatus}
                  options={STATUS_OPTIONS}
                  style={{ width: 150 }}
                />
              </Flex>
              <Flex gap={8} align="center">
                <label htmlFor="risk-escalated-filter">Escalation</label>
                <Select
                  id="risk-escalated-filter"
                  value={escalated}
                  onChange={setEscalated}
                  options={ESCALATED_OPTIONS}
                  style={{ width: 200 }}
                />
              </Flex>
            </>
          )}
        </Flex>
        <Table<Risk>
          rowKey="id"
          size="small"
          aria-label={cell ? 'Open risks of the chosen heat map cell' : 'Risk register'}
          loading={cell ? open.isFetching : paged.isFetching}
          dataSource={cell ? cellRisks : paged.items}
          pagination={cell ? { pageSize: 25, hideOnSinglePage: true } : paged.pagination}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: cell
              ? 'No open risk in this cell.'
              : canEdit
                ? 'No risks match. Add the risks that could stop the project.'
                : 'No risks match.',
          }}
          columns={[
            { title: 'Risk', dataIndex: 'key', width: 64 },
            {
              title: 'Title',
              dataIndex: 'title',
              render: (title: string, r) => (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                  onClick={() => onOpen(r)}
                >
                  {title}
                </Button>
              ),
            },
            { title: 'Category', dataIndex: 'category' },
            { title: 'Owner', key: 'owner', render: (_, r) => r.owner?.name ?? '—' },
            { title: 'Score', key: 'score', render: (_, r) => <ScoreTag score={r.score} band={r.band} /> },
            { title: 'Response', dataIndex: 'response', render: responseLabel },
            { title: 'Status', dataIndex: 'status', render: (s: RiskStatus) => <RiskStatusTag status={s} /> },
            {
              title: 'Escalation',
              key: 'escalated',
              render: (_, r) => (r.escalated ? <EscalatedTag /> : <Typography.Text type="secondary">—</Typography.Text>),
            },
          ]}
        />
      </Card>
    </section>
  );
}
