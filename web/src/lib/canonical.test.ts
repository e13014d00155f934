import { describe, expect, it } from 'vitest';
import { canonicalJson, sameDocument } from './canonical.ts';

describe('sameDocument', () => {
  it('ignores key order and undefined fields', () => {
    expect(sameDocument({ a: 1, b: { c: [1, 2], d: 'x' } }, { b: { d: 'x', c: [1, 2] }, a: 1, e: undefined })).toBe(true);
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
  it('sees a changed value, a reordered list and a missing field', () => {
    expect(sameDocument({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameDocument({ list: [1, 2] }, { list: [2, 1] })).toBe(false);
    expect(sameDocument({ a: 1, b: null }, { a: 1 })).toBe(false);
  });
});
