import { Card, Checkbox, Typography } from 'antd';
import { type ReactNode, useId, useState } from 'react';
import { EmptyState } from '../../components/QueryState.tsx';

export interface ChartCardProps {
  /** The card's title, which names its region. */
  title: string;
  /** The chart's accessible name: what it shows, in words. */
  label: string;
  /** A sentence of the figures that matter, shown above the chart and describing it. */
  summary?: ReactNode;
  /** What is missing when there is nothing to draw ("No submitted reports yet"); the chart is left out. */
  empty?: string | null;
  /** The chart itself (recharts inside a ResponsiveContainer). */
  chart: () => ReactNode;
  /** The same figures as a table, for screen readers and for reading exact values. */
  table: () => ReactNode;
  height?: number;
}

/**
 * A chart with its table alternative: a named region with a summary, and a "Show as table" box
 * that swaps the picture for the figures behind it, so nothing is only in the picture.
 */
export function ChartCard({ title, label, summary, empty, chart, table, height = 320 }: ChartCardProps) {
  const [asTable, setAsTable] = useState(false);
  const summaryId = useId();
  return (
    <section aria-label={title}>
      <Card
        title={title}
        extra={
          empty ? null : (
            <Checkbox checked={asTable} onChange={(e) => setAsTable(e.target.checked)}>
              Show as table
            </Checkbox>
          )
        }
      >
        {empty ? (
          <EmptyState description={empty} />
        ) : (
          <>
            {summary && (
              <Typography.Paragraph type="secondary" id={summaryId}>
                {summary}
              </Typography.Paragraph>
            )}
            {asTable ? (
              table()
            ) : (
              <figure style={{ margin: 0, height }} aria-label={label} aria-describedby={summary ? summaryId : undefined}>
                {chart()}
              </figure>
            )}
          </>
        )}
      </Card>
    </section>
  );
}
