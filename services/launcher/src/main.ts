import 'reflect-metadata';
import { loadSettings, type LoadedSettings } from '@frm/config';
import { createLogger, type Logger } from '@frm/logging';
import { mailOutboxOf } from '@frm/notifications';
import { startTracing } from '@frm/tracing';
import { launcherSettings } from './launcher.settings';
import { launchPlatform, type RunningPlatform } from './launch-platform';
import { explainStartupError } from './startup-error';

// A second signal while stopping means "now": the process exits without waiting.
const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

async function main(): Promise<void> {
  let logger: Logger = createLogger({ service: 'launcher' });
  let platform: RunningPlatform;
  let settings: LoadedSettings<typeof launcherSettings>;
  try {
    settings = loadSettings(launcherSettings);
    logger = createLogger({ service: 'launcher', level: settings.FRM_LOG_LEVEL });
    // One process runs every service: its spans share one set-up, named after the platform.
    startTracing({ service: 'frm-platform', endpoint: settings.OTEL_EXPORTER_OTLP_ENDPOINT });
    platform = await launchPlatform(settings);
  } catch (error) {
    const explained = explainStartupError(error);
    if (explained) logger.fatal(explained);
    else logger.fatal({ err: error }, `cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (platform.developmentSecretFile !== undefined) {
    const file = platform.developmentSecretFile;
    logger.info(
      { jwtSecretFile: file },
      `access tokens are signed with the development secret in ${file} (FRM_JWT_SECRET is unset); ` +
        `mint one with: FRM_JWT_SECRET="$(cat ${file})" npx frm token --sub <uuid> --roles couple`,
    );
  }
  const gateway = `http://${platform.gateway.address}`;
  const board = platform.webRoot !== undefined ? `the web board on ${gateway}/` : 'no web board (npx nx run web:build builds it)';
  const mail = settings.FRM_SMTP_URL ? 'e-mail sent over SMTP' : `e-mail written to ${mailOutboxOf(settings)} (set FRM_SMTP_URL to send it)`;
  logger.info(
    { gateway, intakeGrpc: platform.intake.address, data: platform.storage.description, webRoot: platform.webRoot, mailOutbox: settings.FRM_SMTP_URL ? undefined : mailOutboxOf(settings) },
    `FRM is running: ${board}, gRPC-web and gRPC on ${gateway}, intake gRPC on ${platform.intake.address}, ` +
      `data in ${platform.storage.description}, ${mail}; stop with Ctrl+C`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    logger.info({ signal }, `stopping on ${signal}`);
    platform.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, stop);
}

void main();
