import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failureReport, summariseJestResults, summaryLine } from './test-summary';

const ESC = String.fromCharCode(27);

describe('test summary', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'frm-results-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const result = (passed: number, failed: number, pending: number, runtimeErrors = 0, testResults: unknown[] = []) =>
    JSON.stringify({
      numPassedTests: passed,
      numFailedTests: failed,
      numPendingTests: pending,
      numTodoTests: 0,
      numRuntimeErrorTestSuites: runtimeErrors,
      testResults,
    });

  it('adds up every project and counts a suite that could not run as failed', async () => {
    await writeFile(join(dir, 'a.json'), result(10, 0, 1));
    await writeFile(join(dir, 'b.json'), result(5, 2, 0, 1));
    await writeFile(join(dir, 'notes.txt'), 'ignored');
    const counts = await summariseJestResults(dir);
    expect(counts).toMatchObject({ passed: 15, failed: 3, skipped: 1, projects: 2 });
    expect(summaryLine(counts)).toBe('tests: 15 passed, 3 failed, 1 skipped');
  });

  it('names each failed test with the first lines of its failure, without colour codes', async () => {
    await writeFile(
      join(dir, 'c.json'),
      result(1, 1, 0, 1, [
        {
          name: '/repo/services/x/test/a.int.spec.ts',
          assertionResults: [
            { status: 'passed', fullName: 'a works' },
            { status: 'failed', fullName: 'a delivers once', failureMessages: [`${ESC}[31mError: expected 1${ESC}[39m\n\n${'  '}received 2\n` + 'at line\n'.repeat(20)] },
          ],
        },
        { name: '/repo/services/x/test/b.int.spec.ts', message: 'Cannot find module ./missing', assertionResults: [] },
      ]),
    );
    const { failures } = await summariseJestResults(dir, '/repo');
    expect(failures).toEqual([
      { file: 'services/x/test/a.int.spec.ts', name: 'a delivers once', reason: expect.stringMatching(/^Error: expected 1\n {2}received 2\nat line/) },
      { file: 'services/x/test/b.int.spec.ts', name: '(the suite could not run)', reason: 'Cannot find module ./missing' },
    ]);
    expect(failures[0]?.reason.split('\n')).toHaveLength(6);
    expect(failureReport(failures)).toContain('FAILED services/x/test/a.int.spec.ts › a delivers once\n    Error: expected 1');
  });

  it('reports nothing run when there are no results', async () => {
    expect(await summariseJestResults(join(dir, 'missing'))).toEqual({ passed: 0, failed: 0, skipped: 0, projects: 0, failures: [] });
  });
});
