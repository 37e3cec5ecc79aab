import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaBroker } from '@frm/testing';
import { freePorts } from '../infrastructure/free-port';
import { OwnPostgres } from '../infrastructure/own-postgres';
import { OwnRedis } from '../infrastructure/own-redis';
import { OwnerWatchdog } from '../infrastructure/owner-watchdog';
import { clusterServices, newClusterSecrets, SERVICE_NAMES, type ServiceDefinition, type ServiceName } from './cluster-services';
import { ServiceChild } from './service-child';

export interface LocalClusterOptions {
  readonly rateLimits: { readonly perIp: number; readonly perUser: number };
  readonly log: (line: string) => void;
}

/** A process that ended without being told to, and was started again (as `restart: unless-stopped` does). */
export interface UnexpectedExit {
  readonly service: ServiceName;
  readonly exit: string;
  readonly at: number;
  /** What it wrote outside its log before it died: the uncaught error and where it was thrown. */
  readonly lastWords: string;
}

/**
 * The local cluster on infrastructure of its own: a Postgres cluster, a Redis and a Kafka broker
 * started here, and every service as its own process on a fixed port. It restarts a process that
 * dies unasked, like a container's restart policy, and records it.
 */
export class LocalCluster {
  readonly jwtSecret = randomBytes(32).toString('base64url');
  readonly unexpectedExits: UnexpectedExit[] = [];
  private readonly children = new Map<ServiceName, ServiceChild>();
  private readonly killing = new Set<ServiceName>();
  private definitions: ServiceDefinition[] = [];
  private stopping = false;
  private metricsPorts = { intake: 0, voting: 0 };

  private constructor(
    private readonly options: LocalClusterOptions,
    private readonly scratch: string,
    readonly logDir: string,
    readonly postgres: OwnPostgres,
    readonly redis: OwnRedis,
    readonly kafka: KafkaBroker,
    private readonly watchdog: OwnerWatchdog,
  ) {}

  static async start(options: LocalClusterOptions): Promise<LocalCluster> {
    const scratch = await mkdtemp(join(tmpdir(), 'frm-chaos-'));
    const logDir = await mkdtemp(join(tmpdir(), 'frm-chaos-logs-'));
    await mkdir(join(scratch, 'data'));
    const started: { postgres?: OwnPostgres; redis?: OwnRedis; kafka?: KafkaBroker; cluster?: LocalCluster } = {};
    try {
      options.log(`service logs: ${logDir} (kept when the run fails)`);
      started.postgres = await OwnPostgres.start();
      options.log(`postgres: own cluster on 127.0.0.1:${started.postgres.port} and a Unix socket (fsync=on) in ${started.postgres.directory}`);
      started.redis = await OwnRedis.start();
      options.log(`redis: own redis-server on 127.0.0.1:${started.redis.port}`);
      const watchdog = new OwnerWatchdog(join(scratch, 'pids'), started.postgres.stopCommand(), [started.postgres.directory, scratch]);
      watchdog.track(started.redis.pid, 'redis-server');
      started.kafka = await KafkaBroker.start({ runRoot: join(scratch, 'kafka'), progress: (line) => options.log(`kafka: ${line}`) });
      started.cluster = new LocalCluster(options, scratch, logDir, started.postgres, started.redis, started.kafka, watchdog);
      await started.cluster.startServices();
      return started.cluster;
    } catch (error) {
      options.log(`the cluster did not start; service logs in ${logDir}`);
      await started.cluster?.stopServices();
      await started.kafka?.stop().catch(() => undefined);
      started.redis?.stopNow();
      await started.postgres?.stop().catch(() => undefined);
      await rm(scratch, { recursive: true, force: true });
      throw error;
    }
  }

  get gatewayAddress(): string {
    return `127.0.0.1:${this.definition('gateway').env['FRM_GATEWAY_PORT']}`;
  }

  /** kill -9 of the service's process; it stays down until {@link launch}. */
  async crash(name: ServiceName): Promise<void> {
    const child = this.children.get(name);
    if (!child) return;
    this.killing.add(name);
    await child.crash();
    this.watchdog.forget(child.pid);
  }

  /** Starts the service again on its port; resolves once it listens. */
  async launch(name: ServiceName): Promise<void> {
    this.killing.delete(name);
    await this.spawn(this.definition(name)).ready();
  }

  async crashKafka(): Promise<void> {
    await this.kafka.kill();
  }

  async launchKafka(): Promise<void> {
    await this.kafka.launch();
  }

  async restartPostgres(): Promise<void> {
    await this.postgres.restartImmediately();
  }

  /**
   * Stops everything it started; keeps the service logs when `keepLogs`, and the database (stopped)
   * when `keepData` too, saying how to start it again.
   */
  async stop(keepLogs: boolean, keepData = false): Promise<void> {
    await this.stopServices();
    await this.kafka.stop().catch(() => undefined);
    await this.redis.stop().catch(() => undefined);
    if (keepData) this.watchdog.keepDirectories();
    await this.postgres.stop(keepData).catch(() => undefined);
    if (keepData) this.options.log(`the database is kept: ${this.postgres.startCommand()}, then psql ${this.postgres.url}`);
    else await rm(this.scratch, { recursive: true, force: true });
    if (!keepLogs) await rm(this.logDir, { recursive: true, force: true });
  }

  private async stopServices(): Promise<void> {
    this.stopping = true;
    for (const name of [...SERVICE_NAMES].reverse()) await this.children.get(name)?.stop().catch(() => undefined);
  }

  /** For exit handlers: SIGKILL to every process it started. */
  /** The `GET /metrics` of the services that cache reads (intake's board lists, voting's tallies). */
  get cacheMetricsUrls(): string[] {
    return [`http://127.0.0.1:${this.metricsPorts.intake}/metrics`, `http://127.0.0.1:${this.metricsPorts.voting}/metrics`];
  }

  stopNow(): void {
    this.stopping = true;
    for (const child of this.children.values()) child.killNow();
    this.redis.stopNow();
    this.postgres.stopNow();
  }

  private async startServices(): Promise<void> {
    const ports = await freePorts(SERVICE_NAMES.length + 2);
    this.metricsPorts = { intake: ports[SERVICE_NAMES.length] as number, voting: ports[SERVICE_NAMES.length + 1] as number };
    this.definitions = clusterServices(
      {
        databaseUrl: this.postgres.url,
        redisUrl: this.redis.url,
        kafkaBrokers: this.kafka.brokers,
        dataDir: join(this.scratch, 'data'),
        ports: Object.fromEntries(SERVICE_NAMES.map((name, i) => [name, ports[i] as number])) as Record<ServiceName, number>,
        metricsPorts: this.metricsPorts,
        jwtSecret: this.jwtSecret,
        rateLimits: this.options.rateLimits,
      },
      newClusterSecrets(),
    );
    // Compliance first, alone: it creates the event store's tables the others then share.
    for (const name of SERVICE_NAMES) {
      const started = Date.now();
      const address = await this.spawn(this.definition(name)).ready();
      this.options.log(`${name} (pid ${this.children.get(name)?.pid}) on ${address} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  }

  private spawn(definition: ServiceDefinition): ServiceChild {
    const child = ServiceChild.spawn(definition, join(this.logDir, `${definition.name}.log`));
    this.children.set(definition.name, child);
    this.watchdog.track(child.pid, definition.main);
    void child.exited.then(({ code, signal }) => this.exitedOnItsOwn(definition.name, child, signal ?? `code ${code}`));
    return child;
  }

  private exitedOnItsOwn(name: ServiceName, child: ServiceChild, exit: string): void {
    this.watchdog.forget(child.pid);
    if (this.stopping || this.killing.has(name) || this.children.get(name) !== child) return;
    this.unexpectedExits.push({ service: name, exit, at: Date.now(), lastWords: lastWordsOf(child.plainOutput) });
    this.options.log(`!! ${name} exited on its own (${exit}); starting it again, as a restart policy would (log: ${join(this.logDir, `${name}.log`)})`);
    setTimeout(() => {
      if (this.stopping || this.killing.has(name)) return;
      this.spawn(this.definition(name))
        .ready()
        .catch((error: unknown) => this.options.log(`!! ${name} did not come back: ${String(error)}`));
    }, 1_000);
  }

  private definition(name: ServiceName): ServiceDefinition {
    const found = this.definitions.find((definition) => definition.name === name);
    if (!found) throw new Error(`no service ${name} in the cluster`);
    return found;
  }
}

/** The error line and the first frames of a crash's trace, on one line. */
function lastWordsOf(lines: readonly string[]): string {
  const start = lines.findIndex((line) => /^\w*Error\b|^Error:/.test(line.trim()));
  const picked = (start >= 0 ? lines.slice(start) : lines.slice(-6)).map((line) => line.trim()).filter((line) => line && !line.startsWith('^'));
  return picked.slice(0, 8).join(' | ');
}
