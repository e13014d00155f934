import { Col, Row, Spin } from 'antd';
import type { Gate } from '../../api/domain.ts';
import { useRecord } from '../../api/hooks.ts';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { IndexTrendChart } from './IndexTrendChart.tsx';
import { MilestoneTrendChart } from './MilestoneTrendChart.tsx';
import { MilestonesCard } from './MilestonesCard.tsx';
import type { MilestoneTrend, ProjectPerformance } from './performance.ts';
import { SCurveChart } from './SCurveChart.tsx';

/**
 * A project's performance: the S-curve, the SPI/CPI trend, the milestone trend chart, and the
 * milestones themselves, each chart with its figures as a table.
 */
export function PerformanceTab({ projectId, gates }: { projectId: string; gates: Gate[] }) {
  const performance = useRecord<ProjectPerformance>(`/projects/${projectId}/performance`);
  const trend = useRecord<MilestoneTrend>(`/projects/${projectId}/milestone-trend`);
  const forecast = new Set((trend.data?.milestones ?? []).filter((m) => m.points.length > 0).map((m) => m.id));
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        {performance.error ? (
          <ErrorAlert error={performance.error} onRetry={() => performance.refetch()} />
        ) : performance.data ? (
          <Row gutter={[16, 16]}>
            <Col xs={24} xxl={14}>
              <SCurveChart performance={performance.data} />
            </Col>
            <Col xs={24} xxl={10}>
              <IndexTrendChart performance={performance.data} />
            </Col>
          </Row>
        ) : (
          <Spin tip="Loading the performance figures…">
            <div style={{ minHeight: 120 }} />
          </Spin>
        )}
      </Col>
      <Col span={24}>
        {trend.error ? (
          <ErrorAlert error={trend.error} onRetry={() => trend.refetch()} />
        ) : trend.data ? (
          <MilestoneTrendChart trend={trend.data} />
        ) : (
          <Spin tip="Loading the milestone trend…">
            <div style={{ minHeight: 120 }} />
          </Spin>
        )}
      </Col>
      <Col span={24}>
        <MilestonesCard
          projectId={projectId}
          gates={gates}
          canEdit={performance.data?.canEditMilestones ?? false}
          forecast={forecast}
        />
      </Col>
    </Row>
  );
}
