import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order of the test files: the browser files (the longest, one Chromium each) interleaved
 * with the database files from the start, so that the two workers run one of each at a time
 * instead of the browser files last and two Chromiums at once.
 */
export default class InterleavedSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const browser = sorted.filter((f) => f.project.name === 'browser');
    const rest = sorted.filter((f) => f.project.name !== 'browser');
    if (browser.length === 0 || rest.length === 0) return sorted;
    const step = Math.max(1, Math.floor(rest.length / browser.length));
    const order: TestSpecification[] = [];
    let next = 0;
    for (const file of browser) {
      order.push(file, ...rest.slice(next, next + step));
      next += step;
    }
    order.push(...rest.slice(next));
    return order;
  }
}
