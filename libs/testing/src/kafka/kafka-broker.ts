import { readFileSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readBrokerRecord, writeBrokerRecord, type BrokerRecord } from './broker-record';
import { isBrokerProcessAlive, signalBroker, waitForExit } from './broker-process';
import { prepareBrokerRunDir } from './broker-run-dir';
import { watchBrokerOwner } from './broker-watchdog';
import { adoptClassArchive } from './class-data-sharing';
import { defaultBrokerJavaOptions } from './java-launch';
import { ensureKafkaJars } from './kafka-jars';
import { kafkaHome } from './kafka-home';
import { seconds, stderrProgress, type ProgressReporter } from './progress';
import { mostTellingLine } from './run-command';
import { spawnBrokerJvm } from './spawn-broker-jvm';
import { waitForKafka } from './wait-for-kafka';
import { warmUpCoordinators } from './warm-up-coordinators';

export interface KafkaBrokerOptions {
  /**
   * Keep the broker running after this process exits (the CLI does). Otherwise a watchdog stops
   * and deletes it within seconds of this process ending without stopping it, however it ended,
   * so a killed test run leaves no JVM behind.
   */
  detached?: boolean;
  /** How long to wait for the broker to answer after launching it; 60 s unless given. */
  readyTimeoutMs?: number;
  /** Fixed ports instead of free ones picked at random. */
  brokerPort?: number;
  controllerPort?: number;
  /** Where run directories are made; deploy/local/kafka/run unless given. */
  runRoot?: string;
  /** Replaces the JVM options (heap 256-512 MB, G1). */
  javaOptions?: readonly string[];
  progress?: ProgressReporter;
}

/**
 * A single-node Apache Kafka broker (KRaft) running as a `java` process from the Maven Central jars
 * in deploy/local/kafka/lib. Its run directory holds its config, data and log (broker.log). It can
 * be stopped and launched again on the same ports with the same data, which chaos tests rely on.
 */
export class KafkaBroker {
  private constructor(
    /** The broker's config (server.properties), data (data/) and log (broker.log). */
    readonly runDir: string,
    private readonly record: Omit<BrokerRecord, 'pid'>,
    private readonly libDir: string,
    private readonly options: KafkaBrokerOptions,
  ) {}

  /** Copies the jars if needed, then prepares (but does not launch) a broker with fresh storage. */
  static async create(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
    const progress = options.progress ?? stderrProgress;
    const libDir = await ensureKafkaJars(progress);
    const ownerPid = options.detached ? null : process.pid;
    const { runDir, record } = await prepareBrokerRunDir(libDir, { ...options, ownerPid }, progress);
    return new KafkaBroker(runDir, record, libDir, options);
  }

  /** Creates a broker and launches it; resolves once it answers. */
  static async start(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
    const broker = await KafkaBroker.create(options);
    await broker.launch();
    return broker;
  }

  /**
   * A handle on a broker that another process started (the jest global set-up, the CLI), found by
   * its run directory. Launching it again from here keeps it tied to the process that started it
   * (if any), not to this one.
   */
  static attach(runDir: string, options: Omit<KafkaBrokerOptions, 'detached'> = {}): KafkaBroker {
    const record = readBrokerRecord(runDir);
    if (!record) throw new Error(`${runDir} holds no Kafka broker (broker.json is missing); was it stopped and removed already?`);
    const { pid: _pid, ...settings } = record;
    return new KafkaBroker(runDir, settings, kafkaHome.lib, { ...options, detached: true });
  }

  /** The address clients connect to, e.g. `127.0.0.1:39092`. */
  get bootstrap(): string {
    return `127.0.0.1:${this.record.brokerPort}`;
  }

  get brokers(): string[] {
    return [this.bootstrap];
  }

  get brokerPort(): number {
    return this.record.brokerPort;
  }

  get controllerPort(): number {
    return this.record.controllerPort;
  }

  get logFile(): string {
    return join(this.runDir, 'broker.log');
  }

  /** The broker's JVM while it runs. */
  get pid(): number | undefined {
    const pid = readBrokerRecord(this.runDir)?.pid;
    return pid && isBrokerProcessAlive(pid, this.runDir) ? pid : undefined;
  }

  isRunning(): boolean {
    return this.pid !== undefined;
  }

  /** Launches the broker (again, after `stop({ keepData: true })` or `kill()`) and waits until it answers. */
  async launch(): Promise<void> {
    const running = this.pid;
    if (running) throw new Error(`the Kafka broker in ${this.runDir} is already running (pid ${running}); stop it first`);
    const progress = this.progress;
    const started = Date.now();
    progress(`starting Kafka on ${this.bootstrap} (log: ${this.logFile})`);

    const child = await spawnBrokerJvm({
      libDir: this.libDir,
      runDir: this.runDir,
      logFile: this.logFile,
      javaOptions: this.options.javaOptions ?? defaultBrokerJavaOptions,
      detached: this.options.detached ?? false,
    });
    let exit: string | undefined;
    child.once('exit', (code, signal) => (exit = signal ? `killed by ${signal}` : `exit code ${code}`));
    writeBrokerRecord(this.runDir, { ...this.record, pid: child.pid ?? null });
    if (this.record.ownerPid && child.pid) watchBrokerOwner(this.record.ownerPid, child.pid, this.runDir);

    try {
      await waitForKafka({
        brokers: this.brokers,
        timeoutMs: this.options.readyTimeoutMs ?? 60_000,
        hint: `is Java 17 installed? see ${kafkaHome.readme} (broker log: ${this.logFile})`,
        exitReason: () => (exit ? `${exit}: ${this.tellingLogLine()}` : undefined),
        progress,
      });
      await warmUpCoordinators(this.brokers, `see ${kafkaHome.readme} (broker log: ${this.logFile})`);
    } catch (error) {
      // Keep the run directory: its broker.log says why.
      await this.terminate('SIGKILL', 10_000);
      throw error;
    }
    progress(`Kafka is ready on ${this.bootstrap} after ${seconds(Date.now() - started)}`);
  }

  /**
   * Stops the broker gracefully (SIGTERM; SIGKILL if it takes more than 30 s). Unless `keepData`,
   * the run directory goes too; with it, `launch()` brings the same broker back.
   */
  async stop(options: { keepData?: boolean } = {}): Promise<void> {
    const started = Date.now();
    const pid = this.pid;
    if (pid) this.progress(`stopping Kafka on ${this.bootstrap} (pid ${pid})`);
    await this.terminate('SIGTERM', 30_000);
    if (!options.keepData) await rm(this.runDir, { recursive: true, force: true });
    if (pid) this.progress(`stopped Kafka in ${seconds(Date.now() - started)}`);
  }

  /** Kills the broker like a crash would (SIGKILL), keeping its data for `launch()`. */
  async kill(): Promise<void> {
    await this.terminate('SIGKILL', 10_000);
  }

  /** Stops the broker keeping its data and launches it again on the same ports. */
  async restart(): Promise<void> {
    await this.stop({ keepData: true });
    await this.launch();
  }

  private get progress(): ProgressReporter {
    return this.options.progress ?? stderrProgress;
  }

  private async terminate(signal: NodeJS.Signals, graceMs: number): Promise<void> {
    const pid = this.pid;
    if (pid) {
      signalBroker(pid, this.runDir, signal);
      const exitedInTime = await waitForExit(pid, graceMs);
      if (!exitedInTime) {
        this.progress(`Kafka (pid ${pid}) did not stop within ${seconds(graceMs)}; killing it`);
        signalBroker(pid, this.runDir, 'SIGKILL');
        await waitForExit(pid, 10_000);
      }
      // Only a JVM that shut down by itself has finished writing its class archive.
      if (exitedInTime && signal !== 'SIGKILL') await adoptClassArchive(this.libDir, this.runDir);
    }
    if (await exists(this.runDir)) writeBrokerRecord(this.runDir, { ...this.record, pid: null });
  }

  private tellingLogLine(): string {
    try {
      const log = readFileSync(this.logFile, 'utf8');
      return mostTellingLine(log.slice(-64_000));
    } catch {
      return 'no broker log was written';
    }
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
