import type { Metric, Registry } from 'prom-client';

/**
 * The metric of that name in the registry, created by `create` the first time: a service that is
 * stopped and started again in one process (the launcher, tests) keeps counting into the same
 * series instead of failing on a name registered twice.
 */
export function registeredOnce<M extends Metric>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}
