import { Server, ServerCredentials } from '@grpc/grpc-js';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';

/** A gRPC server that only answers `grpc.health.v1.Health`, standing in for a routed service in readiness tests. */
export class HealthServer {
  private constructor(
    private readonly server: Server,
    readonly health: HealthImplementation,
    readonly address: string,
  ) {}

  /** Listens on `port` (0 picks one), answering `status` for `""` and each of `services`. */
  static async start(port: number, services: readonly string[], status: ServingStatus = 'SERVING'): Promise<HealthServer> {
    const server = new Server();
    const health = new HealthImplementation(Object.fromEntries(['', ...services].map((service) => [service, status])));
    health.addToServer(server);
    const bound = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, actual) => (error ? reject(error) : resolve(actual))),
    );
    return new HealthServer(server, health, `127.0.0.1:${bound}`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
  }
}
