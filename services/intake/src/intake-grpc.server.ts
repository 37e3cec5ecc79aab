import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ServerGrpc } from '@nestjs/microservices';
import { FRM_V1_PACKAGE, FRM_V1_PROTO_FILES, PROTO_LOADER_OPTIONS } from '@frm/contracts';

/** Raised when the gRPC port cannot be bound; the message names the setting that moves it. */
export class GrpcPortUnavailableError extends Error {
  override readonly name = 'GrpcPortUnavailableError';
  constructor(address: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `the intake gRPC service cannot listen on ${address} (${reason}); is another process using that port? ` +
        `Stop it, or set FRM_INTAKE_GRPC_PORT to a free port (0 picks one)`,
    );
  }
}

/** Nest's gRPC transport for frm.v1, which also tells the port it bound (the one the OS chose for 0). */
export class IntakeGrpcServer extends ServerGrpc {
  private boundPort: number | undefined;

  constructor(private readonly host: string, private readonly requestedPort: number) {
    super({
      package: FRM_V1_PACKAGE,
      protoPath: [...FRM_V1_PROTO_FILES],
      loader: PROTO_LOADER_OPTIONS,
      url: `${host}:${requestedPort}`,
      gracefulShutdown: true,
    });
  }

  /** `host:port` once listening. */
  get address(): string {
    if (this.boundPort === undefined) throw new Error('the intake gRPC server is not listening yet');
    return `${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.boundPort}`;
  }

  get port(): number | undefined {
    return this.boundPort;
  }

  override async createClient(): Promise<Server> {
    const server = new Server();
    const address = `${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.requestedPort}`;
    this.boundPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(new GrpcPortUnavailableError(address, error)) : resolve(port),
      ),
    );
    return server;
  }
}
