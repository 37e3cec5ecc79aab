export { FrmGrpcServer, GrpcPortUnavailableError, type FrmGrpcServerOptions } from './frm-grpc.server';
export { startGrpcService, type GrpcServiceStart, type RunningGrpcService } from './start-grpc-service';
export { ServiceHealth, type ServiceHealthOptions } from './health/service-health';
export type { ReadinessProbe } from './health/readiness-probe';
export { closeInOrder, closeOnSignals, type Closer } from './close-in-order';
export { serviceEventStoreProviders, type ServiceEventStoreOptions } from './service-event-store.providers';
export { rpcMetricsInterceptor } from './metrics/rpc-metrics.interceptor';
