import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** The processes of the local cluster, in the order they start. */
export const SERVICE_NAMES = ['compliance', 'intake', 'voting', 'triage', 'notifications', 'dr-orchestrator', 'gateway'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface ServiceDefinition {
  readonly name: ServiceName;
  readonly main: string;
  /** The log field that carries its address once it listens. */
  readonly readyField: string;
  readonly env: Readonly<Record<string, string>>;
  /**
   * The process's nice value (default 0). Services no call of a person browsing, voting or
   * submitting waits for (notifications, backups: they consume events) run at a lower priority, as a
   * deployment would give the request path CPU of its own: on the two shared cores a surge's calls
   * are served first, and the consumers catch up after it. Compliance is not one of them: votes and
   * submissions wait for its subject keys.
   */
  readonly nice?: number;
}

/** The priority of the services off the request path (see ServiceDefinition.nice). */
export const OFF_REQUEST_PATH_NICE = 10;

export interface ClusterSettings {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly kafkaBrokers: readonly string[];
  readonly dataDir: string;
  readonly ports: Readonly<Record<ServiceName, number>>;
  /** GET /metrics of the services that cache reads (their hit ratios are reported). */
  readonly metricsPorts: { readonly intake: number; readonly voting: number };
  readonly jwtSecret: string;
  readonly rateLimits: { readonly perIp: number; readonly perUser: number };
}

/** Secrets every replica of a service must share; made once per run so that restarts keep them. */
export interface ClusterSecrets {
  readonly masterKey: string;
  readonly signalHashKey: string;
  readonly pageTokenSecret: string;
  readonly unsubscribeSecret: string;
}

export function newClusterSecrets(): ClusterSecrets {
  return {
    masterKey: randomBytes(32).toString('base64'),
    signalHashKey: randomBytes(32).toString('base64url'),
    pageTokenSecret: randomBytes(32).toString('base64url'),
    unsubscribeSecret: randomBytes(32).toString('base64url'),
  };
}

/**
 * Each service as `npm run start:<service>` runs it in the local-cluster mode: one Postgres, Redis,
 * Kafka (intake and voting relay to it), fixed ports so that a restarted service is found again.
 */
export function clusterServices(settings: ClusterSettings, secrets: ClusterSecrets): ServiceDefinition[] {
  const address = (name: ServiceName) => `127.0.0.1:${settings.ports[name]}`;
  const common = {
    FRM_DATABASE_URL: settings.databaseUrl,
    // As a production deployment would: a surge finds every service's connections open.
    FRM_DATABASE_POOL_MIN: '10',
    FRM_KAFKA_BROKERS: settings.kafkaBrokers.join(','),
    FRM_KAFKA_CREATE_TOPICS: 'true',
    FRM_KAFKA_TOPIC_PARTITIONS: '3',
    FRM_REDIS_URL: settings.redisUrl,
    FRM_DATA_DIR: settings.dataDir,
    FRM_MASTER_KEY: secrets.masterKey,
    FRM_COMPLIANCE_GRPC_ADDRESS: address('compliance'),
    FRM_PAGE_TOKEN_SECRET: secrets.pageTokenSecret,
    FRM_LOG_LEVEL: 'info',
  };
  return [
    { name: 'compliance', main: 'services/compliance/src/main.ts', readyField: 'grpc', env: { ...common, FRM_COMPLIANCE_GRPC_PORT: String(settings.ports.compliance) } },
    { name: 'intake', main: 'services/intake/src/main.ts', readyField: 'grpc', env: { ...common, FRM_INTAKE_GRPC_PORT: String(settings.ports.intake), FRM_INTAKE_METRICS_PORT: String(settings.metricsPorts.intake) } },
    {
      name: 'voting',
      main: 'services/voting/src/main.ts',
      readyField: 'grpc',
      env: { ...common, FRM_VOTING_GRPC_PORT: String(settings.ports.voting), FRM_VOTING_METRICS_PORT: String(settings.metricsPorts.voting), FRM_SIGNAL_HASH_KEY: secrets.signalHashKey },
    },
    { name: 'triage', main: 'services/triage/src/main.ts', readyField: 'grpc', env: { ...common, FRM_TRIAGE_GRPC_PORT: String(settings.ports.triage) } },
    {
      name: 'notifications',
      main: 'services/notifications/src/main.ts',
      readyField: 'grpc',
      nice: OFF_REQUEST_PATH_NICE,
      env: { ...common, FRM_NOTIFICATIONS_GRPC_PORT: String(settings.ports.notifications), FRM_UNSUBSCRIBE_SECRET: secrets.unsubscribeSecret },
    },
    {
      name: 'dr-orchestrator',
      main: 'services/dr-orchestrator/src/main.ts',
      readyField: 'grpc',
      nice: OFF_REQUEST_PATH_NICE,
      env: { ...common, FRM_DR_GRPC_PORT: String(settings.ports['dr-orchestrator']), FRM_BACKUP_DIR: join(settings.dataDir, 'backups') },
    },
    {
      name: 'gateway',
      main: 'services/gateway/src/main.ts',
      readyField: 'gateway',
      env: {
        FRM_GATEWAY_PORT: String(settings.ports.gateway),
        FRM_JWT_SECRET: settings.jwtSecret,
        FRM_REDIS_URL: settings.redisUrl,
        FRM_TRUSTED_PROXIES: '127.0.0.1',
        FRM_RATE_LIMIT_PER_IP: String(settings.rateLimits.perIp),
        FRM_RATE_LIMIT_PER_USER: String(settings.rateLimits.perUser),
        FRM_INTAKE_GRPC_ADDRESS: address('intake'),
        FRM_VOTING_GRPC_ADDRESS: address('voting'),
        FRM_COMPLIANCE_GRPC_ADDRESS: address('compliance'),
        FRM_NOTIFICATIONS_GRPC_ADDRESS: address('notifications'),
        FRM_TRIAGE_GRPC_ADDRESS: address('triage'),
        FRM_DR_GRPC_ADDRESS: address('dr-orchestrator'),
        FRM_LOG_LEVEL: 'info',
      },
    },
  ];
}
