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
  // Dark enough for white text at 4.5:1 (WCAG AA); the brighter reds and blues are not.
  red: '#cf1322',
  darkred: '#a8071a',
  blue: '#0958d9',
  grey: '#8c8c8c',
  gray: '#8c8c8c',
};

/** A CSS colour for a band's colour name or hex value. */
export function bandColor(color: string | undefined): string {
  if (!color) return '#d9d9d9';
  return NAMED[color.toLowerCase()] ?? color;
}

/** Relative luminance of an sRGB colour (WCAG 2.1). */
function luminance(hex: string): number {
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two #rrggbb colours: 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [x, y] = [luminance(a.replace('#', '')), luminance(b.replace('#', ''))].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/** Black or white text, whichever has the higher contrast on the band colour. */
export function textOn(color: string): string {
  const hex = bandColor(color);
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return '#000';
  // rgba(0,0,0,0.88) on a light band is about #1f1f1f.
  return contrastRatio(hex, '#1f1f1f') >= contrastRatio(hex, '#ffffff') ? 'rgba(0,0,0,0.88)' : '#fff';
}

/**
 * The band colour as a cell background that text can be read on: as given when black or white
 * text reaches 4.5:1 on it, else darkened just enough for white text to (a bright red such as
 * #f5222d becomes about #e3101b). A PMO may pick any colour; the grid stays readable.
 */
export function readableBackground(color: string | undefined): string {
  const hex = bandColor(color);
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return hex;
  const best = (c: string) => Math.max(contrastRatio(c, '#ffffff'), contrastRatio(c, '#1f1f1f'));
  if (best(hex) >= 4.5) return hex;
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  for (let step = 1; step <= 20; step++) {
    const darker = `#${channels
      .map((c) =>
        Math.round(c * (1 - step * 0.04))
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`;
    if (contrastRatio(darker, '#ffffff') >= 4.5) return darker;
  }
  return '#000000';
}
