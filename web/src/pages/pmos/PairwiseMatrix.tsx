import { BulbOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Tooltip, Typography, theme } from 'antd';
import type { CSSProperties } from 'react';
import type { Disagreement } from '../../api/intake.ts';
import { SCALE, describeJudgement, disagreementAt, formatJudgement, nearestOnScale } from '../../lib/saaty.ts';

interface Props {
  drivers: string[];
  matrix: number[][];
  /** Weights in the order of drivers, when the evaluation matches the matrix shown. */
  weights: number[] | null;
  disagreements: Disagreement[];
  /** Whether the set as shown is inconsistent: disagreements are then marked strongly. */
  inconsistent: boolean;
  editable: boolean;
  onChange: (i: number, j: number, value: number) => void;
}

/** A short column header: the first letters of the driver's words ("Customer value" -> "CV"). */
function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 1) return words[0]!.slice(0, 4);
  return words
    .map((w) => w[0]!.toUpperCase())
    .join('')
    .slice(0, 4);
}

/**
 * The pairwise comparison matrix: row driver A against column driver B on Saaty's scale. The
 * upper triangle is edited, the lower triangle shows the reciprocals, and the judgements that
 * disagree most with the resulting weights are marked with the value that would agree.
 */
export function PairwiseMatrix({ drivers, matrix, weights, disagreements, inconsistent, editable, onChange }: Props) {
  const { token } = theme.useToken();
  const cell: CSSProperties = {
    border: `1px solid ${token.colorBorderSecondary}`,
    padding: '6px 8px',
    textAlign: 'center',
    verticalAlign: 'top',
    minWidth: 72,
  };
  const header: CSSProperties = { ...cell, background: token.colorFillQuaternary, fontWeight: 600 };
  // Rows and columns are positions in the matrix: the position is the identity.
  const positions = drivers.map((_, k) => k);

  return (
    <div style={{ overflowX: 'auto' }}>
      <table
        aria-label="Pairwise comparison of the strategic drivers"
        style={{ borderCollapse: 'collapse', width: '100%' }}
        data-testid="pairwise-matrix"
      >
        <caption className="tg-visually-hidden">
          Each cell says how much more important the row's driver is than the column's, on Saaty's scale from 1/9 to 9.
        </caption>
        <thead>
          <tr>
            <th scope="col" style={{ ...header, textAlign: 'left' }}>
              Driver
            </th>
            {positions.map((j) => (
              <th key={j} scope="col" style={header} title={drivers[j]}>
                <span aria-hidden>{initials(drivers[j] ?? '') || j + 1}</span>
                <span className="tg-visually-hidden">{drivers[j]}</span>
              </th>
            ))}
            <th scope="col" style={header}>
              Weight
            </th>
          </tr>
        </thead>
        <tbody>
          {positions.map((i) => {
            const rowName = drivers[i] ?? '';
            return (
              <tr key={i}>
                <th scope="row" style={{ ...header, textAlign: 'left', whiteSpace: 'nowrap' }}>
                  {rowName || <Typography.Text type="secondary">Driver {i + 1}</Typography.Text>}
                </th>
                {positions.map((j) => {
                  const colName = drivers[j] ?? '';
                  const value = matrix[i]?.[j] ?? 1;
                  if (i === j) {
                    return (
                      <td key={j} style={{ ...cell, color: token.colorTextTertiary }}>
                        1
                      </td>
                    );
                  }
                  if (i > j) {
                    return (
                      <td
                        key={j}
                        style={{ ...cell, color: token.colorTextSecondary, background: token.colorFillQuaternary }}
                        title={describeJudgement(rowName, colName, value)}
                      >
                        {formatJudgement(value)}
                      </td>
                    );
                  }
                  const disagreement = disagreementAt(disagreements, i, j);
                  const suggestion =
                    disagreement && Math.abs(Math.log(disagreement.suggestedHere) - Math.log(value)) > 1e-6
                      ? disagreement.suggestedHere
                      : null;
                  const marked = suggestion !== null;
                  return (
                    <td
                      key={j}
                      data-testid={`cell-${i}-${j}`}
                      data-disagrees={marked ? 'true' : undefined}
                      style={{
                        ...cell,
                        background: marked ? (inconsistent ? token.colorErrorBg : token.colorWarningBg) : undefined,
                        outline: marked && inconsistent ? `2px solid ${token.colorError}` : undefined,
                        outlineOffset: -2,
                      }}
                    >
                      {editable ? (
                        <Select
                          size="small"
                          aria-label={`${rowName} compared with ${colName}`}
                          value={formatJudgement(nearestOnScale(value))}
                          onChange={(key) => {
                            const picked = SCALE.find((s) => formatJudgement(s) === key);
                            if (picked !== undefined) onChange(i, j, picked);
                          }}
                          popupMatchSelectWidth={false}
                          style={{ width: 76 }}
                          options={[...SCALE].reverse().map((s) => ({
                            value: formatJudgement(s),
                            label: formatJudgement(s),
                            title: describeJudgement(rowName, colName, s),
                          }))}
                          optionRender={(option) => (
                            <Flex gap={8}>
                              <span style={{ minWidth: 28, fontWeight: 600 }}>{option.label}</span>
                              <span>{option.data.title}</span>
                            </Flex>
                          )}
                        />
                      ) : (
                        <Tooltip title={describeJudgement(rowName, colName, value)}>
                          <span>{formatJudgement(value)}</span>
                        </Tooltip>
                      )}
                      {suggestion !== null && (
                        <div style={{ marginTop: 4, fontSize: token.fontSizeSM }}>
                          {editable ? (
                            <Button
                              size="small"
                              type="link"
                              icon={<BulbOutlined aria-hidden />}
                              style={{ padding: 0, height: 'auto' }}
                              onClick={() => onChange(i, j, suggestion)}
                              aria-label={`Use the suggested ${formatJudgement(suggestion)} for ${rowName} compared with ${colName}`}
                            >
                              Suggest {formatJudgement(suggestion)}
                            </Button>
                          ) : (
                            <Typography.Text type="warning">Suggest {formatJudgement(suggestion)}</Typography.Text>
                          )}
                        </div>
                      )}
                    </td>
                  );
                })}
                <td style={{ ...cell, fontWeight: 600 }}>
                  {weights?.[i] !== undefined ? `${(weights[i]! * 100).toFixed(1)} %` : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
