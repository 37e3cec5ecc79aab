import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { brokerArgs, javaInstallHint } from './java-launch';
import { KafkaUnavailableError } from './kafka-unavailable.error';

export interface BrokerJvmSettings {
  libDir: string;
  runDir: string;
  logFile: string;
  javaOptions: readonly string[];
  detached: boolean;
}

export async function spawnBrokerJvm(settings: BrokerJvmSettings): Promise<ChildProcess> {
  const propertiesFile = join(settings.runDir, 'server.properties');
  const log = openSync(settings.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn('java', brokerArgs(settings.libDir, settings.runDir, propertiesFile, settings.javaOptions), {
      cwd: settings.runDir,
      detached: settings.detached,
      stdio: ['ignore', log, log],
    });
  } finally {
    // The child has its own copy of the descriptor by now.
    closeSync(log);
  }
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new KafkaUnavailableError(
          error.code === 'ENOENT'
            ? `java was not found on PATH; ${javaInstallHint}`
            : `java could not be started (${error.message}); ${javaInstallHint}`,
          error,
        ),
      ),
    );
  });
  // Neither the CLI nor jest should wait for the broker to exit before they can.
  child.unref();
  return child;
}
