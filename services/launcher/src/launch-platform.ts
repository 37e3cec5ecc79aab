import { createLogger, type LogLevel } from '@frm/logging';
import { openStorage, startIntakeService, type RunningIntakeService, type Storage } from '@frm/intake';
import type { SettingsOf } from '@frm/config';
import type { launcherSettings } from './launcher.settings';

export interface RunningPlatform {
  readonly intake: RunningIntakeService;
  readonly storage: Storage;
  /** Stops the services, then closes the database. */
  close(): Promise<void>;
}

/** Every service in this process, on one database: what `npm start` runs. */
export async function launchPlatform(settings: SettingsOf<typeof launcherSettings>): Promise<RunningPlatform> {
  const storage = await openStorage(settings);
  const level: LogLevel = settings.FRM_LOG_LEVEL;
  try {
    const intake = await startIntakeService({
      db: storage.db,
      logger: createLogger({ service: 'intake', level }),
      host: settings.FRM_INTAKE_GRPC_HOST,
      port: settings.FRM_INTAKE_GRPC_PORT,
      pageTokenSecret: settings.FRM_PAGE_TOKEN_SECRET,
    });
    return {
      intake,
      storage,
      async close() {
        try {
          await intake.close();
        } finally {
          await storage.close();
        }
      },
    };
  } catch (error) {
    await storage.close().catch(() => undefined);
    throw error;
  }
}
