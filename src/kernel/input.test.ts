import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldsWithNul, jsonDepth, unknownFields } from './input.ts';

describe('jsonDepth', () => {
  it('counts nesting of arrays and objects, not brackets inside strings', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{}')).toBe(1);
    expect(jsonDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(jsonDepth('{"a":"say \\"[[[\\" twice","b":["\\\\",[]]}')).toBe(3);
  });

  it('stops counting once past the limit, so a 200,000-level body costs nothing to refuse', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(jsonDepth(deep, 32)).toBe(33);
  });

  it('agrees with the depth of any JSON value', () => {
    const depthOf = (v: unknown): number =>
      Array.isArray(v)
        ? 1 + Math.max(0, ...v.map(depthOf))
        : v !== null && typeof v === 'object'
          ? 1 + Math.max(0, ...Object.values(v).map(depthOf))
          : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        expect(jsonDepth(JSON.stringify(value))).toBe(depthOf(value));
      }),
    );
  });
});

describe('fieldsWithNul', () => {
  it('names every string value and key holding U+0000 by its path', () => {
    expect(fieldsWithNul({ a: 'ok', b: 'x\u0000y', c: [{ d: '\u0000' }], e: { 'k\u0000': 1 } })).toEqual([
      'b',
      'c.0.d',
      'e.k\\u0000',
    ]);
    expect(fieldsWithNul('\u0000')).toEqual(['body']);
    expect(fieldsWithNul({ a: 1, b: null, c: [true] })).toEqual([]);
  });
});

describe('unknownFields', () => {
  it('names the keys of the input that the parsed output dropped, at any depth', () => {
    const raw = { name: 'x', nmae: 'typo', items: [{ id: 1, extra: true }], nested: { keep: 1, drop: 2 } };
    const parsed = { name: 'x', items: [{ id: 1 }], nested: { keep: 1 } };
    expect(unknownFields(raw, parsed)).toEqual(['nmae', 'items.0.extra', 'nested.drop']);
  });

  it('does not compare values the schema turned into something else, nor defaults it added', () => {
    expect(unknownFields({ when: { y: 2026 } }, { when: '2026-01-01' })).toEqual([]);
    expect(unknownFields({ a: 1 }, { a: 1, added: 'default' })).toEqual([]);
    expect(unknownFields({ tags: { any: 1 } }, { tags: { any: 1 } })).toEqual([]);
  });
});
