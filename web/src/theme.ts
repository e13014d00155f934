import type { ThemeConfig } from 'antd';

/**
 * Tollgate's look: calm blue, compact enough for dense PMO tables, and readable: every text
 * colour meets WCAG 2.1 AA (4.5:1) on white and on the page background (#f5f7fa).
 *
 * The component library's greys (secondary text, descriptions, breadcrumbs, placeholders, empty
 * tables) are transparent black at 45 % or 25 % (about 3.3:1 and 1.8:1), its error red is 3.3:1, and its tags write their
 * text in shade 7 of each palette on shade 1 (green, cyan, orange, gold: about 3.4:1). The greys
 * here are darker, the tag text is one or two shades darker, links use the primary blue
 * rather than the library's lighter info blue (4.1:1), and hovered or pressed controls darken.
 */
/**
 * Shade 7 of the palettes whose tag text is too light, one or two shades darker. The library
 * keys each shade twice (`green7` and `green-7`, both written as the CSS variable --ant-green-7):
 * both are set, or the variable keeps the library's value.
 */
const TAG_TEXT = Object.fromEntries(
  Object.entries({
    volcano: '#ad2102',
    orange: '#ad4e00',
    gold: '#874d00',
    yellow: '#876800',
    lime: '#3f6600',
    green: '#237804',
    cyan: '#006d75',
  }).flatMap(([palette, color]) => [
    [`${palette}7`, color],
    [`${palette}-7`, color],
  ]),
);

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    // Hovered and pressed states go darker, not lighter: the library's derived hover blue
    // (about 3:1 on white) is what an outlined button's label shows under the pointer.
    colorPrimaryHover: '#1e40af',
    colorPrimaryActive: '#1e3a8a',
    colorPrimaryTextHover: '#1e40af',
    colorPrimaryTextActive: '#1e3a8a',
    colorLink: '#1d4ed8',
    colorLinkHover: '#1e40af',
    colorLinkActive: '#1e3a8a',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    // Also the text of empty tables and lists, which must be read; disabled controls keep their grey ground.
    colorTextDisabled: 'rgba(0, 0, 0, 0.56)',
    // Error text (the library's #ff4d4f is 3.3:1 on white).
    colorError: '#cf1322',
    // Tag text (shade 7 of a preset palette) where the library's falls below 4.5:1 on shade 1.
    ...TAG_TEXT,
    borderRadius: 6,
    fontFamily: "Inter, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { siderBg: '#0f172a', headerBg: '#ffffff', bodyBg: '#f5f7fa' },
    Menu: { darkItemBg: '#0f172a', darkSubMenuItemBg: '#0b1222' },
  },
};

/**
 * The theme for a reader who asked their system for less motion (`prefers-reduced-motion:
 * reduce`): the same look without the library's transitions (menus, drawers, modals, messages
 * appear and go at once), as WCAG 2.3.3 asks of motion a reader did not start.
 */
export function themeFor(reducedMotion: boolean): ThemeConfig {
  return reducedMotion ? { ...theme, token: { ...theme.token, motion: false } } : theme;
}
