import { collectDefaultMetrics, Registry } from 'prom-client';

export interface MetricsRegistryOptions {
  /** Labels on every series of the registry, e.g. `{ service: 'gateway' }`. */
  readonly defaultLabels?: Readonly<Record<string, string>>;
  /** Adds Node's process metrics (CPU, memory, event loop lag, GC…); default true. */
  readonly processMetrics?: boolean;
}

/**
 * A Prometheus registry of one's own, rather than prom-client's global one: several services (and
 * tests) run in one process, and each must expose only its own series.
 */
export function createMetricsRegistry(options: MetricsRegistryOptions = {}): Registry {
  const registry = new Registry();
  if (options.defaultLabels) registry.setDefaultLabels({ ...options.defaultLabels });
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}
