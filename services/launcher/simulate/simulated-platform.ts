import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { createBenchDatabase } from '@frm/bench';
import { hideUrlPassword } from '@frm/config';
import { DEFAULT_FRAUD_DETECTION_CONFIG, scaleFraudDetectionTime } from '@frm/fraud-detection';
import { startGateway } from '@frm/gateway';
import { startIntakeService } from '@frm/intake';
import { openStorage } from '@frm/storage';
import { DEFAULT_VOTE_VELOCITY_LIMITS, startVotingService } from '@frm/voting';
import type { ServiceLog } from './service-log';


export interface SimulatedPlatform {
  /** `host:port` of the gateway. */
  readonly gatewayAddress: string;
  /** Signs the access tokens the gateway accepts (HS256). */
  readonly tokenSecret: string;
  readonly databaseName: string;
  /** Stops the gateway and the services, closes the storage and drops the database; every step even if one fails. */
  close(): Promise<void>;
}

export interface SimulatedPlatformOptions {
  /** A Postgres server; the simulation creates its own database there and drops it at the end. */
  readonly serverUrl: string;
  /** How much faster than the traffic the replay runs. */
  readonly scale: number;
  readonly log: ServiceLog;
}

/**
 * Intake, voting and the gateway in this process on a fresh Postgres database, as `npm start`
 * composes them, with the fraud detectors' durations and the velocity limits scaled to the replay:
 * a simulated hour passes in an hour / scale, so the windows must shrink and the limits per real
 * minute grow by the same factor.
 */
export async function startSimulatedPlatform(options: SimulatedPlatformOptions): Promise<SimulatedPlatform> {
  const database = await createBenchDatabase(options.serverUrl, 'simulate_votes').catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`could not create the simulation's database on ${hideUrlPassword(options.serverUrl)} (${reason}); is that Postgres server running?`, { cause: error });
  });
  const stack: (() => Promise<void>)[] = [() => database.drop()];
  const close = async () => {
    let failure: unknown;
    for (const step of stack.splice(0).reverse()) await step().catch((error: unknown) => (failure ??= error));
    if (failure !== undefined) throw failure;
  };
  try {
    // FRM_DATA_DIR is only read for the embedded database, which a server URL rules out.
    const storage = await openStorage({ FRM_DATA_DIR: tmpdir(), FRM_DATABASE_URL: database.url });
    stack.push(() => storage.close());
    const intake = await startIntakeService({
      db: storage.db,
      openEventStore: () => storage.openEventStore(),
      logger: options.log.loggerFor('intake'),
      port: 0,
    });
    stack.push(() => intake.close());
    const voting = await startVotingService({
      db: storage.db,
      openEventStore: () => storage.openEventStore(),
      logger: options.log.loggerFor('voting'),
      port: 0,
      signalHashKey: randomBytes(32),
      fraudConfig: scaleFraudDetectionTime(DEFAULT_FRAUD_DETECTION_CONFIG, options.scale),
      velocityLimits: {
        perVoterPerMinute: Math.ceil(DEFAULT_VOTE_VELOCITY_LIMITS.perVoterPerMinute * options.scale),
        perAddressPerMinute: Math.ceil(DEFAULT_VOTE_VELOCITY_LIMITS.perAddressPerMinute * options.scale),
      },
    });
    stack.push(() => voting.close());
    const tokenSecret = randomBytes(32).toString('base64url');
    const gateway = await startGateway({
      routes: { 'frm.v1.IntakeService': intake.address, 'frm.v1.VotingService': voting.address },
      tokenKeys: { secret: tokenSecret },
      logger: options.log.loggerFor('gateway'),
      port: 0,
      trustedProxies: ['127.0.0.1'],
      // The simulation measures voting's fraud detection: the gateway's own limits would refuse the
      // time-compressed replay (and the board, submitted from this one address) before voting sees it.
      rateLimits: { perIpPerMinute: 1_000_000, perUserPerMinute: 1_000_000 },
    });
    stack.push(() => gateway.close());
    return { gatewayAddress: gateway.address, tokenSecret, databaseName: database.name, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
