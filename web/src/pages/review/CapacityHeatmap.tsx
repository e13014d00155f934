import { Tooltip, Typography, theme } from 'antd';
import type { QueueSkill } from '../../api/intake.ts';
import { monthLabel } from '../../lib/capacity.ts';

export type CapacityLevel = 'ok' | 'tight' | 'short';

/** Green while the skill has room to spare, amber when the need takes most of what is left, red when it does not fit. */
export function capacityLevel(fte: number, capacityLeftFte: number): CapacityLevel {
  if (capacityLeftFte + 1e-9 < fte) return 'short';
  if (capacityLeftFte - fte < 0.5 || capacityLeftFte < fte * 1.5) return 'tight';
  return 'ok';
}

const LEVEL_WORDS: Record<CapacityLevel, string> = { ok: 'fits', tight: 'tight', short: 'short' };

const monthLong = monthLabel;
/** "2027-01" -> "Jan": the month's name as monthLabel writes it. */
const monthShort = (month: string) => monthLabel(month).split(' ')[0]!;

/** The skills a request needs by month, each cell coloured by the capacity left for that skill. */
export function CapacityHeatmap({ skills, label }: { skills: QueueSkill[]; label: string }) {
  const { token } = theme.useToken();
  if (skills.length === 0) return <Typography.Text type="secondary">No skills named</Typography.Text>;
  const months = [...new Set(skills.flatMap((s) => s.months.map((m) => m.month)))].sort();
  const colors: Record<CapacityLevel, string> = {
    ok: token.colorSuccess,
    tight: token.colorWarning,
    short: token.colorError,
  };
  const size = 14;
  return (
    <table aria-label={`Skills and capacity of ${label}`} style={{ borderCollapse: 'separate', borderSpacing: 2 }}>
      <thead>
        <tr>
          <th scope="col" className="tg-visually-hidden">
            Skill
          </th>
          {months.map((m, i) => (
            <th
              key={m}
              scope="col"
              style={{ fontSize: 10, fontWeight: 400, color: token.colorTextTertiary, padding: 0, textAlign: 'left' }}
            >
              {/* A fixed-width box: the month's name may overflow it without widening the column. */}
              <div aria-hidden style={{ width: size, overflow: 'visible', whiteSpace: 'nowrap' }}>
                {i === 0 || m.endsWith('-01') ? monthShort(m).slice(0, 3) : ''}
              </div>
              <span className="tg-visually-hidden">{monthLong(m)}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {skills.map((s) => {
          const byMonth = new Map(s.months.map((m) => [m.month, m]));
          return (
            <tr key={s.skillId}>
              <th scope="row" style={{ fontSize: 12, fontWeight: 400, textAlign: 'left', paddingRight: 6, whiteSpace: 'nowrap' }}>
                {s.name}
              </th>
              {months.map((month) => {
                const cell = byMonth.get(month);
                if (!cell) {
                  return (
                    <td key={month} style={{ width: size, height: size, padding: 0 }}>
                      <span className="tg-visually-hidden">not needed</span>
                    </td>
                  );
                }
                const level = capacityLevel(cell.fte, cell.capacityLeftFte);
                const text = `${s.name}, ${monthLong(month)}: needs ${cell.fte} FTE, ${cell.capacityLeftFte} FTE left (${LEVEL_WORDS[level]})`;
                return (
                  <td key={month} style={{ padding: 0 }}>
                    <Tooltip title={text}>
                      <div
                        role="img"
                        aria-label={text}
                        data-level={level}
                        style={{ width: size, height: size, borderRadius: 3, background: colors[level] }}
                      />
                    </Tooltip>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
