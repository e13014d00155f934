import { describe, expect, it } from 'vitest';
import { bandColor, bandFor, contrastRatio, readableBackground, riskGrid, textOn } from './riskGrid.ts';

const bands = [
  { name: 'Low', minScore: 1, color: 'green' },
  { name: 'Medium', minScore: 5, color: 'amber' },
  { name: 'High', minScore: 12, color: 'red' },
];

describe('bandFor', () => {
  it('picks the last band whose minimum is reached', () => {
    expect(bandFor(1, bands)?.name).toBe('Low');
    expect(bandFor(4, bands)?.name).toBe('Low');
    expect(bandFor(5, bands)?.name).toBe('Medium');
    expect(bandFor(12, bands)?.name).toBe('High');
    expect(bandFor(25, bands)?.name).toBe('High');
  });
  it('does not depend on the order bands are given in', () => {
    expect(bandFor(6, [...bands].reverse())?.name).toBe('Medium');
  });
});

describe('riskGrid', () => {
  const grid = riskGrid(bands, 15);
  it('is 5×5 with probability 5 on top and impact 1 on the left', () => {
    expect(grid).toHaveLength(5);
    expect(grid.every((row) => row.length === 5)).toBe(true);
    expect(grid[0]![0]).toMatchObject({ probability: 5, impact: 1, score: 5 });
    expect(grid[4]![4]).toMatchObject({ probability: 1, impact: 5, score: 5 });
    expect(grid[0]![4]).toMatchObject({ score: 25, escalates: true });
  });
  it('colours every cell with its band and marks escalation', () => {
    const names = grid.flat().map((c) => c.band?.name);
    expect(names.filter((n) => n === 'High')).toHaveLength(8);
    expect(
      grid
        .flat()
        .filter((c) => c.escalates)
        .map((c) => c.score)
        .sort((a, b) => a - b),
    ).toEqual([15, 15, 16, 20, 20, 25]);
  });
});

describe('colours', () => {
  it('maps names and picks readable text', () => {
    expect(bandColor('red')).toBe('#cf1322');
    expect(bandColor('#123456')).toBe('#123456');
    expect(textOn('#ffffff')).toBe('rgba(0,0,0,0.88)');
    expect(textOn('#000000')).toBe('#fff');
  });

  it('darkens a band colour no text can be read on, and leaves the others', () => {
    const red = readableBackground('#f5222d');
    expect(red).not.toBe('#f5222d');
    expect(contrastRatio(red, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(textOn(red)).toBe('#fff');
    expect(readableBackground('#faad14')).toBe('#faad14');
    expect(readableBackground('#52c41a')).toBe('#52c41a');
  });

  it('writes every named band with text at 4.5:1 or more', () => {
    for (const name of ['green', 'amber', 'yellow', 'orange', 'red', 'darkred', 'blue', 'grey']) {
      const background = bandColor(name);
      const text = textOn(name) === '#fff' ? '#ffffff' : '#1f1f1f';
      expect(contrastRatio(background, text), name).toBeGreaterThanOrEqual(4.5);
    }
  });
});
