import type { ReactNode } from 'react';

/**
 * A box that scrolls sideways when its content is wider than the page, and that a keyboard user
 * can focus and scroll with the arrow keys (a scrollable region with nothing focusable inside is
 * out of reach otherwise). The label names the region for screen readers.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section aria-label={label} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
      {children}
    </section>
  );
}
