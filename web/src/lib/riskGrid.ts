/** The 5×5 risk matrix: probability × impact scored against the standard's bands. Pure. */

export interface RiskBand {
  name: string;
  minScore: number;
  color: string;
}

export interface RiskCell {
  probability: number;
  impact: number;
  score: number;
  band: RiskBand | null;
  escalates: boolean;
}

/** The band a score falls in: the last band whose minScore is at or below it. */
export function bandFor(score: number, bands: readonly RiskBand[]): RiskBand | null {
  const sorted = [...bands].sort((x, y) => x.minScore - y.minScore);
  let found: RiskBand | null = null;
  for (const band of sorted) if (score >= band.minScore) found = band;
  return found;
}

/**
 * Rows from the highest probability (5) down to 1, columns impact 1 to 5, as a risk matrix is
 * drawn: the top-right corner is the worst.
 */
export function riskGrid(bands: readonly RiskBand[], escalationScore: number, size = 5): RiskCell[][] {
  const rows: RiskCell[][] = [];
  for (let probability = size; probability >= 1; probability--) {
    const row: RiskCell[] = [];
    for (let impact = 1; impact <= size; impact++) {
      const score = probability * impact;
      row.push({ probability, impact, score, band: bandFor(score, bands), escalates: score >= escalationScore });
    }
    rows.push(row);
  }
  return rows;
}

const NAMED: Record<string, string> = {
  green: '#52c41a',
  amber: '#faad14',
  yellow: '#fadb14',
  orange: '#fa8c16',
  red: '#f5222d',
  darkred: '#a8071a',
  blue: '#1677ff',
  grey: '#8c8c8c',
  gray: '#8c8c8c',
};

/** A CSS colour for a band's colour name or hex value. */
export function bandColor(color: string | undefined): string {
  if (!color) return '#d9d9d9';
  return NAMED[color.toLowerCase()] ?? color;
}

/** Black or white text, whichever reads better on the band colour. */
export function textOn(color: string): string {
  const hex = bandColor(color).replace('#', '');
  if (!/^[0-9a-f]{6}$/i.test(hex)) return '#000';
  const r = Number.parseInt(hex.slice(0, 2), 16);
  const g = Number.parseInt(hex.slice(2, 4), 16);
  const b = Number.parseInt(hex.slice(4, 6), 16);
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? 'rgba(0,0,0,0.88)' : '#fff';
}
