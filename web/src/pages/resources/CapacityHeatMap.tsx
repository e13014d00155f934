import { Flex, Tooltip, Typography } from 'antd';
import type { CSSProperties } from 'react';
import type { CapacityCell, SkillCapacityRow } from '../../api/resources.ts';
import { type UtilisationBand, formatFte, monthLabel, utilisationBand, utilisationPercent } from '../../lib/capacity.ts';

export const BAND_STYLE: Record<UtilisationBand, { background: string; color: string; label: string }> = {
  green: { background: '#d9f7be', color: '#135200', label: 'under 85 % used' },
  amber: { background: '#ffe58f', color: '#613400', label: '85–100 % used' },
  red: { background: '#ffa39e', color: '#5c0011', label: 'over capacity' },
  none: { background: '#f0f0f0', color: '#595959', label: 'no capacity' },
};

const cellBase: CSSProperties = {
  padding: '6px 8px',
  textAlign: 'center',
  whiteSpace: 'nowrap',
  fontVariantNumeric: 'tabular-nums',
  border: '2px solid #fff',
  minWidth: 72,
};

function CellTip({ cell }: { cell: CapacityCell }) {
  const pct = utilisationPercent(cell.demandFte, cell.capacityFte);
  return (
    <div>
      <div>Capacity: {formatFte(cell.capacityFte)} FTE</div>
      <div>Allocated: {formatFte(cell.allocatedFte)} FTE</div>
      <div>Unfilled demand: {formatFte(cell.unfilledFte)} FTE</div>
      <div>{cell.gapFte > 0 ? `Gap: ${formatFte(cell.gapFte)} FTE short` : `Free: ${formatFte(cell.freeFte)} FTE`}</div>
      <div>Utilisation: {pct === null ? 'no capacity' : `${pct} %`}</div>
    </div>
  );
}

export function HeatMapLegend() {
  return (
    <Flex gap={12} wrap align="center" aria-label="Legend" role="group">
      {(['green', 'amber', 'red', 'none'] as const).map((b) => (
        <Flex key={b} gap={6} align="center">
          <span
            aria-hidden
            style={{ width: 14, height: 14, borderRadius: 3, display: 'inline-block', background: BAND_STYLE[b].background }}
          />
          <Typography.Text type="secondary">{BAND_STYLE[b].label}</Typography.Text>
        </Flex>
      ))}
      <Typography.Text type="secondary">· cells read demand / capacity in FTE</Typography.Text>
    </Flex>
  );
}

/** Skills as rows, months as columns; each cell coloured by demand against capacity. */
export function CapacityHeatMap({
  months,
  skills,
  selectedSkillId,
  onSelectSkill,
}: {
  months: string[];
  skills: SkillCapacityRow[];
  selectedSkillId?: string | null;
  onSelectSkill: (skillId: string) => void;
}) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table data-testid="capacity-heat-map" style={{ borderCollapse: 'collapse', width: '100%' }}>
        <caption className="tg-visually-hidden">Demand against capacity by skill and month, in FTE</caption>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: 'left', padding: '6px 8px', minWidth: 200 }}>
              Skill
            </th>
            {months.map((m) => (
              <th key={m} scope="col" style={{ padding: '6px 4px', fontWeight: 500, whiteSpace: 'nowrap' }}>
                {monthLabel(m)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {skills.map((row) => {
            const selected = row.skillId === selectedSkillId;
            return (
              <tr key={row.skillId}>
                <th scope="row" style={{ textAlign: 'left', padding: '4px 8px', fontWeight: 'normal' }}>
                  <button
                    type="button"
                    aria-pressed={selected}
                    onClick={() => onSelectSkill(row.skillId)}
                    style={{
                      background: 'none',
                      border: 'none',
                      padding: 0,
                      cursor: 'pointer',
                      color: '#1d4ed8',
                      fontWeight: selected ? 600 : 400,
                      textAlign: 'left',
                    }}
                  >
                    {row.name}
                  </button>
                  <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                    {row.people} {row.people === 1 ? 'person' : 'people'}
                  </Typography.Text>
                </th>
                {row.cells.map((cell) => {
                  const band = utilisationBand(cell.demandFte, cell.capacityFte);
                  const style = BAND_STYLE[band];
                  return (
                    <Tooltip key={cell.month} title={<CellTip cell={cell} />}>
                      <td
                        data-band={band}
                        data-month={cell.month}
                        style={{
                          ...cellBase,
                          background: style.background,
                          color: style.color,
                          fontWeight: band === 'red' ? 600 : 400,
                        }}
                      >
                        {formatFte(cell.demandFte)}/{formatFte(cell.capacityFte)}
                        <span className="tg-visually-hidden">{` ${row.name}, ${monthLabel(cell.month)}: ${style.label}`}</span>
                      </td>
                    </Tooltip>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
