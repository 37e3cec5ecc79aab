// Run as: node -r @swc-node/register libs/testing/src/kafka/kafka-cli.ts start|stop|status|restart
// (npm run kafka:start / kafka:stop). Progress goes to stderr; `start` prints the bootstrap address
// as the last line of stdout, so `$(npm run -s kafka:start)` captures just the address.
import { existsSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { readCliState, removeCliState, writeCliState } from './cli-state';
import { KafkaBroker } from './kafka-broker';
import { kafkaHome } from './kafka-home';
import { stderrProgress } from './progress';

function recordedBroker(): KafkaBroker | undefined {
  const state = readCliState();
  return state && existsSync(state.runDir) ? KafkaBroker.attach(state.runDir) : undefined;
}

async function start(options: { port?: number; timeout: number }): Promise<void> {
  const recorded = recordedBroker();
  if (recorded?.isRunning()) {
    stderrProgress(`Kafka is already running on ${recorded.bootstrap} (pid ${recorded.pid}); stop it with npm run kafka:stop`);
    process.stdout.write(`${recorded.bootstrap}\n`);
    return;
  }
  if (recorded) await recorded.stop();
  const broker = await KafkaBroker.create({ detached: true, brokerPort: options.port, readyTimeoutMs: options.timeout * 1000 });
  // Recorded before launching, so that kafka:stop finds the broker even if this launch is interrupted.
  writeCliState({ bootstrap: broker.bootstrap, runDir: broker.runDir, startedAt: new Date().toISOString() });
  try {
    await broker.launch();
  } catch (error) {
    removeCliState();
    throw error;
  }
  process.stdout.write(`${broker.bootstrap}\n`);
}

async function stop(): Promise<void> {
  const state = readCliState();
  if (!state) {
    stderrProgress(`no broker is recorded in ${kafkaHome.cliStateFile}; nothing to stop`);
    return;
  }
  if (existsSync(state.runDir)) await KafkaBroker.attach(state.runDir).stop();
  removeCliState();
}

async function status(): Promise<void> {
  const broker = recordedBroker();
  if (!broker?.isRunning()) {
    stderrProgress('no broker is running; start one with npm run kafka:start');
    process.exitCode = 1;
    return;
  }
  stderrProgress(`Kafka runs on ${broker.bootstrap} (pid ${broker.pid}, run dir ${broker.runDir})`);
  process.stdout.write(`${broker.bootstrap}\n`);
}

async function restart(): Promise<void> {
  const broker = recordedBroker();
  if (!broker) throw new Error('no broker is recorded to restart; start one with npm run kafka:start');
  await broker.restart();
  process.stdout.write(`${broker.bootstrap}\n`);
}

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) throw new InvalidArgumentError('expected a TCP port (1-65535)');
  return parsed;
}

const program = new Command('kafka')
  .description(`the local single-node Apache Kafka broker for tests and benchmarks (see ${kafkaHome.readme})`)
  .showHelpAfterError();
program
  .command('start')
  .description('start a broker in the background and print its bootstrap address')
  .option('--port <port>', 'listen on this port instead of a free one', port)
  .option('--timeout <seconds>', 'how long to wait for the broker to answer', Number, 60)
  .action(start);
program.command('stop').description('stop the broker that start recorded and delete its data').action(stop);
program.command('status').description('print the running broker\'s address; exit 1 if none runs').action(status);
program.command('restart').description('restart the recorded broker on the same port, keeping its data').action(restart);

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
