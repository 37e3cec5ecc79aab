import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
  projects: number;
}

interface JestJsonResult {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numRuntimeErrorTestSuites?: number;
}

/** Adds up the `jest --json` result files that each project's test target wrote into `dir`. */
export async function summariseJestResults(dir: string): Promise<TestCounts> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((file) => file.endsWith('.json'));
  const counts: TestCounts = { passed: 0, failed: 0, skipped: 0, projects: files.length };
  for (const file of files) {
    const result = JSON.parse(await readFile(join(dir, file), 'utf8')) as JestJsonResult;
    counts.passed += result.numPassedTests;
    // A suite that could not even run counts as a failure, though it has no failed test of its own.
    counts.failed += result.numFailedTests + (result.numRuntimeErrorTestSuites ?? 0);
    counts.skipped += result.numPendingTests + result.numTodoTests;
  }
  return counts;
}

/** The closing line CI reads: `tests: N passed, N failed, N skipped`. */
export function summaryLine(counts: TestCounts): string {
  return `tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
}
