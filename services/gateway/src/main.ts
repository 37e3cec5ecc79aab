import { loadSettings } from '@frm/config';
import { createLogger } from '@frm/logging';
import { startTracing } from '@frm/tracing';
import { gatewayRouteSettings, gatewaySettings } from './gateway.settings';
import { startGateway } from './start-gateway';
import { tokenKeysFromSettings, TokenKeysSettingError } from './token-keys';

/** The gateway alone (`npm run start:gateway`), in front of services that run elsewhere; `npm start` runs it inside the launcher. */
async function main(): Promise<void> {
  let logger = createLogger({ service: 'gateway' });
  try {
    const settings = loadSettings({ ...gatewaySettings, ...gatewayRouteSettings });
    logger = createLogger({ service: 'gateway', level: settings.FRM_LOG_LEVEL });
    const tracing = startTracing({ service: 'gateway', endpoint: settings.OTEL_EXPORTER_OTLP_ENDPOINT });
    const tokenKeys = tokenKeysFromSettings(settings);
    if (tokenKeys === undefined) {
      throw new TokenKeysSettingError(
        'set FRM_JWT_SECRET (at least 32 characters, development) or FRM_JWT_JWKS_URL (production) so that the gateway can verify access tokens',
      );
    }
    const gateway = await startGateway({
      routes: {
        'frm.v1.IntakeService': settings.FRM_INTAKE_GRPC_ADDRESS,
        'frm.v1.VotingService': settings.FRM_VOTING_GRPC_ADDRESS,
        // frm.internal.* services are never routed: service-to-service only.
        'frm.v1.ComplianceService': settings.FRM_COMPLIANCE_GRPC_ADDRESS,
        'frm.v1.NotificationService': settings.FRM_NOTIFICATIONS_GRPC_ADDRESS,
        'frm.v1.TriageService': settings.FRM_TRIAGE_GRPC_ADDRESS,
        'frm.v1.RecoveryService': settings.FRM_DR_GRPC_ADDRESS,
      },
      tokenKeys,
      logger,
      host: settings.FRM_GATEWAY_HOST,
      port: settings.FRM_GATEWAY_PORT,
      corsOrigins: settings.FRM_CORS_ORIGINS,
      trustedProxies: settings.FRM_TRUSTED_PROXIES,
      rateLimits: { perIpPerMinute: settings.FRM_RATE_LIMIT_PER_IP, perUserPerMinute: settings.FRM_RATE_LIMIT_PER_USER },
      redisUrl: settings.FRM_REDIS_URL,
      webRoot: settings.FRM_WEB_ROOT,
      upstreamTimeoutMs: settings.FRM_GATEWAY_UPSTREAM_TIMEOUT,
      circuits: { resetTimeoutMs: settings.FRM_GATEWAY_CIRCUIT_RESET },
    });
    const limits = `rate limits ${settings.FRM_RATE_LIMIT_PER_IP}/min per address and ${settings.FRM_RATE_LIMIT_PER_USER}/min per user ${settings.FRM_REDIS_URL ? 'on Redis' : 'in memory'}`;
    logger.info(
      { gateway: gateway.address },
      `gateway (gRPC-web and gRPC) on ${gateway.address}, intake at ${settings.FRM_INTAKE_GRPC_ADDRESS}, voting at ${settings.FRM_VOTING_GRPC_ADDRESS}, compliance at ${settings.FRM_COMPLIANCE_GRPC_ADDRESS}, notifications at ${settings.FRM_NOTIFICATIONS_GRPC_ADDRESS}, triage at ${settings.FRM_TRIAGE_GRPC_ADDRESS}, recovery at ${settings.FRM_DR_GRPC_ADDRESS}, ${limits}` +
        `${settings.FRM_WEB_ROOT ? `, web board from ${settings.FRM_WEB_ROOT}` : ''}`,
    );
    const stop = () =>
      gateway
        .close()
        .then(() => tracing.shutdown())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    logger.fatal({ err: error }, `cannot start: ${error instanceof Error ? error.message.replace(/\s*\n\s*/g, '; ') : String(error)}`);
    process.exit(1);
  }
}

void main();
