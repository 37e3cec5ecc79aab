import type { Registry } from 'prom-client';
import { createMetricsRegistry } from './create-metrics-registry';
import { startMetricsListener, type RunningMetricsListener } from './metrics-listener';

export interface ServiceMetricsOptions {
  /** For messages and the log: "intake". */
  readonly service: string;
  readonly host: string;
  /** The port setting's value; absent: the service exports no metrics. */
  readonly port: number | undefined;
  /** The setting that moves the port (e.g. FRM_INTAKE_METRICS_PORT). */
  readonly portSetting: string;
  readonly onScrapeError?: (error: unknown) => void;
}

export interface ServiceMetrics {
  /** Absent when the service exports no metrics. */
  readonly registry: Registry | undefined;
  /** Starts `GET /metrics` once the service is up; resolves to its address, or undefined without a port. */
  listen(): Promise<string | undefined>;
  close(): Promise<void>;
}

/**
 * A service process's metrics: a registry the service fills from the start, and a listener opened
 * once the service answers (a scrape of a half-started service would mislead).
 */
export function serviceMetrics(options: ServiceMetricsOptions): ServiceMetrics {
  const registry = options.port === undefined ? undefined : createMetricsRegistry();
  let listener: RunningMetricsListener | undefined;
  return {
    registry,
    async listen() {
      if (!registry || options.port === undefined) return undefined;
      listener = await startMetricsListener({ registry, service: options.service, host: options.host, port: options.port, portSetting: options.portSetting, onScrapeError: options.onScrapeError });
      return listener.address;
    },
    close: async () => listener?.close(),
  };
}
