import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summariseJestResults, summaryLine } from './test-summary';

describe('test summary', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'frm-results-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const result = (passed: number, failed: number, pending: number, runtimeErrors = 0) =>
    JSON.stringify({ numPassedTests: passed, numFailedTests: failed, numPendingTests: pending, numTodoTests: 0, numRuntimeErrorTestSuites: runtimeErrors });

  it('adds up every project and counts a suite that could not run as failed', async () => {
    await writeFile(join(dir, 'a.json'), result(10, 0, 1));
    await writeFile(join(dir, 'b.json'), result(5, 2, 0, 1));
    await writeFile(join(dir, 'notes.txt'), 'ignored');
    const counts = await summariseJestResults(dir);
    expect(counts).toEqual({ passed: 15, failed: 3, skipped: 1, projects: 2 });
    expect(summaryLine(counts)).toBe('tests: 15 passed, 3 failed, 1 skipped');
  });

  it('reports nothing run when there are no results', async () => {
    expect(await summariseJestResults(join(dir, 'missing'))).toEqual({ passed: 0, failed: 0, skipped: 0, projects: 0 });
  });
});
