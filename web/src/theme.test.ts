import { describe, expect, it } from 'vitest';
import { theme, themeFor } from './theme.ts';

describe('the theme for a reader who asked for less motion', () => {
  it('turns the transitions off and keeps everything else', () => {
    const reduced = themeFor(true);
    expect(reduced.token?.motion).toBe(false);
    expect({ ...reduced.token, motion: undefined }).toEqual({ ...theme.token, motion: undefined });
    expect(reduced.components).toBe(theme.components);
  });

  it('is the theme itself otherwise', () => {
    expect(themeFor(false)).toBe(theme);
    expect(theme.token?.motion).toBeUndefined();
  });
});
