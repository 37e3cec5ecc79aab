import { defineSettings, text } from '@frm/config';
import { gatewaySettings } from '@frm/gateway';
import { intakeSettings } from '@frm/intake';
import { votingSettings } from '@frm/voting';
import { complianceSettings } from '@frm/compliance';
import { notificationsSettings } from '@frm/notifications';
import { triageSettings } from '@frm/triage';
import { drOrchestratorSettings } from '@frm/dr-orchestrator';

/** Everything the one-process platform reads: each service's settings. */
export const launcherSettings = defineSettings({
  ...intakeSettings,
  ...votingSettings,
  ...complianceSettings,
  ...notificationsSettings,
  ...triageSettings,
  ...drOrchestratorSettings,
  ...gatewaySettings,
  // `npm start` builds the board into services/web/dist, and the gateway serves it from there.
  FRM_WEB_ROOT: text('services/web/dist')
    .optional()
    .describe('folder of the built web board the gateway serves at / (default: services/web/dist, once built)'),
});
