import { status, type StatusObject } from '@grpc/grpc-js';
import CircuitBreaker from 'opossum';
import type { Logger } from '@frm/logging';
import { Counter, Gauge, registeredOnce, type Registry } from '@frm/metrics';
import { CircuitOpenError } from '../gateway.errors';

/** Answers that say the service failed, not the caller: they count against its circuit. */
const SERVICE_FAULTS: ReadonlySet<number> = new Set([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.INTERNAL, status.UNKNOWN]);

export interface CircuitSettings {
  /** Share of failed calls, in percent, over the rolling window that opens the circuit (default 50). */
  readonly errorThresholdPercentage?: number;
  /** Calls needed in the window before the share counts (default 20): one failure of two is no outage. */
  readonly volumeThreshold?: number;
  /** How long an open circuit refuses before it lets a trial call through (default 5 s). */
  readonly resetTimeoutMs?: number;
  /** The rolling window (default 10 s). */
  readonly windowMs?: number;
}

const STATE = { closed: 0, halfOpen: 1, open: 2 } as const;

/** What a call came to: its status, and whatever else the caller keeps of it. */
export interface CallOutcome {
  readonly status: StatusObject;
}

class UpstreamFault extends Error {
  constructor(readonly outcome: CallOutcome) {
    super(outcome.status.details);
  }
}

/**
 * A circuit breaker per upstream service (opossum): while a service keeps failing, its calls are
 * refused at once with UNAVAILABLE and a retry-after instead of piling up, and the other services'
 * calls go on untouched. `frm_gateway_circuit_state{service}` is 0 closed, 1 half-open, 2 open.
 */
export class UpstreamCircuits {
  private readonly breakers = new Map<string, CircuitBreaker<[() => Promise<CallOutcome>], CallOutcome>>();
  private readonly resetTimeoutMs: number;
  private readonly rejections: Counter<'service'>;

  constructor(services: Iterable<string>, registry: Registry, logger: Logger, settings: CircuitSettings = {}) {
    this.resetTimeoutMs = settings.resetTimeoutMs ?? 5_000;
    const state = registeredOnce(
      registry,
      'frm_gateway_circuit_state',
      () => new Gauge({ name: 'frm_gateway_circuit_state', help: 'Circuit of each upstream service: 0 closed, 1 half-open, 2 open', labelNames: ['service'], registers: [registry] }),
    ) as Gauge<'service'>;
    this.rejections = registeredOnce(
      registry,
      'frm_gateway_circuit_rejections_total',
      () => new Counter({ name: 'frm_gateway_circuit_rejections_total', help: 'Calls refused at once because the service’s circuit was open', labelNames: ['service'], registers: [registry] }),
    ) as Counter<'service'>;
    for (const service of services) {
      const breaker = new CircuitBreaker(async (attempt: () => Promise<CallOutcome>) => {
        const outcome = await attempt();
        if (SERVICE_FAULTS.has(outcome.status.code)) throw new UpstreamFault(outcome);
        return outcome;
      }, {
        // Deadlines are the calls' own; a watch may rightly stay open for hours.
        timeout: false,
        errorThresholdPercentage: settings.errorThresholdPercentage ?? 50,
        volumeThreshold: settings.volumeThreshold ?? 20,
        resetTimeout: this.resetTimeoutMs,
        rollingCountTimeout: settings.windowMs ?? 10_000,
        rollingCountBuckets: 10,
      });
      state.set({ service }, STATE.closed);
      breaker.on('open', () => {
        state.set({ service }, STATE.open);
        logger.warn({ service }, `${service} keeps failing: the gateway refuses its calls for ${this.resetTimeoutMs} ms (circuit open)`);
      });
      breaker.on('halfOpen', () => state.set({ service }, STATE.halfOpen));
      breaker.on('close', () => {
        state.set({ service }, STATE.closed);
        logger.info({ service }, `${service} answers again: its circuit is closed`);
      });
      this.breakers.set(service, breaker);
    }
  }

  /** Runs one call to `service` through its circuit; rejects with CircuitOpenError while the circuit is open. */
  async run<Outcome extends CallOutcome>(service: string, attempt: () => Promise<Outcome>): Promise<Outcome> {
    const breaker = this.breakers.get(service);
    if (!breaker) return attempt();
    try {
      return (await breaker.fire(attempt)) as Outcome;
    } catch (error) {
      if (error instanceof UpstreamFault) return error.outcome as Outcome;
      if ((error as { code?: string }).code === 'EOPENBREAKER') {
        this.rejections.inc({ service });
        throw new CircuitOpenError(service, this.resetTimeoutMs);
      }
      throw error;
    }
  }

  shutdown(): void {
    for (const breaker of this.breakers.values()) breaker.shutdown();
  }
}
