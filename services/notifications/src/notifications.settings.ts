import { defineSettings, logSettings, port, runModeSettings, secretText, text } from '@frm/config';
import { masterKeySettings } from '@frm/pii';

/** The environment the notifications service reads, alone (`npm run start:notifications`) or inside the launcher. */
export const notificationsSettings = defineSettings({
  ...runModeSettings,
  ...logSettings,
  FRM_NOTIFICATIONS_GRPC_HOST: text('127.0.0.1')
    .default('127.0.0.1')
    .describe('address the notifications gRPC service listens on; keep it private, as the gateway is the way in'),
  FRM_NOTIFICATIONS_GRPC_PORT: port().default(50054).describe('port of the notifications gRPC service (0 picks a free one)'),
  ...masterKeySettings,
  FRM_COMPLIANCE_GRPC_ADDRESS: text('127.0.0.1:50053')
    .optional()
    .describe("host:port of the compliance service, whose keys decrypt requests' titles; unset: titles are shown as stored, with a warning"),
  FRM_PAGE_TOKEN_SECRET: secretText(32)
    .optional()
    .describe('signs page tokens; give every replica the same one. Unset: a random key per process, so tokens end with it'),
});
