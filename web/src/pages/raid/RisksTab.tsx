import { Flex, Skeleton } from 'antd';
import { useState } from 'react';
import { useRecord } from '../../api/hooks.ts';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { HeatMapCard } from './HeatMapCard.tsx';
import { IssuesCard } from './IssuesCard.tsx';
import { RiskDetailDrawer } from './RiskDetailDrawer.tsx';
import { RiskDrawer } from './RiskDrawer.tsx';
import { RiskRegisterCard } from './RiskRegisterCard.tsx';
import type { CellFilter, RiskMatrix } from './raid.ts';

/**
 * The project page's "Risks & issues" tab: the heat map of the open risks on the project's risk
 * matrix, the risk register (a cell of the heat map filters it), and the issue register. A risk
 * opens in a drawer with its assessment history; those who keep the registers add and edit here.
 */
export function RisksTab({ projectId }: { projectId: string }) {
  const matrix = useRecord<RiskMatrix>(`/projects/${projectId}/risk-matrix`);
  const [cell, setCell] = useState<CellFilter | null>(null);
  const [openRiskId, setOpenRiskId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  if (matrix.isLoading) return <Skeleton active />;
  if (matrix.error) return <ErrorAlert error={matrix.error} onRetry={() => matrix.refetch()} />;
  const m = matrix.data as RiskMatrix;
  return (
    <Flex vertical gap={16}>
      <HeatMapCard matrix={m} filter={cell} onFilter={setCell} />
      <RiskRegisterCard
        projectId={projectId}
        matrix={m}
        cell={cell}
        onClearCell={() => setCell(null)}
        canEdit={m.canEdit}
        onOpen={(r) => setOpenRiskId(r.id)}
        onAdd={() => setAdding(true)}
      />
      <IssuesCard projectId={projectId} canEdit={m.canEdit} onOpenRisk={setOpenRiskId} />
      <RiskDetailDrawer projectId={projectId} matrix={m} riskId={openRiskId} onClose={() => setOpenRiskId(null)} />
      <RiskDrawer projectId={projectId} matrix={m} risk={adding ? 'new' : null} onClose={() => setAdding(false)} />
    </Flex>
  );
}
