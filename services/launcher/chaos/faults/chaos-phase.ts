import { setTimeout as sleep } from 'node:timers/promises';
import { VOTES_TOPIC } from '@frm/messaging';
import type { BoardUnderTest } from '../board-under-test';
import type { ServiceName } from '../cluster/cluster-services';
import { endOffsetSum, quietKafka } from '../checks/kafka-topics';
import { CHAOS_MIX } from '../load/board-traffic';
import { LoadRecorder, type LoadFigures } from '../load/load-recorder';
import { PacedLoad } from '../load/paced-load';
import type { RecoveryProbe } from './recovery-probes';

/** The order of the faults: every service process, then Kafka, then Postgres. */
export const SERVICE_FAULTS: readonly ServiceName[] = ['intake', 'voting', 'triage', 'notifications', 'compliance', 'gateway', 'dr-orchestrator'];

export interface FaultOutcome {
  readonly fault: string;
  /** From the fault until the process (or server) was started again and ready. */
  readonly restartSeconds: number;
  /** From the fault until calls through the gateway that need it succeeded again; undefined if they never did. */
  readonly recoverySeconds: number | undefined;
  /** Kafka only: from the kill until the relay published votes again. */
  readonly relayRecoverySeconds?: number | undefined;
  /** The load's calls due from the fault until the end of its settling time. */
  readonly calls: LoadFigures;
}

export interface ChaosOutcome {
  readonly faults: readonly FaultOutcome[];
  readonly load: LoadFigures;
}

const RECOVERY_TIMEOUT_MS = 120_000;

interface FaultSteps {
  /** Resolves once the fault has happened (the process is gone). */
  readonly crash: () => Promise<void>;
  /** Resolves once it is started again and ready. */
  readonly restart?: () => Promise<void>;
  readonly probe: RecoveryProbe;
  /** Seconds from `since` until the relay publishes again, probed once the restart is done. */
  readonly relay?: (since: number) => Promise<number | undefined>;
}

/**
 * Under a steady load of votes and reads, kill -9 each service in turn and start it again, then
 * crash and restart Kafka, then restart Postgres immediately; after each, how long until calls
 * through the gateway succeed again.
 */
export async function runChaos(
  board: BoardUnderTest,
  probes: Readonly<Record<ServiceName, RecoveryProbe>>,
  options: { rate: number; settleSeconds: number },
  log: (line: string) => void,
): Promise<ChaosOutcome> {
  const { cluster } = board;
  const recorder = new LoadRecorder();
  const load = new PacedLoad({ rate: options.rate, label: `chaos ${options.rate}/s`, recorder, log, call: (i) => board.traffic.call(i, CHAOS_MIX) });
  const started = performance.now();
  const faults: FaultOutcome[] = [];
  const kafka = quietKafka(cluster.kafka.brokers);
  const measure = async (fault: string, steps: FaultSteps): Promise<void> => {
    const at = performance.now();
    log(`fault: ${fault}`);
    await steps.crash();
    const restarted = (steps.restart?.() ?? Promise.resolve()).then(() => (performance.now() - at) / 1000);
    const [restartSeconds, recoverySeconds, relayRecoverySeconds] = await Promise.all([
      restarted,
      waitForSuccess(steps.probe, at),
      steps.relay ? restarted.then(() => steps.relay?.(at)) : undefined,
    ]);
    log(
      `   ${fault}: back after ${restartSeconds.toFixed(1)} s, calls through the gateway succeed again after ` +
        `${recoverySeconds === undefined ? `more than ${RECOVERY_TIMEOUT_MS / 1000} s (never)` : `${recoverySeconds.toFixed(1)} s`}` +
        `${steps.relay ? `, the relay publishes again after ${relayRecoverySeconds === undefined ? 'never' : `${relayRecoverySeconds.toFixed(1)} s`}` : ''}`,
    );
    await sleep(options.settleSeconds * 1000);
    faults.push({ fault, restartSeconds, recoverySeconds, ...(steps.relay ? { relayRecoverySeconds } : {}), calls: recorder.figures(at, performance.now()) });
  };
  try {
    await sleep(options.settleSeconds * 1000);
    for (const service of SERVICE_FAULTS) {
      await measure(`kill -9 ${service}, then start it again`, { crash: () => cluster.crash(service), restart: () => cluster.launch(service), probe: probes[service] });
    }
    const before = await endOffsetSum(kafka, VOTES_TOPIC);
    await measure('kill -9 the Kafka broker, then start it again (same port, same data)', {
      crash: () => cluster.crashKafka(),
      restart: () => cluster.launchKafka(),
      probe: probes.voting,
      relay: (since) => waitForTopicGrowth(kafka, before, since),
    });
    // pg_ctl restart returns once the server is back: the calls are probed from then on.
    await measure('restart Postgres (pg_ctl restart -m immediate)', {
      crash: () => cluster.restartPostgres(),
      probe: async () => {
        const [read, write] = await Promise.all([probes.intake(), probes.voting()]);
        return read === 'OK' ? write : read;
      },
    });
  } finally {
    await load.stop();
  }
  return { faults, load: recorder.figures(started, performance.now()) };
}

/** Seconds from `since` until `probe` first succeeds; tries every 200 ms. */
async function waitForSuccess(probe: RecoveryProbe, since: number): Promise<number | undefined> {
  while (performance.now() - since < RECOVERY_TIMEOUT_MS) {
    const code = await probe().catch(() => 'CLIENT_ERROR');
    if (code === 'OK') return (performance.now() - since) / 1000;
    await sleep(200);
  }
  return undefined;
}

/** Seconds from `since` until the topic holds more messages than `before` (the relay publishes again). */
async function waitForTopicGrowth(kafka: ReturnType<typeof quietKafka>, before: number, since: number): Promise<number | undefined> {
  while (performance.now() - since < RECOVERY_TIMEOUT_MS) {
    const now = await endOffsetSum(kafka, VOTES_TOPIC).catch(() => before);
    if (now > before) return (performance.now() - since) / 1000;
    await sleep(250);
  }
  return undefined;
}
