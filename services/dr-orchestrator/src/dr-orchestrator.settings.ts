import { defineSettings, duration, logSettings, port, runModeSettings, text } from '@frm/config';
import { messagingSettings } from '@frm/messaging';
import { masterKeySettings } from '@frm/pii';
import { freezeSettings } from '@frm/wedding-day-freeze';
import { backupSettings } from './backups/backup.settings';
import { DEFAULT_ABANDONED_COPY_AFTER_MS, DEFAULT_DR_ORCHESTRATOR_PORT } from './start-dr-orchestrator';

/** The environment the DR orchestrator reads, alone (`npm run start:dr`) or inside the launcher. */
export const drOrchestratorSettings = defineSettings({
  ...runModeSettings,
  ...logSettings,
  FRM_DR_GRPC_HOST: text('127.0.0.1').default('127.0.0.1').describe('address the DR orchestrator listens on; keep it private, as the gateway is the way in'),
  FRM_DR_GRPC_PORT: port().default(DEFAULT_DR_ORCHESTRATOR_PORT).describe('port of the DR orchestrator (0 picks a free one)'),
  FRM_DR_METRICS_PORT: port().optional().describe("port of the DR orchestrator's GET /metrics (backup ages); unset: no metrics listener"),
  FRM_DR_ABANDONED_AFTER: duration('60s')
    .default(DEFAULT_ABANDONED_COPY_AFTER_MS)
    .describe("a rebuild's copy not written for this long belongs to a process that died: dropped at start, taken over by the next rebuild"),
  ...freezeSettings,
  ...backupSettings,
  ...messagingSettings,
  ...masterKeySettings,
  FRM_COMPLIANCE_GRPC_ADDRESS: text('127.0.0.1:50053')
    .optional()
    .describe('host:port of the compliance service, whose keys decrypt what rebuilt projections read; unset: events as stored'),
});
