import { describe, expect, it } from 'vitest';
import { diffRecords, formatValue, listChange, readableChanges } from './diff.ts';

describe('diffRecords', () => {
  it('lists changed, added and removed fields, skipping bookkeeping', () => {
    const before = { name: 'Old', level: 'program', version: 1, updatedAt: 'a', description: 'x' };
    const after = { name: 'New', level: 'program', version: 2, updatedAt: 'b', code: 'EPMO' };
    expect(diffRecords(before, after)).toEqual([
      { field: 'name', before: 'Old', after: 'New' },
      { field: 'description', before: 'x', after: undefined },
      { field: 'code', before: undefined, after: 'EPMO' },
    ]);
  });
  it('descends into nested objects and compares arrays whole', () => {
    const before = { tolerances: { spi: { amber: 0.95, red: 0.85 } }, phases: [1, 2] };
    const after = { tolerances: { spi: { amber: 0.9, red: 0.85 } }, phases: [1, 2, 3] };
    expect(diffRecords(before, after)).toEqual([
      { field: 'tolerances.spi.amber', before: 0.95, after: 0.9 },
      { field: 'phases', before: [1, 2], after: [1, 2, 3] },
    ]);
  });
  it('treats a created record as every field added', () => {
    expect(diffRecords(null, { name: 'A' })).toEqual([{ field: 'name', before: undefined, after: 'A' }]);
    expect(diffRecords({ a: 1 }, { a: 1 })).toEqual([]);
  });
});

describe('formatValue', () => {
  it('renders values shortly', () => {
    expect(formatValue(null)).toBe('empty');
    expect(formatValue(undefined)).toBe('—');
    expect(formatValue(true)).toBe('true');
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
    expect(formatValue('x'.repeat(100), 10)).toHaveLength(10);
  });
});

describe('readableChanges', () => {
  it('labels fields and shows a named reference by its name only', () => {
    const changes = diffRecords(
      { orgUnitId: 'a', orgUnitName: 'Sales', costRate: 1 },
      { orgUnitId: 'b', orgUnitName: 'Finance', costRate: 2, 'gates.0': 1 },
    );
    expect(readableChanges(changes).map((c) => [c.field, c.label])).toEqual([
      ['orgUnitName', 'Org unit'],
      ['costRate', 'Cost rate'],
      ['gates.0', 'Gates › #1'],
    ]);
  });
});

describe('listChange', () => {
  it('names the elements a list gained and lost', () => {
    const before = [{ personId: '1', name: 'Olivia Bennett', role: 'lead' }];
    const after = [...before, { personId: '2', name: 'Quinn Tester', role: 'analyst' }];
    expect(listChange(before, after)).toEqual({ added: ['Quinn Tester (analyst)'], removed: [] });
    expect(listChange(after, before)).toEqual({ added: [], removed: ['Quinn Tester (analyst)'] });
    expect(listChange('a', ['b'])).toBeNull();
    expect(formatValue(after)).toBe('Olivia Bennett (lead), Quinn Tester (analyst)');
  });
});
