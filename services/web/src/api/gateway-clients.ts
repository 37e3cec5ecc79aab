import { createClient } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-web';
import { IntakeService } from '../gen/frm/v1/intake_service_pb';
import { NotificationService } from '../gen/frm/v1/notification_service_pb';
import { VotingService } from '../gen/frm/v1/voting_service_pb';
import { currentToken } from '../session/session-store';
import { deviceId } from './device-id';
import { bearerToken, deviceFingerprint } from './gateway.interceptors';

// The gateway serves the board, so its calls go to the page's own origin: no CORS involved.
const transport = createGrpcWebTransport({
  baseUrl: window.location.origin,
  useBinaryFormat: true,
  defaultTimeoutMs: 15_000,
  interceptors: [bearerToken(currentToken), deviceFingerprint(deviceId)],
});

export const intake = createClient(IntakeService, transport);
export const voting = createClient(VotingService, transport);
export const notifications = createClient(NotificationService, transport);
