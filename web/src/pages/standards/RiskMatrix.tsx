import { Flex, Typography } from 'antd';
import type { StandardDefinition } from '../../api/domain.ts';
import { readableBackground, riskGrid, textOn } from '../../lib/riskGrid.ts';

/** The 5×5 probability × impact grid coloured by the standard's score bands. */
export function RiskMatrix({ matrix }: { matrix: StandardDefinition['riskMatrix'] }) {
  const grid = riskGrid(matrix.bands, matrix.escalationScore);
  const cell = { width: 64, height: 48, textAlign: 'center' as const, border: '2px solid #fff', fontWeight: 600 };
  return (
    <div>
      <div style={{ overflowX: 'auto' }}>
        <table style={{ borderCollapse: 'collapse' }} aria-label="Risk matrix: probability by impact">
          <caption className="tg-visually-hidden">Risk score bands by probability (rows) and impact (columns)</caption>
          <tbody>
            {grid.map((row, r) => (
              <tr key={row[0]?.probability}>
                {r === 0 && (
                  <th
                    rowSpan={5}
                    scope="rowgroup"
                    style={{
                      writingMode: 'vertical-rl',
                      transform: 'rotate(180deg)',
                      padding: 4,
                      color: 'rgba(0,0,0,0.55)',
                      fontWeight: 500,
                    }}
                  >
                    Probability
                  </th>
                )}
                <th scope="row" style={{ textAlign: 'right', padding: '0 8px', fontWeight: 400, fontSize: 12, maxWidth: 120 }}>
                  {row[0]?.probability} · {matrix.probabilityLabels[(row[0]?.probability ?? 1) - 1]}
                </th>
                {row.map((c) => {
                  const bg = readableBackground(c.band?.color);
                  return (
                    <td
                      key={c.impact}
                      title={`Probability ${c.probability} × impact ${c.impact} = ${c.score}: ${c.band?.name ?? 'no band'}${c.escalates ? ', escalates to the PMO' : ''}`}
                      style={{
                        ...cell,
                        background: bg,
                        color: textOn(bg),
                        outline: c.escalates ? '2px dashed rgba(0,0,0,0.45)' : undefined,
                        outlineOffset: -6,
                      }}
                    >
                      {c.score}
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr>
              <td />
              <td />
              {matrix.impactLabels.map((label, i) => (
                <th key={label} scope="col" style={{ fontWeight: 400, fontSize: 12, padding: '4px 2px', width: 64 }}>
                  {i + 1} · {label}
                </th>
              ))}
            </tr>
            <tr>
              <td />
              <td />
              <th colSpan={5} scope="colgroup" style={{ color: 'rgba(0,0,0,0.55)', fontWeight: 500 }}>
                Impact
              </th>
            </tr>
          </tbody>
        </table>
      </div>
      <Flex gap={8} wrap align="center" style={{ marginTop: 12 }}>
        {[...matrix.bands]
          .sort((a, b) => a.minScore - b.minScore)
          .map((b) => (
            <Flex key={b.name} gap={6} align="center">
              <span
                aria-hidden
                style={{
                  width: 14,
                  height: 14,
                  borderRadius: 3,
                  background: readableBackground(b.color),
                  display: 'inline-block',
                }}
              />
              <Typography.Text>
                {b.name} from {b.minScore}
              </Typography.Text>
            </Flex>
          ))}
        <Typography.Text type="secondary">Dashed cells (score ≥ {matrix.escalationScore}) escalate to the PMO.</Typography.Text>
      </Flex>
    </div>
  );
}
