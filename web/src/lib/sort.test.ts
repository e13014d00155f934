import { describe, expect, it } from 'vitest';
import { nullsLast } from './sort.ts';

interface Row {
  name: string;
  rate: number | null;
}

const rows: Row[] = [
  { name: 'a', rate: 50 },
  { name: 'b', rate: null },
  { name: 'c', rate: 20 },
  { name: 'd', rate: null },
  { name: 'e', rate: 80 },
];

/** Sorts as antd does: the comparator, negated for a descending column. */
function antdSort(order: 'ascend' | 'descend'): string[] {
  const compare = nullsLast<Row>((r) => r.rate);
  const sign = order === 'descend' ? -1 : 1;
  return [...rows].sort((a, b) => sign * compare(a, b, order)).map((r) => r.name);
}

describe('nullsLast', () => {
  it('puts rows without a value after the others when ascending', () => {
    expect(antdSort('ascend')).toEqual(['c', 'a', 'e', 'b', 'd']);
  });

  it('puts rows without a value after the others when descending too', () => {
    expect(antdSort('descend')).toEqual(['e', 'a', 'c', 'b', 'd']);
  });

  it('compares text by locale', () => {
    const compare = nullsLast<{ t: string | null }>((r) => r.t);
    expect(compare({ t: 'Émile' }, { t: 'Zoe' }, 'ascend')).toBeLessThan(0);
    expect(compare({ t: null }, { t: 'Zoe' }, 'ascend')).toBeGreaterThan(0);
  });
});
