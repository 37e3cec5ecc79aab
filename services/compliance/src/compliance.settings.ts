import { defineSettings, logSettings, port, positiveInt, runModeSettings, text, type RunMode, type RunModeSettings, type SettingsOf } from '@frm/config';
import { messagingSettings } from '@frm/messaging';
import { masterKeySettings } from '@frm/pii';

/** The environment the compliance service reads, alone (`npm run start:compliance`) or inside the launcher. */
export const complianceSettings = defineSettings({
  ...runModeSettings,
  ...logSettings,
  // Read only when FRM_KAFKA_BROKERS is set: the audit log's heads are then published to frm.audit.v1.
  ...messagingSettings,
  ...masterKeySettings,
  FRM_COMPLIANCE_GRPC_HOST: text('127.0.0.1')
    .default('127.0.0.1')
    .describe('address the compliance gRPC service listens on; keep it private, as the gateway is the way in'),
  FRM_COMPLIANCE_GRPC_PORT: port().default(50053).describe('port of the compliance gRPC service (0 picks a free one)'),
  FRM_COMPLIANCE_METRICS_PORT: port()
    .optional()
    .describe("port of the compliance service's Prometheus GET /metrics, on FRM_COMPLIANCE_GRPC_HOST (0 picks a free one; unset: not served)"),
  FRM_EXPORT_BULK_RECORDS: positiveInt(10_000_000, '1000')
    .default(1000)
    .describe('an export of more records than this is a bulk export: admin only, with a reason, limited per hour'),
  FRM_EXPORT_BULK_PER_HOUR: positiveInt(10_000, '10').default(10).describe('bulk exports one admin may make per hour'),
});

export type ComplianceSettings = SettingsOf<typeof complianceSettings>;

/** The run mode's kind from the storage settings alone (the master key's rule needs no more). */
export function runModeKindOf(settings: Pick<RunModeSettings, 'FRM_DATABASE_URL' | 'EVENTSTORE_CONNECTION_STRING'>): RunMode['kind'] {
  if (settings.EVENTSTORE_CONNECTION_STRING !== undefined) return 'distributed';
  return settings.FRM_DATABASE_URL !== undefined ? 'local-cluster' : 'embedded';
}
