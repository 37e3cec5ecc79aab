import { status, type Server } from '@grpc/grpc-js';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';
import type { Logger } from '@frm/logging';
import { runReadinessProbe, type ReadinessProbe } from './readiness-probe';

type HealthServer = Parameters<HealthImplementation['addToServer']>[0];
type CheckHandler = (call: { request: { service: string } }, callback: (error: object | null, response?: object) => void) => void;

const PROBE_TIMEOUT_MS = 2_000;

export interface ServiceHealthOptions {
  /** Checked on each health check while the server runs; the status is NOT_SERVING while it fails. */
  readonly readinessProbe?: ReadinessProbe;
  readonly logger?: Logger;
  /** Default 2 s. */
  readonly probeTimeoutMs?: number;
}

/**
 * The standard `grpc.health.v1.Health` service of one gRPC server, for the gateway's readiness and
 * for any orchestrator: NOT_SERVING until the server answers calls, SERVING once it does (and, with
 * a readiness probe, only while the probe passes), NOT_SERVING again as soon as it starts closing.
 * It answers for the whole server (`""`) and for each gRPC service with handlers
 * (`frm.v1.IntakeService`); any other name is NOT_FOUND, as the protocol asks.
 */
export class ServiceHealth {
  private readonly statuses = new HealthImplementation();
  /** What each service's status was last published as: Watch streams hear only changes. */
  private readonly published = new Map<string, ServingStatus>([['', 'NOT_SERVING']]);
  /** Parts that may be down while the service still serves, by health name. */
  private readonly components = new Map<string, () => boolean>();
  private phase: 'starting' | 'serving' | 'closing' = 'starting';
  private probeFailure: string | undefined;
  private probing: Promise<void> | undefined;

  constructor(private readonly options: ServiceHealthOptions = {}) {
    this.statuses.setStatus('', 'NOT_SERVING');
  }

  /** The status now, without probing. */
  get status(): ServingStatus {
    return this.phase === 'serving' && this.probeFailure === undefined ? 'SERVING' : 'NOT_SERVING';
  }

  /** Adds a gRPC service (`package.Service`) to those it answers for. */
  serve(service: string): void {
    if (this.published.has(service)) return;
    this.published.set(service, this.status);
    this.statuses.setStatus(service, this.status);
  }

  /**
   * A part of the service that may be down while the service still answers (triage without its
   * embedding model answers by wording alone): its own health name, SERVING while the service
   * serves and `isUp()` holds. It never changes the status of the server or of its services.
   */
  component(name: string, isUp: () => boolean): void {
    this.components.set(name, isUp);
    this.published.set(name, this.componentStatus(name));
    this.statuses.setStatus(name, this.componentStatus(name));
  }

  markServing(): void {
    this.phase = 'serving';
    this.publish();
  }

  markClosing(): void {
    this.phase = 'closing';
    this.publish();
  }

  /** The status of `service` (`""` for the server) after a fresh probe; `undefined` for a service it does not serve. */
  async check(service: string): Promise<ServingStatus | undefined> {
    if (!this.published.has(service)) return undefined;
    if (this.components.has(service)) {
      this.publish();
      return this.componentStatus(service);
    }
    if (this.phase === 'serving' && this.options.readinessProbe) await this.probe(this.options.readinessProbe);
    return this.status;
  }

  /** Registers the Health service on `server`; its Check runs the probe first, Watch and List are the package's own. */
  addTo(server: Server): void {
    const withFreshCheck: HealthServer = {
      addService: (definition, handlers) =>
        server.addService(definition as Parameters<Server['addService']>[0], { ...handlers, check: this.checkHandler() } as Parameters<Server['addService']>[1]),
    };
    this.statuses.addToServer(withFreshCheck);
  }

  private checkHandler(): CheckHandler {
    return (call, callback) => {
      const service = call.request.service;
      void this.check(service).then((current) =>
        current === undefined
          ? callback({ code: status.NOT_FOUND, details: `this server does not serve ${service}; ask for "" (the whole server) or one of ${[...this.published.keys()].filter(Boolean).join(', ')}` })
          : callback(null, { status: current }),
      );
    };
  }

  /** One probe at a time: concurrent checks share its answer. */
  private probe(readinessProbe: ReadinessProbe): Promise<void> {
    this.probing ??= runReadinessProbe(readinessProbe, this.options.probeTimeoutMs ?? PROBE_TIMEOUT_MS)
      .then((failure) => this.noteProbe(failure))
      .finally(() => (this.probing = undefined));
    return this.probing;
  }

  private noteProbe(failure: string | undefined): void {
    if (failure !== undefined && this.probeFailure === undefined) this.options.logger?.warn({ reason: failure }, `not ready: ${failure}`);
    if (failure === undefined && this.probeFailure !== undefined) this.options.logger?.info('ready again: the readiness probe passes');
    this.probeFailure = failure;
    this.publish();
  }

  private componentStatus(name: string): ServingStatus {
    return this.phase === 'serving' && this.components.get(name)?.() === true ? 'SERVING' : 'NOT_SERVING';
  }

  private publish(): void {
    for (const [service, published] of this.published) {
      const current = this.components.has(service) ? this.componentStatus(service) : this.status;
      if (published === current) continue;
      this.published.set(service, current);
      this.statuses.setStatus(service, current);
    }
  }
}
