import { describe, expect, it } from 'vitest';
import {
  type Dashboard,
  type DashboardRag,
  budgetBars,
  eacOverBac,
  figureText,
  filtersOf,
  indexTone,
  percent,
  projectsPage,
  ragBars,
} from './dashboard.ts';

const links = (source: string, dimension: string) => ({
  green: `/api/v1/projects?${source}Rag=${dimension}%3Agreen`,
  amber: `/api/v1/projects?${source}Rag=${dimension}%3Aamber`,
  red: `/api/v1/projects?${source}Rag=${dimension}%3Ared`,
});

const rag = (dimension: DashboardRag['dimension'], computedAny: boolean): DashboardRag => ({
  dimension,
  reported: { green: 3, amber: 1, red: 1, none: 2 },
  computed: computedAny ? { green: 2, amber: 0, red: 3, none: 2 } : { green: 0, amber: 0, red: 0, none: 7 },
  links: { reported: links('reported', dimension), computed: links('computed', dimension) },
});

describe('the dashboard in the web app', () => {
  it('opens the web page of an API link to the project list, with its filters', () => {
    expect(projectsPage('/api/v1/projects?computedRag=schedule%3Ared&pmoId=1')).toBe(
      '/projects?computedRag=schedule%3Ared&pmoId=1',
    );
    expect(projectsPage('/api/v1/projects')).toBe('/projects');
  });

  it('draws a reported and a computed bar per dimension, and no computed bar where nothing is computed', () => {
    const bars = ragBars([rag('overall', true), rag('scope', false)]);
    expect(bars.map((b) => b.name)).toEqual(['Overall · reported', 'Overall · computed', 'Scope · reported']);
    expect(bars[1]).toMatchObject({ green: 2, amber: 0, red: 3, none: 2, source: 'computed' });
    expect(bars[1]!.links.red).toBe('/api/v1/projects?computedRag=overall%3Ared');
  });

  it('writes shares, indices and figures as a PMO reads them', () => {
    expect(percent(0.6667)).toBe('67%');
    expect(percent(null)).toBe('—');
    expect([indexTone(1.02), indexTone(0.95), indexTone(0.7), indexTone(null)]).toEqual(['good', 'watch', 'bad', null]);
    expect(figureText('spi', 0.7969)).toBe('SPI 0.7969');
    expect(figureText('finishSlipDays', 195)).toBe('finish slip 195 days');
    expect(figureText('budgetVariancePct', 12.5)).toBe('EAC over budget 12.5%');
    expect(figureText('cpi', null)).toBe('CPI');
  });

  it('compares the EAC with the BAC, and keeps only the filters it knows from the URL', () => {
    const budget: Dashboard['budget'] = { bac: 400_000, ac: 158_000, eac: 418_000, projects: 3, totalBudget: 610_000, link: '' };
    expect(eacOverBac(budget)).toBeCloseTo(0.045, 5);
    expect(eacOverBac({ ...budget, bac: 0 })).toBeNull();
    expect(budgetBars(budget).map((b) => [b.label, b.value])).toEqual([
      ['BAC', 400_000],
      ['AC', 158_000],
      ['EAC', 418_000],
    ]);
    expect(filtersOf(new URLSearchParams('pmoId=a&portfolioId=&executivePositionId=c&q=x'))).toEqual({
      pmoId: 'a',
      executivePositionId: 'c',
    });
  });
});
