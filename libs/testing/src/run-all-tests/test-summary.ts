import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
  projects: number;
}

/** One failed test (or a suite that could not run), named so that a CI log's tail says what broke. */
export interface FailedTest {
  file: string;
  name: string;
  /** The first lines of the failure, enough to tell a timeout from a wrong value. */
  reason: string;
}

export interface TestSummary extends TestCounts {
  failures: FailedTest[];
}

interface JestJsonResult {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numRuntimeErrorTestSuites?: number;
  testResults?: Array<{
    name: string;
    message?: string;
    assertionResults?: Array<{ status: string; fullName: string; failureMessages?: string[] }>;
  }>;
}

const REASON_LINES = 6;
// ESC [ … m, built from its code so that the pattern holds no control character.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Adds up the `jest --json` result files that each project's test target wrote into `dir`. */
export async function summariseJestResults(dir: string, root = process.cwd()): Promise<TestSummary> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((file) => file.endsWith('.json'));
  const summary: TestSummary = { passed: 0, failed: 0, skipped: 0, projects: files.length, failures: [] };
  for (const file of files) {
    const result = JSON.parse(await readFile(join(dir, file), 'utf8')) as JestJsonResult;
    summary.passed += result.numPassedTests;
    // A suite that could not even run counts as a failure, though it has no failed test of its own.
    summary.failed += result.numFailedTests + (result.numRuntimeErrorTestSuites ?? 0);
    summary.skipped += result.numPendingTests + result.numTodoTests;
    summary.failures.push(...failuresOf(result, root));
  }
  return summary;
}

function failuresOf(result: JestJsonResult, root: string): FailedTest[] {
  const failures: FailedTest[] = [];
  for (const suite of result.testResults ?? []) {
    const file = relative(root, suite.name);
    const failedTests = (suite.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedTests) {
      failures.push({ file, name: test.fullName, reason: firstLines((test.failureMessages ?? []).join('\n')) });
    }
    if (failedTests.length === 0 && suite.message) {
      failures.push({ file, name: '(the suite could not run)', reason: firstLines(suite.message) });
    }
  }
  return failures;
}

function firstLines(text: string): string {
  // Jest colours its messages; a log file shows the escape codes as noise.
  const plain = text.replace(ANSI_COLOUR, '');
  return plain
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .slice(0, REASON_LINES)
    .join('\n');
}

/** The failed tests, one block each, printed just above the closing line. */
export function failureReport(failures: readonly FailedTest[]): string {
  return failures
    .map((failure) => `FAILED ${failure.file} › ${failure.name}\n${failure.reason.replace(/^/gm, '    ')}`)
    .join('\n');
}

/** The closing line CI reads: `tests: N passed, N failed, N skipped`. */
export function summaryLine(counts: TestCounts): string {
  return `tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
}
