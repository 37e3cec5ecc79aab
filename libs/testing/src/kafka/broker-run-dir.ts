import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeBrokerRecord, type BrokerRecord } from './broker-record';
import { randomClusterId } from './cluster-id';
import { findFreePort } from './free-port';
import { javaInstallHint, storageFormatArgs } from './java-launch';
import { kafkaHome } from './kafka-home';
import { KafkaUnavailableError } from './kafka-unavailable.error';
import { seconds, type ProgressReporter } from './progress';
import { mostTellingLine, runCommand } from './run-command';
import { renderServerProperties } from './server-properties';

export interface RunDirOptions {
  ownerPid: number | null;
  runRoot?: string;
  brokerPort?: number;
  controllerPort?: number;
}

export async function prepareBrokerRunDir(
  libDir: string,
  options: RunDirOptions,
  progress: ProgressReporter,
): Promise<{ runDir: string; record: Omit<BrokerRecord, 'pid'> }> {
  const runRoot = options.runRoot ?? kafkaHome.runRoot;
  await mkdir(runRoot, { recursive: true });
  const runDir = await mkdtemp(join(runRoot, 'broker-'));
  const { brokerPort, controllerPort } = await choosePorts(options);
  const clusterId = randomClusterId();
  const propertiesFile = join(runDir, 'server.properties');
  const template = await readFile(kafkaHome.serverTemplate, 'utf8');
  await writeFile(propertiesFile, renderServerProperties(template, { brokerPort, controllerPort, logDir: join(runDir, 'data') }));

  const started = Date.now();
  const result = await runCommand('java', storageFormatArgs(libDir, runDir, propertiesFile, clusterId), {
    cwd: runDir,
    installHint: javaInstallHint,
  });
  if (result.exitCode !== 0) {
    throw new KafkaUnavailableError(
      `Kafka's StorageTool could not format ${join(runDir, 'data')} (exit ${result.exitCode}: ${mostTellingLine(result.output)}); ` +
        `is Java 17 the default java and deploy/local/kafka/lib complete (delete it to copy it again)? see ${kafkaHome.readme}`,
    );
  }
  progress(`formatted the storage in ${seconds(Date.now() - started)} (run dir ${runDir})`);
  const record = { clusterId, brokerPort, controllerPort, ownerPid: options.ownerPid };
  writeBrokerRecord(runDir, { ...record, pid: null });
  return { runDir, record };
}

async function choosePorts(options: RunDirOptions): Promise<{ brokerPort: number; controllerPort: number }> {
  const brokerPort = options.brokerPort ?? (await findFreePort());
  let controllerPort = options.controllerPort ?? (await findFreePort());
  while (controllerPort === brokerPort) controllerPort = await findFreePort();
  return { brokerPort, controllerPort };
}
