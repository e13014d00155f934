import { Button, Card, Typography } from 'antd';
import { plural } from '../../lib/format.ts';
import { readableBackground, textOn } from '../../lib/riskGrid.ts';
import { type CellFilter, type RiskMatrix, heatRows, scaleLabel } from './raid.ts';

const AXIS = { color: 'rgba(0,0,0,0.65)', fontWeight: 500 };

/**
 * The heat map of the project's open risks: probability (rows, the highest at the top) by impact
 * (columns), each cell in its band's colour with its count and its band's name. A cell is a toggle
 * button: pressed, it filters the register to its probability and impact.
 */
export function HeatMapCard({
  matrix,
  filter,
  onFilter,
}: {
  matrix: RiskMatrix;
  filter: CellFilter | null;
  onFilter: (cell: CellFilter | null) => void;
}) {
  const rows = heatRows(matrix);
  const open = matrix.cells.reduce((sum, c) => sum + c.open, 0);
  const size = matrix.impactLabels.length;
  return (
    <section aria-label="Heat map">
      <Card
        title="Heat map"
        style={{ height: '100%' }}
        extra={
          filter && (
            <Button size="small" onClick={() => onFilter(null)}>
              Show all cells
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary">
          {plural(open, 'open risk')} by probability and impact. Choose a cell to list its risks in the register.
        </Typography.Paragraph>
        <div style={{ overflowX: 'auto' }}>
          <table style={{ borderCollapse: 'collapse' }} aria-label="Open risks by probability and impact">
            <tbody>
              {rows.map((row, r) => (
                <tr key={row[0]?.probability}>
                  {r === 0 && (
                    <th
                      rowSpan={rows.length}
                      scope="rowgroup"
                      style={{ ...AXIS, writingMode: 'vertical-rl', transform: 'rotate(180deg)', padding: 4 }}
                    >
                      Probability
                    </th>
                  )}
                  <th scope="row" style={{ textAlign: 'right', padding: '0 8px', fontWeight: 400, fontSize: 12, maxWidth: 140 }}>
                    {scaleLabel(matrix.probabilityLabels, row[0]?.probability ?? 1)}
                  </th>
                  {row.map((c) => {
                    const background = readableBackground(c.band?.color);
                    const color = textOn(background);
                    const pressed = filter?.probability === c.probability && filter.impact === c.impact;
                    return (
                      <td key={c.impact} style={{ padding: 2 }}>
                        <button
                          type="button"
                          aria-pressed={pressed}
                          onClick={() => onFilter(pressed ? null : { probability: c.probability, impact: c.impact })}
                          title={`Score ${c.score}${c.score >= matrix.escalationScore ? ', escalates to the PMO' : ''}`}
                          style={{
                            width: 72,
                            height: 52,
                            border: 'none',
                            borderRadius: 4,
                            cursor: 'pointer',
                            background,
                            color,
                            outline: pressed ? '3px solid #111827' : undefined,
                            outlineOffset: 1,
                            display: 'flex',
                            flexDirection: 'column',
                            alignItems: 'center',
                            justifyContent: 'center',
                            lineHeight: 1.2,
                          }}
                        >
                          <span className="tg-visually-hidden">
                            Probability {c.probability}, impact {c.impact}:{' '}
                          </span>
                          {/* An empty cell shows its band alone, so the counts stand out; a reader hears the 0. */}
                          <span
                            className={c.open === 0 ? 'tg-visually-hidden' : undefined}
                            style={{ fontSize: 16, fontWeight: 700 }}
                          >
                            {c.open}
                          </span>
                          <span className="tg-visually-hidden"> open, score {c.score}, </span>
                          <span style={{ fontSize: 11 }}>{c.band?.name ?? 'no band'}</span>
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr>
                <td />
                <td />
                {matrix.impactLabels.map((label, i) => (
                  <th key={label} scope="col" style={{ fontWeight: 400, fontSize: 12, padding: '4px 2px', width: 76 }}>
                    {scaleLabel(matrix.impactLabels, i + 1)}
                  </th>
                ))}
              </tr>
              <tr>
                <td />
                <td />
                <th colSpan={size} scope="colgroup" style={AXIS}>
                  Impact
                </th>
              </tr>
            </tbody>
          </table>
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          Bands:{' '}
          {[...matrix.bands]
            .sort((a, b) => a.minScore - b.minScore)
            .map((b) => `${b.name} from ${b.minScore}`)
            .join(', ')}
          . A score of {matrix.escalationScore} or more escalates to the PMO.
        </Typography.Paragraph>
      </Card>
    </section>
  );
}
