import { defineSettings, logSettings, port, runModeSettings, secretText, text, type RunModeSettings } from '@frm/config';
import { messagingSettings, serviceRelayFrom, type MessagingSettings } from '@frm/messaging';
import { masterKeySettings } from '@frm/pii';
import type { VotingRelayOptions } from './relay/vote-relay';

/** The environment the voting service reads, alone (`npm run start:voting`) or inside the launcher. */
export const votingSettings = defineSettings({
  ...runModeSettings,
  ...logSettings,
  // Read only when FRM_KAFKA_BROKERS is set: the relay of the server modes (see votingRelayFrom).
  ...messagingSettings,
  FRM_VOTING_GRPC_HOST: text('127.0.0.1')
    .default('127.0.0.1')
    .describe('address the voting gRPC service listens on; keep it private, as the gateway is the way in'),
  FRM_VOTING_GRPC_PORT: port().default(50052).describe('port of the voting gRPC service (0 picks a free one)'),
  FRM_VOTING_METRICS_PORT: port().optional().describe("port of the voting service's GET /metrics (RPC latency and codes, process); unset: no metrics listener"),
  FRM_SIGNAL_HASH_KEY: secretText(32)
    .optional()
    .describe('keys the hashes of client addresses and device fingerprints; give every replica the same one. Unset: kept in FRM_DATA_DIR/signal-hash-key'),
  ...masterKeySettings,
  FRM_COMPLIANCE_GRPC_ADDRESS: text('127.0.0.1:50053')
    .optional()
    .describe("host:port of the compliance service, whose keys encrypt the staff's review reasons; unset: stored as plaintext, with a warning"),
  FRM_PAGE_TOKEN_SECRET: secretText(32)
    .optional()
    .describe('signs page tokens; give every replica the same one. Unset: a random key per process, so tokens end with it'),
});

/** Whether voting relays its events to Kafka, and how (see serviceRelayFrom). */
export function votingRelayFrom(
  settings: Pick<RunModeSettings, 'FRM_DATABASE_URL' | 'FRM_KAFKA_BROKERS'> & MessagingSettings,
): VotingRelayOptions | undefined {
  return serviceRelayFrom('voting', settings);
}
