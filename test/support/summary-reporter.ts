import type { Reporter, TestModule } from 'vitest/node';

/** How many of the slowest files the summary names. */
const SLOWEST = 15;

/**
 * Ends every run with one plain line, `tests: N passed, N failed, N skipped`, that tools reading
 * the output (CI among them) understand without knowing Vitest's own format, after the slowest
 * files with their project and duration, so a run that grows slower shows where.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
    }
    const slowest = testModules
      .map((module) => ({ name: `${module.project.name} ${module.relativeModuleId}`, ms: module.diagnostic().duration }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SLOWEST);
    process.stdout.write('\nslowest files:\n');
    for (const file of slowest) process.stdout.write(`  ${(file.ms / 1000).toFixed(1).padStart(7)} s  ${file.name}\n`);
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
