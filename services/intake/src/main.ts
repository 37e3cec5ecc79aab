import 'reflect-metadata';
import { loadSettings } from '@frm/config';
import { createLogger } from '@frm/logging';
import { intakeSettings } from './intake.settings';
import { openStorage } from './storage/open-storage';
import { startIntakeService } from './start-intake-service';

/** The intake service alone (`npm run start:intake`); `npm start` runs it inside the launcher. */
async function main(): Promise<void> {
  let logger = createLogger({ service: 'intake' });
  try {
    const settings = loadSettings(intakeSettings);
    logger = createLogger({ service: 'intake', level: settings.FRM_LOG_LEVEL });
    const storage = await openStorage(settings);
    const intake = await startIntakeService({
      db: storage.db,
      logger,
      host: settings.FRM_INTAKE_GRPC_HOST,
      port: settings.FRM_INTAKE_GRPC_PORT,
      pageTokenSecret: settings.FRM_PAGE_TOKEN_SECRET,
    }).catch(async (error: unknown) => {
      await storage.close();
      throw error;
    });
    logger.info({ grpc: intake.address, data: storage.description }, `intake gRPC on ${intake.address}, data in ${storage.description}`);
    const stop = () => {
      intake
        .close()
        .then(() => storage.close())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    logger.fatal({ err: error }, `cannot start: ${error instanceof Error ? error.message.replace(/\s*\n\s*/g, '; ') : String(error)}`);
    process.exit(1);
  }
}

void main();
