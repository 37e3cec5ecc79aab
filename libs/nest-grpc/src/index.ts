export { FrmGrpcServer, GrpcPortUnavailableError, type FrmGrpcServerOptions } from './frm-grpc.server';
export { startGrpcService, type GrpcServiceStart, type RunningGrpcService } from './start-grpc-service';
