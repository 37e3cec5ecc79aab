export { FrmGrpcServer, GrpcPortUnavailableError, type FrmGrpcServerOptions } from './frm-grpc.server';
export { startGrpcService, type GrpcServiceStart, type RunningGrpcService } from './start-grpc-service';
export { ServiceHealth, type ServiceHealthOptions } from './health/service-health';
export type { ReadinessProbe } from './health/readiness-probe';
