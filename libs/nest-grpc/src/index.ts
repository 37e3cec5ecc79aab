export { FrmGrpcServer, GrpcPortUnavailableError, type FrmGrpcServerOptions } from './frm-grpc.server';
