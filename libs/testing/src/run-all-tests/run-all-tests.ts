// `npm test`: the whole suite on real infrastructure. Checks Postgres and Redis, starts one Kafka
// broker for every project (unless FRM_KAFKA_BROKERS names one), runs
// `nx run-many -t lint test build` and closes with `tests: N passed, N failed, N skipped`.
// Extra arguments go to nx, e.g. `npm test -- -p event-store`.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { KafkaBroker } from '../kafka/kafka-broker';
import { checkInfrastructure } from './infrastructure-check';
import { failureReport, summariseJestResults, summaryLine } from './test-summary';

const workspaceRoot = join(__dirname, '../../../..');
const resultsDir = join(workspaceRoot, 'test-results');
/** CI allows 90 minutes; fail with a clear message well before that rather than be cut off. */
const SUITE_TIMEOUT_MS = Number(process.env['FRM_TEST_TIMEOUT_MS'] ?? 75 * 60_000);

async function main(): Promise<number> {
  const started = Date.now();
  await checkInfrastructure();
  await rm(resultsDir, { recursive: true, force: true });

  let broker: KafkaBroker | undefined;
  if (!process.env['FRM_KAFKA_BROKERS']) {
    broker = await KafkaBroker.start();
    process.env['FRM_KAFKA_BROKERS'] = broker.bootstrap;
  }
  let code: number;
  try {
    code = await runNx(process.argv.slice(2));
  } finally {
    await broker?.stop();
  }
  const counts = await summariseJestResults(resultsDir, workspaceRoot);
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  // The failures come last, next to the counts: a CI log is often read from its tail only.
  const failures = counts.failures.length > 0 ? `\n${failureReport(counts.failures)}\n` : '';
  process.stdout.write(`${failures}\n${counts.projects} projects tested in ${minutes} min\n${summaryLine(counts)}\n`);
  return code !== 0 ? code : counts.failed > 0 ? 1 : 0;
}

function runNx(extraArgs: readonly string[]): Promise<number> {
  const args = ['nx', 'run-many', '-t', 'lint', 'test', 'build', '--outputStyle=stream', '--parallel=2', ...extraArgs];
  return new Promise((resolve, reject) => {
    const child = spawn('npx', args, {
      cwd: workspaceRoot,
      stdio: 'inherit',
      detached: true,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    });
    const killTree = (signal: NodeJS.Signals) => {
      if (child.pid) {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // already gone
        }
      }
    };
    const timer = setTimeout(() => {
      process.stderr.write(
        `The test suite ran longer than ${SUITE_TIMEOUT_MS / 60_000} min and was stopped; ` +
          `look for a test that hangs (an open handle or a wait without a deadline).\n`,
      );
      killTree('SIGKILL');
    }, SUITE_TIMEOUT_MS);
    const onSignal = (signal: NodeJS.Signals) => killTree(signal);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
