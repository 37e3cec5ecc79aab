import { defineSettings, logSettings, port, runModeSettings, secretText, text } from '@frm/config';
import { messagingSettings } from '@frm/messaging';
import { masterKeySettings } from '@frm/pii';
import { trendSettings } from '@frm/trend';

/** The environment the intake service reads, alone (`npm run start:intake`) or inside the launcher. */
export const intakeSettings = defineSettings({
  ...runModeSettings,
  ...logSettings,
  // Read only when FRM_KAFKA_BROKERS is set: the relay of the server modes (see intakeRelayFrom).
  ...messagingSettings,
  FRM_INTAKE_GRPC_HOST: text('127.0.0.1')
    .default('127.0.0.1')
    .describe('address the intake gRPC service listens on; keep it private, as the gateway is the way in'),
  FRM_INTAKE_GRPC_PORT: port().default(50051).describe('port of the intake gRPC service (0 picks a free one)'),
  FRM_INTAKE_METRICS_PORT: port().optional().describe("port of the intake service's GET /metrics (RPC latency and codes, process); unset: no metrics listener"),
  // FRM_TREND_HALF_LIFE: the `trending` sort ranks by triage's trend, with the same half-life.
  ...trendSettings,
  ...masterKeySettings,
  FRM_COMPLIANCE_GRPC_ADDRESS: text('127.0.0.1:50053')
    .optional()
    .describe('host:port of the compliance service, whose keys encrypt what people write; unset: stored as plaintext, with a warning'),
  FRM_PAGE_TOKEN_SECRET: secretText(32)
    .optional()
    .describe('signs page tokens; give every replica the same one. Unset: a random key per process, so tokens end with it'),
});
