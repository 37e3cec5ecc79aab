import { auditHeadPublisherFrom, runModeKindOf, startComplianceService, type RunningComplianceService } from '@frm/compliance';
import { createLogger, type LogLevel } from '@frm/logging';
import type { SettingsOf } from '@frm/config';
import { startGateway, type RunningGateway } from '@frm/gateway';
import { intakeRelayFrom, startIntakeService, type RunningIntakeService } from '@frm/intake';
import { deliveryOptionsFrom, startNotificationsService, type RunningNotificationsService } from '@frm/notifications';
import { startTriageService, type RunningTriageService } from '@frm/triage';
import { backupOptionsFrom, startDrOrchestrator, type RunningDrOrchestrator } from '@frm/dr-orchestrator';
import { join } from 'node:path';
import { freezePolicyFrom } from '@frm/wedding-day-freeze';
import { openLocalMasterKeys } from '@frm/pii';
import { openStorage, type Storage } from '@frm/storage';
import { personalDataCipher } from '@frm/subject-keys-client';
import { MemoryCacheStore } from '@frm/read-cache';
import { signalHashKeyFrom, startVotingService, votingRelayFrom, type RunningVotingService } from '@frm/voting';
import { platformTokenKeys } from './gateway-token-keys';
import type { launcherSettings } from './launcher.settings';
import { webBoardFrom } from './web-board';

export interface RunningPlatform {
  readonly gateway: RunningGateway;
  readonly intake: RunningIntakeService;
  readonly voting: RunningVotingService;
  readonly compliance: RunningComplianceService;
  readonly notifications: RunningNotificationsService;
  readonly triage: RunningTriageService;
  readonly recovery: RunningDrOrchestrator;
  readonly storage: Storage;
  /** The generated development secret's file, when tokens are signed with it (FRM_JWT_SECRET and FRM_JWT_JWKS_URL unset). */
  readonly developmentSecretFile?: string;
  /** The folder of the web board the gateway serves at `/`; absent when there is none (not built, FRM_WEB_ROOT unset). */
  readonly webRoot?: string;
  /** Stops the gateway, then the services, then closes the database. */
  close(): Promise<void>;
}

/** Every service in this process, on one database, behind the gateway: what `npm start` runs. */
export async function launchPlatform(settings: SettingsOf<typeof launcherSettings>): Promise<RunningPlatform> {
  const tokenKeys = await platformTokenKeys(settings);
  const webRoot = await webBoardFrom(settings);
  // With FRM_KAFKA_BROKERS (and a server Postgres) the one process also publishes its events to Kafka.
  const relay = intakeRelayFrom(settings);
  const voteRelay = votingRelayFrom(settings);
  const storage = await openStorage(settings);
  const level: LogLevel = settings.FRM_LOG_LEVEL;
  const stack: (() => Promise<void>)[] = [() => storage.close()];
  const closeAll = async () => {
    for (const close of stack.splice(0).reverse()) await close().catch(() => undefined);
  };
  try {
    // Embedded, the master key is made once under FRM_DATA_DIR; the server modes need FRM_MASTER_KEY.
    const complianceLogger = createLogger({ service: 'compliance', level });
    const masterKeys = await openLocalMasterKeys(settings, runModeKindOf(settings));
    if (masterKeys.generatedIn) {
      complianceLogger.warn({ masterKeyFile: masterKeys.generatedIn }, `made a development master key in ${masterKeys.generatedIn} (FRM_MASTER_KEY is unset); back it up with the data`);
    }
    const auditHeadPublisher = await auditHeadPublisherFrom(settings);
    if (auditHeadPublisher) stack.push(() => auditHeadPublisher.close());
    const compliance = await startComplianceService({
      db: storage.db,
      openEventStore: () => storage.openEventStore(),
      logger: complianceLogger,
      masterKeys: masterKeys.kms,
      host: settings.FRM_COMPLIANCE_GRPC_HOST,
      port: settings.FRM_COMPLIANCE_GRPC_PORT,
      exportLimits: { bulkRecords: settings.FRM_EXPORT_BULK_RECORDS, bulkPerHour: settings.FRM_EXPORT_BULK_PER_HOUR },
      auditHeadPublisher,
    });
    stack.push(() => compliance.close());
    // What people write is encrypted with their keys from compliance's key table.
    const personalData = await personalDataCipher(compliance.address, masterKeys.kms);
    stack.push(async () => personalData.close());
    // Board lists and tallies are cached in this process's memory, one store for every service in
    // it, so that a rebuilt copy swapped in by the DR orchestrator makes their answers stale too.
    const cacheStore = new MemoryCacheStore();
    // The velocity limits count in memory: one process holds every vote path.
    const voting = await startVotingService({
      cacheStore,
      db: storage.db,
      openEventStore: () => storage.openEventStore(),
      logger: createLogger({ service: 'voting', level }),
      host: settings.FRM_VOTING_GRPC_HOST,
      port: settings.FRM_VOTING_GRPC_PORT,
      signalHashKey: await signalHashKeyFrom(settings),
      pageTokenSecret: settings.FRM_PAGE_TOKEN_SECRET,
      relay: voteRelay,
      personalData: personalData.cipher,
    });
    stack.push(() => voting.close());
    const intake = await startIntakeService({
      cacheStore,
      db: storage.db,
      openEventStore: () => storage.openEventStore(),
      logger: createLogger({ service: 'intake', level }),
      host: settings.FRM_INTAKE_GRPC_HOST,
      port: settings.FRM_INTAKE_GRPC_PORT,
      pageTokenSecret: settings.FRM_PAGE_TOKEN_SECRET,
      // One half-life for intake's trending sort and triage's priority: both rank by the same trend.
      trendHalfLifeMs: settings.FRM_TREND_HALF_LIFE,
      relay,
      personalData: personalData.cipher,
    });
    stack.push(() => intake.close());
    const notificationsLogger = createLogger({ service: 'notifications', level });
    const notifications = await startNotificationsService({
      db: storage.db,
      openEventStore: () => storage.openEventStore(),
      logger: notificationsLogger,
      host: settings.FRM_NOTIFICATIONS_GRPC_HOST,
      port: settings.FRM_NOTIFICATIONS_GRPC_PORT,
      pageTokenSecret: settings.FRM_PAGE_TOKEN_SECRET,
      // Titles in the inbox are decrypted with their writers' keys.
      personalData: personalData.cipher,
      // Without FRM_SMTP_URL, mail lands as .eml files in FRM_DATA_DIR/outbox; the launcher's start-up line says so.
      delivery: await deliveryOptionsFrom(settings, notificationsLogger, { quiet: true }),
    });
    stack.push(() => notifications.close());
    const triage = await startTriageService({
      db: storage.db,
      openEventStore: () => storage.openEventStore(),
      logger: createLogger({ service: 'triage', level }),
      host: settings.FRM_TRIAGE_GRPC_HOST,
      port: settings.FRM_TRIAGE_GRPC_PORT,
      pageTokenSecret: settings.FRM_PAGE_TOKEN_SECRET,
      trendHalfLifeMs: settings.FRM_TREND_HALF_LIFE,
      weddingSeasonMonths: settings.FRM_TRIAGE_SEASON_MONTHS,
      weddingDayBoost: settings.FRM_TRIAGE_WEDDING_DAY_BOOST,
      modelDirectory: settings.FRM_TRIAGE_MODEL_DIR,
      // Titles and descriptions are encrypted by intake with their writers' keys.
      personalData: personalData.cipher,
    });
    stack.push(() => triage.close());
    const recovery = await startDrOrchestrator({
      cacheStore,
      db: storage.db,
      openEventStore: () => storage.openEventStore(),
      logger: createLogger({ service: 'dr-orchestrator', level }),
      host: settings.FRM_DR_GRPC_HOST,
      port: settings.FRM_DR_GRPC_PORT,
      freezePolicy: freezePolicyFrom(settings),
      // Embedded, the event store is backed up beside the data (FRM_DATA_DIR/backups) unless FRM_BACKUP_DIR says where.
      // With FRM_KAFKA_BROKERS, events can be sent to Kafka again for a consumer team (RepublishEvents).
      ...(settings.FRM_KAFKA_BROKERS
        ? { kafka: { brokers: settings.FRM_KAFKA_BROKERS, compression: settings.FRM_KAFKA_COMPRESSION, connectTimeoutMs: settings.FRM_KAFKA_CONNECT_TIMEOUT } }
        : {}),
      backups: await backupOptionsFrom(settings, settings.FRM_DATABASE_URL ? undefined : join(settings.FRM_DATA_DIR, 'backups')),
      // A rebuilt copy reads the events as the services do, decrypted with the writers' keys.
      personalData: personalData.cipher,
    });
    stack.push(() => recovery.close());
    const gateway = await startGateway({
      routes: {
        'frm.v1.IntakeService': intake.address,
        'frm.v1.VotingService': voting.address,
        'frm.v1.ComplianceService': compliance.address,
        'frm.v1.NotificationService': notifications.address,
        'frm.v1.TriageService': triage.address,
        'frm.v1.RecoveryService': recovery.address,
      },
      tokenKeys: tokenKeys.keys,
      logger: createLogger({ service: 'gateway', level }),
      host: settings.FRM_GATEWAY_HOST,
      port: settings.FRM_GATEWAY_PORT,
      corsOrigins: settings.FRM_CORS_ORIGINS,
      trustedProxies: settings.FRM_TRUSTED_PROXIES,
      ...(webRoot !== undefined ? { webRoot } : {}),
      rateLimits: { perIpPerMinute: settings.FRM_RATE_LIMIT_PER_IP, perUserPerMinute: settings.FRM_RATE_LIMIT_PER_USER },
      // Embedded, the limits count in this process's memory; with FRM_REDIS_URL on Redis, shared with any other gateway.
      redisUrl: settings.FRM_REDIS_URL,
    });
    stack.push(() => gateway.close());
    return {
      gateway,
      intake,
      voting,
      compliance,
      notifications,
      triage,
      recovery,
      storage,
      ...(tokenKeys.developmentSecretFile !== undefined ? { developmentSecretFile: tokenKeys.developmentSecretFile } : {}),
      ...(webRoot !== undefined ? { webRoot } : {}),
      async close() {
        // In reverse order of starting, and every step even if one fails: the database closes last.
        const steps = stack.splice(0).reverse();
        let failure: unknown;
        for (const close of steps) await close().catch((error: unknown) => (failure ??= error));
        if (failure !== undefined) throw failure;
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
