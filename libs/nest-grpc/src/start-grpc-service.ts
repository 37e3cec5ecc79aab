import type { DynamicModule, INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GrpcExceptionFilter } from '@frm/grpc-errors';
import { NestPinoLogger, type Logger } from '@frm/logging';
import { FrmGrpcServer, type FrmGrpcServerOptions } from './frm-grpc.server';
import type { ReadinessProbe } from './health/readiness-probe';
import { ServiceHealth } from './health/service-health';

export interface GrpcServiceStart extends FrmGrpcServerOptions {
  /** The service's root module, registered with what it is given. */
  readonly module: DynamicModule;
  readonly logger: Logger;
  /** Checked by each gRPC health check: the service reports NOT_SERVING while it fails (e.g. `select 1` on its database). */
  readonly readinessProbe?: ReadinessProbe;
  /** Parts that may be down while the service serves, by health name (see {@link ServiceHealth.component}). */
  readonly healthComponents?: Readonly<Record<string, () => boolean>>;
}

export interface RunningGrpcService {
  /** `host:port` it listens on. */
  readonly address: string;
  readonly port: number;
  /** Stops taking calls, lets the calls in hand finish, then runs the modules' shutdown hooks. */
  close(): Promise<void>;
}

/**
 * Starts a Nest gRPC service of frm.v1 the way every service runs: request context on every call,
 * errors mapped to gRPC statuses, Nest's logs through the service's logger, and the standard
 * `grpc.health.v1.Health` service (SERVING once started and while the readiness probe passes,
 * NOT_SERVING from the moment it closes). Resolves once it answers calls; if start-up fails, what
 * was started is closed before the error is rethrown.
 */
export async function startGrpcService(options: GrpcServiceStart): Promise<RunningGrpcService> {
  const { logger } = options;
  const health = new ServiceHealth({ readinessProbe: options.readinessProbe, logger });
  for (const [name, isUp] of Object.entries(options.healthComponents ?? {})) health.component(name, isUp);
  const server = new FrmGrpcServer(options, health);
  // Nest's own start-up chatter stays below the service's one line; its warnings and errors do not.
  const nestLogger = logger.isLevelEnabled('info') ? logger.child({}, { level: 'warn' }) : logger;
  const app: INestMicroservice = await NestFactory.createMicroservice(options.module, {
    strategy: server,
    logger: new NestPinoLogger(nestLogger),
    abortOnError: false,
  });
  app.useGlobalFilters(new GrpcExceptionFilter(logger));
  try {
    await app.listen();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  health.markServing();
  return {
    address: server.address,
    port: server.port as number,
    close: () => {
      health.markClosing();
      return app.close();
    },
  };
}
