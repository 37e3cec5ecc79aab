import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ServerGrpc, type GrpcMethodStreamingType } from '@nestjs/microservices';
import { FRM_INTERNAL_V1_PACKAGE, FRM_INTERNAL_V1_PROTO_FILES, FRM_V1_PACKAGE, FRM_V1_PROTO_FILES, PROTO_LOADER_OPTIONS } from '@frm/contracts';
import type { Registry } from '@frm/metrics';
import { serveInCallContext, type GrpcHandler } from './call-context/serve-in-call-context';
import type { ServiceHealth } from './health/service-health';
import { rpcMetricsInterceptor } from './metrics/rpc-metrics.interceptor';

/** Raised when a service's gRPC port cannot be bound; the message names the setting that moves it. */
export class GrpcPortUnavailableError extends Error {
  override readonly name = 'GrpcPortUnavailableError';
  constructor(service: string, address: string, portSetting: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `the ${service} gRPC service cannot listen on ${address} (${reason}); is another process using that port? ` +
        `Stop it, or set ${portSetting} to a free port (0 picks one)`,
    );
  }
}

export interface FrmGrpcServerOptions {
  /** For messages: "intake", "voting". */
  readonly service: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The setting that moves the port, named when it is taken (e.g. FRM_INTAKE_GRPC_PORT). */
  readonly portSetting: string;
  /**
   * Also serve the service-to-service package frm.internal.v1 (the compliance service's
   * SubjectKeyService). Off by default: only a service with such handlers loads those contracts.
   */
  readonly serveInternal?: boolean;
  /** Given: every RPC is timed and counted by code into it (see rpcMetricsInterceptor). */
  readonly metrics?: Registry;
}

/**
 * Nest's gRPC transport for frm.v1, which also tells the port it bound (the one the OS chose for 0),
 * runs every call in its request context and server span (see serveInCallContext) and, given a
 * {@link ServiceHealth}, serves `grpc.health.v1.Health` beside the service's own RPCs.
 */
export class FrmGrpcServer extends ServerGrpc {
  private boundPort: number | undefined;

  constructor(
    private readonly serverOptions: FrmGrpcServerOptions,
    private readonly health?: ServiceHealth,
  ) {
    super({
      package: serverOptions.serveInternal ? [FRM_V1_PACKAGE, FRM_INTERNAL_V1_PACKAGE] : FRM_V1_PACKAGE,
      protoPath: serverOptions.serveInternal ? [...FRM_V1_PROTO_FILES, ...FRM_INTERNAL_V1_PROTO_FILES] : [...FRM_V1_PROTO_FILES],
      loader: PROTO_LOADER_OPTIONS,
      url: `${serverOptions.host}:${serverOptions.port}`,
      gracefulShutdown: true,
    });
  }

  /** `host:port` once listening. */
  get address(): string {
    if (this.boundPort === undefined) throw new Error(`the ${this.serverOptions.service} gRPC server is not listening yet`);
    return `${hostPart(this.serverOptions.host)}:${this.boundPort}`;
  }

  get port(): number | undefined {
    return this.boundPort;
  }

  override async createClient(): Promise<Server> {
    const server = new Server(this.serverOptions.metrics ? { interceptors: [rpcMetricsInterceptor(this.serverOptions.metrics)] } : {});
    this.health?.addTo(server);
    const { service, host, port, portSetting } = this.serverOptions;
    const address = `${hostPart(host)}:${port}`;
    this.boundPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync(address, ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(new GrpcPortUnavailableError(service, address, portSetting, error)) : resolve(bound),
      ),
    );
    return server;
  }

  override createServiceMethod(methodHandler: (...args: unknown[]) => unknown, protoNativeHandler: unknown, streamType: GrpcMethodStreamingType): GrpcHandler {
    return serveInCallContext(super.createServiceMethod(methodHandler, protoNativeHandler, streamType) as GrpcHandler);
  }

  // Nest adds every service of the package, most without handlers in a given process (intake's
  // server has no VotingService handlers); only those with handlers are reported healthy.
  override async createService(grpcService: { service?: Record<string, { path?: string }> }, name: string): Promise<object> {
    const handlers = await super.createService(grpcService, name);
    const firstPath = Object.values(grpcService.service ?? {})[0]?.path;
    if (Object.keys(handlers).length > 0 && firstPath !== undefined) this.health?.serve(firstPath.split('/')[1] as string);
    return handlers;
  }
}

function hostPart(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
