export { createMetricsRegistry, type MetricsRegistryOptions } from './create-metrics-registry';
export { grpcCodeName } from './grpc-code-name';
export { RpcMetrics, UNKNOWN_RPC_LABEL, type RpcMetricsOptions } from './rpc-metrics';
export { startMetricsListener, type MetricsListenerOptions, type RunningMetricsListener } from './metrics-listener';
export { MetricsPortUnavailableError } from './metrics-port-unavailable.error';
export { Counter, Gauge, Histogram, Registry } from 'prom-client';
export { serviceMetrics, type ServiceMetrics, type ServiceMetricsOptions } from './service-metrics';
export { registeredOnce } from './registered-once';
